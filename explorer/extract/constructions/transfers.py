"""Goods moving between actors: what the moved thing is (`goods_in`, military or
economic), transfer verbs ("X supplied Y with shells", "X's oil comes from Y"),
transfers said as nouns ("shipments of shells to Y", "China's purchases of Russian
oil", "Washington's arms to Taiwan"); forces moved to a border are a threat."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions.link import CLIMBED, DIRECT, Link
from explorer.extract.constructions.pairs import pair_up
from explorer.extract.constructions.sentence import Sentence
from explorer.extract.cues import CueBook
from explorer.extract.mentions import Mention


def _phrase(tok: Token) -> list[Token]:
    """A noun phrase's tokens, without the clauses hanging on it."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc"):
            out += _phrase(c)
    return out


def goods_in(tok: Token, book: CueBook) -> tuple[str, str] | None:
    """The type the moved thing stands for (military or economic) and its name."""
    phrase = [t for t in _phrase(tok) if t.pos_ in ("NOUN", "PROPN")]
    for t in sorted(phrase, key=lambda t: t.i != tok.i):
        lemma = t.lemma_.lower()
        for c in t.children:
            if c.dep_ in ("amod", "compound"):
                pair = (c.lemma_.lower(), lemma)
                if pair in book.goods:
                    return book.goods[pair], " ".join(pair)
        if (lemma,) in book.goods:
            if lemma in _TRADE_FLOWS:  # "90% of Iran's crude exports": what flows is crude
                named = [c.lemma_.lower() for c in t.children if c.dep_ in ("amod", "compound")
                         and c.pos_ in ("NOUN", "ADJ") and not c.ent_type_]  # not "Iranian"
                return book.goods[(lemma,)], " ".join([*named, f"{lemma}s"])
            return book.goods[(lemma,)], lemma
    if tok.tag_ == "$" or any(t.tag_ == "$" or t.lower_ in _AMOUNTS or
                              t.lemma_.lower() in _AMOUNTS for t in tok.subtree
                              if t.i <= tok.i):  # "billions of dollars"
        return "economic_support", "money"  # "lent X $1.5 billion"
    return None


#: Goods named by their direction: the commodity is what they carry ("crude exports").
_TRADE_FLOWS = frozenset(["export", "import"])
#: Sums of money: "lent X $1.5 billion", "a 3 billion euro loan".
_AMOUNTS = frozenset(["billion", "million", "trillion", "bn", "mn"])

_MOVE_FORCES = frozenset(["deploy", "move", "shift", "station", "position", "mass", "amass",
                          "redeploy", "mobilise", "mobilize"])
#: Keeping forces somewhere: "stations troops in X", "keeps 28,500 troops in X".
_STATION = frozenset(["station", "keep", "maintain", "base", "garrison", "position"])
_TOWARD = frozenset(["to", "toward", "towards", "near", "nearer", "along", "up", "closer"])
_STOP = frozenset(["stop", "halt", "suspend", "cease", "end", "quit"])
_PLACES = frozenset(["border", "frontier", "coast", "coastline", "waters", "airspace",
                     "doorstep", "boundary"])


def _near_border(s: Sentence, verb: Token) -> bool:
    """Forces moved to a border or coast, the place said on the verb or on the forces
    ("massed troops on X's border")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(t.lemma_.lower() in _PLACES or t.lower_ in ("near", "nearer", "along", "off")
               for h in heads for c in h.children if c.dep_ in ("prep", "advmod", "prt")
               for t in c.subtree)


#: Nouns that move goods: "North Korea's shipments of shells to Russia".
TRANSFER_NOUNS = frozenset(["shipment", "delivery", "supply", "sale", "transfer", "export",
                            "provision", "consignment", "shipping", "supplying", "sending",
                            # "an arms package for X", "the training of X's pilots"
                            "package", "training", "donation"])


def nominal_transfer(s: Sentence, noun: Token) -> list[Link]:
    """Goods moved, said as a noun: "X's shipments of shells to Y", "Russian fuel
    deliveries to North Korea", "arms sales to Y"."""
    goods = None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    goods = goods_in(p, s.book)
        elif c.dep_ in ("compound", "amod") and (c.lemma_.lower(),) in s.book.goods:
            goods = (s.book.goods[(c.lemma_.lower(),)], c.lemma_.lower())
    if goods is None:
        return []
    type_, what = goods
    givers = [m for m in s.modifiers(noun) if m.head < noun.i] + s.prep(noun, "from") + \
        s.prep(noun, "by")
    if not givers:  # "the sale of American weapons to Y", "U.S. arms sales": the goods' maker
        givers = [m for c in noun.children if (c.dep_ == "prep" and c.lower_ == "of") or
                  c.dep_ in ("compound", "amod")
                  for p in ([x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep"
                            else [c])
                  for m in [*s.modifiers(p), *(x for x in s.at.get(p.i, ())
                                               if x.how.startswith("role"))]
                  if s.sent.doc[m.head].dep_ in ("amod", "compound") or m.head == p.i]
    st1 = DIRECT
    if not givers:
        verb = s.governor(noun)
        if verb is not None and verb.lemma_.lower() in s.book.light_verbs:
            givers, st1 = s.subject(verb)[0], CLIMBED
    takers = s.prep(noun, "to") + s.prep(noun, "for")
    if not takers:  # "shipments of shells to Russia": "to" hangs on the goods
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    takers += s.prep(p, "to") + s.prep(p, "for")
    verb = noun.head
    if not takers and noun.dep_ == "dobj" and verb.lemma_.lower() not in s.book.transfers:
        # "condemned U.S. arms sales to Taiwan", the "to" parsed onto the verb
        takers = [m for m in s.prep(verb, "to") if m.head > noun.i]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} {what}",
                    strength * 0.85, s.sent.start, goods=what)

    return pair_up(s, noun, givers, takers, st1, DIRECT, link, fallback=False)


