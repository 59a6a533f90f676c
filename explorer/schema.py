"""The JSON Schema of the data file, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json

from explorer.model import DataFile
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["schema", "schema_json"]


def schema() -> dict:
    """JSON Schema of `data/relations.yaml`, with the default relation types listed."""
    result = DataFile.model_json_schema(mode="validation")
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["$id"] = "explorer/relations.schema.json"
    result["description"] = (
        "Curated geopolitical relations: actors, sources, relations with evidence. "
        "Default relation types: " + ", ".join(t.id for t in DEFAULT_TYPES) + "."
    )
    relation = result["$defs"]["Relation"]["properties"]
    relation["type"]["examples"] = [t.id for t in DEFAULT_TYPES]
    relation["type"]["description"] = "A default relation type or one under relation_types."
    return result


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
