"""Add article: an article's text or file, where it comes from, and what the extractor
proposes — filed for review in the data file at once, each then decided on its card."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import streamlit as st
from pydantic import ValidationError

from explorer import review
from explorer.app import article, context, kept_articles, proposal, writing
from explorer.app import state as address
from explorer.app.article import Extracted
from explorer.app.ui import md, relation_title
from explorer.candidates import Candidate
from explorer.extract import documents
from explorer.model import ACTOR_KINDS, RELIABILITY_GRADES, RELIABILITY_MEANING, Dataset, Source
from explorer.nearcopy import match_known

dataset = context.dataset()
state = st.session_state
_RESULT = "aa_result"


# ------------------------------------------------------------------ helpers
def _read_upload(name: str, raw: bytes) -> documents.Document:
    """An uploaded file through the extractor's reader (HTML reduced to its text)."""
    safe = Path(name).name or "article.txt"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / safe
        path.write_bytes(raw)
        try:
            document = documents.read(path)
        except documents.DocumentError as exc:
            raise documents.DocumentError(safe, exc.fields["what"], code=exc.code) from None
    return replace(document, path=safe)


def _suggest(key: str, value: object) -> None:
    """Fill a field with a suggestion, unless the analyst changed what was suggested."""
    marker = f"{key}__suggested"
    if key not in state or state[key] == state.get(marker):
        state[key] = value
    state[marker] = value


def _text(key: str) -> str:
    return (state.get(key) or "").strip()


def _published() -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text("aa_published"))
    except ValueError:
        return None


def _source(data: Dataset, recognised: str | None) -> tuple[Source | None, str]:
    """The article's Source as the fields say (a known source as the data has it), or
    None and what is wrong."""
    source_id = _text("aa_id")
    known = {s.id: s for s in data.sources}
    if source_id not in known and not _text("aa_title"):
        return None, "give the article a title (its source id is made from it)"
    if not source_id:
        return None, "give the source an id"
    if source_id in known:
        if source_id != recognised and not state.get("aa_same_article"):
            return None, (f"`{source_id}` is the id of another article of the data "
                          f"(“{known[source_id].title or source_id}”); choose another id, or "
                          "say that this is that article")
        return known[source_id], ""
    fields = {"id": source_id, "title": _text("aa_title"), "publisher": _text("aa_publisher"),
              "published": _text("aa_published"), "url": _text("aa_url"),
              "reliability": state.get("aa_reliability") or "F",
              "derived_from": state.get("aa_derived") or ""}
    try:
        return Source.model_validate({k: v for k, v in fields.items() if v}), ""
    except ValidationError as exc:
        return None, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                               for e in exc.errors())


#: The widgets that say where the article comes from, kept with it.
_FIELDS = ("aa_id", "aa_title", "aa_publisher", "aa_published", "aa_url", "aa_reliability",
           "aa_derived", "aa_same_article")


def _restore(data: Dataset, key: str) -> kept_articles.Kept | None:
    """The article the address names, put back in the page's widgets as the analyst left
    it (on a reload, a new tab or a return to the page), or None."""
    kept = kept_articles.find(context.loaded().path, key)
    if kept is None:
        address.set_option("article", "", "")
        st.info("The article this address names is no longer kept beside the data file: "
                "paste it again.", icon=":material/history:")
        return None
    state["aa_mode"] = "Paste text"
    state["aa_text"] = kept.text
    sources = {s.id for s in data.sources}
    for name, value in kept.fields.items():
        if name in _FIELDS and (name != "aa_reliability" or value in RELIABILITY_GRADES) \
                and (name != "aa_derived" or value in sources or value == "") \
                and isinstance(value, bool) == (name == "aa_same_article"):
            state[name] = value
    return kept


def _keep(result: Extracted, raw: str) -> None:
    """Keep the article as it stands (`raw`, the text as pasted) beside the data file when
    it changed, and name it in the address."""
    kept = kept_articles.Kept(result.digest[:16], raw,
                              {k: state[k] for k in _FIELDS if k in state},
                              dict(result.mapped), tuple(sorted(result.added)))
    if state.get("aa_kept") != kept and kept_articles.keep(context.loaded().path, kept):
        state["aa_kept"] = kept
    if state.get("aa_kept") == kept:
        address.set_option("article", kept.key, "")
    else:
        address.set_option("article", "", "")
        st.caption("This article could not be kept beside the data file (its folder cannot "
                   "be written): a reload will not bring it back.")


