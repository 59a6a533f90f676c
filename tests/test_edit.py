"""The write path: byte-identical round trips, minimal diffs, refusals, races, crashes, undo.

Every test writes real files in a temporary folder and reads them back through
the read path (`store.load`), which is the judge of what the file now says.
"""

from __future__ import annotations

import datetime as dt
import difflib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import edit, store
from explorer.edit import Draft, InvalidChange, LayoutError, NothingToUndo, StaleFileError

from .conftest import DATA, TEST_DATA

ODD = TEST_DATA / "review-odd-style.yaml"
STAMP = dt.datetime(2026, 1, 31, 9, 30, tzinfo=dt.UTC)


def copy(source: Path, folder: Path) -> Path:
    path = folder / "relations.yaml"
    shutil.copyfile(source, path)
    return path


def changed_lines(old: str, new: str) -> list[str]:
    """The diff as '-line' / '+line' strings, without context."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [d for d in diff if d[:1] in "+-" and not d.startswith(("---", "+++"))]


# ------------------------------------------------------------ round trips
@pytest.mark.parametrize("source", [DATA, ODD], ids=["curated", "odd-style"])
def test_a_save_with_no_change_gives_back_the_same_bytes(source: Path, tmp_path: Path) -> None:
    path = copy(source, tmp_path)
    before = path.read_bytes()
    dataset = store.load(path)
    draft = Draft(dataset)
    for r in dataset.relations:  # set every relation to the values it already has
        draft.update("relations", r.id, {"confidence": r.confidence, "type": r.type,
                                         "source": r.source})
    change = draft.commit("nothing")
    assert not change.changed and change.dataset is dataset
    assert path.read_bytes() == before
    assert not edit.history(path).entries  # nothing written, nothing recorded
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relations.yaml"]


@pytest.mark.parametrize("source", [DATA, ODD], ids=["curated", "odd-style"])
def test_every_relation_is_written_back_byte_for_byte(source: Path, tmp_path: Path) -> None:
    """Adding a key to a relation and removing it again restores the exact bytes: the
    editor reproduces each entry's comments, quotes and layout."""
    path = copy(source, tmp_path)
    original = path.read_bytes()
    for relation in store.load(path).relations:
        draft = Draft(store.load(path))
        draft.update("relations", relation.id, {"review_note": "checking"})
        added = draft.commit("note")
        assert added.changed
        assert changed_lines(original.decode(), path.read_text()) == [
            "+    review_note: checking"]
        draft = Draft(added.dataset)
        draft.update("relations", relation.id, drop=["review_note"])
        draft.commit("no note")
        assert path.read_bytes() == original, relation.id


