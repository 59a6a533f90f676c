"""Add article: an article's text or file, where it comes from, what the extractor
proposes, and the analyst's decision on each proposal, written as it is made."""

from __future__ import annotations

import hashlib
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import streamlit as st
from pydantic import ValidationError

from explorer import review
from explorer.app import article, context, writing
from explorer.app.article import Decision, Extracted
from explorer.app.ui import md
from explorer.candidates import Candidate
from explorer.extract import documents
from explorer.extract.pipeline import extract_doc
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
            raise documents.DocumentError(safe, str(exc).removeprefix(f"{path}: ")) from None
    return replace(document, path=safe)


def _suggest(key: str, value: object) -> None:
    """Fill a field with a suggestion, unless the analyst changed what was suggested."""
    marker = f"{key}__suggested"
    if key not in state or state[key] == state.get(marker):
        state[key] = value
    state[marker] = value


def _text(key: str) -> str:
    return (state.get(key) or "").strip()


def _source(data: Dataset) -> tuple[Source | None, str]:
    """The article's Source as the fields say (a known source as the data has it), or
    None and what is wrong."""
    source_id = _text("aa_id")
    if not source_id:
        return None, "give the source an id"
    known = {s.id: s for s in data.sources}
    if source_id in known:
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


def _result() -> Extracted:
    return state[_RESULT]


def _resolved(data: Dataset, actor_id: str) -> str | None:
    """The data's actor a candidate's end stands for, or None while it is only proposed."""
    if data.has_actor(actor_id):
        return actor_id
    found = _result().actors.get(actor_id)
    return found[0] if found and data.has_actor(found[0]) else None


def _name(data: Dataset, actor_id: str) -> str:
    resolved = _resolved(data, actor_id)
    if resolved:
        return data.actor(resolved).name
    proposed = _result().extraction.proposed.get(actor_id)
    return f"{proposed.name} (new)" if proposed else actor_id


def _actor_map(data: Dataset) -> dict[str, str]:
    return {p: a for p, (a, _) in _result().actors.items() if data.has_actor(a)}


def _where(i: int) -> str:
    return f"aa{_result().run}_{i}"


def _hint(data: Dataset, candidate: Candidate) -> str:
    """What the data already says about the candidate's claim."""
    source, target = _resolved(data, candidate.source), _resolved(data, candidate.target)
    if not source or not target:
        return ""
    match = review.find_match(data, source, target, candidate.type)
    if match is None:
        return ""
    if any(e.quote == candidate.quote for e in match.evidence):
        return f"This quote is already evidence of {match.id} ({match.status})."
    if match.status == "curated":
        return (f"The data already holds this claim as {match.id}: accepting adds this "
                "quote to its evidence.")
    if match.status == "extracted":
        return (f"{match.id} states this claim and waits for review: accepting adds this "
                "quote and makes it curated.")
    reason = f" ({match.review_note})" if match.review_note else ""
    return (f"This claim was rejected before as {match.id}{reason}: accepting makes it "
            "curated with this quote; rejecting adds the quote to the rejected relation.")


def _hints(data: Dataset) -> dict[int, str]:
    result = _result()
    key = (data.digest, tuple(sorted(_actor_map(data).items())))
    if result.hints is None or result.hints[0] != key:
        result.hints = (key, {i: _hint(data, c)
                              for i, c in enumerate(result.extraction.candidates)})
    return result.hints[1]


