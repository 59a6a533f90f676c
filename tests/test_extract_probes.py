"""Probe sentences, written for these tests, for each construction the extractor reads.

Real states come from the world reference (the repository's data file adds the
China–Russia–North Korea actors): these are the sentences an analyst pastes,
not sentences of any article. Each probe checks what must be found and, where
a reading is tempting but wrong, what must not be.
"""

from __future__ import annotations

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor, actor_mentions

from .conftest import DATA


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


def found(extractor: Extractor, text: str) -> set[tuple[str, str, str, str]]:
    extraction = extractor.extract_text(text)
    fold = {p.id: p.represents for p in extraction.proposed.values() if p.represents}
    fold.update({a.id: extractor.dataset.state_of(a.id) for a in extractor.dataset.actors})
    return {(fold.get(c.source, c.source), fold.get(c.target, c.target), c.type, c.modality)
            for c in extraction.candidates}


def has(got: set, source: str, target: str, type_: str, modality: str = "asserted") -> bool:
    undirected = type_ in ("alliance", "meeting", "rivalry")
    return (source, target, type_, modality) in got or \
        (undirected and (target, source, type_, modality) in got)


def check_probe(extractor: Extractor, text: str, expected: list, absent: list) -> None:
    """Each of `expected` is found (stated or hedged) in `text`, none of `absent` is."""
    got = found(extractor, text)
    for source, target, type_ in expected:
        assert any(has(got, source, target, type_, m) for m in ("asserted", "hedged")), \
            (text, source, target, type_, got)
    for source, target, type_ in absent:
        assert not any(has(got, source, target, type_, m) for m in ("asserted", "hedged")), \
            (text, source, target, type_, got)


