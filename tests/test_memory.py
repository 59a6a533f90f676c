"""Old data does not stay in memory: the Dataset, its views and everything computed from
them go when the file changes and the app reruns, and memory stays flat over many
edit-and-rerun cycles (bench/memory.py measures 200)."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

from streamlit.testing.v1 import AppTest

from explorer import review, store
from explorer.analysis import actor_table
from explorer.analysis.dyads import dyads
from explorer.graph import ViewParams, make_view
from explorer.model import Dataset

from .conftest import DATA
from .test_app import MAIN

PAGES = ["views/graph.py", "views/relations.py", "views/actors.py", "views/dyads.py",
         "views/changes.py", "views/review_queue.py"]


def _edit(path: Path, relation_id: str) -> None:
    dataset = store.load(path)
    value = 0.5 if dataset.relation(relation_id).confidence != 0.5 else 0.55
    review.edit(dataset, relation_id, {"confidence": value}, reviewer="test")


def _datasets(path: Path) -> list[Dataset]:
    """The Datasets of the data file at `path` alive in this process."""
    gc.collect()
    return [o for o in gc.get_objects()
            if isinstance(o, Dataset) and o.path is not None and Path(o.path) == path]


def test_derived_data_lives_as_long_as_its_dataset() -> None:
    dataset = store.load(DATA)
    view = make_view(dataset, ViewParams(project=True))
    actor_table(view), dyads(view)
    gone = weakref.ref(dataset), weakref.ref(view)
    del dataset, view
    gc.collect()
    assert [ref() for ref in gone] == [None, None]


def test_after_an_edit_and_a_rerun_the_previous_dataset_is_collected(monkeypatch, tmp_path):
    path = tmp_path / "relations.yaml"
    shutil.copyfile(DATA, path)
    monkeypatch.setenv("EXPLORER_DATA", str(path))
    at = AppTest.from_file(str(MAIN), default_timeout=120).run()
    assert not at.exception
    (before,) = _datasets(path)  # the graph page drew it: views, layout, measures
    previous = weakref.ref(before)
    del before
    _edit(path, "rus-prk-oil")
    at.run()
    assert not at.exception
    gc.collect()
    assert previous() is None
    (now,) = _datasets(path)
    assert now.relation("rus-prk-oil").confidence == 0.5


def test_memory_stays_flat_over_edit_and_rerun_cycles(monkeypatch, tmp_path):
    path = tmp_path / "relations.yaml"
    shutil.copyfile(DATA, path)
    monkeypatch.setenv("EXPLORER_DATA", str(path))
    at = AppTest.from_file(str(MAIN), default_timeout=120).run()
    alive = []
    for cycle in range(1, 37):
        _edit(path, "rus-prk-oil")
        at.switch_page(PAGES[cycle % len(PAGES)])
        at.run()
        assert not at.exception
        if cycle % 12 == 0:
            alive.append(len(_datasets(path)))
    # each page the session visited may keep the data of its last run until it is shown
    # again; nothing more accumulates
    assert max(alive) <= len(PAGES) and alive[-1] <= alive[0]


def test_no_session_keeps_a_dataset_or_view_between_runs(monkeypatch, tmp_path):
    """After each page's run, nothing in the session's state is a Dataset or a View, nor
    holds one in a container: twenty sessions share the one Dataset of the file."""
    from explorer.graph import View

    path = tmp_path / "relations.yaml"
    shutil.copyfile(DATA, path)
    monkeypatch.setenv("EXPLORER_DATA", str(path))
    at = AppTest.from_file(str(MAIN), default_timeout=120)
    at.run()

    def held(value, depth: int = 0) -> bool:
        if isinstance(value, Dataset | View):
            return True
        if depth < 3 and isinstance(value, dict):
            return any(held(v, depth + 1) for v in value.values())
        if depth < 3 and isinstance(value, list | tuple | set | frozenset):
            return any(held(v, depth + 1) for v in value)
        return depth < 3 and any(held(v, depth + 1) for v in getattr(value, "__dict__",
                                                                       {}).values())

    for page in PAGES:
        at.switch_page(page)
        at.run()
        assert not at.exception, page
        state = at.session_state.to_dict()
        assert state, page
        kept = [k for k, v in state.items() if held(v)]
        assert kept == [], (page, kept)
