"""plan_merge: new evidence, new relations, and relations an analyst already rejected."""

from __future__ import annotations

from pathlib import Path

from explorer import store
from explorer.candidates import Candidate
from explorer.extract.merge import plan_merge

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"


def cand(source: str, target: str, type_: str, quote: str = "A new sentence.") -> Candidate:
    return Candidate(document="a.txt", source=source, target=target, type=type_,
                     modality="asserted", confidence=0.7, quote=quote, start=0,
                     end=len(quote))


def test_plan_merge_sorts_candidates():
    dataset = store.load(FICTIONAL)
    same = cand("AVA", "BOR", "alliance")
    reversed_undirected = cand("BOR", "AVA", "alliance")
    known_quote = cand("AVA", "BOR", "alliance", "Avaria and Borduria signed a defence pact.")
    rejected = cand("COR", "AVA", "sanctions")
    reversed_directed = cand("AVA", "COR", "sanctions")
    new = cand("COR", "DEL", "pressure")
    plan = plan_merge(dataset, [same, reversed_undirected, known_quote, rejected,
                                reversed_directed, new])
    assert plan.evidence == ((same, "ava-bor-alliance"),
                             (reversed_undirected, "ava-bor-alliance"))
    assert plan.duplicate_evidence == ((known_quote, "ava-bor-alliance"),)
    assert plan.rejected == ((rejected, "cor-ava-sanctions"),)
    assert plan.new == (reversed_directed, new)  # a directed type keeps its direction