# ---------------------------------------------------------------- callbacks
def _accept(i: int, data: Dataset, edited: bool) -> None:
    result = _result()
    where = _where(i)
    candidate = result.extraction.candidates[i]
    source, problem = _source(data)
    if source is None:
        writing.say(where, "refused", f"Fix the source first: {problem}.")
        return
    changes: dict[str, object] = {}
    if edited:
        values = writing.form_values(f"{where}_e")
        if not values["source"] or not values["target"]:
            writing.say(where, "refused", "Choose both ends of the relation.")
            return
        ends = {"source": _resolved(data, candidate.source),
                "target": _resolved(data, candidate.target)}
        changes = {k: v for k, v in values.items()
                   if v is not None and v != ends.get(k, getattr(candidate, k, None))}
    added = writing.write(where, lambda: review.accept_candidate(
        data, source, replace(candidate, source_id=source.id), changes,
        actor_map=_actor_map(data), reviewer=writing.reviewer()))
    if added is None:
        return
    outcome = added.outcomes[0]
    if outcome.action == "skipped":
        if outcome.relation_id:
            result.decisions[i] = Decision("accepted", f"Already in the data: {outcome.reason}.")
        else:
            writing.say(where, "refused", f"Not written: {outcome.reason}.")
        return
    told = f", with {', '.join(changes)} changed" if changes else ""
    text = (f"Accepted as the new curated relation {outcome.relation_id}{told}."
            if outcome.action == "added" else
            f"Accepted: the quote is now evidence of {outcome.relation_id} (curated){told}.")
    result.decisions[i] = Decision("accepted", text, added.change.after)


def _reject(i: int, data: Dataset) -> None:
    result = _result()
    where = _where(i)
    candidate = result.extraction.candidates[i]
    unknown = [_name(data, end) for end in (candidate.source, candidate.target)
               if not _resolved(data, end)]
    if unknown:
        result.decisions[i] = Decision(
            "dismissed", f"Dismissed for this session: {' and '.join(unknown)} is not an "
            "actor of the data, so the rejection is not recorded in the file.")
        return
    source, problem = _source(data)
    if source is None:
        writing.say(where, "refused", f"Fix the source first: {problem}.")
        return
    reason = _text(f"{where}_reason") or None
    added = writing.write(where, lambda: review.reject_candidate(
        data, source, replace(candidate, source_id=source.id), reason,
        actor_map=_actor_map(data), reviewer=writing.reviewer()))
    if added is None:
        return
    outcome = added.outcomes[0]
    if outcome.action == "skipped":
        result.decisions[i] = Decision("rejected", f"Already rejected: {outcome.reason}.")
    elif outcome.action == "added":
        result.decisions[i] = Decision(
            "rejected", f"Rejected: kept in the file as {outcome.relation_id} (status "
            "rejected), so it is not proposed again.", added.change.after)
    else:
        result.decisions[i] = Decision(
            "rejected", f"Rejected: the quote joins the rejected relation "
            f"{outcome.relation_id}.", added.change.after)


def _add_actor(proposed_id: str, data: Dataset) -> None:
    result = _result()
    key = f"aa{result.run}_actor_{proposed_id}"
    source, problem = _source(data)
    if source is None:
        writing.say(key, "refused", f"Fix the source first: {problem}.")
        return
    entry = {"id": _text(f"{key}_id"), "name": _text(f"{key}_name"),
             "kind": state.get(f"{key}_kind"),
             "aliases": [a.strip() for a in _text(f"{key}_aliases").split(",") if a.strip()],
             "represents": state.get(f"{key}_represents") or None,
             "notes": f"Proposed by extraction from {source.id}."}
    if data.has_actor(entry["id"]):
        writing.say(key, "refused", f"{entry['id']} is already the id of "
                    f"{data.actor(entry['id']).name}: map onto it, or choose another id.")
        return
    added = writing.write(key, lambda: review.add_candidates(
        data, source, [], [entry], reviewer=writing.reviewer()))
    if added is not None and added.change is not None:
        result.actors[proposed_id] = (entry["id"], added.change.after)


def _map_actor(proposed_id: str) -> None:
    result = _result()
    key = f"aa{result.run}_actor_{proposed_id}"
    onto = state.get(f"{key}_onto")
    if not onto:
        writing.say(key, "refused", "Choose the known actor first.")
        return
    result.actors[proposed_id] = (onto, None)


def _forget(proposed_id: str) -> None:
    _result().actors.pop(proposed_id, None)


