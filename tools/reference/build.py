"""Build `explorer/reference/world.json`, the world reference the extractor ships with.

Run once, by hand, when the inputs change (never at test or run time):

    .venv/bin/pip install pycountry==26.2.16 country_converter==1.3.2
    .venv/bin/python tools/reference/build.py [--petrarch ../shared/lexicons/petrarch2]

Inputs, in order of authority:
1. `curated.yaml` beside this script: the names news uses, demonyms, capitals and
   seats of power used as metonyms, international bodies (hand-curated).
2. pycountry (ISO 3166-1): alpha-3 codes, official and common names.
3. country_converter: UN membership and the short names it keeps.
4. The Phoenix dictionaries of PETRARCH2 (Open Event Data Alliance, MIT licence):
   demonyms of states and the names of UN organs. Only forms that pass the
   filters below are taken: the files mix in old names, misspellings and
   cities, and a city is not the state acting.

Every state that is a UN member or observer, plus the non-members news names
as states (Taiwan, Kosovo, Western Sahara), gets an entry; territories do not
(an id the scorer cannot know would only cost precision). Persons: the office
holders `curated.yaml` lists by one rule (heads of state and government of every
state 2010–2025; foreign and defence ministers 2015–2025 of the G20 and the
states most in the news; heads of the main bodies), each with the state or body
they represent; a form that names a state, a body or two persons is refused.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from importlib import resources
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "explorer" / "reference" / "world.json"
NOTICE = ROOT / "explorer" / "reference" / "NOTICE"
NON_MEMBERS = ("VAT", "PSE", "TWN", "XKX", "ESH")
DEMONYM_END = re.compile(r"(an|ian|ese|i|ish|ic|ch|ean|er|ite|ois|ot|ek|ki|ene|ani)$")


def _country_converter_rows() -> list[dict[str, str]]:
    import country_converter

    path = resources.files(country_converter).joinpath("country_data.tsv")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _petrarch_countries(folder: Path) -> dict[str, list[str]]:
    """ISO3 → the `+` variants listed under the country's own line."""
    lines = (folder / "Phoenix.Countries.actors.txt").read_text(
        encoding="latin-1").splitlines()
    out: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        m = re.match(r"^([A-Z][A-Z_'.-]*)\s+\[([A-Z]{3})\]\s*$", line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and lines[j].startswith("+"):
            out.setdefault(m[2], []).append(lines[j][1:].strip().rstrip("_"))
            j += 1
    return out


_NOT_ORGANS = (r"\b(MISSION|MONITOR|RESIDENT|BODIES|ENVOY|PROJECT|IN|PEACEKEEPER|RAPPORTEUR|"
               r"DEPARTMENT)\b")


def _petrarch_un_organs(folder: Path) -> list[str]:
    """Names the dictionaries code as the UN itself (not an agency with a code of its own)."""
    text = (folder / "Phoenix.International.actors.txt").read_text(encoding="latin-1")
    names = []
    for m in re.finditer(r"^([A-Z][A-Z_.' ]*?)_?\s+\[IGOUNO\]", text, re.M):
        name = m[1].replace("_", " ").strip()
        if re.search(r"\b(UN|U\.N\.|UNITED NATIONS|SECURITY COUNCIL|GENERAL ASSEMBLY)\b", name) \
                and not re.search(_NOT_ORGANS, name):
            names.append(_title(name))
    return names


def _title(upper: str) -> str:
    keep = {"UN", "U.N.", "UNSC", "OF", "THE", "AND"}
    words = []
    for w in upper.split():
        if w in ("OF", "THE", "AND"):
            words.append(w.lower())
        elif w in keep:
            words.append(w)
        else:
            words.append(w.capitalize())
    return " ".join(words)


def _plural(demonym: str) -> str | None:
    """The plural of a demonym used as a noun ("Iranians"); none for -ese, -sh, -ch, -ss."""
    if re.search(r"(ese|sh|ch|ss|i)$", demonym) and not demonym.endswith("ni"):
        return demonym + "s" if demonym.endswith("i") else None
    return demonym + "s"


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def build(petrarch: Path | None) -> dict:
    import pycountry

    curated = yaml.safe_load((HERE / "curated.yaml").read_text(encoding="utf-8"))
    drop = set(curated.get("drop_names", ()))
    cc = {r["ISO3"]: r for r in _country_converter_rows()}
    pet = _petrarch_countries(petrarch) if petrarch else {}
    members = sorted(iso for iso, r in cc.items() if r.get("UNmember", "").strip())
    actors = []
    for iso in members + list(NON_MEMBERS):
        spec = curated["states"].get(iso)
        if spec is None:
            raise SystemExit(f"curated.yaml has no entry for {iso}: add one")
        country = pycountry.countries.get(alpha_3=iso)
        row = cc.get(iso, {})
        names = [spec.get("name"), row.get("name_short"),
                 getattr(country, "common_name", None), getattr(country, "name", None)]
        names = [n for n in names if n and n not in drop and "," not in n]
        name = names[0]
        official = [getattr(country, "official_name", None), row.get("name_official")]
        aliases = _unique([*names[1:], *spec.get("aliases", ()),
                           *(o for o in official if o and "," not in o and o not in drop)])
        demonyms = list(spec.get("demonyms", ()))
        sources = ["curated"]
        if country is not None:
            sources.append("iso3166")
        if row:
            sources.append("country_converter")
        if iso in pet:
            stem = re.sub(r"[^A-Z]", "", name.upper())[:4]
            for variant in pet[iso][:6]:
                word = variant.replace("_", " ").title()
                if " " in word or not DEMONYM_END.search(word.lower()):
                    continue
                if word.upper().startswith(stem[:3]) and word not in demonyms and \
                        word.lower() != name.lower() and not word.endswith("s"):
                    demonyms.append(word)
                    if "petrarch2" not in sources:
                        sources.append("petrarch2")
        plurals = spec.get("plurals")
        if plurals is None:
            plurals = [p for d in demonyms if (p := _plural(d))]
        actors.append({
            "id": iso, "name": name, "kind": "state",
            "official_name": next((o for o in official if o), name),
            "aliases": [a for a in aliases if a != name],
            "demonyms": _unique(demonyms), "plurals": _unique(plurals),
            "capitals": spec.get("capitals", []), "seats": spec.get("seats", []),
            "un_member": iso not in NON_MEMBERS, "from": sources,
        })
    un_organs = _petrarch_un_organs(petrarch) if petrarch else []
    for body_id, spec in curated["bodies"].items():
        aliases = list(spec.get("aliases", ()))
        sources = ["curated"]
        if body_id == "UN" and un_organs:
            aliases += [n for n in un_organs if n not in aliases]
            sources.append("petrarch2")
        actors.append({
            "id": body_id, "name": spec["name"], "kind": "international_body",
            "aliases": _unique([a for a in aliases if a != spec["name"]]),
            "demonyms": spec.get("demonyms", []), "plurals": [],
            "short": spec.get("short", []), "officials": spec.get("officials", []),
            "from": sources,
        })
    actors += _persons(curated, actors)
    return {
        "about": "World reference for the extractor: states (ISO 3166-1 alpha-3 ids) and "
                 "international bodies, with names, demonyms, capitals and seats of power. "
                 "Generated by tools/reference/build.py; do not edit by hand. Parts derived "
                 "from the PETRARCH2 dictionaries (Copyright (c) 2014 Open Event Data "
                 "Alliance, MIT licence): see NOTICE beside this file.",
        "version": 1,
        "actors": actors,
    }


def _persons(curated: dict, actors: list[dict]) -> list[dict]:
    """The office holders of `curated.yaml`, refused when a form names a state or body, or
    two persons, or an owner the reference lacks."""
    from explorer.extract.documents import slug

    ids = {a["id"] for a in actors}
    taken = {f.lower(): a["id"] for a in actors for key in ("name", "aliases", "official_name",
                                                            "demonyms", "plurals", "capitals",
                                                            "seats", "officials")
             for f in ([a.get(key)] if isinstance(a.get(key), str) else a.get(key) or [])}
    out: list[dict] = []
    for key in ("persons", "bodies_persons"):
        for owner, people in curated.get(key, {}).items():
            if owner not in ids:
                raise SystemExit(f"curated.yaml: {key}: {owner} is not a state or body of the "
                                 "reference")
            for forms in people:
                name, *aliases = forms
                person = slug(name)
                for form in forms:
                    if taken.get(form.lower(), person) != person:
                        raise SystemExit(f"curated.yaml: {key}.{owner}: {form!r} already names "
                                         f"{taken[form.lower()]}; drop the form or the person")
                    taken[form.lower()] = person
                if person in ids:
                    raise SystemExit(f"curated.yaml: {key}.{owner}: {name!r} gives the id "
                                     f"{person} twice; list the person once")
                ids.add(person)
                out.append({
                    "id": person, "name": name, "kind": "person", "represents": owner,
                    "aliases": aliases, "demonyms": [], "plurals": [],
                    "from": ["curated"],
                })
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petrarch", type=Path,
                        default=ROOT.parent / "shared" / "lexicons" / "petrarch2")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    petrarch = args.petrarch if args.petrarch.is_dir() else None
    if petrarch is None:
        print(f"warning: {args.petrarch} not found; building without PETRARCH2 forms",
              file=sys.stderr)
    data = build(petrarch)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    if petrarch is not None:
        licence = (petrarch / "LICENSE").read_text(encoding="utf-8")
        NOTICE.write_text(
            "explorer/reference/world.json includes demonyms and names of UN organs taken "
            "from the PETRARCH2 dictionaries\n(Phoenix.Countries.actors.txt, "
            "Phoenix.International.actors.txt), under the following licence:\n\n"
            + licence, encoding="utf-8")
    print(f"wrote {args.out}: {len(data['actors'])} actors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
