"""Shared fixtures: the repository's own data, the seed articles beside it, small scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import store
from explorer.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "relations.yaml"
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def curated() -> Dataset:
    """The curated data file shipped in the repository."""
    return store.load(DATA)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """`../shared/seeds`: the two seed articles (third-party text, not in this repository)."""
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the seed articles live beside the repository")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """`../shared/eval/gold`: an analyst's annotation of the seed articles."""
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the gold annotation lives beside the repository")
    return path


@pytest.fixture
def write_yaml(tmp_path: Path):
    """Write YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "relations.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def ray_here():
    """One local Ray for the whole test session (2 workers, no dashboard, no usage stats),
    shut down at its end; corpus runs with engine="ray" use it as it is."""
    from explorer.corpus.on_ray import session

    with session(None, 2) as (ray, _, _):
        yield ray
