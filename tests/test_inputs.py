"""Hostile inputs: alias bombs in every YAML read besides the data file, FIFOs, devices,
folders and links where a file is expected, links out of a scanned folder, articles of
millions of characters, one bad article in a batch.

Commands that could hang on a FIFO run in a subprocess with a timeout: a hang fails
the test instead of stopping the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from explorer import inputs, store
from explorer.extract import documents
from explorer.extract.documents import DocumentError, SourceMeta, collect, from_text, pieces
from explorer.extract.evaluate import load_gold
from explorer.extract.pipeline import Extraction, Extractor
from explorer.parse import MAX_GUARDED_REPLAY, GuardRefused, parse_guarded
from explorer.problems import REFUSALS
from tests import test_app

from .conftest import ROOT

app = test_app.app  # the AppTest fixture: an app on a data file of the test's choosing

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"
EXPLORER = Path(sys.executable).parent / "explorer"
GOOD = "Cordia sells oil to Avaria.\n"

#: A "billion laughs" of 8 levels (9**8 = 43 million strings through `*h`): 400 bytes.
LEVELS = "abcdefgh"
BOMB_YAML = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in pairwise(LEVELS)
) + "title: *h\n"
BOMB_ARTICLE = f"---\n{BOMB_YAML}---\n{GOOD}"


def explorer(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The `explorer` command in its own process; a hang fails the test (TimeoutExpired)."""
    return subprocess.run([str(EXPLORER), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})


def one_line_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# ------------------------------------------------------------------ alias bombs
def test_the_bomb_is_small_and_would_expand_to_millions():
    assert len(BOMB_ARTICLE.encode()) < 450 and BOMB_YAML.count("*") == 7 * 9 + 1


def test_guarded_reader_refuses_an_alias_bomb_with_its_line():
    with pytest.raises(GuardRefused) as info:
        parse_guarded(BOMB_YAML)
    problem = info.value.problem
    assert problem.code == "yaml-alias-limit" and f"{MAX_GUARDED_REPLAY:,}" in problem.message
    assert problem.line is not None and 2 <= problem.line <= 9


def test_guarded_reader_refuses_tags_nesting_and_size():
    with pytest.raises(GuardRefused) as tag:
        parse_guarded("title: !!python/object:os.system echo\n")
    assert tag.value.problem.code == "yaml-tag" and tag.value.line == 1
    with pytest.raises(GuardRefused) as deep:
        parse_guarded("title: " + "[" * 200 + "]" * 200 + "\n")
    assert deep.value.problem.code == "yaml-nesting-limit"
    with pytest.raises(GuardRefused) as big:
        parse_guarded("a: b\n" * 10, limit=20)
    assert big.value.problem.code == "file-too-large"
    # what it reads, it reads as the data file's parser does (YAML 1.2: NO is Norway)
    assert parse_guarded("id: NO\nn: 3\nd: 2024-05-01\n")["id"] == "NO"