SYNTAX = [
    # asyndetic subjects
    ("Brazil, India block a new statement on Venezuela at the summit.",
     [("BRA", "VEN", "diplomatic_support"), ("IND", "VEN", "diplomatic_support")]),
    # a clause as the object of an obstructing verb: cover, not sanctions
    ("Turkey vetoed a resolution imposing sanctions on Syria.",
     [("TUR", "SYR", "diplomatic_support")]),
    # copular states of affairs
    ("Pakistan is China's closest ally.", [("CHN", "PAK", "alliance")]),
    ("Germany is Poland's largest trading partner.", [("DEU", "POL", "economic_support")]),
    # "X's ally Y" names Y as the actor
    ("Tehran's ally Damascus sent troops to Lebanon.", [("SYR", "LBN", "military_support")]),
    # talks between X and Y
    ("Talks between Armenia and Azerbaijan resumed on Monday.", [("ARM", "AZE", "meeting")]),
    # nominal transfers
    ("Iran's shipments of drones to Russia have grown.", [("IRN", "RUS", "military_support")]),
    ("Norwegian gas deliveries to Germany rose sharply.",
     [("NOR", "DEU", "economic_support")]),
    # lists of three or more parties
    ("Egypt, Eritrea and Somalia signed a defence pact.",
     [("EGY", "ERI", "alliance"), ("EGY", "SOM", "alliance"), ("ERI", "SOM", "alliance")]),
    # compounds of two actors
    ("The Australia-India alliance was strengthened.", [("AUS", "IND", "alliance")]),
    # bilateral cooperation runs both ways
    ("Indonesia staged joint naval drills with Malaysia and Singapore.",
     [("IDN", "MYS", "military_support"), ("MYS", "IDN", "military_support"),
      ("SGP", "IDN", "military_support")]),
    # cutting ties is a punitive measure (CAMEO 161, the development set's reading)
    ("Morocco has severed diplomatic relations with Iran.", [("MAR", "IRN", "sanctions")]),
    # forces moved to someone's border are a threat; sent to a state, support
    ("Algeria moved tanks and troops up to its Moroccan border.", [("DZA", "MAR", "threat")]),
    ("Turkey shifted warships nearer to Cyprus's southern coastline.",
     [("TUR", "CYP", "threat")]),
    ("France started sending military officers to Chad.", [("FRA", "TCD", "military_support")]),
    # stopping purchases is a punitive measure on the seller
    ("India is to stop buying Malaysian palm oil.", [("IND", "MYS", "sanctions")]),
    # exchanged fire runs both ways
    ("Thailand and Cambodia exchanged artillery fire on Sunday.",
     [("THA", "KHM", "armed_conflict"), ("KHM", "THA", "armed_conflict")]),
    # pushing for a measure is the measure
    ("Britain pressed for an arms embargo to stop Myanmar from buying jets.",
     [("GBR", "MMR", "sanctions")]),
    # "did the same" repeats the last act with the new subject
    ("Kuwait cut diplomatic ties with Iraq. Oman later did the same.",
     [("KWT", "IRQ", "sanctions"), ("OMN", "IRQ", "sanctions")]),
    # partners in a joint effort share the measure
    ("Canada is working with partners, among them Norway and Iceland, on new sanctions "
     "against Belarus.", [("CAN", "BLR", "sanctions"), ("NOR", "BLR", "sanctions"),
                          ("ISL", "BLR", "sanctions")]),
    # the owner of a decision does what it decides
    ("India's decision to impose tariffs on imports of Chinese steel angered traders.",
     [("IND", "CHN", "sanctions")]),
    # a gerund's object inside an event noun
    ("Historians recall the Polish army's rout of invading Swedish troops.",
     [("POL", "SWE", "armed_conflict")]),
    # a headline line, then a paragraph opening on a coordinated subject
    ("Gulf Neighbours Sign Pact\n\nOman and Kuwait signed a mutual defence treaty on Monday.",
     [("KWT", "OMN", "alliance")]),
    # leaders in an apposed list, each with a title
    ("Kenya's President William Ruto, Yoweri Museveni of Uganda and Tanzania's Samia Suluhu "
     "Hassan met in Arusha.", [("KEN", "UGA", "meeting"), ("KEN", "TZA", "meeting"),
                               ("TZA", "UGA", "meeting")]),
    # easing a measure aimed at someone is cover for them; the authors of a draft act
    ("A draft resolution put forward by Brazil and Mexico would ease the sanctions on Cuba.",
     [("BRA", "CUB", "diplomatic_support"), ("MEX", "CUB", "diplomatic_support")]),
    # an agreement is typed by what it covers, both ways
    ("The exercise falls under a military cooperation pact between Dakar and Banjul.",
     [("SEN", "GMB", "military_support"), ("GMB", "SEN", "military_support")]),
    # attached to an actor: "X, long at loggerheads with Y"
    ("Bolivia, long at loggerheads with Chile over the sea, has filed a new claim.",
     [("BOL", "CHL", "rivalry")]),
    # visits to a capital, talks of two leaders
    ("The Thai prime minister travelled to Beijing in May.", [("CHN", "THA", "meeting")]),
    # anger at someone's act, said of the authorities in a capital
    ("The authorities in Rabat were enraged by Algeria's new pact with Mali.",
     [("MAR", "DZA", "pressure")]),
    # an allegation is pressure on the accused
    ("Athens alleges that Ankara is breaching international agreements.",
     [("GRC", "TUR", "pressure")]),
    # a group named by its own relative clause
    ("Leaders of Chad, Niger and Mali met to strengthen the alliance the three countries "
     "formed last year.", [("MLI", "NER", "alliance"), ("MLI", "TCD", "alliance"),
                           ("NER", "TCD", "alliance")]),
    # refusing what someone proclaimed
    ("Cyprus still refuses to recognise the independence Kosovo declared in 2008.",
     [("CYP", "XKX", "pressure")]),
    # partners listed apart from the verb, a round of measures
    ("Officials said Ottawa is working with allies, among them Norway and Finland, on a new "
     "round of sanctions against Iran.", [("CAN", "IRN", "sanctions"),
                                          ("NOR", "IRN", "sanctions"),
                                          ("FIN", "IRN", "sanctions")]),
    # weapons fired at a state
    ("Syria fired rockets at Jordan on Tuesday night.", [("SYR", "JOR", "armed_conflict")]),
    # shared intelligence runs both ways (CAMEO 064)
    ("Estonia and Latvia agreed to share military intelligence.",
     [("EST", "LVA", "military_support"), ("LVA", "EST", "military_support")]),
    # a national adjective only describes when the noun has an owner
    ("Canada is Mexico's closest American partner and ally.", [("CAN", "MEX", "alliance")]),
    # where the blows land; a retaliation is not an attack
    ("Turkish jets struck targets in Iraq overnight.", [("TUR", "IRQ", "armed_conflict")]),
    ("Ottawa retaliated with tariffs on American steel.",
     [("CAN", "USA", "sanctions"), ("CAN", "USA", "pressure")]),
    # a plural written cue ("arms supplier") types the support
    ("France is the largest arms supplier to Egypt.", [("FRA", "EGY", "military_support")]),
    # blocking someone's bid is pressure on them, not cover for anyone
    ("Hungary blocked Ukraine's bid to join the EU.", [("HUN", "UKR", "pressure")]),
    # "locked in a dispute": the subjects are its sides
    ("Japan and South Korea are locked in a bitter trade dispute.", [("JPN", "KOR", "rivalry")]),
    # a statement's evaluation of someone's acts
    ("France's foreign ministry said in a statement that Iran's actions were unacceptable.",
     [("FRA", "IRN", "pressure")]),
    # "X's allies, including Y": Y acts, not X
    ("Taiwan's partners, including Japan and Australia, pledged air defence systems to Taipei.",
     [("JPN", "TWN", "military_support"), ("AUS", "TWN", "military_support")]),
    # a measure with its doer in a passive participle
    ("The sanctions imposed on Cuba by the United States were tightened.",
     [("USA", "CUB", "sanctions")]),
    # a name compound on a measure says on whom, unless "on X" does
    ("The Security Council backed a new round of Libya sanctions.", [("UN", "LBY", "sanctions")]),
    ("The U.S. sanctions on Cuba were tightened.", [("USA", "CUB", "sanctions")]),
    ("Ottawa tightened its Syria sanctions.", [("CAN", "SYR", "sanctions")]),
    # a modifier coordinated away from its noun still types it
    ("Turkey and Qatar expanded their defence and energy cooperation.",
     [("TUR", "QAT", "military_support"), ("QAT", "TUR", "economic_support")]),
    ("Chile and Peru have deepened their economic and cultural ties.",
     [("CHL", "PER", "economic_support"), ("PER", "CHL", "economic_support")]),
    # a visitor received or welcomed is a meeting (CAMEO 043)
    ("President Gustavo Petro of Colombia received his Ecuadorian counterpart Daniel Noboa "
     "in Bogota.", [("COL", "ECU", "meeting")]),
    # "at odds" is a standing opposition
    ("Rabat and Algiers have long been at odds over the territory.",
     [("MAR", "DZA", "rivalry")]),
    # goods named with their maker, the "to" parsed onto the verb
    ("Moscow protested the sale of American fighter jets to Helsinki.",
     [("USA", "FIN", "military_support"), ("RUS", "USA", "pressure")]),
    ("India condemned U.S. arms sales to Pakistan.", [("USA", "PAK", "military_support")]),
    # a state's institutions stand for it
    ("The U.S. Treasury blacklisted four Venezuelan firms.", [("USA", "VEN", "sanctions")]),
    ("The Japanese Parliament condemned North Korea.", [("JPN", "PRK", "pressure")]),
    # a relational noun in apposition: the apposed actor is its first end
    ("The United States, an ally of both Japan and the Philippines, urged calm.",
     [("USA", "JPN", "alliance"), ("USA", "PHL", "alliance")]),
    ("Greece, a longtime rival of Turkey, bought new frigates.",
     [("GRC", "TUR", "rivalry")]),
    # blaming someone for an act is pressure on them, whatever the act
    ("Baku blamed Yerevan for the attack.", [("AZE", "ARM", "pressure")]),
    # expulsions, said as a verb or a noun (the development set's reading: a measure)
    ("Canada announced the expulsion of six Indian diplomats.", [("CAN", "IND", "sanctions")]),
    # under attack from someone
    ("Georgia came under attack from Russian drones overnight.",
     [("RUS", "GEO", "armed_conflict")]),
    # modifiers joined by "and" but parsed apart; criticism drawn "from" X
    ("French and Indian forces began joint exercises, drawing condemnation from Islamabad.",
     [("FRA", "IND", "military_support"), ("IND", "FRA", "military_support"),
      ("PAK", "FRA", "pressure"), ("PAK", "IND", "pressure")]),
    # goods sent "to help X": X receives them
    ("Belarus has sent troops to help Russia fight Ukraine, officials said.",
     [("BLR", "RUS", "military_support")]),
    # a protest's target named in its stated reason
    ("Kenya protested strongly, saying Uganda had broken the deal.",
     [("KEN", "UGA", "pressure")]),
    # drills aimed near someone threaten them; held with someone, cooperation
    ("Iran held live-fire drills near the United Arab Emirates on Monday.",
     [("IRN", "ARE", "threat")]),
    ("Serbia held exercises with Hungary.",
     [("SRB", "HUN", "military_support"), ("HUN", "SRB", "military_support")]),
    # a relative clause's coordinated verbs share its object
    ("The council adopted a resolution that Ghana drafted and Kenya has openly backed.",
     [("KEN", "GHA", "diplomatic_support")]),
    # "X, Y's closest ally": the apposed actor is the ally
    ("Laos, Vietnam's closest ally, said it regretted Thailand's military action.",
     [("LAO", "VNM", "alliance"), ("LAO", "THA", "pressure")]),
    ("Lithuania lambasted Hungary for its veto.", [("LTU", "HUN", "pressure")]),
    ("Japan consulted with South Korea on the missile launch.", [("JPN", "KOR", "meeting")]),
    # goods moved as a noun under a light verb, the "to" parsed onto the verb
    ("The Dutch government approved the export of 40 tanks to Lithuania.",
     [("NLD", "LTU", "military_support")]),
    # concern "about" someone's acts
    ("Sweden and Norway voiced concern about Russia's actions.",
     [("SWE", "RUS", "pressure"), ("NOR", "RUS", "pressure")]),
    # ordered out: an expulsion, of diplomats or of forces, is pressure (CAMEO 16x)
    ("Chad's rulers ordered the French ambassador to leave the country within 72 hours.",
     [("TCD", "FRA", "pressure")]),
    ("Burkina Faso told Danish troops to leave.", [("BFA", "DNK", "pressure")]),
    # a quantity of weapons fired
    ("Iran fired hundreds of missiles and drones at Israel.",
     [("IRN", "ISR", "armed_conflict")]),
    # fighting said of both sides at once runs both ways
    ("Vietnam clashed repeatedly with Cambodia along the border.",
     [("VNM", "KHM", "armed_conflict"), ("KHM", "VNM", "armed_conflict")]),
    ("Peruvian and Ecuadorian soldiers skirmished in the jungle.",
     [("PER", "ECU", "armed_conflict"), ("ECU", "PER", "armed_conflict")]),
    # "never X or Y": both are negated
    ("Rome has never denounced Tunisia's policy or called on Tunisia to change it.",
     []),
    # a named partnership, said of "both sides"
    ("Leaders from Kazakhstan and Uzbekistan met on Monday. Officials on both sides lauded "
     "their \"eternal\" partnership.", [("KAZ", "UZB", "alliance")]),
]