def _result() -> Extracted:
    return state[_RESULT]


def _resolved(data: Dataset, actor_id: str) -> str | None:
    """The data's actor a candidate's end stands for, or None while it is only proposed."""
    if data.has_actor(actor_id):
        return actor_id
    found = _result().mapped.get(actor_id)
    return found if found and data.has_actor(found) else None


def _name(data: Dataset, actor_id: str) -> str:
    resolved = _resolved(data, actor_id)
    if resolved:
        return data.actor(resolved).name
    proposed = _result().extraction.proposed.get(actor_id)
    return f"{proposed.name} (new)" if proposed else actor_id


def _complete(data: Dataset, indexes: list[int]) -> list[int]:
    """The candidates among `indexes` whose two ends are actors of the data."""
    candidates = _result().extraction.candidates
    return [i for i in indexes if all(_resolved(data, e) for e in
                                      (candidates[i].source, candidates[i].target))]


def _holder(data: Dataset, i: int) -> str | None:
    """The relation of the data that holds candidate `i`'s quote, if it was filed."""
    result = _result()
    candidate = result.extraction.candidates[i]
    ids = article.holders(data).get((result.source_id, candidate.quote), ())
    if not ids:
        return None
    ends = {_resolved(data, candidate.source), _resolved(data, candidate.target)}
    for relation_id in ids:  # one sentence may hold several relations: its own one
        relation = data.relation(relation_id)
        if relation.type == candidate.type and {relation.source, relation.target} == ends:
            return relation_id
    twins = sum(c.quote == candidate.quote for c in result.extraction.candidates)
    return ids[0] if twins == 1 and len(ids) == 1 else None  # edited in review


def _file(data: Dataset, source: Source, indexes: list[int], where: str,
          actors: tuple[dict, ...] = ()) -> bool:
    """File candidates `indexes` (and new `actors`) for review: one write."""
    result = _result()
    candidates = [replace(result.extraction.candidates[i], source_id=source.id)
                  for i in indexes]
    applied = writing.write(where, lambda: review.propose(
        data, source, candidates, actors, actor_map=result.mapped,
        reviewer=writing.reviewer()))
    if applied is None:
        return False
    result.outcomes.update(zip(indexes, applied.outcomes, strict=True))
    if applied.change is not None:
        counts = applied.counts
        writing.say("aa_filed", "done",
                    f"Filed for review: {counts['added']} new proposal(s), "
                    f"{counts['attached']} quote(s) on proposals already waiting, "
                    f"{counts['skipped']} not filed.")
    return True


# ---------------------------------------------------------------- callbacks
def _refile(data: Dataset) -> None:
    source, problem = _source(data, state.get("aa_recognised"))
    if source is None:
        writing.say("aa_filed", "refused", f"Fix the source first: {problem}.")
        return
    waiting = [i for i in range(len(_result().extraction.candidates))
               if _holder(data, i) is None]
    _file(data, source, _complete(data, waiting), "aa_filed")


def _involving(proposed_id: str) -> list[int]:
    result = _result()
    return [i for i, c in enumerate(result.extraction.candidates)
            if proposed_id in (c.source, c.target)]