# ------------------------------------------------------------------- pieces
def _actor_card(proposed_id: str, used: int, data: Dataset, source_ok: bool) -> None:
    result = _result()
    proposed = result.extraction.proposed[proposed_id]
    key = f"aa{result.run}_actor_{proposed_id}"
    label = (f"{md(proposed.name)} · {proposed.kind.replace('_', ' ')} · "
             f"{proposed.mentions} mention(s) · in {used} proposal(s)")
    found = result.actors.get(proposed_id)
    with st.expander(label, expanded=used > 0):
        if found and data.has_actor(found[0]):
            actor = data.actor(found[0])
            if found[1] is None:
                st.caption(md(f"Mapped onto {actor.name} ({actor.id}) for this article."))
                st.button("Forget this mapping", key=f"{key}_forget", on_click=_forget,
                          args=(proposed_id,))
            else:
                st.success(md(f"Added to the data file as {actor.name} ({actor.id})."),
                           icon=":material/person_add:")
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
            st.text_input("Aliases", key=f"{key}_aliases",
                          placeholder="other names in articles, separated by commas")
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
                      args=(proposed_id,), icon=":material/link:")


def _card(i: int, candidate: Candidate, data: Dataset, hint: str, source_ok: bool) -> None:
    result = _result()
    where = _where(i)
    kind = data.relation_type(candidate.type) if any(
        t.id == candidate.type for t in data.types) else None
    arrow = "→" if kind is None or kind.directed else "—"
    with st.container(border=True, key=f"{where}_card"):
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
        st.markdown("> " + md(candidate.quote))
        decision = result.decisions.get(i)
        if hint and decision is None:
            st.caption(md(hint))
        if decision is not None:
            show = st.success if decision.kind == "accepted" else st.info
            show(md(decision.text), icon=":material/check:" if decision.kind == "accepted"
                 else ":material/close:")
            return
        unknown = [_name(data, e) for e in (candidate.source, candidate.target)
                   if not _resolved(data, e)]
        if unknown:
            st.warning(md(f"{' and '.join(unknown)}: add it or map it onto a known actor "
                          "(New actors, above), or choose the ends under Edit, to accept "
                          "this."), icon=":material/person_search:")
        writing.feedback(where)
        accept, reject, edit = st.columns([1, 1, 2], vertical_alignment="center")
        accept.button("Accept", key=f"{where}_accept", on_click=_accept,
                      args=(i, data, False), disabled=bool(unknown) or not source_ok,
                      icon=":material/check:")
        with reject.popover("Reject", icon=":material/close:"):
            st.text_input("Why (kept in the file)", key=f"{where}_reason",
                          placeholder="e.g. the text does not say this")
            st.button("Reject", key=f"{where}_reject", on_click=_reject, args=(i, data))
        if edit.toggle("Edit", key=f"{where}_edit"):
            writing.relation_form(
                f"{where}_e", data, source=_resolved(data, candidate.source),
                target=_resolved(data, candidate.target), type=candidate.type,
                modality=candidate.modality, confidence=candidate.confidence)
            st.button("Accept with these changes", key=f"{where}_accept_edited",
                      on_click=_accept, args=(i, data, True), disabled=not source_ok,
                      icon=":material/check:")


# ---------------------------------------------------------------------- page
st.subheader("Add article")
st.caption("Paste an article or upload its file, say where it comes from, and let the "
           "extractor propose relations. Each decision is written to the data file as you "
           "make it, changing only its own lines; Undo in the sidebar takes the last one "
           "back.")

mode = st.radio("Article", ["Paste text", "Upload a file"], horizontal=True, key="aa_mode",
                label_visibility="collapsed")
document: documents.Document | None = None
try:
    if mode == "Paste text":
        pasted = st.text_area("Article text", key="aa_text", height=200,
                              placeholder="Paste the article here (a first line is taken as "
                              "its title).")
        if pasted.strip():
            document = documents.from_text(pasted, "pasted text")
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
except documents.DocumentError as exc:
    st.error(md(exc), icon=":material/error:")
if document is None:
    st.info("Paste an article's text or upload its file to begin.")
    st.stop()

text_digest = hashlib.sha256(document.text.encode()).hexdigest()
known_key = (text_digest, dataset.digest)
if state.get("aa_known", (None, None))[0] != known_key:
    state["aa_known"] = (known_key, match_known(dataset, document.text))