#: Probes the extractor still fails, kept so that the gap stays visible (strict: a fix
#: turns them into failures until the mark is removed).
KNOWN_GAPS = {
    "Brazil, India block a new statement on Venezuela at the summit.":
        "an apposed subject list with a present-tense verb is parsed as one noun phrase",
    "Turkey vetoed a resolution imposing sanctions on Syria.":
        "the target inside the resolution's clause is not reached",
    "\"We strongly protested the move,\" the Philippine foreign ministry said of China.":
        "the target after 'said of' is not read as the object of the quoted protest",
}


def _cases(rows):
    return [pytest.param(*row, marks=pytest.mark.xfail(reason=KNOWN_GAPS[row[0]], strict=True))
            if row[0] in KNOWN_GAPS else row for row in rows]


@pytest.mark.parametrize(("text", "expected"), _cases(SYNTAX), ids=[t[:40] for t, _ in SYNTAX])
def test_syntax_probe(extractor, text, expected):
    got = found(extractor, text)
    for source, target, type_ in expected:
        assert has(got, source, target, type_), f"{(source, target, type_)} not in {got}"


def test_backing_a_measure_does_not_make_its_target_a_sanctioner(extractor):
    got = found(extractor, "The Security Council backed a new round of Libya sanctions.")
    assert not any(c[:3] in (("LBY", "UN", "sanctions"), ("UN", "LBY", "diplomatic_support"))
                   for c in got)
    got = found(extractor, "Rome has never denounced Tunisia's policy or called on Tunisia "
                "to change it.")
    assert ("ITA", "TUN", "pressure", "negated") in got and \
        ("ITA", "TUN", "pressure", "asserted") not in got