def test_front_matter_bomb_is_refused_naming_the_file_and_line(tmp_path):
    path = tmp_path / "bomb.md"
    path.write_text(BOMB_ARTICLE, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        documents.read(path)
    assert info.value.code == "article-front-matter" and info.value.code in REFUSALS
    message = str(info.value)
    assert message.startswith(f"{path}: front matter refused at line ")
    assert "aliases expand to more than" in message and "\n" not in message


def test_front_matter_lists_are_not_titles():
    with pytest.raises(DocumentError, match="`title` is a list, not text"):
        from_text("---\ntitle: [a, b]\n---\nBody.\n")
    assert from_text("---\ntitle: Oil\npublished: 2024-05-01\n---\nBody.\n").meta.title == "Oil"


def test_extract_refuses_the_bomb_at_once_and_extracts_the_rest(tmp_path):
    (tmp_path / "bomb.md").write_text(BOMB_ARTICLE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    done = explorer("extract", str(tmp_path), "--data", str(FICTIONAL), "--format", "json")
    assert done.returncode == 1, done.stderr
    (error,) = one_line_errors(done.stderr)
    assert "bomb.md: front matter refused at line" in error
    assert [c["type"] for c in json.loads(done.stdout)["candidates"]] == ["economic_support"]
    assert "Traceback" not in done.stderr


def test_gold_file_bomb_is_refused(tmp_path):
    (tmp_path / "g.yaml").write_text(BOMB_YAML.replace("title:", "relations:"),
                                     encoding="utf-8")
    with pytest.raises(DocumentError, match=r"g\.yaml:\d+:\d+: aliases expand"):
        load_gold(tmp_path)


def test_pasting_the_bomb_in_add_article_says_why(app, write_yaml):
    at = app(write_yaml(FICTIONAL.read_text("utf-8")), "views/add_article.py")
    at.text_area(key="aa_text").input(BOMB_ARTICLE).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "front matter refused at line" in error and "aliases expand" in error


# ------------------------------------------------------- what is not a regular file
@pytest.fixture
def odd_paths(tmp_path) -> dict[str, Path]:
    """A FIFO, links to /dev/zero and /dev/urandom, a folder: each named like an article."""
    paths = {"fifo": tmp_path / "pipe.txt", "zero": tmp_path / "zero.txt",
             "urandom": tmp_path / "random.txt", "folder": tmp_path / "folder.txt"}
    os.mkfifo(paths["fifo"])
    paths["zero"].symlink_to("/dev/zero")
    paths["urandom"].symlink_to("/dev/urandom")
    paths["folder"].mkdir()
    return paths


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder"])
def test_read_bytes_refuses_at_once_what_is_not_a_regular_file(odd_paths, kind):
    with pytest.raises(inputs.Unreadable) as info:
        inputs.read_bytes(odd_paths[kind], 10**6)
    expected = {"fifo": "is a FIFO (named pipe), not a regular file",
                "zero": "is a device, not a regular file",
                "urandom": "is a device, not a regular file", "folder": "is a directory"}
    assert info.value.what == expected[kind]
    assert info.value.reason == ("directory" if kind == "folder" else "not-regular")


def test_read_bytes_never_reads_past_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    assert inputs.read_bytes(path, 101) == b"x" * 101
    with pytest.raises(inputs.Unreadable, match="101 bytes, over the 100-byte limit"):
        inputs.read_bytes(path, 100)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert inputs.read_bytes(link, 200) == b"x" * 101
    with pytest.raises(inputs.Unreadable) as info:
        inputs.read_bytes(link, 200, follow=False)
    assert info.value.reason == "link"


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_extract_names_each_odd_path_and_does_not_hang(odd_paths, kind):
    done = explorer("extract", str(odd_paths[kind]), "--data", str(FICTIONAL), timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (error,) = one_line_errors(done.stderr)
    assert str(odd_paths[kind]) in error and "not a regular file" in error


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder"])
def test_data_file_that_is_not_a_regular_file_is_refused(odd_paths, kind):
    done = explorer("validate", str(odd_paths[kind]), timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("is a directory" if kind == "folder" else "not a regular file") in done.stderr


def test_a_manifest_row_naming_a_folder_or_device_is_refused(odd_paths, tmp_path):
    from explorer.corpus.inputs import resolve

    manifest = tmp_path / "m.jsonl"
    manifest.write_text("".join(json.dumps({"path": p.name}) + "\n"
                                for p in odd_paths.values()), encoding="utf-8")
    items, errors = resolve([str(manifest)])
    assert not items and [e.code for e in errors] == ["article-not-a-file"] * 4


def test_a_fifo_in_a_folder_is_named_and_the_rest_extracted_and_written(tmp_path,
                                                                         write_yaml):
    data = write_yaml(FICTIONAL.read_text("utf-8"))
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    done = explorer("extract", str(folder), "--data", str(data), "--write", timeout=120)
    assert done.returncode == 1, done.stderr
    (error,) = one_line_errors(done.stderr)
    assert "pipe.txt" in error and "FIFO" in error
    assert "Cordia sells oil to Avaria." in data.read_text("utf-8")


def test_corpus_and_events_refuse_a_fifo_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"path": "pipe.txt"}) + "\n", encoding="utf-8")
    done = explorer("extract", str(manifest), str(fifo), "--out", str(tmp_path / "out"),
                    "--data", str(FICTIONAL), timeout=120)
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr
    events = tmp_path / "events.CSV"
    os.mkfifo(events)
    done = explorer("events", "import", str(events), "--format", "gdelt", "--store",
                    str(tmp_path / "events.duckdb"), timeout=120)
    assert done.returncode == 1 and "FIFO" in done.stderr, done.stderr


def test_a_fifo_manifest_is_refused(tmp_path):
    from explorer.corpus.inputs import resolve

    fifo = tmp_path / "m.jsonl"
    os.mkfifo(fifo)
    items, errors = resolve([str(fifo)])
    assert not items and [e.code for e in errors] == ["article-not-a-file"]


# ------------------------------------------------------- links out of a scanned folder
@pytest.fixture
def linked_folder(tmp_path) -> Path:
    """news/: an article, a link to a secret file outside, a link to a folder outside, a
    link to the article inside (harmless: the article is read itself)."""
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Borduria sells arms to Deltania.\n", "utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "private").symlink_to(outside)
    (folder / "again.txt").symlink_to(folder / "good.txt")
    return folder


