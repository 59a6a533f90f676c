"""The shipped world reference and CAMEO cue lexicon are exactly what their build scripts make.

The scripts read ../shared/lexicons/petrarch2 (skipped where it is absent) and
well-kept packages (pycountry, country_converter); they are never run at run
time, only here, into a temporary folder.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

PETRARCH = SHARED / "lexicons" / "petrarch2"


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem + "_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def petrarch() -> Path:
    if not PETRARCH.is_dir():
        pytest.skip(f"{PETRARCH} is absent: the PETRARCH2 dictionaries live beside the "
                    "repository")
    return PETRARCH


def test_world_reference_is_what_the_build_script_makes(petrarch):
    build = _module(ROOT / "tools" / "reference" / "build.py")
    shipped = json.loads((ROOT / "explorer" / "reference" / "world.json").read_text("utf-8"))
    assert build.build(petrarch) == shipped


def test_cameo_lexicon_is_what_the_build_script_makes(petrarch):
    build = _module(ROOT / "tools" / "lexicon" / "build.py")
    shipped = json.loads((ROOT / "explorer" / "extract" / "cameo_cues.json").read_text("utf-8"))
    made = build.build(petrarch / "CAMEO.2.0.txt")
    assert made == shipped
    # every cue says where it came from, and only our ten types appear
    types = {"alliance", "meeting", "diplomatic_support", "military_support",
             "economic_support", "pressure", "sanctions", "threat", "armed_conflict", "rivalry"}
    assert all(c["source"].startswith("cameo ") and c["type"] in types for c in made["cues"])