def test_retaliation_and_blocked_bids_are_not_attacks_or_cover(extractor):
    got = found(extractor, "Ottawa retaliated with tariffs on American steel.")
    assert not any(c[2] == "armed_conflict" for c in got)
    got = found(extractor, "Hungary blocked Ukraine's bid to join the EU.")
    assert not any(c[2] == "diplomatic_support" for c in got)


def test_the_obstructer_is_not_the_sanctioner(extractor):
    got = found(extractor, "Turkey vetoed a resolution imposing sanctions on Syria.")
    assert not any(c[:3] == ("TUR", "SYR", "sanctions") for c in got)


def test_x_s_ally_y_is_not_read_as_x_acting(extractor):
    got = found(extractor, "Tehran's ally Damascus sent troops to Lebanon.")
    assert not any(c[0] == "IRN" and c[2] == "military_support" for c in got)


PERSONS = [
    # a title with a demonym or possessive before the name
    ("Japanese Prime Minister Fumio Kishida criticised North Korea.",
     ("JPN", "PRK", "pressure")),
    ("Canada's foreign minister Melanie Joly condemned Iran.", ("CAN", "IRN", "pressure")),
    # apposition after the name
    ("Yasukazu Hamada, Japan's defence minister, criticised China.",
     ("JPN", "CHN", "pressure")),
    ("Penny Wong, the Australian foreign minister, praised Fiji.",
     ("AUS", "FJI", "diplomatic_support")),
    # "of X" after the name
    ("President Emmanuel Macron of France condemned Russia.", ("FRA", "RUS", "pressure")),
    # an ambassador to a body represents their own state
    ("Britain's UN ambassador Barbara Woodward criticised Iran.",
     ("GBR", "IRN", "pressure")),
    ("Chile's UN ambassador Paula Narvaez defended Bolivia.",
     ("CHL", "BOL", "diplomatic_support")),
    ("Linda Thomas-Greenfield, Washington's ambassador to the UN, criticised Russia.",
     ("USA", "RUS", "pressure")),
    # officials of a body represent the body
    ("Josep Borrell, the EU's foreign policy chief, criticised Belarus.",
     ("EU", "BLR", "pressure")),
    # the surname later in the document is the same person
    ("Egyptian President Abdel Fattah al-Sisi arrived in Riyadh. Later, Sisi praised Jordan.",
     ("EGY", "JOR", "diplomatic_support")),
    # … whatever label the model gives the surname alone ("Borrell" read as a place)
    ("Josep Borrell arrived in Belgrade on Monday. On Tuesday, Borrell wrote on Twitter "
     "that Serbia's moves were unacceptable.", ("EU", "SRB", "pressure")),
    # a government title with no state: the dateline's state …
    ("OSLO (AP) — Foreign Minister Kari Dahl praised Finland for its help on Monday. Dahl "
     "also criticised Russia.", ("NOR", "RUS", "pressure")),
    # … or the state the article clearly names most; a hyphenated surname later
    ("Chile will buy new frigates. Chile's navy needs them, and Chile has the money, "
     "officials said. Defence Minister Ana Soto-Rivas thanked Britain for the offer. Later, "
     "Soto-Rivas criticised Argentina.", ("CHL", "ARG", "pressure")),
    # "Foreign Ministry spokesperson NAME": a ministry's official, under a dateline
    ("HANOI — Foreign Ministry spokesperson Pham Thu Hang criticised Cambodia on Monday.",
     ("VNM", "KHM", "pressure")),
    # the surname again and again, whatever label the model gave it the first time
    ("Chile's Gabriel Boric arrived in Lima, Boric's office said. Boric, who has visited "
     "Peru often, praised Bolivia.", ("CHL", "BOL", "diplomatic_support")),
    # a suffix is not the surname
    ("President Ferdinand Marcos Jr. spoke on Monday. Marcos praised Tokyo as a reliable "
     "friend.", ("PHL", "JPN", "diplomatic_support")),
]


