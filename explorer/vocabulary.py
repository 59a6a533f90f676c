"""The default relation vocabulary of `spec/relation-types.md`.

These ten ids and their meanings are a contract between curated data, the
extractor, exports and evaluations: a data file may add types, never redefine
these. Colours are shades of one hue per polarity — blues for cooperation,
oranges for conflict — the pair of hues that readers with a colour-vision
deficiency tell apart (`render.type_colors` gives the same shades).
"""

from __future__ import annotations

from explorer.model import RelationType

__all__ = ["DEFAULT_TYPES", "DEFAULT_TYPE_IDS"]

DEFAULT_TYPES: tuple[RelationType, ...] = (
    RelationType(
        id="alliance", label="Alliance", directed=False, polarity="positive", color="#08306b",
        description="formal alliance, defence pact, mutual-assistance or "
        "strategic-partnership treaty",
        plover="AGREE", cameo="05 (057)",
    ),
    RelationType(
        id="meeting", label="Meeting", directed=False, polarity="positive", color="#6baed6",
        description="summit, state visit, leaders' or ministers' talks",
        plover="CONSULT", cameo="04",
    ),
    RelationType(
        id="diplomatic_support", label="Diplomatic support", directed=True, polarity="positive",
        color="#4292c6",
        description="public backing, endorsement, praise, political cover (e.g. blocking "
        "sanctions or resolutions on the target's behalf)",
        plover="SUPPORT", cameo="05",
    ),
    RelationType(
        id="military_support", label="Military support", directed=True, polarity="positive",
        color="#2171b5",
        description="source supplies the target with weapons, ammunition, troops, military "
        "technology; military cooperation",
        plover="AID", cameo="07 / 06",
    ),
    RelationType(
        id="economic_support", label="Economic support", directed=True, polarity="positive",
        color="#08519c",
        description="source gives the target an economic benefit: trade, energy supply, "
        "buying its exports, investment, aid, money",
        plover="COOPERATE / AID", cameo="06 / 07",
    ),
    RelationType(
        id="pressure", label="Pressure", directed=True, polarity="negative", color="#fd8d3c",
        description="urging, demanding, warning, criticising, disapproving of, lobbying "
        "against the target",
        plover="REQUEST / ACCUSE / PROTEST", cameo="10 / 11 / 12",
    ),
    RelationType(
        id="sanctions", label="Sanctions", directed=True, polarity="negative", color="#f16913",
        description="source imposes (or pushes for) sanctions, embargoes, export controls "
        "on the target",
        plover="SANCTION", cameo="16",
    ),
    RelationType(
        id="threat", label="Threat", directed=True, polarity="negative", color="#d94801",
        description="threats, weapons tests or military moves aimed at the target; coercion",
        plover="THREATEN / MOBILIZE", cameo="13 / 15",
    ),
    RelationType(
        id="armed_conflict", label="Armed conflict", directed=True, polarity="negative",
        color="#7f2704",
        description="invasion, attack, war waged by source on target",
        plover="ASSAULT", cameo="18 / 19 / 20",
    ),
    RelationType(
        id="rivalry", label="Rivalry", directed=False, polarity="negative", color="#a63603",
        description="standing strategic competition or opposition between the two",
    ),
)

DEFAULT_TYPE_IDS: frozenset[str] = frozenset(t.id for t in DEFAULT_TYPES)
