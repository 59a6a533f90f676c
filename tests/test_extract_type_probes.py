"""Probe sentences, written for these tests, for the TYPE a found pair gets: what is
given, signed, said or done decides between neighbouring types (pressure, sanctions and
threat; alliance, support and meeting; economic and military support). Never a sentence
of an article: each is our own, about states in combinations no evaluation set was
built from.
"""

from __future__ import annotations

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor

from .conftest import DATA
from .test_extract_probes import check_probe


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


#: (sentence, relations that must be found, relations that must not)
PROBES = [
    # envoys sent home or away are a protest (CAMEO 161 short of a break, 166); cutting
    # ties is a sanction
    ("Peru recalled its ambassador from Caracas on Monday.",
     [("PER", "VEN", "pressure")], [("PER", "VEN", "sanctions")]),
    ("Kenya expelled two Ugandan diplomats.",
     [("KEN", "UGA", "pressure")], [("KEN", "UGA", "sanctions")]),
    ("Mali ordered the Danish ambassador to leave within 72 hours.",
     [("MLI", "DNK", "pressure")], [("MLI", "DNK", "sanctions")]),
    ("Chad severed diplomatic relations with Qatar.",
     [("TCD", "QAT", "sanctions")], [("TCD", "QAT", "pressure")]),
    # a warning of force is words and force: pressure and a threat
    ("Quito warned Lima that there would be consequences.",
     [("ECU", "PER", "threat"), ("ECU", "PER", "pressure")], []),
    ("Bolivia vowed a firm response to Paraguay.",
     [("BOL", "PRY", "threat"), ("BOL", "PRY", "pressure")], []),
    # an act announced is the act held over them, not also words of pressure
    ("Algeria will retaliate against Morocco.", [("DZA", "MAR", "threat")],
     [("DZA", "MAR", "pressure")]),
    # relations established, restored or normalised: diplomatic support both ways
    ("Cuba and Uruguay restored diplomatic relations on Friday.",
     [("CUB", "URY", "diplomatic_support"), ("URY", "CUB", "diplomatic_support")], []),
    ("Oman agreed to normalise relations with Chad.",
     [("OMN", "TCD", "diplomatic_support"), ("TCD", "OMN", "diplomatic_support")], []),
    ("Chile restored trade ties with Peru.", [], [("CHL", "PER", "diplomatic_support")]),
    # money and forces by their names: economic or military support
    ("Qatar has poured billions into Sudanese banks.", [("QAT", "SDN", "economic_support")],
     [("QAT", "SDN", "military_support")]),
    ("Kuwait deposited 2 billion dollars in Jordan's central bank.",
     [("KWT", "JOR", "economic_support")], []),
    ("Japan has lent billions of yen to Laos.", [("JPN", "LAO", "economic_support")], []),
    ("Turkey trains Somali pilots.", [("TUR", "SOM", "military_support")],
     [("TUR", "SOM", "economic_support")]),
    ("India and Sri Lanka signed a currency swap agreement.",
     [("IND", "LKA", "economic_support"), ("LKA", "IND", "economic_support")], []),
    ("Paraguay and Bolivia signed a prisoner swap agreement.", [],
     [("PRY", "BOL", "economic_support"), ("BOL", "PRY", "economic_support")]),
    ("Russia pumped troops into Georgia.", [], [("RUS", "GEO", "economic_support")]),
    # "in response to", "in retaliation for": an act's reason, no words aimed at anyone
    ("Mexico raised tariffs on Peru in response to Peruvian duties.",
     [("MEX", "PER", "sanctions")], [("MEX", "PER", "pressure")]),
    ("Angola walked out in protest at Zambia's remarks.", [("AGO", "ZMB", "pressure")], []),
    # round 5: what a verb's reason or time names is not the verb's act
    ("Bolivia cut ties with Peru after the attacks on Chile.", [("BOL", "PER", "sanctions")],
     [("BOL", "CHL", "armed_conflict")]),
    # a measure its would-be doer declines to join is not theirs
    ("Uruguay said it would not join sanctions against Paraguay.", [],
     [("URY", "PRY", "sanctions")]),
    ("Nepal declined to take part in sanctions on Bhutan.", [], [("NPL", "BTN", "sanctions")]),
    # an act condemned, its doers named by the participle's "by"
    ("Fiji condemned the naval drills held by Tonga and Samoa.",
     [("FJI", "TON", "pressure"), ("FJI", "WSM", "pressure")], []),
    # cooperation one side ends is that side's measure only
    ("Niger ended its defence cooperation with Benin.", [("NER", "BEN", "pressure")],
     [("BEN", "NER", "pressure")]),
    # a stop only demanded stops nothing: the support it presupposes stays
    ("Peru urged Chile to halt arms sales to Bolivia.",
     [("CHL", "BOL", "military_support"), ("PER", "CHL", "pressure")],
     [("CHL", "BOL", "sanctions")]),
    ("Ghana demanded that Togo stop supplying weapons to Benin.",
     [("TGO", "BEN", "military_support")],
     [("TGO", "BEN", "sanctions")]),
    # "its" in an infinitive its object does is the object's
    ("Kenya called on Uganda to end its military support for Sudan.",
     [("UGA", "SDN", "military_support"), ("KEN", "UGA", "pressure")],
     [("KEN", "SDN", "pressure"), ("KEN", "SDN", "military_support")]),
    # a side's members acting are no alliance with whom they act on
    ("NATO allies pledged more air defence for Moldova.",
     [("NATO", "MDA", "military_support")], [("NATO", "MDA", "alliance")]),
    # a body complained to or asked for help is a forum: the pressure is on whom the
    # complaint is about; urging it to change its own course stays pressure on it
    ("Chile complained to the United Nations about Peru's naval patrols.",
     [("CHL", "PER", "pressure")], [("CHL", "UN", "pressure")]),
    ("Moldova asked NATO to guard its airspace.", [], [("MDA", "NATO", "pressure")]),
    ("Gabon filed a complaint with the United Nations.", [], [("GAB", "UN", "pressure")]),
    ("Estonia urged the EU to impose sanctions on Belarus.",
     [("EST", "BLR", "sanctions"), ("EST", "EU", "pressure")], []),
    ("Hungary urged the EU to drop its plan.", [("HUN", "EU", "pressure")], []),
    # whatever is given to a state's forces supports them militarily
    ("Spain provided training and equipment to Mauritanian forces.",
     [("ESP", "MRT", "military_support")], [("ESP", "MRT", "economic_support")]),
    ("Norway gave books to Kenyan schools.", [], [("NOR", "KEN", "military_support")]),
    # fighting someone else together is no fight between the two
    ("Peru and Bolivia are fighting drug cartels.", [],
     [("PER", "BOL", "armed_conflict"), ("BOL", "PER", "armed_conflict")]),
    ("Ghana and Togo fought two wars.",
     [("GHA", "TGO", "armed_conflict"), ("TGO", "GHA", "armed_conflict")], []),
    # a blow dealt with a penalty is the penalty
    ("Chile hit Peru with heavy tariffs.", [("CHL", "PER", "sanctions")],
     [("CHL", "PER", "armed_conflict")]),
    ("Chile threatened Peru with sanctions.", [("CHL", "PER", "threat")], []),
    # calls between leaders are consultations (CAMEO 04): meetings
    ("Zambia's president telephoned his Malawian counterpart on Monday.",
     [("ZMB", "MWI", "meeting")], []),
    ("Latvia and Lithuania spoke by phone after the vote.", [("LVA", "LTU", "meeting")], []),
    ("Bolivia's leader called Paraguay's president on Tuesday.",
     [("BOL", "PRY", "meeting")], [("BOL", "PRY", "pressure")]),
    ("Qatar called the Arab League together to discuss the crisis.", [],
     [("QAT", "ARABLEAGUE", "meeting"), ("QAT", "LAS", "meeting")]),
    # measures placed on someone; aid named alone
    ("Canada placed sanctions on senior Bolivian officials.", [("CAN", "BOL", "sanctions")],
     []),
    ("Australia boosted aid to Fiji.", [("AUS", "FJI", "economic_support")], []),
    ("Japan announced new aid for Laos.", [("JPN", "LAO", "economic_support")], []),
    ("Britain increased its security assistance to Kenya.",
     [("GBR", "KEN", "military_support")], [("GBR", "KEN", "economic_support")]),
    # forces named by coordinated national adjectives: each state's
    ("Chilean and Peruvian marines held joint drills off the coast.",
     [("CHL", "PER", "military_support"), ("PER", "CHL", "military_support")], []),
    # a military backer supports militarily
    ("Oman, Yemen's chief military backer, stayed silent.",
     [("OMN", "YEM", "military_support")], [("OMN", "YEM", "diplomatic_support")]),
    # a measure threatened is a threat; the condition it is held over is not threatened
    ("Qatar threatened to halt gas shipments to Italy unless the EU dropped its levy.",
     [("QAT", "ITA", "threat")], [("EU", "QAT", "threat")]),
    ("Peru threatened to withdraw its envoy from La Paz.", [("PER", "BOL", "threat")],
     []),
    # a member walking away from a body presses it
    ("Burundi withdrew from the African Union in protest.", [("BDI", "AU", "pressure")], []),
    ("Norway's envoy left the UN session early.", [], [("NOR", "UN", "pressure")]),
    # a pact is an alliance only when named so: a lithium pact is no alliance
    ("Serbia and Hungary signed a lithium pact.", [], [("SRB", "HUN", "alliance")]),
    ("Egypt and Somalia signed a security pact.", [("EGY", "SOM", "alliance")], []),
    # supporting a state's army is military support
    ("Kenya supports Somalia's army.", [("KEN", "SOM", "military_support")],
     [("KEN", "SOM", "diplomatic_support")]),
    # a request for help is no pressure on whom it asks
    ("Chile asked Peru's president to use his influence on Bolivia.", [],
     [("CHL", "PER", "pressure")]),
    ("Chile asked Peru to help end the crisis.", [], [("CHL", "PER", "pressure")]),
    ("Chile urged Peru to withdraw its troops.", [("CHL", "PER", "pressure")], []),
    # visits told by arrival, talks offered
    ("Germany's chancellor flew into Belgrade on Friday.", [("DEU", "SRB", "meeting")], []),
    ("The Kenyan president arrived in Kampala on Monday.", [("KEN", "UGA", "meeting")], []),
    ("Talks were held in Kampala on Monday.", [], [("KEN", "UGA", "meeting")]),
    ("Pakistan's prime minister invited India to talks.", [("PAK", "IND", "meeting")], []),
    # a rival by name: "calls Y a rival", "views Y as a rival"
    ("Japan views China as its main rival.", [("JPN", "CHN", "rivalry")], []),
    ("Chile, which calls Peru a strategic rival, stayed away.", [("CHL", "PER", "rivalry")],
     []),
    # supplies cut off are a sanction, not also the pressure of cutting
    ("Algeria cut off gas supplies to Morocco.", [("DZA", "MAR", "sanctions")],
     [("DZA", "MAR", "pressure")]),
    ("India extended a $1 billion credit line to Nepal.",
     [("IND", "NPL", "economic_support")], []),
    # a blocked text says nothing: only the blocking is told
    ("Greece blocked an EU statement condemning Turkey.", [("GRC", "TUR", "diplomatic_support")],
     [("EU", "TUR", "pressure")]),
    # an attack one is accused of, with no target named, is on the accuser (hedged)
    ("Georgia accused Russia of shelling a border post.",
     [("RUS", "GEO", "armed_conflict"), ("GEO", "RUS", "pressure")], []),
    # blows landing inside a state
    ("Pakistan carried out airstrikes inside Afghanistan.",
     [("PAK", "AFG", "armed_conflict")], []),
]


@pytest.mark.parametrize(("text", "expected", "absent"), PROBES)
def test_type_probe(extractor, text, expected, absent):
    check_probe(extractor, text, expected, absent)