@pytest.mark.parametrize(("text", "expected"), _cases(PERSONS),
                         ids=[t[:40] for t, _ in PERSONS])
def test_persons_fold_onto_the_state_their_title_names(extractor, text, expected):
    got = found(extractor, text)
    assert has(got, *expected), f"{expected} not in {got}"


COREFERENCE = [
    ("Japan protested on Monday. It accused China of intimidation.",
     ("JPN", "CHN", "pressure")),
    ("Vietnam said it would welcome investment from South Korea. Its leaders praised Seoul.",
     ("VNM", "KOR", "diplomatic_support")),
    ("Kenya and Uganda held talks in Nairobi. The two countries condemned Sudan.",
     ("KEN", "SDN", "pressure")),
    ("Chile and Peru met in Lima. Both sides criticised Bolivia.",
     ("PER", "BOL", "pressure")),
    ("Ghana and Togo signed a trade deal. They also criticised Mali.",
     ("TGO", "MLI", "pressure")),
    ("North Korea fired missiles as South Korea held drills. The North condemned Japan.",
     ("PRK", "JPN", "pressure")),
    ("The European Union met on Monday. The bloc imposed sanctions on Belarus.",
     ("EU", "BLR", "sanctions")),
    ("Egypt's foreign ministry spoke first. The ministry criticised Ethiopia.",
     ("EGY", "ETH", "pressure")),
    # plural epithets with no number stand for the last pair
    ("Thailand and Cambodia traded fire. The neighbours have fought over the temple for "
     "decades.", ("THA", "KHM", "armed_conflict")),
    ("\"We strongly protested the move,\" the Philippine foreign ministry said of China.",
     ("PHL", "CHN", "pressure")),
]


@pytest.mark.parametrize(("text", "expected"), _cases(COREFERENCE),
                         ids=[t[:40] for t, _ in COREFERENCE])