#: Nouns of buying: "China's purchases of Russian oil".
PURCHASE_NOUNS = frozenset(["purchase", "buying", "import", "acquisition"])


def nominal_purchase(s: Sentence, noun: Token) -> list[Link]:
    """"China's purchases of Russian oil": buying goods supports the seller (arms bought
    are the seller's military support to the buyer)."""
    goods_tok = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
    found = goods_in(goods_tok, s.book) if goods_tok is not None else None
    if found is None:
        return []
    type_, what = found
    buyers = [m for m in s.modifiers(noun) if m.head < noun.i] + s.prep(noun, "by")
    sellers = s.prep(noun, "from") + s.prep(goods_tok, "from") + s.modifiers(goods_tok)
    if type_ == "economic_support":
        givers, takers = buyers, sellers
    else:
        givers, takers = sellers, buyers

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} {what}",
                    strength * 0.85, s.sent.start, goods=what)

    return pair_up(s, noun, givers, takers, DIRECT, DIRECT, link)


def goods_to(s: Sentence, noun: Token) -> list[Link]:
    """"Washington's arms to Taiwan", "Russian oil to China": goods its owner sends."""
    type_ = s.book.goods[(noun.lemma_.lower(),)]
    givers = [m for m in s.modifiers(noun) if m.head < noun.i]
    takers = s.prep(noun, "to")

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} to",
                    strength * 0.8, s.sent.start, goods=noun.lemma_.lower())

    return pair_up(s, noun, givers, takers, DIRECT, DIRECT, link)


#: Verbs of putting money into another's economy: "poured billions into X's banks".
_INVEST = frozenset(["pour", "inject", "plough", "plow", "pump", "deposit"])
#: Verbs of helping: goods sent "to help X" go to X.
_HELP = frozenset(["help", "assist", "support", "aid", "bolster", "back", "prop", "shore"])


def goods_of_verb(s: Sentence, verb: Token) -> tuple[Token, str, str] | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for c in verb.children:
        deps = ("dobj", "nsubjpass", "nsubj") if s.book.transfers.get(
            verb.lemma_.lower()) == "receive" else ("dobj", "nsubjpass")
        if c.dep_ in deps or (c.dep_ == "prep" and c.lower_ == "with" and not passive):
            targets = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
            for t in targets:
                found = goods_in(t, s.book)
                if found:
                    return t, found[0], found[1]
    return _to_forces(s, verb)


#: Armed forces as the receiver: what is given to them is military support.
_ARMED = frozenset(["force", "army", "military", "troop", "soldier", "navy", "police",
                    "guard", "coastguard", "gendarmerie"])


def _to_forces(s: Sentence, verb: Token) -> tuple[Token, str, str] | None:
    """"provided training and equipment to Kenyan forces", "gave vehicles to X's army":
    whatever is given to a state's forces supports them militarily."""
    if s.book.transfers.get(verb.lemma_.lower()) != "give":
        return None
    given = [c for c in verb.children if c.dep_ == "dobj"]
    receivers = [p for h in (verb, *given) for c in h.children
                 if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
                 for p in c.children if p.dep_ == "pobj"]
    receivers += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    if given and any(r.lemma_.lower() in _ARMED and s.actors(r) for r in receivers):
        return given[0], "military_support", given[0].lemma_.lower()
    return None