def test_collect_skips_and_names_links_out_of_the_folder(linked_folder):
    files, errors = collect([linked_folder])
    assert [f.name for f in files] == ["good.txt"]
    assert sorted((Path(e.path).name, e.code) for e in errors) == [
        ("private", "article-link-skipped"), ("secret.txt", "article-link-skipped")]


def test_extract_write_never_quotes_a_linked_file(linked_folder, write_yaml):
    data = write_yaml(FICTIONAL.read_text("utf-8"))
    done = explorer("extract", str(linked_folder), "--data", str(data), "--write")
    assert done.returncode == 1, done.stderr
    errors = one_line_errors(done.stderr)
    assert len(errors) == 2 and all("symbolic link" in e for e in errors)
    written = data.read_text("utf-8")
    assert "Cordia sells oil to Avaria." in written and "Borduria sells arms" not in written


def test_corpus_skips_and_names_links_out_of_the_folder(linked_folder):
    from explorer.corpus.inputs import resolve

    items, errors = resolve([str(linked_folder), str(linked_folder.parent / "news" / "*.txt")])
    assert [Path(i.path).name for i in items] == ["good.txt"]
    assert {(Path(e.where).name, e.code) for e in errors} == {
        ("private", "article-link-skipped"), ("secret.txt", "article-link-skipped"),
        ("again.txt", "article-link-skipped")}


# ------------------------------------------------------------ very long articles
def long_article(paragraphs: int) -> tuple[str, list[str]]:
    """About 2,000 characters a paragraph; a relation sentence every 100 paragraphs."""
    filler = ("The committee met again to discuss the harvest, the weather and the roads "
              "of the northern provinces, and adjourned without a vote. ") * 14
    said = []
    out = []
    for i in range(paragraphs):
        if i % 100 == 50:
            sentence = f"Cordia sells oil to Avaria under contract {i}."
            said.append(sentence)
            out.append(f"{filler}{sentence}")
        else:
            out.append(filler)
    return "\n\n".join(out) + "\n", said