def test_coreference_probe(extractor, text, expected):
    got = found(extractor, text)
    assert has(got, *expected), f"{expected} not in {got}"


def test_an_expletive_it_refers_to_nobody(extractor):
    doc = extractor.nlp("India warned Pakistan. It is unclear whether talks will follow.")
    mentions, _ = actor_mentions(doc, extractor.index)
    assert not any(m.how == "pronoun" and doc[m.start].lower_ == "it" for m in mentions)


GUARDS = [
    # word sense: a bargain struck is not an attack
    ("Kenya struck a bargain with Ethiopia over the port.", "armed_conflict"),
    # places named after a state are not the state
    ("Russian warships sailed through the Sea of Japan.", "threat"),
    ("Indian ships patrolled the Indian Ocean near Sri Lanka.", "threat"),
]


@pytest.mark.parametrize(("text", "type_"), GUARDS, ids=[t[:40] for t, _ in GUARDS])
def test_guards_keep_wrong_readings_out(extractor, text, type_):
    got = found(extractor, text)
    assert not any(c[2] == type_ for c in got), got


def test_places_and_newspapers_are_not_actors(extractor):
    for text, absent in [("Ships crossed the Sea of Japan.", "JPN"),
                         ("The Washington Post reported the story.", "USA"),
                         ("Storms hit the Indian Ocean.", "IND")]:
        mentions, _ = actor_mentions(extractor.nlp(text), extractor.index)
        assert absent not in {m.actor for m in mentions}, text


EVALUATIVE = [
    ("Norway said it was deeply concerned about Russia's missile tests.",
     ("NOR", "RUS", "pressure", "asserted")),
    ("Beijing called Lithuania's decision unjustified.", ("CHN", "LTU", "pressure", "asserted")),
    ("Moldova is grateful to Romania for its help.",
     ("MDA", "ROU", "diplomatic_support", "asserted")),
    # refusing recognition is pressure
    ("Spain still refuses to recognise Kosovo.", ("ESP", "XKX", "pressure", "asserted")),
    # a threatened act is a threat, and the act itself only hedged
    ("Hungary threatened to cut ties with Sweden.", ("HUN", "SWE", "threat", "asserted")),
    ("Hungary threatened to cut ties with Sweden.", ("HUN", "SWE", "sanctions", "hedged")),
    # talks offered are not held
    ("Pakistan's prime minister invited India to talks.", ("PAK", "IND", "meeting", "hedged")),
]


@pytest.mark.parametrize(("text", "expected"), EVALUATIVE, ids=[t[:40] for t, _ in EVALUATIVE])
def test_evaluative_frames_and_refusals(extractor, text, expected):
    got = found(extractor, text)
    assert expected in got, f"{expected} not in {got}"


def test_a_measure_held_over_someone_is_a_threat_and_an_announced_one_is_stated(extractor):
    got = found(extractor, "Washington warned that it would impose more tariffs on Mexico "
                "if Mexico retaliated.")
    assert has(got, "USA", "MEX", "threat")
    assert ("USA", "MEX", "sanctions", "hedged") in got  # conditional: "would … if"
    got = found(extractor, "Ottawa would immediately roll out its own tariffs on American "
                "goods.")
    assert ("CAN", "USA", "sanctions", "asserted") in got  # announced: stated


def test_any_act_is_supposed_not_told(extractor):
    got = found(extractor, "Any strike by Yemen on Oman would end the truce, the envoy said.")
    assert ("YEM", "OMN", "armed_conflict", "hedged") in got
    assert ("YEM", "OMN", "armed_conflict", "asserted") not in got


def test_an_act_warned_against_is_not_stated(extractor):
    got = found(extractor, "The Kremlin warned Finland against sending troops to Estonia.")
    assert ("RUS", "FIN", "pressure", "asserted") in got
    assert ("FIN", "EST", "military_support", "hedged") in got
    assert not any(c[:3] == ("FIN", "EST", "military_support") and c[3] == "asserted"
                   for c in got)


def test_support_is_typed_by_what_is_supplied(extractor):
    got = found(extractor, "Poland supplied Ukraine with tanks and artillery shells.")
    assert has(got, "POL", "UKR", "military_support")
    got = found(extractor, "Qatar supplied Lebanon with fuel.")
    assert has(got, "QAT", "LBN", "economic_support")


