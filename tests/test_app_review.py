"""The review pages driven headlessly (AppTest) on temporary copies of a data file:
Add article (paste or upload, source, extraction, Accept / Edit / Reject, new actors),
the Review queue, the sidebar's count and Undo, a concurrent change on disk, and an
article full of script payloads. The articles are sentences this test writes about
the fictional actors of tests/data/extract-fictional.yaml."""

from __future__ import annotations

import datetime as dt
import re
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


def card(at: AppTest, path: Path, quote: str) -> str:
    """The widget key prefix of the card of the relation that holds `quote`."""
    return f"q_{relation_with_quote(path, quote).id}"


def relation_with_quote(path: Path, quote: str):
    (found,) = [r for r in store.load(path).relations
                if any(e.quote == quote for e in r.evidence)]
    return found


def waiting(at: AppTest) -> str:
    """The sidebar's link to the queue (the menu's page links come first)."""
    return next(link.value for link in at.sidebar.page_link
                if link.value.endswith("wait for review"))


# --------------------------------------------------------------- Add article
def test_accept_and_reject_from_a_pasted_article(app, data):
    at = app(data, ADD)
    no_failure(at)
    assert at.sidebar.button(key="undo").disabled  # nothing written yet
    extract(at, aa_publisher="The Avar Wire", aa_published="2024-05-02",
            aa_reliability="C", aa_url="https://wire.example/grain")
    source_id = "the-avar-wire-2024-05-02-grain-deltania-blockade-borduria"
    assert at.text_input(key="aa_id").value == source_id
    shown = texts(at)
    assert "> " + md(GRAIN) in shown and "**Avaria → Deltania · Economic support**" in shown
    assert "asserted · confidence 0\\.72" in shown and "commodity\\: grain" in shown
    extraction_run = at.session_state["aa_result"].run
    at.sidebar.text_input(key="reviewer").input("ana").run()

    at.button(key=f"{card(at, data, GRAIN)}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, GRAIN)
    assert (relation.source, relation.target, relation.type) == ("AVA", "DEL", "economic_support")
    assert relation.status == "curated" and relation.reviewed_by == "ana"
    assert relation.reviewed_at is not None
    assert [e.source for e in relation.evidence] == [source_id]
    dataset = store.load(data)
    source = dataset.source(source_id)
    assert (source.title, source.publisher, source.published, source.reliability, source.url) \
        == ("Grain for Deltania, a blockade for Borduria", "The Avar Wire",
            dt.date(2024, 5, 2), "C", "https://wire.example/grain")
    assert "reviewed_by: ana\n" in data.read_text("utf-8")
    assert any(md("Accepted ava-del-economic_support") in s.value for s in at.success)
    assert any(md("Accepted: in the data file as ava-del-economic_support") in s.value
               for s in at.success)

    key = card(at, data, SANCTIONS)
    at.text_input(key=f"{key}_reason").input("a vote is not a sanction")  # sent with it
    at.button(key=f"{key}_reject").click().run()
    no_failure(at)
    rejected = relation_with_quote(data, SANCTIONS)
    assert rejected.status == "rejected" and rejected.review_note == "a vote is not a sanction"
    assert rejected.reviewed_by == "ana"
    # the clicks used the extraction kept in the session: spaCy did not run again
    assert at.session_state["aa_result"].run == extraction_run
    assert not [b for b in at.button if b.key in (f"{key}_accept", f"{key}_reject")]
    assert any(md("Rejected: in the data file as bor-del-sanctions (rejected)") in i.value
               for i in at.info)


def test_proposals_are_filed_at_once_and_survive_a_reload(app, data):
    at = extract(app(data, ADD), aa_published="2024-05-02")
    filed = [r for r in store.load(data).relations if r.status == "extracted"]
    # the title line, grain, sanctions, blockade (rifles and the meeting name new actors)
    assert len(filed) == 4 and waiting(at) == "4 relation(s) wait for review"
    assert any(md("Filed for review: 4 new proposal(s)") in s.value for s in at.success)
    (write,) = edit.history(data).entries  # all of them in one write
    assert write.summary.startswith("2024-05-02-grain-deltania-blockade-borduria: 4 new "
                                    "extracted relation(s)")
    reloaded = app(data, QUEUE)  # a new session: the page is reloaded
    no_failure(reloaded)
    assert waiting(reloaded) == "4 relation(s) wait for review"
    assert sorted(b.key for b in reloaded.button if b.key and b.key.endswith("_accept")) == \
        sorted(f"q_{r.id}_accept" for r in filed)


def test_an_untitled_paste_asks_for_a_title_and_never_reuses_an_id(app, data):
    untitled = ("Avaria will ship grain to Deltania under a deal that officials in both "
                "capitals described on Tuesday as the largest since the war, and that "
                "traders said would keep the mills of the south running for two years.\n")
    at = app(data, ADD)
    at.text_area(key="aa_text").input(untitled).run()
    assert not at.exception
    assert at.text_input(key="aa_title").value == ""
    assert any("give the article a title" in w.value for w in at.warning)
    assert at.button(key="aa_extract").disabled
    at.text_input(key="aa_title").input("Grain deal").run()
    assert at.text_input(key="aa_id").value == "grain-deal"
    at.button(key="aa_extract").click().run()
    no_failure(at)
    assert store.load(data).source("grain-deal").title == "Grain deal"

    other = ("Borduria imposed sanctions on Deltania after a vote that diplomats in the "
             "region called a turning point, and that the League said it would examine "
             "at its next session in the spring of the coming year.\n")
    at = app(data, ADD)
    at.text_area(key="aa_text").input(other).run()
    at.text_input(key="aa_title").input("Grain deal").run()  # the same title, another text
    assert at.text_input(key="aa_id").value == "grain-deal-2"
    # typing the first article's id is refused unless the analyst says it is that article
    at.text_input(key="aa_id").input("grain-deal").run()
    assert any("is the id of another article" in w.value for w in at.warning)
    assert at.button(key="aa_extract").disabled


def test_edit_then_accept_changes_the_type_and_offers_a_new_id(app, data):
    at = extract(app(data, ADD))
    key = card(at, data, BLOCKADE)
    assert key == "q_cor-bor-threat"
    at.toggle(key=f"{key}_edit").set_value(True).run()
    assert at.selectbox(key=f"{key}_e_type").value == "threat"
    at.selectbox(key=f"{key}_e_type").set_value("pressure").run()
    assert at.checkbox(key=f"{key}_rename").value  # its id names its type: a new one
    assert "cor\\-bor\\-pressure" in at.checkbox(key=f"{key}_rename").label
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


def test_an_edit_corrects_the_figures(app, data):
    at = extract(app(data, ADD))
    key = card(at, data, GRAIN)
    at.toggle(key=f"{key}_edit").set_value(True).run()
    figures = at.text_input(key=f"{key}_e_attributes")
    assert "commodity=grain" in figures.value
    figures.input("commodity=wheat; share=>=0.4")
    at.button(key=f"{key}_save").click().run()
    no_failure(at)
    relation = relation_with_quote(data, GRAIN)
    assert relation.attributes == {"commodity": "wheat", "share": ">=0.4"}
    assert relation.status == "extracted"  # saved, still waiting for review
    # a part that is not NAME=VALUE is refused with its reason, not dropped
    before = data.read_bytes()
    at.text_input(key=f"{key}_e_attributes").input("commodity=wheat; forty percent")
    at.button(key=f"{key}_save").click().run()
    assert not at.exception
    assert data.read_bytes() == before
    assert any(md("Figures: `forty percent` is not NAME=VALUE") in e.value
               for e in at.error), [e.value for e in at.error]


def test_an_invalid_edit_shows_the_validators_located_problem(app, data):
    at = extract(app(data, ADD))
    before = data.read_bytes()
    key = card(at, data, BLOCKADE)
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
    assert any("Anna Avarova" in w.value and "add it or map it" in w.value for w in at.warning)
    # said once at the top too: rifles and the meeting wait for their new actors
    assert any(md("2 of 6 proposal(s) name an actor the data file lacks") in i.value
               for i in at.info)
    at.selectbox(key=f"aa{run}_actor_anna-avarova_onto").set_value("ana-avar").run()
    at.button(key=f"aa{run}_actor_anna-avarova_map").click().run()
    no_failure(at)
    meeting = relation_with_quote(data, MEETING)  # filed once its ends are known
    assert {meeting.source, meeting.target} == {"ana-avar", "boris-bord"}
    assert meeting.status == "extracted" and not store.load(data).has_actor("anna-avarova")
    at.button(key=f"q_{meeting.id}_accept").click().run()
    no_failure(at)
    assert relation_with_quote(data, MEETING).status == "curated"

    # Mark Zelnik is new: add him, with an alias and the state he acts for; the proposal
    # that names him is filed in the same write
    prefix = f"aa{run}_actor_mark-zelnik"
    at.text_input(key=f"{prefix}_aliases").input("Zelnik, M. Zelnik")
    at.selectbox(key=f"{prefix}_represents").set_value("BOR")
    writes = len(edit.history(data).entries)
    at.button(key=f"{prefix}_add").click().run()
    no_failure(at)
    assert len(edit.history(data).entries) == writes + 1
    actor = store.load(data).actor("mark-zelnik")
    assert (actor.name, actor.kind, actor.aliases, actor.represents) == (
        "Mark Zelnik", "person", ("Zelnik", "M. Zelnik"), "BOR")
    at.button(key=f"{card(at, data, RIFLES)}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, RIFLES)
    assert (relation.source, relation.target, relation.type, relation.status) == (
        "mark-zelnik", "COR", "military_support", "curated")


def test_a_quote_for_a_curated_relation_waits_for_the_analyst(app, data):
    quote = "Avaria and Borduria renewed their alliance in March."
    again = "Cordia imposed new sanctions on Avaria in June."
    curated = store.load(data).relation("ava-bor-alliance")
    at = extract(app(data, ADD), f"Pact renewed.\n\n{quote}\n{again}\n")
    # filed, but not on the curated relation: a proposal marked `same_as` it
    assert store.load(data).relation("ava-bor-alliance") == curated
    proposal = relation_with_quote(data, quote)
    assert (proposal.status, proposal.same_as) == ("extracted", "ava-bor-alliance")
    shown = texts(at)
    assert "The data already holds this claim as ava\\-bor\\-alliance" in shown
    assert md("An analyst rejected this claim before, as cor-ava-sanctions") in shown
    at.button(key=f"q_{proposal.id}_accept").click().run()
    no_failure(at)
    relation = store.load(data).relation("ava-bor-alliance")
    assert [e.quote for e in relation.evidence][-1] == quote
    assert relation.evidence[-1].source == "pact-renewed"
    assert len(store.load(data).relations) == 2  # the proposal went into it
    assert any(md("1 quote(s) now evidence of ava-bor-alliance") in s.value for s in at.success)


def test_matching_looks_at_dates_and_proposes_possibly_the_same(app, write_yaml):
    dated = FICTIONAL.replace("relations:\n", """relations:
  - id: ana-bor-meeting
    source: ana-avar
    target: boris-bord
    type: meeting
    since: 2024-05-10
    until: 2024-05-10
    confidence: 0.9
    summary: They met in May.
    evidence:
      - source: gazette-1
        quote: Ana Avar and Boris Bord met in May.
""", 1)
    data = write_yaml(dated)
    quote = "Ana Avar met Boris Bord in Szohod on Thursday."
    at = extract(app(data, ADD), f"Talks again\n\n{quote}\n", aa_published="2024-06-20")
    proposal = relation_with_quote(data, quote)
    assert (proposal.status, proposal.possibly_same_as, proposal.same_as) == (
        "extracted", "ana-bor-meeting", None)
    assert proposal.since == dt.date(2024, 6, 20)  # the text dates it: the article's date
    (warning,) = [w.value for w in at.warning if "Possibly the same as" in w.value]
    assert "ana\\-bor\\-meeting" in warning and "2024\\-05\\-10" in warning
    at.button(key=f"q_{proposal.id}_accept").click().run()  # a meeting of its own
    no_failure(at)
    accepted = store.load(data).relation(proposal.id)
    assert (accepted.status, accepted.possibly_same_as) == ("curated", None)
    assert len(store.load(data).relation("ana-bor-meeting").evidence) == 1


def test_an_accepted_relation_gets_the_sentence_and_the_articles_date(app, data):
    at = extract(app(data, ADD), aa_published="2024-05-02")
    at.button(key=f"{card(at, data, GRAIN)}_accept").click().run()
    no_failure(at)
    relation = relation_with_quote(data, GRAIN)
    assert relation.summary == GRAIN
    assert relation.since == dt.date(2024, 5, 2)  # "signed on Tuesday": dated by the article
    at.button(key=f"{card(at, data, BLOCKADE)}_accept").click().run()
    blockade = relation_with_quote(data, BLOCKADE)
    assert blockade.summary == BLOCKADE and blockade.since is None  # the text gives no date


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
    article = [h for h in at.get("html") if not h.proto.body.startswith("<style>")][-1].proto.body
    for payload in payloads:
        assert payload not in article
        assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
            .replace('"', "&quot;").replace("'", "&#x27;") in article
    assert "<script" not in article and "<img" not in article and "<a " not in article
    shown = texts(at)
    # no tag reaches Markdown unescaped ("\\<img" is the payload shown as text)
    assert not re.search(r"(?<!\\)<(script|img)", shown)
    (quote,) = [c.quote for c in at.session_state["aa_result"].extraction.candidates]
    assert "onerror" in quote and "> " + md(quote) in shown  # the payload, as text
    assert at.text_input(key="aa_title").value == f"Wire {payloads[0]}"


# --------------------------------------------------- errors, undo, the sidebar
def test_a_concurrent_change_on_disk_is_refused_and_kept(app, data):
    at = extract(app(data, ADD))
    key = card(at, data, GRAIN)
    # the analyst saves the file in their editor between the page's load and the click
    theirs = data.read_text("utf-8").replace("actors:\n", "actors:  # checked by hand\n", 1)
    data.write_text(theirs, encoding="utf-8")
    at.button(key=f"{key}_accept").click().run()
    assert not at.exception
    assert any("changed on disk" in e.value for e in at.error)
    assert data.read_text("utf-8") == theirs
    assert relation_with_quote(data, GRAIN).status == "extracted"
    at.button(key=f"reload-{key}").click().run()
    assert not at.error
    at.button(key=f"{key}_accept").click().run()  # now against the file as it is
    no_failure(at)
    assert relation_with_quote(data, GRAIN).status == "curated"
    assert "# checked by hand" in data.read_text("utf-8")


def test_undo_and_redo_are_separate_and_say_what_they_do(app, data):
    at = extract(app(data, ADD))
    filed = data.read_bytes()
    key = card(at, data, GRAIN)
    at.button(key=f"{key}_accept").click().run()
    accepted = data.read_bytes()
    assert accepted != filed
    assert not at.sidebar.button(key="undo").disabled and at.sidebar.button(key="redo").disabled
    captions = [c.value for c in at.sidebar.caption]
    assert md("Undo: accepted ava-del-economic_support") in captions
    at.sidebar.button(key="undo").click().run()
    no_failure(at)
    assert data.read_bytes() == filed
    assert any(md("Undid: accepted ava-del-economic_support") in s.value
               for s in at.sidebar.success)
    assert relation_with_quote(data, GRAIN).status == "extracted"  # its card is back
    assert at.button(key=f"{key}_accept")
    # undo again goes one step further back (the filing), it does not redo
    captions = [c.value for c in at.sidebar.caption]
    assert md("Redo: accepted ava-del-economic_support") in captions
    assert any(c.startswith(md("Undo: grain-deltania-blockade-borduria: 4 new")) for c in captions)
    recent = next(c for c in captions if "accepted ava" in c and "undone" in c)
    assert "~~" in recent  # the recent changes list the undone one, struck through
    at.sidebar.button(key="redo").click().run()
    no_failure(at)
    assert data.read_bytes() == accepted
    assert at.sidebar.button(key="redo").disabled


def test_after_a_write_the_app_uses_the_verified_data_without_parsing_again(
        app, data, monkeypatch):
    at = extract(app(data, ADD))
    parsed: list[str] = []
    real = store.load_text
    monkeypatch.setattr(store, "load_text",
                        lambda text, name="<text>": parsed.append(name) or real(text, name))
    at.button(key=f"{card(at, data, GRAIN)}_accept").click().run()
    no_failure(at)
    assert parsed == []  # neither the write's check nor the next load parsed the whole file
    # and what the page shows is the file as written
    assert any(md("Accepted: in the data file as ava-del-economic_support (curated)")
               in s.value for s in at.success)
    at.run()
    assert parsed == [] and not at.exception



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
    assert waiting(at) == "3 relation(s) wait for review"
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

    at.text_input(key="q_bor-cor-threat_reason").input("a warning, not a threat")
    at.button(key="q_bor-cor-threat_reject").click().run()
    no_failure(at)
    rejected = store.load(data).relation("bor-cor-threat")
    assert rejected.status == "rejected" and rejected.review_note == "a warning, not a threat"

    at.toggle(key="q_cor-del-pressure_edit").set_value(True).run()
    at.selectbox(key="q_cor-del-pressure_e_type").set_value("diplomatic_support").run()
    at.button(key="q_cor-del-pressure_accept_edited").click().run()
    no_failure(at)
    edited = store.load(data).relation("cor-del-diplomatic_support")  # renamed, as offered
    assert (edited.type, edited.status) == ("diplomatic_support", "curated")
    assert not store.load(data).has_relation("cor-del-pressure")
    assert waiting(at) == "0 relation(s) wait for review"
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
    assert waiting(at) == "3 relation(s) wait for review"


def test_an_edit_that_changes_the_ends_offers_a_new_id(app, data):
    _queue_file(data)
    at = app(data, QUEUE)
    at.toggle(key="q_bor-cor-threat_edit").set_value(True).run()
    assert not at.get("checkbox")  # nothing changed yet: the id fits
    at.selectbox(key="q_bor-cor-threat_e_target").set_value("DEL").run()
    offer = at.checkbox(key="q_bor-cor-threat_rename")
    assert offer.value and "bor\\-del\\-threat" in offer.label
    at.button(key="q_bor-cor-threat_save").click().run()
    no_failure(at)
    relation = store.load(data).relation("bor-del-threat")
    assert (relation.target, relation.status) == ("DEL", "extracted")
    # declined: the id stays
    at.toggle(key="q_bor-del-threat_edit").set_value(True).run()
    at.selectbox(key="q_bor-del-threat_e_target").set_value("AVA").run()
    at.checkbox(key="q_bor-del-threat_rename").uncheck().run()
    at.button(key="q_bor-del-threat_save").click().run()
    no_failure(at)
    assert store.load(data).relation("bor-del-threat").target == "AVA"


def test_the_count_is_on_every_page(app, data):
    _queue_file(data)
    for page in (None, "views/relations.py", ADD):
        at = app(data, page)
        no_failure(at)
        assert waiting(at) == "3 relation(s) wait for review"


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


def test_an_article_on_states_the_data_lacks_proposes_them_with_iso_ids(app, data):
    text = ("Iran and Saudi Arabia restore ties\n\n"
            "Riyadh had cut ties with Tehran in 2016.\n"
            "Iranian officials praised Saudi Arabia for the deal.\n")
    at = extract(app(data, ADD), text)
    result = at.session_state["aa_result"]
    proposed = result.extraction.proposed
    assert proposed["IRN"].name == "Iran" and proposed["SAU"].name == "Saudi Arabia"
    assert {(c.source, c.target, c.type) for c in result.extraction.candidates} >= {
        ("SAU", "IRN", "sanctions"), ("IRN", "SAU", "diplomatic_support")}
    # accepting the proposal writes a proper actor entry: ISO id, kind, demonyms
    at.button(key=f"aa{result.run}_actor_IRN_add").click().run()
    no_failure(at)
    actor = store.load(data).actor("IRN")
    assert (actor.name, actor.kind) == ("Iran", "state")
    assert "Iranian" in actor.demonyms and "Persia" in actor.aliases
    # its card says so while closed; Saudi Arabia's still waits
    labels = [e.label for e in at.expander]
    assert any(label.startswith(":material/check: Iran ·") and label.endswith("added as Iran")
               for label in labels), labels
    assert not any(label.startswith("Saudi Arabia ·") and "added" in label
                   for label in labels), labels


def test_each_relation_of_one_sentence_gets_its_own_card(app, data):
    # two relations of one type on one quote, between different pairs
    thanks = "Avaria and Borduria thanked Cordia for its help."
    at = extract(app(data, ADD), thanks + "\n", aa_title="Thanks")
    filed = [r for r in store.load(data).relations if r.status == "extracted"
             and any(e.quote == thanks for e in r.evidence)]
    assert {(r.source, r.target) for r in filed} == {("AVA", "COR"), ("BOR", "COR")}
    shown = {b.key for b in at.button if b.key and b.key.endswith("_accept")}
    assert shown == {f"q_{r.id}_accept" for r in filed}


STATES_TEXT = ("Iran and Saudi Arabia restore ties\n\n"
               "Riyadh had cut ties with Tehran in 2016.\n"
               "Iranian officials praised Saudi Arabia for the deal.\n")


def test_proposals_waiting_for_new_actors_survive_a_reload(app, data):
    at = extract(app(data, ADD), STATES_TEXT, aa_publisher="The Gulf Ledger")
    waiting_ones = at.session_state["aa_result"].extraction.candidates
    assert waiting_ones and not [r for r in store.load(data).relations
                                 if r.status == "extracted"]  # both ends are new: none filed
    query = {key: at.query_params[key] for key in at.query_params}
    assert "article" in query and not any("Riyadh" in v for v in query.values())

    reloaded = app(data, ADD, query=query)  # a reload: a new session on the same address
    no_failure(reloaded)
    assert reloaded.text_area(key="aa_text").value == STATES_TEXT
    assert reloaded.text_input(key="aa_publisher").value == "The Gulf Ledger"
    result = reloaded.session_state["aa_result"]
    assert [(c.source, c.target, c.type, c.quote) for c in result.extraction.candidates] == \
        [(c.source, c.target, c.type, c.quote) for c in waiting_ones]
    assert any(md(f"{len(waiting_ones)} of {len(waiting_ones)} proposal(s) name an actor")
               in i.value for i in reloaded.info)
    assert not edit.history(data).entries  # coming back wrote nothing

    # the analyst goes on where they left off: the two states added, the proposals filed
    for actor in ("IRN", "SAU"):
        reloaded.button(key=f"aa{result.run}_actor_{actor}_add").click().run()
        no_failure(reloaded)
    filed = [r for r in store.load(data).relations if r.status == "extracted"]
    assert {(r.source, r.target, r.type) for r in filed} >= {
        ("SAU", "IRN", "sanctions"), ("IRN", "SAU", "diplomatic_support")}
    assert {r.evidence[0].source for r in filed} == {
        reloaded.text_input(key="aa_id").value}


def test_a_mapping_survives_a_reload_and_a_cleared_text_is_not_restored(app, data):
    at = extract(app(data, ADD))
    run = at.session_state["aa_result"].run
    at.selectbox(key=f"aa{run}_actor_anna-avarova_onto").set_value("ana-avar").run()
    at.button(key=f"aa{run}_actor_anna-avarova_map").click().run()
    query = {key: at.query_params[key] for key in at.query_params}
    reloaded = app(data, ADD, query=query)
    no_failure(reloaded)
    assert reloaded.session_state["aa_result"].mapped == {"anna-avarova": "ana-avar"}
    assert any(md("Mapped onto Ana Avar (ana-avar) for this article") in c.value
               for c in reloaded.caption)

    reloaded.text_area(key="aa_text").input("").run()  # the analyst clears the article
    written = reloaded.session_state["explorer_url"]  # the address the app wrote last
    assert "article" not in written  # (AppTest keeps a parameter the app removed)
    fresh = app(data, ADD, query=written)
    no_failure(fresh)
    assert not fresh.text_area(key="aa_text").value


@pytest.mark.parametrize("kept", [
    None, '{"key": "0123456789abcdef", "text": 7}', "[1, 2", "[" * 100_000 + "]" * 100_000,
    '{"key": "0123456789abcdef", "text": "x", "fields": [["aa_id", "x"]], "mapped": {}, '
    '"added": "IRN"}'])
def test_an_address_naming_an_article_not_kept_says_so(app, data, kept):
    if kept is not None:  # damaged: not an article
        folder = data.with_name(f".{data.name}.articles")
        folder.mkdir()
        (folder / "0123456789abcdef.json").write_text(kept, encoding="utf-8")
    at = app(data, ADD, query={"article": "0123456789abcdef"})
    no_failure(at)
    assert any("no longer kept" in i.value for i in at.info)
    assert "article" not in at.session_state["explorer_url"]
    assert not at.text_area(key="aa_text").value


def test_an_article_that_cannot_be_kept_is_not_named_in_the_address(app, data):
    data.with_name(f".{data.name}.articles").write_text("a file where the folder goes")
    at = extract(app(data, ADD), aa_title="Wire")
    assert at.session_state["aa_result"].extraction.candidates
    assert any("could not be kept" in c.value for c in at.caption)
    assert "article" not in at.session_state.get("explorer_url", "")


def test_a_headline_and_the_lead_that_repeats_it_are_one_card(app, data):
    headline = "Saudi Arabia threatens Iran with new sanctions"
    lead = "Saudi Arabia threatens Iran with new sanctions, officials in Riyadh said on Monday."
    at = extract(app(data, ADD), f"{headline}\n\n{lead}\n", aa_title="Sanctions threat")
    result = at.session_state["aa_result"]
    threats = [c for c in result.extraction.candidates
               if (c.source, c.target, c.type) == ("SAU", "IRN", "threat")]
    assert len(threats) == 1 and {q.quote for q in threats[0].quotes} == {headline, lead}
    # waiting for the two new states: one card, with both sentences, said once
    waiting_cards = [w for w in at.warning if "add each or map each" in w.value]
    assert len(waiting_cards) == len(result.extraction.candidates)
    quoted = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quoted.count("> " + md(headline)) == 1 and quoted.count("> " + md(lead)) == 1

    for actor in ("IRN", "SAU"):
        at.button(key=f"aa{result.run}_actor_{actor}_add").click().run()
        no_failure(at)
    (threat,) = [r for r in store.load(data).relations
                 if (r.source, r.target, r.type) == ("SAU", "IRN", "threat")]
    assert sorted(e.quote for e in threat.evidence) == sorted([headline, lead])
    assert [b.key for b in at.button if b.key == f"q_{threat.id}_accept"] == \
        [f"q_{threat.id}_accept"]
