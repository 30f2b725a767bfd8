"""What every Cypher text of the Neo4j backend shares: quoted schema names and stored properties.

Labels and relationship types are the only names spliced into a query text; they come from
the schema's closed sets and are backtick-quoted by :func:`quote_identifier`. Neo4j properties
hold scalars and lists of scalars only, so a property whose value is a mapping or a list of
mappings (evidence locators, claim checks) is stored as JSON text and its name is kept in the
node's ``_json`` list (:func:`encode_properties`); reads decode it again
(:func:`decode_properties`). The store, the named questions and the Cypher script export all
use these, so a graph written one way reads back the same way.

>>> encode_properties({"id": "a", "evidence": [{"paragraph": 3}], "gone": None})
{'id': 'a', 'evidence': '[{"paragraph": 3}]', '_json': ['evidence']}
>>> decode_properties(encode_properties({"check": {"ok": True}}))
{'check': {'ok': True}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.schema import LABELS, REL_TYPES, check_label

__all__ = ["JSON_KEY", "quote_identifier", "encode_properties", "decode_properties"]

JSON_KEY = "_json"


def quote_identifier(name: str) -> str:
    """Backtick-quote a label or relationship type after checking it is in the schema."""
    if name not in LABELS and name not in REL_TYPES:
        check_label(name)  # raises SchemaViolation with the list of labels
    return f"`{name}`"


def encode_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties as Neo4j stores them: nulls left out, nested values as JSON text named in
    ``_json``."""
    out: dict[str, Any] = {}
    encoded: list[str] = []
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)
        ):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            encoded.append(key)
        else:
            out[key] = value
    if encoded:
        out[JSON_KEY] = sorted(encoded)
    return out


def decode_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties as the store returns them: the ``_json`` ones decoded, ``_json`` dropped."""
    out = dict(props)
    for key in out.pop(JSON_KEY, None) or []:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out