def test_pieces_cut_at_paragraphs_and_keep_offsets():
    text, _ = long_article(40)
    document = from_text(text, "long.txt")
    parts = pieces(document, 10_000)
    assert len(parts) > 5 and all(len(p.text) <= 10_000 for p in parts)
    assert "".join(p.text for p in parts) == text
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # paragraph ends
    assert all(text[p.base:p.base + len(p.text)] == p.text for p in parts)
    one_paragraph = from_text("A sentence here. " * 2000, "flat.txt")
    cut = pieces(one_paragraph, 10_000)
    assert all(p.text.endswith(". ") for p in cut[:-1])  # sentence ends, no paragraph


def test_an_article_of_a_million_characters_is_extracted_with_right_offsets(tmp_path):
    # 1.2 million characters, over spaCy's max_length; padded with spaces (few tokens),
    # so the parse takes seconds
    said = [f"Cordia sells oil to Avaria under contract {i}." for i in range(60)]
    text = "".join(f"Talks went on. {s}{' ' * 20_000}\n\n" for s in said)
    assert len(text) > 1_200_000
    path = tmp_path / "long.txt"
    path.write_text("---\ntitle: Long\n---\n" + text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    done = explorer("extract", str(tmp_path), "--data", str(FICTIONAL), "--format", "json",
                    timeout=600)
    assert done.returncode == 0, done.stderr
    whole = path.read_text("utf-8")
    found = [c for c in json.loads(done.stdout)["candidates"]
             if c["document"].endswith("long.txt")]
    # one relation stated 60 times, in several pieces: one candidate, every sentence
    assert len(found) == 1
    quotes = [found[0]["evidence"], *found[0]["more_evidence"]]
    assert sorted((q["start"], q["quote"]) for q in quotes) == sorted(
        (whole.index(s), s) for s in said)
    for ev in quotes:
        assert whole[ev["start"]:ev["end"]] == ev["quote"]


@Language.component("fails_on_boom")
def _fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("this article breaks the pipeline")
    return doc


def test_one_article_the_extractor_fails_on_does_not_stop_the_others(write_yaml):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fails_on_boom")
    extractor = Extractor(store.load(write_yaml(FICTIONAL.read_text("utf-8"))), nlp=nlp)
    docs = [from_text(t, f"{i}.txt") for i, t in enumerate(["One.", "BOOM.", "Three."])]
    results = list(extractor.extract_each(docs))
    assert [type(r) for r in results] == [Extraction, ValueError, Extraction]
    assert [r.document.path for r in results if isinstance(r, Extraction)] == ["0.txt", "2.txt"]


def test_a_pasted_text_over_the_limit_is_refused():
    with pytest.raises(DocumentError) as info:
        from_text("word " * 1_100_000, "pasted text", SourceMeta())
    assert info.value.code == "article-too-large"


def test_add_article_refuses_a_long_paste_with_a_message(app, write_yaml):
    at = app(write_yaml(FICTIONAL.read_text("utf-8")), "views/add_article.py")
    text, _ = long_article(600)
    at.text_area(key="aa_text").input("Long\n\n" + text).run()
    at.text_input(key="aa_title").set_value("Long").run()
    at.button(key="aa_extract").click().run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "characters" in error and "one article" in error


def test_evaluate_reads_an_article_longer_than_the_parser_takes(write_yaml, tmp_path,
                                                               monkeypatch):
    from explorer.extract.evaluate import evaluate
    from explorer.extract.pipeline import load_model

    nlp = load_model()
    monkeypatch.setattr(nlp, "max_length", 2_000)  # the article below is over it
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    text = "Talks went on for hours. " * 100 + "\n\nCordia sells oil to Avaria.\n"
    assert len(text) > nlp.max_length
    (articles / "long.txt").write_text(text, encoding="utf-8")
    (gold / "long.yaml").write_text("article: long\nrelations:\n  - {source: COR, "
                                    "target: AVA, type: economic_support}\n", encoding="utf-8")
    dataset = store.load(write_yaml(FICTIONAL.read_text("utf-8")))
    result = evaluate(gold, articles, dataset, extractor=Extractor(dataset, nlp=nlp))
    scores = result.typed["economic_support"]
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 0)