def _add_actor(proposed_id: str, data: Dataset) -> None:
    result = _result()
    key = f"aa{result.run}_actor_{proposed_id}"
    source, problem = _source(data, state.get("aa_recognised"))
    if source is None:
        writing.say(key, "refused", f"Fix the source first: {problem}.")
        return
    proposed = result.extraction.proposed.get(proposed_id)
    entry = {"id": _text(f"{key}_id"), "name": _text(f"{key}_name"),
             "kind": state.get(f"{key}_kind"),
             "aliases": [a.strip() for a in _text(f"{key}_aliases").split(",") if a.strip()],
             # a state the world reference knows keeps its demonyms ("Iranian")
             "demonyms": list(proposed.demonyms) if proposed else [],
             "represents": state.get(f"{key}_represents") or None,
             "notes": f"Proposed by extraction from {source.id}."}
    entry = {k: v for k, v in entry.items() if v not in (None, "", [])}
    if data.has_actor(entry.get("id", "")):
        writing.say(key, "refused", f"{entry['id']} is already the id of "
                    f"{data.actor(entry['id']).name}: map onto it, or choose another id.")
        return
    before = dict(result.mapped)
    if entry.get("id", proposed_id) != proposed_id:  # added under another id
        result.mapped[proposed_id] = entry["id"]
    ready = [i for i in _involving(proposed_id) if all(
        _resolved(data, e) or e == proposed_id or result.mapped.get(e) == entry.get("id")
        for c in [result.extraction.candidates[i]] for e in (c.source, c.target))]
    if ready:
        done = _file(data, source, ready, key, actors=(entry,))
    else:
        done = writing.write(key, lambda: review.add_actor(
            data, entry, source_id=source.id, reviewer=writing.reviewer())) is not None
    if done:
        result.added.add(proposed_id)
    else:
        result.mapped = before


def _map_actor(proposed_id: str, data: Dataset) -> None:
    result = _result()
    key = f"aa{result.run}_actor_{proposed_id}"
    onto = state.get(f"{key}_onto")
    if not onto:
        writing.say(key, "refused", "Choose the known actor first.")
        return
    result.mapped[proposed_id] = onto
    source, _ = _source(data, state.get("aa_recognised"))
    ready = _complete(data, [i for i in _involving(proposed_id) if _holder(data, i) is None])
    if source is not None and ready:
        _file(data, source, ready, key)


def _forget(proposed_id: str) -> None:
    _result().mapped.pop(proposed_id, None)


# ------------------------------------------------------------------- pieces
def _actor_card(proposed_id: str, used: int, data: Dataset, source_ok: bool) -> None:
    result = _result()
    proposed = result.extraction.proposed[proposed_id]
    key = f"aa{result.run}_actor_{proposed_id}"
    label = (f"{md(proposed.name)} · {proposed.kind.replace('_', ' ')} · "
             f"{proposed.mentions} mention(s) · in {used} proposal(s)")
    onto = _resolved(data, proposed_id)
    if onto is not None:  # says so while closed, so nobody adds it twice
        label = (f":material/check: {label} · "
                 f"{'added' if proposed_id in result.added else 'mapped'} as "
                 f"{md(data.actor(onto).name)}")
    with st.expander(label, expanded=used > 0 and onto is None):
        if onto is not None:
            actor = data.actor(onto)
            if proposed_id in result.added:
                st.success(md(f"In the data file as {actor.name} ({actor.id})."),
                           icon=":material/person_add:")
            else:
                st.caption(md(f"Mapped onto {actor.name} ({actor.id}) for this article."))
                st.button("Forget this mapping", key=f"{key}_forget", on_click=_forget,
                          args=(proposed_id,))
            return
        writing.feedback(key)
        known = sorted((a.id for a in data.actors), key=lambda i: data.actor(i).name)
        add, same = st.columns(2)
        with add:
            st.markdown("**Add as a new actor**")
            st.text_input("Name", value=proposed.name, key=f"{key}_name")
            st.text_input("Id", value=proposed.id, key=f"{key}_id")
            st.selectbox("Kind", ACTOR_KINDS, index=ACTOR_KINDS.index(proposed.kind),
                         key=f"{key}_kind", format_func=lambda k: k.replace("_", " "))
            st.text_input("Aliases", value=", ".join(proposed.aliases), key=f"{key}_aliases",
                          placeholder="other names in articles, separated by commas")
            if proposed.demonyms:
                st.caption(md(f"Demonyms from the world reference: "
                              f"{', '.join(proposed.demonyms)}"))
            st.selectbox("Acts for (optional)", ["", *known],
                         index=known.index(proposed.represents) + 1
                         if proposed.represents in known else 0,
                         format_func=lambda i: data.actor(i).name if i else "—",
                         key=f"{key}_represents")
            st.button("Add to the data file", key=f"{key}_add", on_click=_add_actor,
                      args=(proposed_id, data), disabled=not source_ok,
                      icon=":material/person_add:")
        with same:
            st.markdown("**…or it is a known actor**")
            st.selectbox("Known actor", known, index=None, key=f"{key}_onto",
                         format_func=lambda i: f"{data.actor(i).name} ({i})",
                         placeholder="choose an actor")
            st.button("Map onto this actor", key=f"{key}_map", on_click=_map_actor,
                      args=(proposed_id, data), icon=":material/link:")