def test_accepting_changes_only_that_relations_lines(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    old = path.read_text()
    draft = Draft(store.load(path))
    draft.update("relations", "aaa-ccc-economic_support",
                 {"status": "curated", "reviewed_by": "ana", "reviewed_at": STAMP})
    change = draft.commit("accepted")
    new = path.read_text()
    assert changed_lines(old, new) == [
        "-    status: extracted      # proposed by the extractor",
        "+    status: curated        # proposed by the extractor",  # the comment keeps its column
        "+    reviewed_by: ana",
        "+    reviewed_at: 2026-01-31T09:30:00Z",
    ]
    relation = store.load(path).relation("aaa-ccc-economic_support")
    assert relation.status == "curated" and relation.reviewed_at == STAMP
    assert change.dataset.relations == store.load(path).relations


def test_new_evidence_and_new_entries_follow_the_files_style(tmp_path: Path) -> None:
    path = copy(DATA, tmp_path)
    old = path.read_text()
    dataset = store.load(path)
    draft = Draft(dataset)
    draft.update("relations", "rus-prk-oil", extend={"evidence": [
        {"source": "bbc-2024-06-real-power", "quote": "A sentence we wrote: “oil”, 'gas'."}]})
    draft.append("actors", {"id": "FRA", "name": "France", "kind": "state",
                            "aliases": ["Paris", "French Republic"]})
    draft.append("relations", {"id": "fra-rus-pressure", "source": "FRA", "target": "RUS",
                               "type": "pressure", "status": "extracted", "confidence": 0.4,
                               "evidence": [{"source": "bbc-2024-06-real-power",
                                             "quote": "France urged Russia to stop."}]})
    change = draft.commit("three edits")
    assert changed_lines(old, path.read_text()) == [
        "+  - id: FRA", "+    name: France", "+    kind: state",
        "+    aliases: [Paris, French Republic]",
        "+      - source: bbc-2024-06-real-power",
        "+        quote: \"A sentence we wrote: “oil”, 'gas'.\"",
        "+",  # relations are separated by a blank line in this file
        "+  - id: fra-rus-pressure", "+    source: FRA", "+    target: RUS",
        "+    type: pressure", "+    status: extracted", "+    confidence: 0.4",
        "+    evidence:", "+      - source: bbc-2024-06-real-power",
        "+        quote: \"France urged Russia to stop.\"",
    ]
    reread = store.load(path)
    assert reread.relations == change.dataset.relations
    assert reread.actors == change.dataset.actors
    assert reread.relation("rus-prk-oil").evidence[-1].quote.endswith("'gas'.")
    assert len(change.lines) == 3  # three places written, reported by line


def test_an_actor_gains_an_alias_where_the_model_puts_it(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    old = path.read_text()
    draft = Draft(store.load(path))
    draft.update("actors", "CCC", extend={"aliases": ["Cordian Coast"]})
    draft.update("actors", "AAA", extend={"aliases": ["Avaria proper"]})
    change = draft.commit("aliases")
    assert changed_lines(old, path.read_text()) == [
        "-    aliases: [\"Avarian Republic\", 'the Republic']   # both quote styles",
        # the comment keeps its column where it can, one space after a longer line
        "+    aliases: [\"Avarian Republic\", 'the Republic', Avaria proper] # both quote styles",
        "+    aliases: [Cordian Coast]",
    ]
    lines = path.read_text().splitlines()
    assert lines[lines.index("+    aliases: [Cordian Coast]"[1:]) - 1] == "    kind: state"
    assert store.load(path).actors == change.dataset.actors
    assert store.load(path).actor("CCC").aliases == ("Cordian Coast",)


def test_appending_after_a_trailing_comment_keeps_the_comment_last(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    draft = Draft(store.load(path))
    draft.append("relations", {"id": "aaa-bbb-meeting", "source": "AAA", "target": "BBB",
                               "type": "meeting", "confidence": 0.9, "judgement": "Known."})
    draft.commit("new")
    text = path.read_text()
    assert text.endswith("    judgement: Known.\n\n# end of relations: add new ones above "
                         "this line\n")
    assert store.load(path).relation("aaa-bbb-meeting").type == "meeting"


@pytest.mark.parametrize("section", ["sources: []\n", ""], ids=["empty-flow", "missing"])
def test_adding_to_an_empty_or_missing_section(section: str, write_yaml) -> None:
    path = write_yaml("# a new file\nversion: 1\nactors:\n  - id: AAA\n    name: Avaria\n"
                      f"    kind: state\n{section}")
    draft = Draft(store.load(path))
    draft.append("sources", {"id": "gazette-1", "title": "A title: with a colon"})
    draft.commit("source")
    dataset = store.load(path)
    assert [s.title for s in dataset.sources] == ["A title: with a colon"]
    assert path.read_text().startswith("# a new file\nversion: 1\nactors:\n  - id: AAA\n")


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "relations.yaml"
    raw = b"\xef\xbb\xbf" + ODD.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    draft.commit("rejected")
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and new.count(b"\n") == new.count(b"\r\n")
    assert changed_lines(raw.decode("utf-8-sig"), new.decode("utf-8-sig")) == [
        "-    status: extracted", "+    status: rejected"]
    assert store.load(path).relation("bbb-aaa-threat").status == "rejected"


def test_anchors_make_the_whole_file_reread(write_yaml) -> None:
    """An alias elsewhere may point into the edited entry: the editor re-reads the
    whole result instead of the entry alone, and still writes only the entry."""
    path = write_yaml(
        "version: 1\nactors:\n  - {id: AAA, name: Avaria, kind: state}\n"
        "  - {id: BBB, name: Borduria, kind: state}\nsources:\n  - id: s1\n"
        "relations:\n  - id: r1\n    source: AAA\n    target: BBB\n    type: meeting\n"
        "    confidence: 0.5\n    attributes: &venue {venue: Geneva}\n    judgement: x\n"
        "  - id: r2\n    source: BBB\n    target: AAA\n    type: pressure\n"
        "    confidence: 0.5\n    attributes: *venue\n    judgement: y\n")
    old = path.read_text()
    draft = Draft(store.load(path))
    draft.update("relations", "r1", {"confidence": 0.7})
    change = draft.commit("edit")
    assert changed_lines(old, path.read_text()) == ["-    confidence: 0.5",
                                                    "+    confidence: 0.7"]
    assert store.load(path).relation("r2").attributes == {"venue": "Geneva"}
    assert change.dataset.relations == store.load(path).relations
    draft = Draft(change.dataset)  # the entry holding the alias cannot be read alone
    draft.update("relations", "r2", {"confidence": 0.7})
    with pytest.raises(LayoutError, match="alias"):
        draft.commit("edit")


def test_file_mode_is_kept(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    path.chmod(0o640)
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"confidence": 0.35})
    draft.commit("edit")
    assert path.stat().st_mode & 0o777 == 0o640


# ------------------------------------------------------------ refusals
def test_a_change_on_disk_since_the_read_is_refused(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    dataset = store.load(path)
    draft = Draft(dataset)
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    with path.open("a", encoding="utf-8") as handle:  # the analyst saves in an editor
        handle.write("# a comment saved in an editor\n")
    theirs = path.read_bytes()
    with pytest.raises(StaleFileError, match=r"changed on disk since it was read.*reload"):
        draft.commit("rejected")
    with pytest.raises(StaleFileError):
        Draft(dataset)  # reading from the old Dataset is refused at once too
    assert path.read_bytes() == theirs


def test_a_save_by_an_editor_during_the_write_is_not_overwritten(tmp_path: Path,
                                                                 monkeypatch) -> None:
    path = copy(ODD, tmp_path)
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    theirs = ODD.read_text() + "# saved while the explorer was writing\n"

    def editor_saves(stage: str, temp: Path) -> None:  # an editor writes the file in place
        if stage == "before-rename":
            with path.open("w", encoding="utf-8") as handle:
                handle.write(theirs)

    monkeypatch.setattr(edit.files, "checkpoint", editor_saves)
    with pytest.raises(StaleFileError, match="saved by another program"):
        draft.commit("rejected")
    assert path.read_text() == theirs
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_held_lock_makes_the_write_wait_then_give_up(tmp_path: Path, monkeypatch) -> None:
    import fcntl

    path = copy(ODD, tmp_path)
    before = path.read_bytes()
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    monkeypatch.setattr(edit.files, "LOCK_TIMEOUT", 0.2)
    with (tmp_path / ".relations.yaml.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another writer is busy
        with pytest.raises(edit.BusyError, match="another write"):
            draft.commit("rejected")
    assert path.read_bytes() == before
    draft.commit("rejected")  # once the lock is free, the write goes through
    assert store.load(path).relation("bbb-aaa-threat").status == "rejected"


def test_an_invalid_result_is_refused_with_located_errors(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    before = path.read_bytes()
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"confidence": 1.5, "target": "ZZZ"})
    with pytest.raises(InvalidChange) as caught:
        draft.commit("bad")
    found = {(p.code, p.path, p.line) for p in caught.value.problems}
    line = before.decode().splitlines().index("    confidence: 0.3") + 1
    target = before.decode().splitlines().index("    target: AAA", line - 6) + 1
    assert ("confidence-range", "relations[4].confidence", line) in found
    assert ("unknown-actor", "relations[4].target", target) in found
    assert all(p.file == str(path) for p in caught.value.problems)
    assert "nothing was written" in str(caught.value)
    assert path.read_bytes() == before


def test_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    draft = Draft(store.load(path))
    draft.append("relations", {"id": "bbb-aaa-threat", "source": "AAA", "target": "BBB",
                               "type": "threat", "confidence": 0.2, "judgement": "again"})
    with pytest.raises(InvalidChange) as caught:
        draft.commit("duplicate")
    assert [p.code for p in caught.value.problems] == ["duplicate-id"]
    assert caught.value.problems[0].line is not None


def test_a_flow_style_section_is_refused_not_rewritten(write_yaml) -> None:
    path = write_yaml("version: 1\nactors: [{id: AAA, name: Avaria, kind: state}]\n")
    draft = Draft(store.load(path))
    draft.append("actors", {"id": "BBB", "name": "Borduria", "kind": "state"})
    with pytest.raises(LayoutError, match="flow style"):
        draft.commit("new actor")


# ------------------------------------------------------------ concurrency
def _racer(path: str, relation_id: str, barrier, results, retry: bool) -> None:
    from explorer import edit, review, store

    # widen the window between the check and the rename
    edit.files.checkpoint = lambda stage, p: time.sleep(0.3) if stage == "before-rename" else None
    for _ in range(10):
        dataset = store.load(path)
        barrier.wait()
        try:
            review.accept(dataset, relation_id, reviewer=relation_id)
            results.put(("ok", relation_id))
            return
        except edit.StaleFileError:
            if not retry:
                results.put(("refused", relation_id))
                return
        barrier = _NoBarrier()
    results.put(("gave up", relation_id))


class _NoBarrier:
    def wait(self) -> None:
        pass


def _race(path: Path, ids: list[str], retry: bool) -> list[tuple[str, str]]:
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(ids)), context.Queue()
    workers = [context.Process(target=_racer, args=(str(path), i, barrier, results, retry))
               for i in ids]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return sorted(results.get(timeout=5) for _ in ids)


def test_two_writers_racing_one_wins_one_is_refused(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    ids = ["bbb-ccc-border_dispute", "aaa-ccc-economic_support"]
    outcome = _race(path, ids, retry=False)
    assert [o for o, _ in outcome] == ["ok", "refused"]
    winner = next(i for o, i in outcome if o == "ok")
    loser = next(i for o, i in outcome if o == "refused")
    dataset = store.load(path)  # valid
    assert dataset.relation(winner).status == "curated"
    assert dataset.relation(winner).reviewed_by == winner
    assert dataset.relation(loser).status == "extracted"


def test_two_writers_that_reload_on_refusal_both_get_their_change(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    ids = ["bbb-ccc-border_dispute", "aaa-ccc-economic_support"]
    assert [o for o, _ in _race(path, ids, retry=True)] == ["ok", "ok"]
    dataset = store.load(path)
    assert [dataset.relation(i).status for i in ids] == ["curated", "curated"]


CRASHING_WRITER = textwrap.dedent("""
    import sys, time
    from explorer import edit, review, store
    dataset = store.load(sys.argv[1])
    def pause(stage, temp):
        if stage == "before-rename":
            print(temp, flush=True)
            time.sleep(120)
    edit.files.checkpoint = pause
    review.accept(dataset, "bbb-ccc-border_dispute", reviewer="crash")
""")


def test_a_writer_killed_between_write_and_rename_leaves_the_old_file(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    before = path.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", CRASHING_WRITER, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        temp = Path(writer.stdout.readline().strip())
        assert temp.parent == path.parent, writer.stderr.read()
        assert b"status: curated" in temp.read_bytes()  # the new version is fully written
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(10)
    assert writer.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert store.load(path).relation("bbb-ccc-border_dispute").status == "extracted"
    with pytest.raises(NothingToUndo):  # no record of a version that never landed
        edit.undo(path)
    # the lock died with the writer; the next write goes through and sweeps the leftover
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-ccc-border_dispute", {"status": "curated"})
    draft.commit("accepted")
    assert not temp.exists()
    assert store.load(path).relation("bbb-ccc-border_dispute").status == "curated"


# ------------------------------------------------------------------- undo
def test_undo_restores_the_previous_version_and_redo_puts_it_back(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    original = path.read_bytes()
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    change = draft.commit("rejected bbb-aaa-threat", by="ana")
    changed = path.read_bytes()
    history = edit.history(path)
    assert [(e.summary, e.by) for e in history.entries] == [("rejected bbb-aaa-threat", "ana")]
    assert history.undoable == history.entries[0] and history.redoable is None
    undone = edit.undo(path, change.after)
    assert path.read_bytes() == original
    assert undone.summary == "undid: rejected bbb-aaa-threat"
    assert undone.dataset.relations == store.load(path).relations
    assert undone.after == store.load(path).digest
    history = edit.history(path)
    assert history.undoable is None and history.redoable.summary == "rejected bbb-aaa-threat"
    with pytest.raises(NothingToUndo):  # undo again does not redo
        edit.undo(path)
    assert path.read_bytes() == original
    redone = edit.redo(path)
    assert redone.summary == "redid: rejected bbb-aaa-threat"
    assert path.read_bytes() == changed
    with pytest.raises(edit.NothingToRedo):
        edit.redo(path)


def test_undo_refuses_to_drop_a_later_edit(tmp_path: Path) -> None:
    path = copy(ODD, tmp_path)
    draft = Draft(store.load(path))
    draft.update("relations", "bbb-aaa-threat", {"status": "rejected"})
    draft.commit("rejected")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# saved in an editor afterwards\n")
    theirs = path.read_bytes()
    with pytest.raises(StaleFileError, match="would throw that later edit away"):
        edit.undo(path)
    assert path.read_bytes() == theirs


def test_nothing_to_undo(tmp_path: Path) -> None:
    with pytest.raises(NothingToUndo):
        edit.undo(copy(ODD, tmp_path))


# ------------------------------------------------- generated documents
WORDS = ["pact", "oil", "grain", "talks", "envoy", "border", "summit", "aid"]
QUOTE_CHARS = "abcdefXYZ '\":#-–“”é&*,.[]{}%@`|>"


def _scalar(draw, text: str) -> str:
    styles = ["single", "double"]
    if text.replace(" ", "").isalpha() and text == text.strip():
        styles.append("plain")
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def documents(draw) -> tuple[str, list[str], dict[str, tuple[int, int]]]:
    """A valid data file in a random style, its relation ids, and each relation's lines
    (0-based, first and last), computed while writing it."""
    lines: list[str] = []

    def comment(indent: int) -> None:
        if draw(st.booleans()):
            lines.append(" " * indent + "# " + draw(st.sampled_from(WORDS)))
        if draw(st.booleans()):
            lines.append("")

    def eol() -> str:
        return draw(st.sampled_from(["", "", "  # " + draw(st.sampled_from(WORDS))]))

    comment(0)
    lines.append("version: 1" + eol())
    comment(0)
    actors = ["AAA", "BBB", "CCC", "DDD"][: draw(st.integers(2, 4))]
    lines.append("actors:")
    for actor in actors:
        lines.append(f"  - id: {actor}")
        lines.append(f"    name: {_scalar(draw, 'Land ' + actor)}" + eol())
        lines.append("    kind: state")
        if draw(st.booleans()):
            alias = _scalar(draw, draw(st.sampled_from(WORDS)) + " " + actor)
            if draw(st.booleans()):
                lines.append(f"    aliases: [{alias}]")
            else:
                lines += ["    aliases:", f"      - {alias}"]
        comment(2)
    lines += ["sources:", "  - id: src-1", f"    title: {_scalar(draw, 'A title')}"]
    comment(0)
    lines.append("relations:")
    ids: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    for n in range(draw(st.integers(1, 5))):
        comment(draw(st.sampled_from([0, 2])))
        source, target = draw(st.permutations(actors))[:2]
        relation_id = f"r{n}"
        quote = draw(st.text(QUOTE_CHARS, min_size=1, max_size=30).filter(str.strip))
        fields = {
            "id": relation_id, "source": source, "target": target,
            "type": draw(st.sampled_from(["alliance", "pressure", "threat"])),
            "confidence": draw(st.sampled_from(["0.5", ".5", "0.25", "1", "0"])),
        }
        if draw(st.booleans()):
            fields["status"] = draw(st.sampled_from(["curated", "extracted", "rejected"]))
        if draw(st.booleans()):
            fields["summary"] = _scalar(draw, draw(st.sampled_from(WORDS)) + " deal")
        keys = list(fields)
        if draw(st.booleans()):
            keys = draw(st.permutations(keys))
        first = len(lines)
        evidence_at = draw(st.integers(0, len(keys)))
        for i, key in enumerate(keys):
            if i == evidence_at:
                lines.append("    evidence:")
                if draw(st.booleans()):
                    lines.append(f"      - {{source: src-1, quote: {_scalar(draw, quote)}}}")
                else:
                    lines += ["      - source: src-1", f"        quote: {_scalar(draw, quote)}"]
            if i > 0 and draw(st.booleans()):
                lines.append("    # " + draw(st.sampled_from(WORDS)))
            lines.append(f"    {key}: {fields[key]}" + eol())
        if evidence_at == len(keys):
            lines += ["    evidence:", "      - source: src-1",
                      f"        quote: {_scalar(draw, quote)}"]
        lines[first] = "  - " + lines[first][4:] if lines[first].startswith("    ") else \
            lines[first]
        spans[relation_id] = (first, len(lines) - 1)
        ids.append(relation_id)
    comment(0)
    return "\n".join(lines) + "\n", ids, spans


def _check_minimal(old: str, new: str, span: tuple[int, int]) -> None:
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert span[0] <= i1 and i2 <= span[1] + 1, (tag, i1, i2, span)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents(), data=st.data())
def test_generated_documents_round_trip_and_edit_minimally(document, data) -> None:
    text, ids, spans = document
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "relations.yaml"
        path.write_text(text, encoding="utf-8")
        dataset = store.load(path)
        assert [r.id for r in dataset.relations] == ids
        # a save with no change gives back the same bytes
        draft = Draft(dataset)
        for r in dataset.relations:
            draft.update("relations", r.id, {"confidence": r.confidence, "type": r.type})
        assert not draft.commit("nothing").changed
        assert path.read_text(encoding="utf-8") == text
        # an accept changes only that relation's lines, and says what the file now says
        chosen = data.draw(st.sampled_from(ids))
        draft = Draft(dataset)
        draft.update("relations", chosen, {"status": "curated", "reviewed_by": "ana",
                                           "reviewed_at": STAMP})
        change = draft.commit("accept")
        accepted = path.read_text(encoding="utf-8")
        _check_minimal(text, accepted, spans[chosen])
        reread = store.load(path)
        assert reread.relations == change.dataset.relations
        assert reread.actors == change.dataset.actors
        assert reread.relation(chosen).status == "curated"
        assert [r for r in reread.relations if r.id != chosen] == \
            [r for r in dataset.relations if r.id != chosen]
        # adding a key and removing it again restores the bytes
        draft = Draft(reread)
        draft.update("relations", chosen, {"review_note": "why"})
        draft = Draft(draft.commit("note").dataset)
        draft.update("relations", chosen, drop=["review_note"])
        draft.commit("no note")
        assert path.read_text(encoding="utf-8") == accepted