def test_an_accusation_is_pressure_and_its_content_is_hedged(extractor):
    got = found(extractor, "Sudan accused the United Arab Emirates of arming the rebels' "
                "allies in Chad.")
    assert has(got, "SDN", "ARE", "pressure")
    got = found(extractor, "Azerbaijan accused Armenia of shelling Azerbaijan's positions.")
    assert has(got, "AZE", "ARM", "pressure")
    assert not any(c[:3] == ("ARM", "AZE", "armed_conflict") and c[3] == "asserted"
                   for c in got)


def test_an_unseen_dyad_gets_iso_ids_and_relations(extractor):
    text = ("Saudi Arabia and Iran agreed on Friday to restore diplomatic relations after "
            "talks in Beijing. Riyadh had cut ties with Tehran in 2016. Iranian officials "
            "praised Saudi Arabia for the deal.")
    extraction = extractor.extract_text(text)
    ids = {c.source for c in extraction.candidates} | {c.target for c in extraction.candidates}
    assert {"IRN", "SAU"} <= ids
    assert extraction.proposed["IRN"].name == "Iran"
    assert "Iranian" in extraction.proposed["IRN"].demonyms
    got = found(extractor, text)
    assert has(got, "SAU", "IRN", "sanctions") and \
        has(got, "IRN", "SAU", "diplomatic_support")


def test_stopping_support_is_a_measure_not_support(extractor):
    got = found(extractor, "Germany halted arms exports to Saudi Arabia.")
    assert has(got, "DEU", "SAU", "sanctions")
    assert not any(c[2] == "military_support" for c in got)
    got = found(extractor, "Washington suspended military aid to Egypt.")
    assert has(got, "USA", "EGY", "pressure")  # CAMEO 162: reduce or stop material aid
    assert not any(c[2] == "military_support" for c in got)
    got = found(extractor, "Japan cut its economic aid to Myanmar.")
    assert has(got, "JPN", "MMR", "pressure") and \
        not any(c[2] == "economic_support" for c in got)
    assert has(found(extractor, "Germany sent arms to Ukraine."), "DEU", "UKR",
               "military_support")


def test_a_dateline_is_where_the_story_was_filed_not_an_actor(extractor):
    extraction = extractor.extract_text("JAKARTA (Reuters) - Malaysia and Singapore signed a "
                                        "defence cooperation pact on Tuesday.")
    ends = {c.source for c in extraction.candidates} | {c.target for c in extraction.candidates}
    assert ends == {"MYS", "SGP"}


def test_a_headline_above_a_dateline_keeps_its_actors(extractor):
    doc = extractor.nlp("Norway pledges air defence for Finland\n\nOSLO (AP) — The "
                        "government approved the deliveries on Monday.")
    mentions, _ = actor_mentions(doc, extractor.index)
    assert {"NOR", "FIN"} <= {m.actor for m in mentions}
    assert not any(doc[m.start].text in ("OSLO", "AP") for m in mentions)


def test_an_untitled_state_or_another_body_s_title_ties_no_one(extractor):
    # two states named as often: no clear home state
    got = found(extractor, "Chile and Peru met. Chile and Peru talked. Foreign Minister Ana "
                "Soto criticised Argentina.")
    assert not any(c[0] in ("CHL", "PER") and c[1] == "ARG" for c in got)
    # a title after another organisation's name is that organisation's
    got = found(extractor, "Chile will buy frigates. Chile's navy needs them, and Chile has "
                "the money. Hamas spokesman Abu Omar criticised Argentina.")
    assert not any(c[0] == "CHL" for c in got)


def test_a_light_verb_yields_to_the_measure_it_carries(extractor):
    for text in ("Beijing imposed export controls on Japan.",
                 "Washington imposed a new round of sanctions on Iran."):
        got = found(extractor, text)
        assert any(c[2] == "sanctions" for c in got), text
        assert not any(c[2] == "pressure" for c in got), (text, got)


def test_warning_of_a_response_is_a_threat(extractor):
    got = found(extractor, "Iran warned of overwhelming retaliation against Azerbaijan and "
                "Georgia.")
    assert has(got, "IRN", "AZE", "threat") and has(got, "IRN", "GEO", "threat")
    # the warning's words stay pressure beside the threat
    assert has(got, "IRN", "AZE", "pressure") and has(got, "IRN", "GEO", "pressure")
    assert has(found(extractor, "China warned of consequences for Lithuania."),
               "CHN", "LTU", "threat")
    assert has(found(extractor, "Russia vowed retaliation against Finland."),
               "RUS", "FIN", "threat")
    # a warning about someone's own conduct stays pressure
    assert has(found(extractor, "Britain warned Iran over its nuclear programme."),
               "GBR", "IRN", "pressure")


