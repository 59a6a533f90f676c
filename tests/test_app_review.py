"""The review pages driven headlessly (AppTest) on temporary copies of a data file:
Add article (paste or upload, source, extraction, Accept / Edit / Reject, new actors),
the Review queue, the sidebar's count and Undo, a concurrent change on disk, and an
article full of script payloads. The articles are sentences this test writes about
the fictional actors of tests/data/extract-fictional.yaml."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import edit, review, store
from explorer.app.ui import md
from explorer.candidates import Candidate
from tests import test_app
from tests.test_app import no_failure, texts

app = test_app.app  # the AppTest fixture: an app on a data file of the test's choosing

FICTIONAL = (Path(__file__).parent / "data" / "extract-fictional.yaml").read_text("utf-8")
ADD = "views/add_article.py"
QUEUE = "views/review_queue.py"

ARTICLE = """Grain for Deltania, a blockade for Borduria

Avaria will ship grain to Deltania under a deal signed on Tuesday, officials said.
Borduria imposed sanctions on Deltania after the vote.
Cordia threatened Borduria with a naval blockade.
Mark Zelnik, a trader from Szohod, sent rifles to Cordia.
Anna Avarova met Boris Bord in Szohod on Friday.
"""
GRAIN = "Avaria will ship grain to Deltania under a deal signed on Tuesday, officials said."
SANCTIONS = "Borduria imposed sanctions on Deltania after the vote."
BLOCKADE = "Cordia threatened Borduria with a naval blockade."
RIFLES = "Mark Zelnik, a trader from Szohod, sent rifles to Cordia."
MEETING = "Anna Avarova met Boris Bord in Szohod on Friday."


@pytest.fixture
def data(write_yaml) -> Path:
    return write_yaml(FICTIONAL)


@pytest.fixture(autouse=True)
def reviewer(monkeypatch):
    monkeypatch.setenv("EXPLORER_REVIEWER", "env-analyst")


def extract(at: AppTest, text: str = ARTICLE, **fields: str) -> AppTest:
    """Paste `text`, fill source fields (`aa_title`…), run the extractor."""
    at.text_area(key="aa_text").input(text).run()
    for key, value in fields.items():
        widget = at.selectbox(key=key) if key in ("aa_reliability", "aa_derived") \
            else at.text_input(key=key)
        widget.set_value(value).run()
    at.button(key="aa_extract").click().run()
    no_failure(at)
    return at


def card(at: AppTest, quote: str) -> str:
    """The widget key prefix of the candidate card whose sentence is `quote`."""
    result = at.session_state["aa_result"]
    (index,) = [i for i, c in enumerate(result.extraction.candidates) if c.quote == quote]
    return f"aa{result.run}_{index}"


def relation_with_quote(path: Path, quote: str):
    (found,) = [r for r in store.load(path).relations
                if any(e.quote == quote for e in r.evidence)]
    return found


# --------------------------------------------------------------- Add article
def test_accept_and_reject_from_a_pasted_article(app, data):
    at = app(data, ADD)
    no_failure(at)
    assert at.sidebar.button(key="undo").disabled  # nothing written yet
    extract(at, aa_publisher="The Avar Wire", aa_published="2024-05-02",
            aa_reliability="C", aa_url="https://wire.example/grain")
    assert at.text_input(key="aa_id").value == "grain-for-deltania-a-blockade-for-borduria"
    shown = texts(at)
    assert "> " + md(GRAIN) in shown and "**Avaria** → **Deltania** · Economic support" in shown
    assert "asserted · confidence 0\\.72" in shown and "commodity\\: grain" in shown
    extraction_run = at.session_state["aa_result"].run
    at.sidebar.text_input(key="reviewer").input("ana").run()

    at.button(key=f"{card(at, GRAIN)}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, GRAIN)
    assert (relation.source, relation.target, relation.type) == ("AVA", "DEL", "economic_support")
    assert relation.status == "curated" and relation.reviewed_by == "ana"
    assert relation.reviewed_at is not None
    assert [e.source for e in relation.evidence] == ["grain-for-deltania-a-blockade-for-borduria"]
    dataset = store.load(data)
    source = dataset.source("grain-for-deltania-a-blockade-for-borduria")
    assert (source.title, source.publisher, source.published, source.reliability, source.url) \
        == ("Grain for Deltania, a blockade for Borduria", "The Avar Wire",
            dt.date(2024, 5, 2), "C", "https://wire.example/grain")
    assert "reviewed_by: ana\n" in data.read_text("utf-8")
    assert any(md("Accepted as the new curated relation ava-del-economic_support.") in s.value
               for s in at.success)

    key = card(at, SANCTIONS)
    at.text_input(key=f"{key}_reason").input("a vote is not a sanction").run()
    at.button(key=f"{key}_reject").click().run()
    no_failure(at)
    rejected = relation_with_quote(data, SANCTIONS)
    assert rejected.status == "rejected" and rejected.review_note == "a vote is not a sanction"
    assert rejected.reviewed_by == "ana"
    # the clicks used the extraction kept in the session: spaCy did not run again
    assert at.session_state["aa_result"].run == extraction_run
    assert not [b for b in at.button if b.key in (f"{key}_accept", f"{key}_reject")]
    assert any(md("Rejected: kept in the file as bor-del-sanctions (status rejected)") in i.value
               for i in at.info)


def test_edit_then_accept_changes_the_type(app, data):
    at = extract(app(data, ADD))
    key = card(at, BLOCKADE)
    at.toggle(key=f"{key}_edit").set_value(True).run()
    assert at.selectbox(key=f"{key}_e_type").value == "threat"
    at.selectbox(key=f"{key}_e_type").set_value("pressure")
    at.selectbox(key=f"{key}_e_modality").set_value("hedged")
    at.number_input(key=f"{key}_e_confidence").set_value(0.55)
    at.text_input(key=f"{key}_e_summary").input("Cordia leans on Borduria at sea.")
    at.text_input(key=f"{key}_e_since").input("2024-05")
    at.button(key=f"{key}_accept_edited").click().run()
    no_failure(at)
    relation = relation_with_quote(data, BLOCKADE)
    assert (relation.id, relation.type, relation.status) == ("cor-bor-pressure", "pressure",
                                                             "curated")
    assert (relation.modality, relation.confidence) == ("hedged", 0.55)
    assert relation.summary == "Cordia leans on Borduria at sea."
    assert relation.since == dt.date(2024, 5, 1)
    assert relation.reviewed_by == "env-analyst"  # no name in the field: the environment's


def test_an_invalid_edit_shows_the_validators_located_problem(app, data):
    before = data.read_bytes()
    at = extract(app(data, ADD))
    key = card(at, BLOCKADE)
    at.toggle(key=f"{key}_edit").set_value(True).run()
    at.text_input(key=f"{key}_e_since").input("2024-13-45")
    at.button(key=f"{key}_accept_edited").click().run()
    assert not at.exception
    assert any("would make the data file invalid" in e.value for e in at.error)
    (problems,) = [c.value for c in at.code]
    assert f"{data}:" in problems and "since" in problems and "error[" in problems
    assert data.read_bytes() == before


def test_new_actors_added_or_mapped(app, data):
    at = extract(app(data, ADD))
    run = at.session_state["aa_result"].run
    # Anna Avarova is Ana Avar under another spelling: map her
    assert "**Anna Avarova \\(new\\)** — **Boris Bord** · Meeting" in texts(at)
    meeting = card(at, MEETING)
    assert at.button(key=f"{meeting}_accept").disabled  # an end is still only proposed
    at.selectbox(key=f"aa{run}_actor_anna-avarova_onto").set_value("ana-avar").run()
    at.button(key=f"aa{run}_actor_anna-avarova_map").click().run()
    no_failure(at)
    assert "**Ana Avar** — **Boris Bord** · Meeting" in texts(at)
    at.button(key=f"{meeting}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, MEETING)
    assert {relation.source, relation.target} == {"ana-avar", "boris-bord"}
    assert not store.load(data).has_actor("anna-avarova")

    # Mark Zelnik is new: add him, with an alias and the state he acts for
    prefix = f"aa{run}_actor_mark-zelnik"
    at.text_input(key=f"{prefix}_aliases").input("Zelnik, M. Zelnik")
    at.selectbox(key=f"{prefix}_represents").set_value("BOR")
    at.button(key=f"{prefix}_add").click().run()
    no_failure(at)
    actor = store.load(data).actor("mark-zelnik")
    assert (actor.name, actor.kind, actor.aliases, actor.represents) == (
        "Mark Zelnik", "person", ("Zelnik", "M. Zelnik"), "BOR")
    at.button(key=f"{card(at, RIFLES)}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, RIFLES)
    assert (relation.source, relation.target, relation.type) == ("mark-zelnik", "COR",
                                                                 "military_support")


def test_accepting_a_known_claim_adds_the_quote_as_evidence(app, data):
    quote = "Avaria and Borduria renewed their alliance in March."
    again = "Cordia imposed new sanctions on Avaria in June."
    at = extract(app(data, ADD), f"Pact renewed.\n\n{quote}\n{again}\n")
    shown = texts(at)
    assert "The data already holds this claim as ava\\-bor\\-alliance" in shown
    assert "This claim was rejected before as cor\\-ava\\-sanctions" in shown
    at.button(key=f"{card(at, quote)}_accept").click().run()
    no_failure(at)
    relation = store.load(data).relation("ava-bor-alliance")
    assert [e.quote for e in relation.evidence][-1] == quote
    assert relation.evidence[-1].source == "pact-renewed"
    assert len(store.load(data).relations) == 2  # no new relation
    assert any(md("the quote is now evidence of ava-bor-alliance (curated)") in s.value
               for s in at.success)


GAZETTE_QUOTES = [
    "Avaria and Borduria signed a defence pact on Monday after two days of talks in Szohod.",
    "The Avarian president said the treaty would protect both countries from Cordian pressure.",
    "Bordurian officials promised more grain exports to Avaria from the spring harvest.",
    "Cordia's foreign ministry said on Tuesday that the pact threatened regional stability.",
]


def test_known_source_and_near_copy_are_recognised(app, write_yaml):
    extra = "".join(f"\n      - source: gazette-1\n        quote: \"{q}\"" for q in GAZETTE_QUOTES)
    data = write_yaml(FICTIONAL.replace(
        "        quote: Avaria and Borduria signed a defence pact.",
        "        quote: Avaria and Borduria signed a defence pact." + extra))
    # a text holding the quotes the data keeps of gazette-1 is that article
    same = "The gazette\n\n" + "\n".join(GAZETTE_QUOTES) + ("\nCordia imposed sanctions on "
                                                             "Avaria.\n")
    at = app(data, ADD)
    at.text_area(key="aa_text").input(same).run()
    no_failure(at)
    assert at.text_input(key="aa_id").value == "gazette-1"
    assert any("a source already in the data" in i.value for i in at.info)
    # a rewrite of them: suggested as derived from gazette-1, the shared sentences shown
    near = ("Echo\n\nAfter two days of talks in Szohod, Avaria and Borduria signed a defence "
            "pact on Monday.\nThe treaty will protect both countries from Cordian pressure, the "
            "Avarian president said.\nMore grain exports from the spring harvest were promised "
            "to Avaria by Bordurian officials.\nOn Tuesday Cordia's foreign ministry said the "
            "pact was a threat to regional stability.\n")
    at.text_area(key="aa_text").input(near).run()
    no_failure(at)
    assert at.text_input(key="aa_id").value == "echo"
    assert at.selectbox(key="aa_derived").value == "gazette-1"
    (told,) = [i.value.replace("\\", "") for i in at.info if "nearly copies" in i.value]
    assert "shared sentence(s), e.g." in told and "Szohod" in told
    at.selectbox(key="aa_derived").set_value("").run()
    assert at.selectbox(key="aa_derived").value == ""
    # one sentence of it is too short to tell a copy from a report of the same fact
    at.text_area(key="aa_text").input("Note\n\n" + GAZETTE_QUOTES[0].replace("on Monday", "")
                                      ).run()
    no_failure(at)
    assert at.selectbox(key="aa_derived").value == ""
    assert not any("nearly copies" in i.value for i in at.info)


def test_upload_of_an_html_page_reads_its_article(app, data):
    page = ("<html><head><title>Avar Wire: grain deal</title>"
            "<script>window.__pwned = 1</script></head><body><nav>Home | World</nav>"
            "<article><h1>Grain deal</h1><p>" + GRAIN + " The deal runs for three years "
            "and covers wheat and barley from the southern provinces of the country.</p>"
            "<p>" + SANCTIONS + " Officials in Szohod said the measures would stay.</p>"
            "</article></body></html>").encode()
    at = app(data, ADD)
    at.radio(key="aa_mode").set_value("Upload a file").run()
    at.file_uploader(key="aa_file").set_value(("wire.html", page, "text/html")).run()
    no_failure(at)
    at.button(key="aa_extract").click().run()
    no_failure(at)
    result = at.session_state["aa_result"]
    assert "window.__pwned" not in result.extraction.document.text
    assert {c.quote for c in result.extraction.candidates} >= {GRAIN, SANCTIONS}


def test_an_unreadable_upload_is_a_clear_message(app, data):
    at = app(data, ADD)
    at.radio(key="aa_mode").set_value("Upload a file").run()
    at.file_uploader(key="aa_file").set_value(("notes.txt", b"\x00\x01binary", "text/plain"))
    at.run()
    assert not at.exception
    assert any("notes\\.txt" in e.value and "binary" in e.value for e in at.error)


def test_script_payloads_in_an_article_show_as_text(app, data):
    payloads = ["<script>window.__pwned='a'</script>",
                "<img src=x onerror=\"window.__pwned='b'\">",
                "<a href=\"javascript:alert(1)\">click</a>"]
    text = (f"Wire {payloads[0]}\n\n{payloads[1]} Avaria will ship grain to Deltania, "
            f"officials said. {payloads[2]}\n")
    at = app(data, ADD)
    at.radio(key="aa_mode").set_value("Upload a file").run()
    at.file_uploader(key="aa_file").set_value(("payload.md", text.encode(), "text/markdown"))
    at.run()
    at.button(key="aa_extract").click().run()
    no_failure(at)
    article = at.get("html")[-1].proto.body
    for payload in payloads:
        assert payload not in article
        assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
            .replace('"', "&quot;").replace("'", "&#x27;") in article
    assert "<script" not in article and "<img" not in article and "<a " not in article
    shown = texts(at)
    assert "<script" not in shown and "<img" not in shown
    (quote,) = [c.quote for c in at.session_state["aa_result"].extraction.candidates]
    assert "onerror" in quote and "> " + md(quote) in shown  # the payload, as text
    assert at.text_input(key="aa_title").value == f"Wire {payloads[0]}"


# --------------------------------------------------- errors, undo, the sidebar
def test_a_concurrent_change_on_disk_is_refused_and_kept(app, data):
    at = extract(app(data, ADD))
    key = card(at, GRAIN)
    # the analyst saves the file in their editor between the page's load and the click
    theirs = data.read_text("utf-8").replace("actors:\n", "actors:  # checked by hand\n", 1)
    data.write_text(theirs, encoding="utf-8")
    at.button(key=f"{key}_accept").click().run()
    assert not at.exception
    assert any("changed on disk" in e.value for e in at.error)
    assert data.read_text("utf-8") == theirs
    assert not any(GRAIN in r.evidence[0].quote for r in store.load(data).relations)
    at.button(key=f"reload-{key}").click().run()
    assert not at.error
    at.button(key=f"{key}_accept").click().run()  # now against the file as it is
    no_failure(at)
    assert relation_with_quote(data, GRAIN).status == "curated"
    assert "# checked by hand" in data.read_text("utf-8")


def test_undo_restores_the_previous_bytes(app, data):
    before = data.read_bytes()
    at = extract(app(data, ADD))
    key = card(at, GRAIN)
    at.button(key=f"{key}_accept").click().run()
    assert data.read_bytes() != before
    assert not at.sidebar.button(key="undo").disabled
    assert any("Last change" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="undo").click().run()
    no_failure(at)
    assert data.read_bytes() == before
    assert any("Undone" in s.value for s in at.sidebar.success)
    # the card is open again: its decision was undone
    assert at.button(key=f"{key}_accept")
    # the undo is itself the last change: undoing it again would redo the accept
    last = edit.last_change(data)
    assert last is not None and last.summary.startswith("undo: ")
    assert last.undoable(store.load(data).digest)


def test_after_a_write_the_app_uses_the_verified_data_without_parsing_again(
        app, data, monkeypatch):
    at = extract(app(data, ADD))
    parsed: list[str] = []
    real = store.load_text
    monkeypatch.setattr(store, "load_text",
                        lambda text, name="<text>": parsed.append(name) or real(text, name))
    at.button(key=f"{card(at, GRAIN)}_accept").click().run()
    no_failure(at)
    assert parsed == []  # neither the write's check nor the next load parsed the whole file
    shown = at.session_state["explorer_loaded"].dataset
    assert shown.digest == hashlib.sha256(data.read_bytes()).hexdigest()
    assert shown.has_relation("ava-del-economic_support")
    assert shown.relations == store.load(data).relations


# ---------------------------------------------------------------- the queue
def _queue_file(path: Path) -> Path:
    """Three extracted relations from two wires, written the way extraction does."""
    dataset = store.load(path)

    def candidate(source, target, type_, quote, source_id):
        return Candidate(document=f"{source_id}.txt", source=source, target=target,
                         type=type_, modality="asserted", confidence=0.6, quote=quote,
                         start=0, end=len(quote), source_id=source_id)

    a = [candidate("AVA", "DEL", "economic_support", "Avaria sells wheat to Deltania.",
                   "wire-a"),
         candidate("BOR", "COR", "threat", "Borduria warned Cordia of reprisals.", "wire-a")]
    b = [candidate("COR", "DEL", "pressure", "Cordia pressed Deltania to <b>yield</b>.",
                   "wire-b")]
    added = review.add_candidates(dataset, {"id": "wire-a", "title": "Wire A"}, a)
    review.add_candidates(added.dataset, {"id": "wire-b", "title": "Wire B"}, b)
    return path


def test_queue_lists_filters_and_decides(app, data):
    _queue_file(data)
    at = app(data, QUEUE)
    no_failure(at)
    assert at.sidebar.page_link[0].value == "3 relation(s) wait for review"
    accepts = lambda: sorted(b.key for b in at.button  # noqa: E731
                             if b.key and b.key.startswith("q_") and b.key.endswith("_accept"))
    assert accepts() == ["q_ava-del-economic_support_accept", "q_bor-cor-threat_accept",
                         "q_cor-del-pressure_accept"]
    shown = texts(at)
    assert "> " + md("Cordia pressed Deltania to <b>yield</b>.") in shown
    assert "Wire B" in shown
    at.selectbox(key="q_source").set_value("wire-a").run()
    assert accepts() == ["q_ava-del-economic_support_accept", "q_bor-cor-threat_accept"]
    at.selectbox(key="q_type").set_value("threat").run()
    assert accepts() == ["q_bor-cor-threat_accept"]
    at.selectbox(key="q_source").set_value("").run()
    at.selectbox(key="q_type").set_value("").run()

    at.button(key="q_ava-del-economic_support_accept").click().run()
    no_failure(at)
    accepted = store.load(data).relation("ava-del-economic_support")
    assert accepted.status == "curated" and accepted.reviewed_by == "env-analyst"
    assert any(md("Accepted ava-del-economic_support") in s.value for s in at.success)

    at.text_input(key="q_bor-cor-threat_reason").input("a warning, not a threat").run()
    at.button(key="q_bor-cor-threat_reject").click().run()
    no_failure(at)
    rejected = store.load(data).relation("bor-cor-threat")
    assert rejected.status == "rejected" and rejected.review_note == "a warning, not a threat"

    at.toggle(key="q_cor-del-pressure_edit").set_value(True).run()
    at.selectbox(key="q_cor-del-pressure_e_type").set_value("diplomatic_support")
    at.button(key="q_cor-del-pressure_accept_edited").click().run()
    no_failure(at)
    edited = store.load(data).relation("cor-del-pressure")
    assert (edited.type, edited.status) == ("diplomatic_support", "curated")
    assert at.sidebar.page_link[0].value == "0 relation(s) wait for review"
    assert any("Nothing waits for review" in i.value for i in at.info)


def test_queue_edit_keeps_it_waiting(app, data):
    _queue_file(data)
    at = app(data, QUEUE)
    at.toggle(key="q_bor-cor-threat_edit").set_value(True).run()
    at.number_input(key="q_bor-cor-threat_e_confidence").set_value(0.35)
    at.button(key="q_bor-cor-threat_save").click().run()
    no_failure(at)
    relation = store.load(data).relation("bor-cor-threat")
    assert (relation.status, relation.confidence) == ("extracted", 0.35)
    assert at.sidebar.page_link[0].value == "3 relation(s) wait for review"


def test_the_count_is_on_every_page(app, data):
    _queue_file(data)
    for page in (None, "views/relations.py", ADD):
        at = app(data, page)
        no_failure(at)
        assert at.sidebar.page_link[0].value == "3 relation(s) wait for review"


def test_a_long_queue_is_paged(app, data):
    dataset = store.load(data)
    actors = ["AVA", "BOR", "COR", "DEL", "LEAGUE"]
    claims = [(a, b, t) for t in ("pressure", "economic_support") for a in actors
              for b in actors if a != b][:25]
    candidates = [Candidate(document="wire.txt", source=a, target=b, type=t,
                            modality="asserted", confidence=0.5,
                            quote=f"Claim {i}: {a} and {b}.", start=0, end=20,
                            source_id="wire-c") for i, (a, b, t) in enumerate(claims)]
    review.add_candidates(dataset, {"id": "wire-c"}, candidates)
    at = app(data, QUEUE)
    no_failure(at)
    cards = lambda: [b.key for b in at.button  # noqa: E731
                     if b.key and b.key.startswith("q_") and b.key.endswith("_accept")]
    assert len(cards()) == 20
    first_page = set(cards())
    at.get("pagination")[0].set_value(2).run()
    no_failure(at)
    assert len(cards()) == 5 and not first_page & set(cards())
    at.selectbox(key="q_type").set_value("pressure").run()  # 20 left: one page
    no_failure(at)
    assert len(cards()) == 20 and not at.get("pagination")


def test_a_file_saved_with_a_byte_order_mark_can_be_written(app, data):
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())  # as some editors save UTF-8
    _queue_file(data)
    at = app(data, QUEUE)
    at.button(key="q_bor-cor-threat_accept").click().run()
    no_failure(at)
    assert store.load(data).relation("bor-cor-threat").status == "curated"
    assert data.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not at.sidebar.button(key="undo").disabled
