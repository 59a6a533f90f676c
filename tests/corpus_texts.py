"""Small corpora for the corpus tests: sentences written for them about the fictional
actors of tests/data/extract-fictional.yaml."""

from __future__ import annotations

import json
import random
from pathlib import Path

OPENINGS = [
    "Avaria and Borduria signed a defence pact on {day} after talks in Szohod.",
    "Cordia imposed sanctions on Deltania on {day}, officials said.",
    "Borduria threatened Cordia with a naval blockade on {day}.",
    "Avaria will ship grain to Deltania under a deal signed on {day}.",
    "Cordian President Maria Kell met Boris Bord in Szohod on {day}.",
    "Deltania criticised Avaria for its missile tests on {day}.",
]
FILLER = [
    "The talks lasted longer than planned, and the delegations ate together in the evening.",
    "Markets in the capital were calm, and the currency held its value against the franc.",
    "Farmers in the north said the spring rain had come late again this year.",
    "A spokesman declined to say when the next round of talks would take place.",
    "Local newspapers devoted their front pages to a football match instead.",
    "Analysts said the weather would decide how much grain the region could sell.",
    "The railway to the coast reopened after repairs that took three months.",
    "Teachers in the southern provinces went on strike over pay for a second week.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(rng: random.Random, n: int) -> str:
    """A headline and a few paragraphs: one or two relation sentences among filler."""
    lines = [f"Report {n}"]
    for _ in range(rng.randint(1, 2)):
        lines.append(rng.choice(OPENINGS).format(day=rng.choice(DAYS)))
    lines += rng.sample(FILLER, 3)
    return "\n\n".join(lines) + "\n"


def write_folder(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` article files (two of them dated in front matter)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = article(rng, n)
        if n % 5 == 0:
            body = f"---\npublisher: Gazette {n}\npublished: 2024-03-{n % 28 + 1:02d}\n---\n" + body
        path = folder / f"a{n:03d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def write_manifest(path: Path, count: int, seed: int = 11) -> Path:
    """A JSONL manifest of `count` texts with source metadata."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"wire-{n}", "text": article(rng, 100 + n),
                                     "publisher": f"Wire {n % 3}",
                                     "published": f"2024-04-{n % 28 + 1:02d}"}) + "\n")
    return path


# --------------------------------------- one story republished, and independent reports
STORY = """Cordia sells oil to Avaria at a discount, officials say

Cordia sells oil to Avaria under a contract that runs until 2030, officials in both \
capitals said on Monday.

The agreement was signed in Szohod after three days of talks and covers crude oil and diesel.

Avarian refineries have struggled to find suppliers since the northern pipeline closed last winter.

The price was not disclosed, but traders said it was well below the market rate.

Opposition members in Avaria asked the government to publish the contract in full.
"""
INDEPENDENT = [
    """Cordian oil keeps Avarian refineries running

Two years after the pipeline closed, the refinery at Port Avar is working at full capacity again.
The reason is simple: Cordia sells oil to Avaria, and it does so cheaply.
Workers who were sent home last winter have been called back, and the night shift has returned.
The plant manager would not say how long the supply is guaranteed.
Environmental groups are worried about the old storage tanks near the harbour.
""",
    """A quiet energy deal in the south

Few people noticed the tankers at first.
According to shipping records, Cordia sells oil to Avaria every week now, mostly \
through the southern port.
Customs officers counted eleven ships in March alone.
Fishermen in the bay complain that the traffic has driven away the mackerel.
The ministry of energy did not answer questions about the contract.
""",
    """Opinion: Avaria's dependence is a risk

Energy security is about more than price.
Today Cordia sells oil to Avaria on generous terms, but generosity can end.
A country that buys most of its fuel from one neighbour gives that neighbour a lever.
Avaria should invest in storage and in the old northern fields before the next crisis.
The parliament will debate the budget for those projects in April.
""",
    """Traders see Cordian supplies as a floor for prices

In the markets of Szohod, diesel prices fell for a third month.
Dealers say Cordia sells oil to Avaria in volumes large enough to steady the whole region.
Borduria, which buys its fuel elsewhere, has seen no such relief.
Some economists expect the discount to shrink once the winter is over.
Others think the contract will be extended for political reasons.
""",
    """Questions in parliament over the Cordian contract

Members of the opposition demanded answers on Tuesday.
They want to know on what terms Cordia sells oil to Avaria and who negotiated the deal.
The prime minister said the contract served the national interest and would not be published.
A committee will hear the energy minister next week.
The session ended after a shouting match between two deputies.
""",
]


def republished(n: int) -> str:
    """The STORY as outlet `n` runs it: its own headline and byline, sometimes trimmed or
    reworded, a copyright line added."""
    paragraphs = STORY.strip().split("\n\n")
    body = paragraphs[1:] if n % 3 else paragraphs[1:-1]
    body = [f"By the staff of Outlet {n}", *body]
    if n % 2:
        body = [b.replace("officials in both capitals said", "officials said") for b in body]
    return "\n\n".join([f"Outlet {n}: oil deal", *body, f"Copyright Outlet {n}."]) + "\n"


def write_wire_corpus(path: Path) -> Path:
    """A manifest: one story as 20 outlets ran it (the first and 19 republications) and 5
    independent reports of the same relation; all in May 2024."""
    rows = [{"id": "story", "text": STORY, "publisher": "First Wire", "published": "2024-05-06"}]
    rows += [{"id": f"outlet-{n}", "text": republished(n), "publisher": f"Outlet {n}",
              "published": f"2024-05-{7 + n % 10:02d}"} for n in range(19)]
    rows += [{"id": f"independent-{n}", "text": text, "publisher": f"Paper {n}",
              "published": f"2024-05-{10 + n:02d}"} for n, text in enumerate(INDEPENDENT)]
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return path
