"""The code keeps its own rules: public APIs only, one home per name, every code documented.

Read with `ast`, so that what the rules forbid is found wherever it is written.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import explorer
from explorer.problems import REFUSALS
from explorer.review.plan import OUTCOMES

from .conftest import ROOT

SOURCES = sorted((ROOT / "explorer").rglob("*.py"))
NETWORKX_INTERNALS = {"_succ", "_pred", "_adj", "_node", "_fruchterman_reingold",
                      "_pagerank_python", "_sparse_fruchterman_reingold"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("path", [*SOURCES, *sorted((ROOT / "tests").glob("*.py")),
                                  *sorted((ROOT / "bench").glob("*.py"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_imported_or_reached_into(path: Path) -> None:
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            found += [f"from {node.module} import {a.name}" for a in node.names
                      if a.name.startswith("_")]
            if node.module and any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"from {node.module} import …")
        elif isinstance(node, ast.Attribute) and node.attr in NETWORKX_INTERNALS:
            found.append(f".{node.attr}")
    assert not found, found


def test_no_package_hides_a_module_behind_a_name() -> None:
    """`explorer.analysis.dyads` is the module, not a function of the same name."""
    hidden = []
    for info in pkgutil.walk_packages(explorer.__path__, "explorer."):
        if info.name.startswith("explorer.app"):
            continue  # pages run on import
        module = importlib.import_module(info.name)
        if info.ispkg:
            for child in pkgutil.iter_modules(module.__path__):
                if child.name in vars(module) and not isinstance(
                        vars(module)[child.name], type(module)):
                    hidden.append(f"{info.name}.{child.name}")
    assert not hidden, hidden


def test_no_module_keeps_data_in_a_cache_of_its_own() -> None:
    """Derived data is kept by the Dataset or the View it came from (`derived`)."""
    found = []
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Name) and node.id in ("lru_cache", "WeakKeyDictionary"):
                found.append(f"{path.relative_to(ROOT)}: {node.id}")
            if isinstance(node, ast.Attribute) and node.attr in ("freeze", "lru_cache") \
                    and "app" in path.parts:
                found.append(f"{path.relative_to(ROOT)}: .{node.attr}")
    # package files read once (the language model, the cue words): not derived data
    allowed = {"explorer/extract/pipeline.py: lru_cache", "explorer/extract/cues.py: lru_cache"}
    assert not [f for f in found if f not in allowed], found


def _docs(*names: str) -> str:
    return "\n".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in names)


def test_every_refusal_code_is_documented() -> None:
    text = _docs("errors.md")
    missing = [code for code in REFUSALS if f"`{code}`" not in text]
    assert not missing, f"docs/errors.md does not document: {missing}"


def test_every_review_outcome_is_documented() -> None:
    text = _docs("review.md")
    missing = [code for code in OUTCOMES if f"`{code}`" not in text]
    assert not missing, f"docs/review.md does not document: {missing}"


def test_every_refusal_raised_has_a_catalogued_code() -> None:
    """Each `code="…"` passed anywhere in the package is one of REFUSALS."""
    used = set()
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.keyword) and node.arg == "code" and \
                    isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                used.add(node.value.value)
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and [t.id for t in item.targets if
                                                         isinstance(t, ast.Name)] == ["code"]:
                        used.add(item.value.value)
    assert used <= set(REFUSALS), used - set(REFUSALS)
