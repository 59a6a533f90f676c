"""What every graph format carries for an actor and a relation, with its type.

One table each, so GEXF, GraphML and Cytoscape declare the same typed fields
(numbers as numbers, `directed` as a boolean) and a consumer sees the same
names whichever file it opens. Lists are joined with ", ", dates are ISO, and
absent values (an open `since` or `until`) are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Literal

__all__ = ["EDGE_FIELDS", "NODE_FIELDS", "edge_values", "line_style", "node_values",
           "xml_document", "xml_text", "xml_value"]

FieldType = Literal["string", "integer", "double", "boolean"]

#: Actor fields (the name is the node's label, not a field).
NODE_FIELDS: dict[str, FieldType] = {
    "kind": "string", "represents": "string", "description": "string", "members": "string",
}
#: Relation fields. `relation_type` is the type's id, `label` its name; `weight` is
#: the confidence (summed over the relations a folded view merged into one line).
EDGE_FIELDS: dict[str, FieldType] = {
    "relation_type": "string", "label": "string", "directed": "boolean",
    "polarity": "string", "sign": "integer", "status": "string", "modality": "string",
    "confidence": "double", "weight": "double", "since": "string", "until": "string",
    "evidence_count": "integer", "independent_count": "integer",
    "independent_sources": "string", "relation_ids": "string", "tags": "string",
    "summary": "string", "attributes": "string", "color": "string",
}

#: Characters XML 1.0 cannot carry at all, not even as references: C0 controls
#: other than tab, line feed and carriage return, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """`value` as text an XML file can hold: characters XML forbids become U+FFFD
    (so the file stays well-formed whatever the data holds, and the reader sees
    that something was there)."""
    return _NOT_XML.sub("\ufffd", str(value))


def xml_value(value: Any) -> str:
    """A field value as XML text: booleans `true`/`false`, numbers as Python
    writes them (valid xs:double), text through `xml_text`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return xml_text(value)


def xml_document(root: ET.Element) -> bytes:
    """An ElementTree element as an indented UTF-8 XML document."""
    ET.indent(root, space=" ")
    return (b"<?xml version='1.0' encoding='utf-8'?>\n"
            + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n")


def _flat(value: Any) -> Any:
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def node_values(data: dict[str, Any]) -> dict[str, Any]:
    """An actor's NODE_FIELDS values (scalars), absent ones left out."""
    return {name: _flat(data[name]) for name in NODE_FIELDS if data.get(name) is not None}


def edge_values(data: dict[str, Any]) -> dict[str, Any]:
    """A relation's EDGE_FIELDS values (scalars), absent ones left out."""
    values = {}
    for name in EDGE_FIELDS:
        value = data["type"] if name == "relation_type" else data.get(name)
        if value is not None:
            values[name] = _flat(value)
    return values


def line_style(status: str, modality: str) -> Literal["solid", "dashed", "dotted"]:
    """How a line looks in every format: extracted dashed, hedged or negated
    dotted (extracted wins: curated and extracted must never look alike)."""
    if status == "extracted":
        return "dashed"
    return "dotted" if modality in ("hedged", "negated") else "solid"
