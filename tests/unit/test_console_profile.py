"""PROFILE and EXPLAIN are refused before the server; words that only look like them pass."""

from __future__ import annotations

import pytest

from graph.neo4j.console import QueryRefused, check_text, refusal_reason

REFUSED = {
    "PROFILE MATCH (n:Actor) SET n.x = 1": "PROFILE at line 1, column 1",
    "profile match (n) return n": "PROFILE at line 1, column 1",
    "EXPLAIN CREATE (n)": "EXPLAIN at line 1, column 1",
    "// a note\n  explain MATCH (n) RETURN n": "EXPLAIN at line 2, column 3",
    "CYPHER 5 PROFILE MATCH (n) RETURN n": "PROFILE at line 1, column 10",
    "CYPHER runtime=slotted EXPLAIN MATCH (n) RETURN n": "EXPLAIN at line 1, column 24",
}
ACCEPTED = [
    "MATCH (profile:Actor) RETURN profile",
    "WITH 1 AS explain RETURN explain",
    "MATCH (n) RETURN n.profile AS profile",
    "RETURN 'PROFILE MATCH (n) SET n.x = 1' AS text",
    "CYPHER runtime=slotted MATCH (n) RETURN n",
]


@pytest.mark.parametrize("text,where", REFUSED.items(), ids=range(len(REFUSED)))
def test_profile_and_explain_are_refused_with_their_place(text, where):
    reason = refusal_reason(text)
    assert reason is not None and reason.startswith(where)
    assert "the console plans every query itself" in reason
    with pytest.raises(QueryRefused, match="^refused: "):
        check_text(text)


@pytest.mark.parametrize("text", ACCEPTED)
def test_names_that_look_like_them_pass(text):
    assert refusal_reason(text) is None
