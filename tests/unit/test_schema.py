"""Schema validation: good records pass, bad ones name label, id, field and problem."""

import pytest

from graph.schema import (
    LABELS,
    REL_TYPES,
    SchemaViolation,
    check_label,
    check_rel_type,
    parse_node_ref,
    validate_node,
    validate_relationship,
)

LOC = {"source": "s", "section": "Pendahuluan", "paragraph": 3}


def actor(**over):
    rec = {
        "label": "Actor",
        "id": "kua_cikeusal",
        "name": "KUA Cikeusal",
        "actor_type": "religious",
        "sector": "religion",
        "level": "kecamatan",
        "evidence": [LOC],
    }
    rec.update(over)
    return rec


def fields(errors):
    return {(e.where, e.field) for e in errors}


def test_good_actor_passes():
    assert validate_node(actor()) == []


def test_missing_required_field_is_named():
    errors = validate_node(actor(sector=None))
    assert fields(errors) == {("Actor:kua_cikeusal", "sector")}
    assert "required" in errors[0].problem


def test_value_outside_choices_lists_the_choices():
    (err,) = validate_node(actor(level="planet"))
    assert (
        err.field == "level" and "'planet' is not one of" in err.problem and "desa" in err.problem
    )


def test_unknown_property_is_rejected_unless_extras_allowed():
    assert fields(validate_node(actor(colour="red"))) == {("Actor:kua_cikeusal", "colour")}
    assert validate_node(actor(colour="red"), extra_ok=True) == []


def test_wrong_type_is_reported():
    rec = {
        "label": "Observation",
        "id": "o1",
        "name": "x",
        "value": "55%",
        "unit": "percent",
        "instrument": "e-PPGBM",
        "source": "s",
        "evidence": [LOC],
    }
    (err,) = validate_node(rec)
    assert err.field == "value" and "expected number" in err.problem


def test_bad_id_and_unknown_label():
    assert ("Actor:Bad Id", "id") in fields(validate_node(actor(id="Bad Id")))
    (err,) = validate_node({"label": "Person", "id": "x"})
    assert err.field == "label" and "Actor" in err.problem


@pytest.mark.parametrize(
    "loc, field",
    [
        ({"section": "A", "paragraph": 1}, "evidence[0].source"),
        ({"source": "s", "section": "A", "paragraph": 0}, "evidence[0].paragraph"),
        ({"source": "s", "section": "A", "paragraph": 2, "start": 9, "end": 3}, "evidence[0].end"),
        ({"source": "s", "section": "A", "paragraph": 2, "page": 3}, "evidence[0]"),
    ],
)
def test_locator_shape_errors(loc, field):
    assert field in {e.field for e in validate_node(actor(evidence=[loc]))}


def test_relationship_end_labels_are_checked():
    rec = {"type": "TARGETS", "start": "Actor:a", "end": "TargetGroup:b", "evidence": [LOC]}
    (err,) = validate_relationship(rec)
    assert err.field == "type" and "Intervention->TargetGroup" in err.problem
    ok = dict(rec, start="Intervention:x")
    assert validate_relationship(ok) == []


def test_contributes_to_requires_the_kind_of_claim():
    rec = {
        "type": "CONTRIBUTES_TO",
        "start": "Intervention:a",
        "end": "Indicator:b",
        "evidence": [LOC],
    }
    assert ("CONTRIBUTES_TO Intervention:a -> Indicator:b", "claim") in fields(
        validate_relationship(rec)
    )
    assert validate_relationship(dict(rec, claim="reported_by_informants")) == []
    bad = validate_relationship(dict(rec, claim="proven"))
    assert bad and "reported_by_informants" in bad[0].problem


def test_closed_sets_guard_identifiers():
    assert check_label("Actor") == "Actor"
    assert check_rel_type("FUNDS") == "FUNDS"
    with pytest.raises(SchemaViolation):
        check_label("Actor) DETACH DELETE n //")
    with pytest.raises(SchemaViolation):
        check_rel_type("FUNDS]->() DELETE x //")
    assert {"Actor", "Intervention", "Observation", "Claim"} <= LABELS
    assert {"COLLABORATES_WITH", "CONTRIBUTES_TO", "OBSERVED_IN"} <= REL_TYPES


def test_node_refs():
    assert str(parse_node_ref("Place:desa_mongpok")) == "Place:desa_mongpok"
    assert parse_node_ref({"label": "Actor", "id": "x"}).id == "x"
    with pytest.raises(ValueError):
        parse_node_ref("no-colon")