known = state["aa_known"][1]
sources = {s.id: s for s in dataset.sources}

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
_suggest("aa_id", known.source if known is not None and known.same
         else documents.slug(_text("aa_title") or Path(document.path).stem))
_suggest("aa_publisher", meta.publisher)
_suggest("aa_published", meta.published.isoformat() if meta.published else "")
_suggest("aa_url", meta.url)
_suggest("aa_reliability", "F")
derived = known.source if known is not None and not known.same else meta.derived_from
_suggest("aa_derived", derived if derived in sources else "")

left, right = st.columns(2)
left.text_input("Source id", key="aa_id", help="How evidence cites this article; "
                "suggested from the title.")
if _text("aa_id") in sources:
    chosen = sources[_text("aa_id")]
    right.caption(md(" · ".join(x for x in (
        chosen.title, chosen.publisher, chosen.published and chosen.published.isoformat(),
        f"reliability {chosen.reliability}") if x)))
    right.caption("A source of the data file: the evidence cites it as it is there (edit "
                  "it in the file).")
else:
    right.text_input("Title", key="aa_title")
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
source, problem = _source(dataset)
if source is None:
    st.warning(md(f"The source's details are not valid yet: {problem}."),
               icon=":material/warning:")

# ---- extraction
result: Extracted | None = state.get(_RESULT)
if st.button("Extract relations" if result is None else "Extract again", type="primary",
             key="aa_extract", icon=":material/auto_awesome:"):
    with st.status("Extracting relations…", expanded=True) as status:
        st.write("Loading the language model (once per server)…")
        extractor = article.extractor(dataset.digest, dataset)
        if len(document.text) > extractor.nlp.max_length:
            status.update(label="The article is too long", state="error")
            st.error(f"The text has {len(document.text):,} characters, more than the "
                     f"{extractor.nlp.max_length:,} the parser takes: paste one article.")
            st.stop()
        st.write(f"Parsing {len(document.text):,} characters…")
        doc = extractor.nlp(document.text)
        st.write("Reading actors, cue words and relations…")
        given = documents.SourceMeta(id=source.id if source else _text("aa_id") or "article")
        extraction = extract_doc(doc, replace(document, meta=meta.merged(given)),
                                 extractor.index, extractor.book)
        shown = article.to_html(document.text, article.marks(doc, extraction,
                                                             extractor.index))
        status.update(label=f"{len(extraction.candidates)} proposed relation(s), "
                      f"{len(extraction.proposed)} new actor(s)", state="complete",
                      expanded=False)
    result = Extracted(result.run + 1 if result else 1, text_digest, extraction, shown)
    state[_RESULT] = result
if result is None:
    st.stop()

result.forget(writing.undone())
if result.digest != text_digest:
    st.warning("The article changed since it was extracted: these proposals come from the "
               "earlier text. Extract again to update them.", icon=":material/update:")
with st.expander("The article, with actors and cue words marked", expanded=True):
    st.html(article.legend_html())
    with st.container(height=360):
        st.html(result.html)

candidates = result.extraction.candidates
used = Counter(end for c in candidates for end in (c.source, c.target))
proposed = result.extraction.proposed
if proposed:
    st.markdown("#### New actors")
    st.caption("Names the extractor found that match no actor of the data. Add one to the "
               "data file, or say which known actor it is (for this article's decisions).")
    for proposed_id in sorted(proposed, key=lambda p: (-used[p], proposed[p].name)):
        _actor_card(proposed_id, used[proposed_id], dataset, source is not None)

decided = len(result.decisions)
st.markdown(f"#### Proposed relations ({len(candidates)}, {decided} decided)")
if not candidates:
    st.info("The extractor proposes no relation in this text. It reads relations between "
            "actors of the data file (and the new names it finds), cued by the words in "
            "explorer/extract/cues.yaml.")
hints = _hints(dataset)
for i, candidate in enumerate(candidates):
    _card(i, candidate, dataset, hints.get(i, ""), source is not None)