def _quotes(candidate: Candidate) -> None:
    """Every sentence of the article that states the proposal (a headline and the lead
    that repeats it are one proposal)."""
    for q in candidate.quotes:
        st.markdown("> " + md(q.quote))


_NOT_FILED = {
    "already-rejected": "An analyst rejected this claim before, as {relation}: it is not "
                        "proposed again.",
    "both-ends-same": "Both ends are the same actor: not filed.",
    "type-not-in-data": "Its type is not a relation type of the data: not filed.",
}


def _candidate(i: int, candidate: Candidate, data: Dataset) -> None:
    """A proposal: its card in the data (waiting, accepted or rejected), or why it is not
    filed."""
    holder = _holder(data, i)
    if holder is not None:
        relation = data.relation(holder)
        if relation.status == "extracted":
            proposal.card(data, relation)
            return
        verb = "Accepted" if relation.status == "curated" else "Rejected"
        with st.container(border=True, key=f"aa{_result().run}_{i}_card"):
            st.markdown(f"**{md(relation_title(data, relation))}**")
            _quotes(candidate)
            show = st.success if relation.status == "curated" else st.info
            show(md(f"{verb}: in the data file as {relation.id} ({relation.status})."),
                 icon=":material/check:" if relation.status == "curated" else
                 ":material/close:")
        return
    kind = data.relation_type(candidate.type) if any(
        t.id == candidate.type for t in data.types) else None
    arrow = "→" if kind is None or kind.directed else "—"
    with st.container(border=True, key=f"aa{_result().run}_{i}_card"):
        st.markdown(f"**{md(_name(data, candidate.source))}** {arrow} "
                    f"**{md(_name(data, candidate.target))}** · "
                    f"{md(kind.label if kind and kind.label else candidate.type)}")
        facts = [candidate.modality, f"confidence {candidate.confidence:.2f}",
                 f"type {candidate.type}",
                 *(f"{k}: {v}" for k, v in candidate.attributes.items())]
        if candidate.speaker:
            facts.append(f"said by {_name(data, candidate.speaker)}")
        if candidate.cue:
            facts.append(f"cue “{candidate.cue}”")
        st.caption(md(" · ".join(facts)))
        _quotes(candidate)
        unknown = [_name(data, e) for e in (candidate.source, candidate.target)
                   if not _resolved(data, e)]
        outcome = _result().outcomes.get(i)
        if unknown:
            them = "it" if len(unknown) == 1 else "each"
            st.warning(md(f"{' and '.join(unknown)}: add {them} or map {them} onto a known "
                          "actor (New actors, above) to file this for review."),
                       icon=":material/person_search:")
        elif outcome is not None and outcome.code in _NOT_FILED:
            st.info(md(_NOT_FILED[outcome.code].format(relation=outcome.relation_id)),
                    icon=":material/block:")
        else:
            st.info("Not in the data file (its filing was undone, or refused): File for "
                    "review, above, files it again.", icon=":material/inventory:")


# ---------------------------------------------------------------------- page
st.subheader("Add article")
st.caption("Paste an article or upload its file, say where it comes from, and let the "
           "extractor propose relations. The proposals are filed for review at once (the "
           "Review queue lists them too); decide on each below. Undo in the sidebar takes "
           "back the last write.")

kept_key = address.option("article", "", str)
restored = _restore(dataset, kept_key) if kept_key and "aa_mode" not in state else None
mode = st.radio("Article", ["Paste text", "Upload a file"], horizontal=True, key="aa_mode",
                label_visibility="collapsed")