def transfer(s: Sentence, verb: Token) -> list[Link]:
    """Goods moving between actors: "X supplied Y with shells", "X's oil comes from Y"."""
    found = goods_of_verb(s, verb)
    if found is None:
        return []
    goods_tok, type_, goods = found
    kind = s.book.transfers[verb.lemma_.lower()]
    owner = s.modifiers(goods_tok) or s.actors(goods_tok)
    if kind == "give":
        givers, st1 = s.role("subj", verb, "verb", None)
        if not givers and any(c.dep_ == "nsubjpass" and c.i == goods_tok.i
                              for c in verb.children):
            givers = owner  # "Kenyan troops were deployed to Somalia": the troops' state
        takers, st2 = s.first(("dative", "prep:to", "prep:for", "obj", "prep:with"), verb,
                              "verb", None, {s.index.state_of(m.actor) for m in givers})
    elif kind == "buy":
        takers, st2 = s.role("subj", verb, "verb", None)
        if not takers:  # "X's oil is bought from Y": the owner buys
            takers = [m for m in owner if not s.prep(verb, "from") or m not in
                      s.prep(verb, "from")]
        givers, st1 = s.first(("prep:from",), verb, "verb", None)
        if not givers:
            givers, st1 = owner, DIRECT
        if type_ == "economic_support":  # buying someone's goods supports the seller
            givers, takers, st1, st2 = takers, givers, st2, st1
    else:
        givers, st1 = s.first(("prep:from", "prep:by", "prep:with"), verb, "verb", None)
        if not givers and goods_tok.dep_ == "dobj":
            # "Djibouti hosts a Chinese base", "received American tanks": the owner gives
            givers = owner
        subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        takers = owner if subject and any(t.i == goods_tok.i for t in subject[0].subtree) \
            else []
        st2 = DIRECT
        if not takers:
            takers, st2 = s.role("subj", verb, "verb", None)
    excluded = {m.actor for m in owner} if kind == "give" else set()
    takers = [m for m in takers if m.actor not in excluded] or takers
    lemma = verb.lemma_.lower()
    if kind == "give" and not takers:  # "sent troops to help X fight …": X is helped
        takers = [m for c in verb.children if c.dep_ in ("xcomp", "advcl")
                  and c.lemma_.lower() in _HELP
                  for o in [*(k for k in c.children if k.dep_ == "dobj"),
                            *(g for k in c.children if k.dep_ in ("ccomp", "xcomp")
                              for g in k.children if g.dep_ == "nsubj")]  # "help X fight"
                  for m in s.actors(o)
                  if s.index.state_of(m.actor) not in
                  {s.index.state_of(g.actor) for g in givers}]
    if kind == "give" and not takers and lemma in _INVEST and type_ == "economic_support":
        # "poured billions into X's banks"
        takers = [m for w in ("into", "in") for m in s.prep(verb, w)
                  if s.index.state_of(m.actor) not in {s.index.state_of(g.actor)
                                                       for g in givers}]
    if kind == "give" and not takers and lemma in _STATION:  # "stations troops in X"
        takers = [m for m in s.prep(verb, "in") + [x for c in verb.children if c.dep_ == "dobj"
                                                   for x in s.prep(c, "in")]
                  if s.index.state_of(m.actor) not in {s.index.state_of(g.actor)
                                                       for g in givers}]
    if kind == "give" and not takers:  # "moved troops up to X's border", "nearer to X"
        for c in verb.children:
            if c.dep_ in ("advmod", "prt", "prep") and c.lower_ in _TOWARD:
                takers = [m for p in c.subtree if p.i in s.at and p.i != c.i
                          for m in s.at[p.i]]
                break
    if type_ == "military_support" and lemma in _MOVE_FORCES and _near_border(s, verb):
        type_ = "threat"  # forces moved to someone's border or coast
    if kind == "buy" and verb.dep_ in ("xcomp", "pcomp") and \
            verb.head.lemma_.lower() in _STOP:
        # "to stop buying X's seafood": the buyer punishes the seller (givers are the
        # buyers already when the goods are economic: see above)
        if type_ == "military_support":
            givers, takers, st1, st2 = takers, givers, st2, st1
        type_ = "sanctions"

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, verb.i, None, f"{verb.lemma_.lower()} {goods}",
                    strength * 0.85, s.sent.start, goods=goods)

    return pair_up(s, verb, givers, takers, st1, st2, link)
