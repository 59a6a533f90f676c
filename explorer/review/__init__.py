"""Review: candidates from extraction into the data file, and the analyst's decisions.

The package exports its public names, except the functions that share a module's
name (`match.match`, `plan.plan`, `apply.apply`): import those from their module.

- `match`: the one rule that says whether a claim is a relation the data holds;
- `dating`: when a quoted sentence says its event happened;
- `ids`: readable, unique ids for new relations and sources;
- `plan`: what review will write for an article's candidates, and why (pure);
- `apply`: a plan written in one change; an actor on its own;
- `decide`: the queue, accept, reject, edit and merge of relations in the file.
"""

from explorer.review.apply import (
    Applied,
    accept_candidate,
    add_actor,
    add_articles,
    add_candidates,
    propose,
    reject_candidate,
)
from explorer.review.dating import Dating, date_event
from explorer.review.decide import (
    EDITABLE,
    UnknownRelation,
    accept,
    current_reviewer,
    edit,
    merge,
    queue,
    reject,
    suggested_id,
)
from explorer.review.ids import new_relation_id, new_source_id
from explorer.review.match import Claim, Match, compare, relation_key
from explorer.review.plan import OUTCOMES, Outcome, Plan, ReviewError

__all__ = [
    "EDITABLE",
    "OUTCOMES",
    "Applied",
    "Claim",
    "Dating",
    "Match",
    "Outcome",
    "Plan",
    "ReviewError",
    "UnknownRelation",
    "accept",
    "accept_candidate",
    "add_actor",
    "add_articles",
    "add_candidates",
    "compare",
    "current_reviewer",
    "date_event",
    "edit",
    "merge",
    "new_relation_id",
    "new_source_id",
    "propose",
    "queue",
    "reject",
    "reject_candidate",
    "relation_key",
    "suggested_id",
]