document: documents.Document | None = None
raw_text = ""
try:
    if mode == "Paste text":
        raw_text = st.text_area("Article text", key="aa_text", height=200,
                                placeholder="Paste the article here (a first line is taken "
                                "as its title).")
        if raw_text.strip():
            document = documents.from_text(raw_text, "pasted text")
    else:
        upload = st.file_uploader("Article file", type=["txt", "md", "markdown", "html", "htm"],
                                  key="aa_file", help="Text, Markdown or a saved web page "
                                  "(reduced to the article's text).")
        if upload is not None:
            raw = upload.getvalue()
            cached = state.get("aa_upload")
            upload_key = (upload.name, hashlib.sha256(raw).hexdigest())
            if cached is None or cached[0] != upload_key:
                cached = (upload_key, _read_upload(upload.name, raw))
                state["aa_upload"] = cached
            document = cached[1]
            raw_text = document.text
except documents.DocumentError as exc:
    st.error(md(exc), icon=":material/error:")
if document is None:
    address.set_option("article", "", "")  # the analyst cleared it: a reload keeps it so
    st.info("Paste an article's text or upload its file to begin.")
    address.flush()  # before st.stop, after which the run writes nothing
    st.stop()

text_digest = hashlib.sha256(document.text.encode()).hexdigest()
known_key = (text_digest, dataset.digest)
if state.get("aa_known", (None, None))[0] != known_key:
    state["aa_known"] = (known_key, match_known(dataset, document.text))
known = state["aa_known"][1]
sources = {s.id: s for s in dataset.sources}
recognised = known.source if known is not None and known.same else None
state["aa_recognised"] = recognised

# ---- where it comes from
st.markdown("#### Source")
if known is not None and known.source in sources:
    original = sources[known.source]
    if known.same:
        st.info(md(f"This text is “{original.title or original.id}” ({original.id}), a source "
                   f"already in the data: {known.reason}. Its evidence will cite that source."),
                icon=":material/find_in_page:")
    else:
        st.info(md(f"This text nearly copies “{original.title or original.id}” "
                   f"({original.id}): {known.reason}. It is suggested as derived from it, "
                   "so it would not count as independent confirmation. Clear Derived from "
                   "below if it is not a copy."),
                icon=":material/content_copy:")
meta = document.meta
_suggest("aa_title", meta.title)
_suggest("aa_publisher", meta.publisher)
_suggest("aa_published", meta.published.isoformat() if meta.published else "")
_suggest("aa_url", meta.url)
_suggest("aa_reliability", "F")
derived = known.source if known is not None and not known.same else meta.derived_from
_suggest("aa_derived", derived if derived in sources else "")
_suggest("aa_id", recognised or (review.new_source_id(
    _text("aa_publisher"), _published(), _text("aa_title"), sources) if _text("aa_title")
    else ""))

left, right = st.columns(2)
left.text_input("Source id", key="aa_id", help="How evidence cites this article: made from "
                "the publisher, the date and the title, unique in the data.")
if _text("aa_id") in sources:
    chosen = sources[_text("aa_id")]
    right.caption(md(" · ".join(x for x in (
        chosen.title, chosen.publisher, chosen.published and chosen.published.isoformat(),
        f"reliability {chosen.reliability}") if x)))
    if _text("aa_id") == recognised:
        right.caption("A source of the data file: the evidence cites it as it is there (edit "
                      "it in the file).")
    else:
        right.checkbox("This is that article", key="aa_same_article",
                       help="The id names another article of the data. Tick this only if "
                       "the text is that article; otherwise choose another id.")
else:
    right.text_input("Title", key="aa_title", placeholder="required: the article's headline")
    left.text_input("Publisher", key="aa_publisher")
    right.text_input("Published", key="aa_published", placeholder="YYYY-MM-DD")
    left.text_input("URL", key="aa_url", placeholder="https://…")
    right.selectbox("Reliability", RELIABILITY_GRADES, key="aa_reliability",
                    format_func=lambda g: f"{g} — {RELIABILITY_MEANING[g]}")
    left.selectbox("Derived from", ["", *sources], key="aa_derived",
                   format_func=lambda s: f"{sources[s].title or s} ({s})" if s
                   else "— (not a copy of a known source)",
                   help="The source this text copies or paraphrases: a copy is not "
                   "independent confirmation.")
source, problem = _source(dataset, recognised)
if source is None:
    st.warning(md(f"Before extracting: {problem}."), icon=":material/warning:")

# ---- extraction, filed for review at once
result: Extracted | None = state.get(_RESULT)
clicked = st.button("Extract relations" if result is None else "Extract again",
                    type="primary", key="aa_extract", icon=":material/auto_awesome:",
                    disabled=source is None)
