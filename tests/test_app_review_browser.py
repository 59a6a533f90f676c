"""Add article in real Chromium against a real `explorer app` server: paste an article
this test writes, extract (the proposals are filed for review at once), accept one, and
find it in the YAML file on disk."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from explorer import store
from tests import test_app_browser
from tests.test_app_browser import ARTIFACTS, Watched, running_app

pytestmark = pytest.mark.browser
browser = test_app_browser.browser  # the module's Chromium, launched once

FICTIONAL = (Path(__file__).parent / "data" / "extract-fictional.yaml").read_text("utf-8")
GRAIN = "Avaria will ship grain to Deltania under a deal signed on Tuesday, officials said."
ARTICLE = (
    "Grain for Deltania, a blockade for Borduria\n\n"
    f"{GRAIN}\n"
    "Cordia threatened Borduria with a naval blockade.\n"
    "<img src=x onerror=\"window.__pwned='article';alert('article')\"> was in the feed.\n"
)


def _paste(page, base: str, text: str, source_id: str):
    """Open Add article, paste `text` and commit it; wait until the source fields are
    filled in (the Source id reads `source_id`) and return the Source id box."""
    page.goto(base + "/add_article")
    area = page.get_by_role("textbox", name="Article text")
    area.fill(text)
    area.press("Control+Enter")  # commit the text: the source fields fill in
    box = page.get_by_role("textbox", name="Source id")
    page.wait_for_function("([el, id]) => el.value === id",
                           arg=[box.element_handle(), source_id], timeout=30_000)
    return box


def test_add_article_accept_lands_in_the_yaml(browser, write_yaml):
    path = write_yaml(FICTIONAL)
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page
        source_id = _paste(page, base, ARTICLE, "grain-deltania-blockade-borduria")
        publisher = page.get_by_role("textbox", name="Publisher")
        publisher.fill("The Avar Wire")
        publisher.press("Enter")  # the id follows the publisher
        page.wait_for_function(
            "(el) => el.value === 'the-avar-wire-grain-deltania-blockade-borduria'",
            arg=source_id.element_handle(), timeout=30_000)
        page.get_by_role("button", name="Extract relations").click()
        page.get_by_text("Proposed relations (").wait_for(timeout=60_000)
        w.shows("relation(s) wait for review")  # filed at once: the sidebar counts them
        # the article is shown with its marks, as text
        page.locator("mark[title='Avaria (AVA)']").first.wait_for()
        w.shows("was in the feed.")

        card = page.locator("[class*='st-key-q_ava-del-economic_support_card']")
        card.get_by_role("button", name="Accept", exact=True).click()
        w.shows("Accepted: in the data file as ava-del-economic_support")

        deadline = time.monotonic() + 10
        while store.load(path).relation("ava-del-economic_support").status != "curated":
            assert time.monotonic() < deadline, "the accepted relation is not in the file"
            time.sleep(0.2)
        dataset = store.load(path)
        relation = dataset.relation("ava-del-economic_support")
        assert relation.status == "curated"
        cited = "the-avar-wire-grain-deltania-blockade-borduria"
        assert [(e.source, e.quote) for e in relation.evidence] == [(cited, GRAIN)]
        source = dataset.source(cited)
        assert source.publisher == "The Avar Wire"
        assert "quote: \"" + GRAIN + "\"" in path.read_text("utf-8")

        # reject another with a reason, sent with Enter in the reason box
        (blockade,) = [r.id for r in dataset.relations if r.status == "extracted" and any(
            "naval blockade" in e.quote for e in r.evidence)]
        card = page.locator(f"[class*='st-key-q_{blockade}_card']")
        card.get_by_role("button", name="Reject").click()
        reason = page.get_by_role("textbox", name="Why (kept in the file)")
        reason.fill("a blockade threatened in a speech, not yet a threat")
        reason.press("Enter")
        deadline = time.monotonic() + 15
        while store.load(path).relation(blockade).status != "rejected":
            assert time.monotonic() < deadline, "Enter in the reason box did not reject"
            time.sleep(0.2)
        assert store.load(path).relation(blockade).review_note == \
            "a blockade threatened in a speech, not yet a threat"

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "add-article.png"), full_page=True)
        assert page.evaluate("() => window.__pwned") is None
        assert w.dialogs == []
        assert w.outside() == []
        page.close()


def _shows_article(page, text: str) -> None:
    """The article's box holds `text` (it may be filled a moment after the cards show)."""
    page.wait_for_function(
        "(text) => [...document.querySelectorAll('textarea')].some(el => el.value === text)",
        arg=text, timeout=15_000)
    assert page.get_by_role("textbox", name="Article text").input_value() == text


def test_proposals_waiting_for_new_actors_come_back_after_a_reload(browser, write_yaml):
    path = write_yaml(FICTIONAL)
    text = ("Gulf tensions rise\n\n"
            "By Lena Marsh, Halden Wire\n"
            "Saudi Arabia threatens Iran with new sanctions, officials in Riyadh said.\n"
            "Iranian officials condemned Saudi Arabia for the threat.\n")
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page
        _paste(page, base, text, "gulf-tensions-rise")
        page.get_by_role("button", name="Extract relations").click()
        w.shows("2 of 2 proposal(s) name an actor the data file lacks")
        page.wait_for_function("() => location.search.includes('article=')", timeout=30_000)
        assert "Riyadh" not in page.url and "sanctions" not in page.url

        page.reload()  # the session is gone; the address names the kept article
        w.shows("2 of 2 proposal(s) name an actor the data file lacks")
        w.shows("Iranian officials condemned Saudi Arabia for the threat.")
        _shows_article(page, text)
        assert not [r for r in store.load(path).relations if r.status == "extracted"]

        # to another page and back by the menu: still there
        page.get_by_role("link", name="Review queue").first.click()
        page.wait_for_url("**/review_queue*", timeout=30_000)
        page.get_by_role("link", name="Add article").first.click()
        w.shows("2 of 2 proposal(s) name an actor the data file lacks")
        _shows_article(page, text)
        assert w.outside() == []
        page.close()