def test_a_welcome_for_a_thing_is_no_meeting(extractor):
    got = found(extractor, "Kenya welcomed the decision by Ethiopia.")
    assert not any(c[2] == "meeting" for c in got)
    assert not any(c[2] == "rivalry" for c in found(extractor, "Kenya beat the odds against "
                                                                  "Ethiopia."))


def test_intended_and_requested_acts_are_hedged(extractor):
    got = found(extractor, "Ghana vowed to cut ties with Togo.")
    assert ("GHA", "TGO", "sanctions", "hedged") in got
    assert ("GHA", "TGO", "threat", "asserted") in got
    assert not any(c[2] == "pressure" for c in got)  # a vow to act is no demand
    got = found(extractor, "France urged Germany to impose sanctions on Iran.")
    assert ("DEU", "IRN", "sanctions", "hedged") in got
    assert ("FRA", "DEU", "pressure", "asserted") in got
    assert ("FRA", "GRC", "military_support", "hedged") in \
        found(extractor, "Greece sought to buy fighter jets from France.")


def test_an_apposition_is_stated_whatever_its_head_s_verb(extractor):
    got = found(extractor, "The United States, an ally of both Japan and the Philippines, "
                "urged calm.")
    assert ("JPN", "USA", "alliance", "asserted") in got or \
        ("USA", "JPN", "alliance", "asserted") in got
    assert not any(c[:3] in (("JPN", "PHL", "alliance"), ("PHL", "JPN", "alliance"))
                   for c in got)


def test_a_verb_read_with_its_object_says_no_more_than_that(extractor):
    got = found(extractor, "Burkina Faso cut diplomatic ties with France.")
    assert ("BFA", "FRA", "sanctions", "asserted") in got
    assert not any(c[2] == "pressure" for c in got)


def test_help_s_other_object_is_not_the_receiver(extractor):
    got = found(extractor, "Belarus has sent troops to help Russia fight Ukraine, officials "
                "said.")
    assert not any(c[:3] == ("BLR", "UKR", "military_support") for c in got)


def test_drills_without_a_partner_or_a_target_say_nothing(extractor):
    assert not found(extractor, "Kenya urged Somalia to exercise restraint.") - {
        ("KEN", "SOM", "pressure", "asserted")}
    assert not any(c[2] in ("threat", "military_support")
                   for c in found(extractor, "Serbia held military drills on Monday."))


def test_a_pair_named_by_a_relational_epithet_holds_that_relation(extractor):
    got = found(extractor, "Iran and Saudi Arabia agreed to reopen embassies. The rivals have "
                "backed opposing sides in Yemen.")
    assert has(got, "IRN", "SAU", "rivalry")
    assert not any(c[1] == "YEM" for c in got)  # sides in Yemen are not Yemen
    assert has(found(extractor, "Japan and Australia held talks. The two allies pledged closer "
                     "ties."), "JPN", "AUS", "alliance")


def test_a_raising_passive_s_subject_does_the_infinitive(extractor):
    got = found(extractor, "Kenyan President William Ruto is expected to visit Kampala later "
                "this year.")
    assert ("KEN", "UGA", "meeting", "hedged") in got  # expected: not yet done


def test_a_definite_act_with_no_doer_is_the_last_one_told(extractor):
    got = found(extractor, "Turkish jets struck targets in northern Iraq on Sunday. Iran "
                "condemned the strikes.")
    assert has(got, "IRN", "TUR", "pressure")
    got = found(extractor, "Russia invaded Georgia in 2008. Lithuania condemned the invasion.")
    assert has(got, "LTU", "RUS", "pressure")
    got = found(extractor, "Beijing imposed tariffs on Canadian canola. Ottawa criticised the "
                "move.")
    assert has(got, "CAN", "CHN", "pressure")
    # nothing told before: nobody to blame
    assert not any(c[2] == "pressure" for c in found(extractor, "Ottawa criticised the move."))


def test_shared_drills_and_their_condemnation(extractor):
    got = found(extractor, "France, Italy and Spain wrapped up trilateral naval drills. Algeria "
                "condemned the exercises.")
    for a, b in (("FRA", "ITA"), ("ITA", "ESP"), ("FRA", "ESP")):
        assert has(got, a, b, "military_support") and has(got, b, a, "military_support")
    for doer in ("FRA", "ITA", "ESP"):
        assert has(got, "DZA", doer, "pressure")


def test_an_apposed_epithet_is_the_apposed_actor_not_a_partner(extractor):
    got = found(extractor, "Chile and Peru met. Russia, Peru's traditional ally, was not "
                "involved in the talks.")
    assert has(got, "PER", "RUS", "alliance")
    assert not has(got, "CHL", "PER", "alliance")