# a kept article comes back with its extraction (read again, nothing written)
again = restored is not None and source is not None and (
    result is None or result.digest != text_digest)
if clicked or again:
    with st.status("Extracting relations…", expanded=clicked) as status:
        st.write("Loading the language model (once per server)…")
        extractor = article.extractor(dataset)
        if len(document.text) > extractor.max_length:  # marked up whole: one parse
            status.update(label="The article is too long", state="error")
            st.error(md(documents.DocumentError(
                document.path, f"has {len(document.text):,} characters, more than the "
                f"{extractor.max_length:,} the page parses at once; paste one article, or "
                "run `explorer extract` on the file", code="article-too-long")),
                icon=":material/error:")
            st.stop()
        st.write(f"Parsing {len(document.text):,} characters…")
        doc = extractor.parse(document.text)
        st.write("Reading actors, cue words and relations…")
        given = documents.SourceMeta(id=source.id)
        extraction = extractor.extract_parsed(doc, replace(document, meta=meta.merged(given)))
        shown = article.to_html(document.text, article.marks(doc, extraction, extractor))
        status.update(label=f"{len(extraction.candidates)} proposed relation(s), "
                      f"{len(extraction.proposed)} new actor(s)", state="complete",
                      expanded=False)
    result = Extracted(result.run + 1 if result else 1, text_digest, extraction, shown,
                       source.id)
    if again and not clicked:
        result.mapped.update(restored.mapped)
        result.added.update(restored.added)
    state[_RESULT] = result
    if clicked and _file(dataset, source, _complete(
            dataset, list(range(len(extraction.candidates)))), "aa_filed"):
        address.rerun()  # show the proposals as the data file now holds them
if result is None:
    st.stop()
if result.digest == text_digest:
    _keep(result, raw_text)  # what the analyst changed since: mappings, added actors

if result.digest != text_digest:
    st.warning("The article changed since it was extracted: these proposals come from the "
               "earlier text. Extract again to update them.", icon=":material/update:")
with st.expander("The article, with actors and cue words marked", expanded=True):
    st.html(article.legend_html())
    with st.container(height=360):
        st.html(result.html)

writing.feedback("aa_filed")
candidates = result.extraction.candidates
blocked = len(candidates) - len(_complete(dataset, list(range(len(candidates)))))
if blocked:
    st.info(md(f"{blocked} of {len(candidates)} proposal(s) name an actor the data file "
               "lacks: add it or map it onto a known actor under New actors, below, and "
               "its proposals are filed for review."), icon=":material/person_search:")
unfiled = _complete(dataset, [i for i in range(len(candidates))
                              if _holder(dataset, i) is None
                              and getattr(result.outcomes.get(i), "code", "") not in _NOT_FILED])
if unfiled:
    st.button(f"File {len(unfiled)} proposal(s) for review", key="aa_refile",
              on_click=_refile, args=(dataset,), disabled=source is None,
              icon=":material/inventory:")

used = Counter(end for c in candidates for end in (c.source, c.target))
proposed = result.extraction.proposed
if proposed:
    st.markdown("#### New actors")
    st.caption("Names the extractor found that match no actor of the data. Add one to the "
               "data file, or say which known actor it is: the proposals that name it are "
               "then filed for review.")
    for proposed_id in sorted(proposed, key=lambda p: (-used[p], proposed[p].name)):
        _actor_card(proposed_id, used[proposed_id], dataset, source is not None)

filed = sum(_holder(dataset, i) is not None for i in range(len(candidates)))
st.markdown(f"#### Proposed relations ({len(candidates)}, {filed} in the data file)")
if not candidates:
    st.info("The extractor proposes no relation in this text. It reads relations between "
            "actors of the data file (and the new names it finds), cued by the words in "
            "explorer/extract/cues.yaml.")
writing.feedback("queue")
shown_ids: set[str] = set()
for i, candidate in enumerate(candidates):
    holder = _holder(dataset, i)
    if holder is not None and holder in shown_ids:
        continue  # two sentences on one proposal: one card
    if holder is not None:
        shown_ids.add(holder)
    _candidate(i, candidate, dataset)
