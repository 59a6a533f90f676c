"""Probe sentences, written for these tests, for what a sentence says: cues, types and
modality (the cue lexicon, its verb+particle and verb+object patterns, evaluative frames
and the type-deciding constructions). Never a sentence of an article: each is our own,
about states in combinations no evaluation set was built from.
"""

from __future__ import annotations

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor

from .conftest import DATA
from .test_extract_probes import check_probe, found, has


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


#: (sentence, relations that must be found, relations that must not)
PROBES = [
    # military support: goods and forces, hosted, packaged, trained
    ("Djibouti hosts a Chinese military base.", [("CHN", "DJI", "military_support")], []),
    ("Poland received American tanks last year.", [("USA", "POL", "military_support")], []),
    ("The United States approved a $1 billion arms package for Taiwan.",
     [("USA", "TWN", "military_support")], []),
    ("Moscow sent military advisers to Mali.", [("RUS", "MLI", "military_support")], []),
    ("France has trained thousands of Ukrainian soldiers.",
     [("FRA", "UKR", "military_support")], []),
    # a cue may start inside a name and end outside it
    ("Washington's military support for Israel has drawn protests.",
     [("USA", "ISR", "military_support")], [("USA", "ISR", "diplomatic_support")]),
    # forces massed on a border: the place hangs on the forces
    ("Russia massed more than 100,000 troops on Ukraine's border.",
     [("RUS", "UKR", "threat")], [("RUS", "UKR", "military_support")]),
    ("Russia maintains a naval base in Syria.", [("RUS", "SYR", "military_support")], []),
    # shared intelligence runs both ways; what it is about is no partner
    ("Israel shares intelligence with Jordan.",
     [("ISR", "JOR", "military_support"), ("JOR", "ISR", "military_support")], []),
    ("Japan and Australia agreed to swap classified information on Iran's programme.",
     [("JPN", "AUS", "military_support"), ("AUS", "JPN", "military_support")],
     [("JPN", "IRN", "military_support")]),
    ("Poland agreed to host more American troops.", [("USA", "POL", "military_support")], []),
    ("Britain will station troops in Estonia.", [("GBR", "EST", "military_support")], []),
    ("The United States keeps 28,500 troops in South Korea.",
     [("USA", "KOR", "military_support")], []),
    ("Venezuela mobilised troops near the Guyanese border.", [("VEN", "GUY", "threat")],
     [("VEN", "GUY", "military_support")]),
    # support received from someone
    ("Venezuela's government received strong backing from Cuba.",
     [("CUB", "VEN", "diplomatic_support")], []),
    # a welcomed decision is support for its owner; a welcomed visitor a meeting
    ("Japan welcomed Australia's decision.", [("JPN", "AUS", "diplomatic_support")], []),
    ("Lula welcomed Xi in Brasilia.", [("BRA", "CHN", "meeting")],
     [("BRA", "CHN", "diplomatic_support")]),
    ("Egypt threw its weight behind Sudan.", [("EGY", "SDN", "diplomatic_support")], []),
    # pressure: a statement's verb is its issuer's; representations lodged
    ("Argentina issued a statement rejecting Britain's claims.",
     [("ARG", "GBR", "pressure")], []),
    ("Beijing lodged stern representations with Tokyo.", [("CHN", "JPN", "pressure")], []),
    ("France expressed outrage at Mali's decision.", [("FRA", "MLI", "pressure")], []),
    # economic support: sums lent, investment drawn, agreements typed by what they cover
    ("China lent Sri Lanka $1.5 billion to build the port.",
     [("CHN", "LKA", "economic_support")], []),
    ("Brazil is drawing direct investment from China.", [("CHN", "BRA", "economic_support")],
     []),
    ("Chile signed a memorandum of understanding on rare earth minerals with Germany.",
     [("CHL", "DEU", "economic_support"), ("DEU", "CHL", "economic_support")], []),
    ("North Korean troops are fighting alongside Russian forces.",
     [("PRK", "RUS", "military_support")], []),
    # a plural relational noun apposed to a group relates the group
    ("Greece and Turkey, historic foes, disagree over maritime borders.",
     [("GRC", "TUR", "rivalry")], []),
    # sanctions: flights suspended, imports blocked, ties downgraded, names listed
    ("Kuwait suspended flights to Lebanon.", [("KWT", "LBN", "sanctions")], []),
    ("China blocked imports of Australian coal.", [("CHN", "AUS", "sanctions")], []),
    ("China downgraded diplomatic ties with Lithuania.", [("CHN", "LTU", "sanctions")], []),
    ("The EU added Iranian officials to its sanctions list.", [("EU", "IRN", "sanctions")],
     []),
    # sanctions: ships and flights barred
    ("Britain barred Russian ships from its ports.", [("GBR", "RUS", "sanctions")], []),
    # threats: shows of force at another's waters or skies
    ("China sent warships into Philippine waters.", [("CHN", "PHL", "threat")],
     [("CHN", "PHL", "military_support")]),
    ("Russian bombers violated Japanese airspace.", [("RUS", "JPN", "threat")], []),
    ("North Korea fired a ballistic missile over Japan.", [("PRK", "JPN", "threat")],
     [("PRK", "JPN", "armed_conflict")]),
    ("Chinese warships sailed near Japan's southern islands.", [("CHN", "JPN", "threat")], []),
    # an act rehearsed is a threat, not the act
    ("China's military held drills simulating a blockade of Taiwan.",
     [("CHN", "TWN", "threat")], [("CHN", "TWN", "sanctions")]),
    # ... but missiles fired into a state are an attack
    ("Iran fired missiles into Israel.", [("IRN", "ISR", "armed_conflict")],
     [("IRN", "ISR", "threat")]),
    # diplomatic support: coming to someone's defence
    ("France came to Greece's defence.", [("FRA", "GRC", "diplomatic_support")], []),
    ("Russia sprang to the defence of Serbia at the United Nations.",
     [("RUS", "SRB", "diplomatic_support")], []),
    # threats: an ultimatum
    ("Azerbaijan issued an ultimatum to Armenia.", [("AZE", "ARM", "threat")], []),
    # threats: force held over someone in a warning's clause, vowed, announced
    ("Tehran warned Riyadh that it would pay a heavy price.",
     [("IRN", "SAU", "threat"), ("IRN", "SAU", "pressure")], []),
    ("Caracas warned that Venezuela would take further measures if Guyana persisted.",
     [("VEN", "GUY", "threat")], []),
    ("Ankara vowed a tough response to Athens.", [("TUR", "GRC", "threat")], []),
    # the warned named as the clause's object
    ("North Korea warned it would turn Seoul into a sea of fire.", [("PRK", "KOR", "threat")],
     []),
    ("Moscow would respond to Finland's accession with countermeasures.",
     [("RUS", "FIN", "threat")], []),
    ("Russia will retaliate against Norway.", [("RUS", "NOR", "threat")], []),
    # ... a warning against an act, or a retaliation told as done, stays pressure
    ("Seoul warned Pyongyang against any provocation.", [("KOR", "PRK", "pressure")],
     [("KOR", "PRK", "threat")]),
    ("China retaliated against the United States last year.", [("CHN", "USA", "pressure")],
     [("CHN", "USA", "threat")]),
    # attacking a decision is criticism, not an assault (word sense)
    ("Cairo attacked Ethiopia's decision to fill the dam.", [("EGY", "ETH", "pressure")],
     [("EGY", "ETH", "armed_conflict")]),
    # an act named by a judging noun: pressure on its doer from whoever names it
    ("Norway called Serbia's incursion a grave breach of the accord.",
     [("NOR", "SRB", "pressure")], []),
    ("Chile condemned the move, calling it an affront by Bolivia.",
     [("CHL", "BOL", "pressure")], []),
    ("Norway denounced Sweden's raid as a violation of its sovereignty.",
     [("NOR", "SWE", "pressure")], []),
    ("Laos shelled Thai villages. Malaysia said the shelling was a violation of the truce.",
     [("MYS", "LAO", "pressure")], []),
    ("Kenya told the council that Uganda's incursion amounted to an attack on its "
     "sovereignty.", [("KEN", "UGA", "pressure")], []),
    ("Peru said Bolivia's raid constituted a violation of the convention.",
     [("PER", "BOL", "pressure")], []),
    # a feeling an act is done with or in
    ("Japan views Russia's buildup with alarm.", [("JPN", "RUS", "pressure")], []),
    ("Kenya walked out in protest at Uganda's remarks.", [("KEN", "UGA", "pressure")], []),
    # meetings: coordinated subjects who sit down with a third met each other too
    ("The leaders of India and Brazil sat down with Xi Jinping for talks.",
     [("IND", "BRA", "meeting"), ("IND", "CHN", "meeting")], []),
    ("Talks that brought together Armenian and Azerbaijani officials collapsed.",
     [("ARM", "AZE", "meeting")], []),
    # ... but co-travellers did not meet each other
    ("Egypt and Jordan travelled to Washington.", [], [("EGY", "JOR", "meeting")]),
    # the two ends of a verb said during talks were at the talks
    ("Vietnam's premier reassured Laos during talks in Hanoi.",
     [("VNM", "LAO", "meeting")], []),
    # pressure: what another must do, whom one holds responsible, what one tells them
    ("Washington said Moscow must withdraw its troops.", [("USA", "RUS", "pressure")], []),
    ("Paris said it must defend its interests.", [], [("FRA", "FRA", "pressure")]),
    ("India held Pakistan responsible for the attack.", [("IND", "PAK", "pressure")], []),
    ("Germany told Iran to stop enriching uranium.", [("DEU", "IRN", "pressure")], []),
    ("Britain pointed the finger at Russia for the poisoning.", [("GBR", "RUS", "pressure")],
     []),
    ("The United States called North Korea's launch a violation of UN resolutions.",
     [("USA", "PRK", "pressure")], []),
    # pressure: feelings voiced, verbs with their particle, taking aim
    ("Japan expressed regret over South Korea's decision.",
     [("JPN", "KOR", "pressure")], []),
    ("Chile expressed its displeasure to Peru.", [("CHL", "PER", "pressure")], []),
    ("Washington hit back at Beijing over the tariffs.", [("USA", "CHN", "pressure")],
     [("USA", "CHN", "armed_conflict")]),
    ("Poland called in the Belarusian charge d'affaires.", [("POL", "BLR", "pressure")], []),
    ("New Zealand took aim at China's human rights record.",
     [("NZL", "CHN", "pressure")], []),
    ("Tokyo is wary of Beijing's intentions.", [("JPN", "CHN", "pressure")], []),
    # ... but wary of provoking X is the judge's own caution
    ("Hanoi would be wary of provoking Beijing.", [], [("VNM", "CHN", "pressure")]),
    # cover: a resolution critical of X vetoed, voted against; X shielded from censure
    ("The United States vetoed a resolution critical of Israel.",
     [("USA", "ISR", "diplomatic_support")], []),
    ("Mexico voted against the resolution targeting Cuba.",
     [("MEX", "CUB", "diplomatic_support")], []),
    ("Russia has shielded Syria from UN censure.", [("RUS", "SYR", "diplomatic_support")], []),
    # a decision's author named with "by"
    ("Saudi Arabia said it supported the decision by the United States.",
     [("SAU", "USA", "diplomatic_support")], []),
    # diplomatic support: votes, alignment, standing behind
    ("Brazil voted with Russia at the United Nations.",
     [("BRA", "RUS", "diplomatic_support")], []),
    ("Serbia aligned itself with Russia.", [("SRB", "RUS", "diplomatic_support")], []),
    ("Germany stood firmly behind Israel.", [("DEU", "ISR", "diplomatic_support")], []),
    # rivalry: contests and rows
    ("The contest between Iran and Saudi Arabia shapes the region.",
     [("IRN", "SAU", "rivalry")], []),
    ("A diplomatic row between Canada and India deepened.", [("CAN", "IND", "rivalry")], []),
    # CAMEO verb+particle patterns switched on by meaning
    ("Cuba huddled with Venezuela on Monday.", [("CUB", "VEN", "meeting")], []),
    ("Ukrainian troops advanced into Russia.", [("UKR", "RUS", "armed_conflict")], []),
    # a CAMEO pattern whose phrase decides is never read as its bare noun
    # ("reaffirm commitment (against threats)": 130)
    ("Washington reaffirmed its commitment to the Philippines.", [],
     [("USA", "PHL", "threat")]),
    # controls on trade are sanctions (CAMEO's "tighten controls" is 130)
    ("Canada tightened controls on exports of drones to Pakistan.", [("CAN", "PAK", "sanctions")],
     [("CAN", "PAK", "threat")]),
    ("The United States restricted exports of advanced chips to China.",
     [("USA", "CHN", "sanctions")], []),
    # recognition denied by a noun, "yet to", "stopped short of": no support
    ("Serbia's refusal to recognise Kosovo angered Washington.",
     [("SRB", "XKX", "pressure")], [("SRB", "XKX", "diplomatic_support")]),
    ("Spain has yet to recognise Kosovo.", [], [("ESP", "XKX", "diplomatic_support")]),
    # recognising a breakaway part of a state is against the state
    ("Russia recognised the independence of Georgia's breakaway regions.",
     [("RUS", "GEO", "pressure")], [("RUS", "GEO", "diplomatic_support")]),
    ("Israel recognised Moroccan sovereignty over Western Sahara.",
     [("ISR", "MAR", "diplomatic_support")], []),
    # nominal cues: goods sent, goods bought, a demand's clause, a rejection
    ("Washington's arms to Taiwan have angered Beijing.",
     [("USA", "TWN", "military_support")], []),
    ("China's purchases of Russian oil soared.", [("CHN", "RUS", "economic_support")], []),
    ("The US demand that Iran halt enrichment was rejected.", [("USA", "IRN", "pressure")], []),
    ("Britain's rejection of Argentina's claim angered Buenos Aires.",
     [("GBR", "ARG", "pressure")], []),
    # countering another's weight is rivalry
    ("Japan seeks to counter China's growing influence in the Pacific.",
     [("JPN", "CHN", "rivalry")], []),
    ("India moved to counterbalance China in the Indian Ocean.", [("IND", "CHN", "rivalry")],
     []),
    # a free relative is what it is called
    ("Poland took aim at what it called Belarus's reckless conduct.",
     [("POL", "BLR", "pressure")], []),
    # words echoed: the last pressure told, with the echoing actor as source
    ("Kenya called on Uganda to release the detained pilots, a demand echoed by Tanzania.",
     [("KEN", "UGA", "pressure"), ("TZA", "UGA", "pressure")], []),
    ("Britain urged Rwanda to pull back, and France echoed the call.",
     [("FRA", "RWA", "pressure")], []),
    # ... only a demand, a call or criticism is echoed, not any claim
    ("Britain urged Rwanda to pull back. Uganda repeated its claim that the border was "
     "closed.", [], [("UGA", "RWA", "pressure")]),
    # reciprocal objects: both ways
    ("Peru and Bolivia accused each other of stoking the border unrest.",
     [("PER", "BOL", "pressure"), ("BOL", "PER", "pressure")], []),
    ("Armenia and Azerbaijan blamed one another for the clashes.",
     [("ARM", "AZE", "pressure"), ("AZE", "ARM", "pressure")], []),
    # "open" carries its noun: "opened fire on X"
    ("Kyrgyz troops opened fire on Tajik positions.", [("KGZ", "TJK", "armed_conflict")], []),
    # the object of "accused" does the gerund, even when the parse hangs "of" on it
    ("Kenya accused the group of siding with Uganda.",
     [], [("KEN", "UGA", "diplomatic_support")]),
    # backing a measure is no support for the state the article is about; backing a
    # decision told before is support for whoever took it
    ("Fiji imposed tariffs on Samoa. Samoa protested. Samoa called Fiji reckless. "
     "Tonga said it supported the renewal of the embargo.",
     [], [("TON", "WSM", "diplomatic_support")]),
    ("Fiji imposed tariffs on Samoa. Samoa protested. Samoa called Fiji reckless. "
     "Tonga said it backed the decision.", [("TON", "FJI", "diplomatic_support")],
     [("TON", "WSM", "diplomatic_support")]),
]


def test_an_act_abstained_from_is_negated(extractor):
    got = found(extractor, "India abstained from condemning Russia.")
    assert has(got, "IND", "RUS", "pressure", "negated")
    assert not has(got, "IND", "RUS", "pressure", "asserted")


def test_a_meeting_called_off_is_negated(extractor):
    got = found(extractor, "Pakistan called off talks with India.")
    assert has(got, "PAK", "IND", "meeting", "negated")
    assert not has(got, "PAK", "IND", "meeting", "asserted")


@pytest.mark.parametrize(("text", "expected", "absent"), PROBES)
def test_cue_probe(extractor, text, expected, absent):
    check_probe(extractor, text, expected, absent)
