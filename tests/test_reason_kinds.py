"""Every reason the built-in engine and rules give names its kind from one enum."""

from hypothesis import given, settings

import plantarkit
from plantarkit import testing
from plantarkit._core import registry
from plantarkit.progression import ReasonKind


def test_every_built_in_rule_kind_is_a_reason_kind() -> None:
    import plantarkit.progression.rules  # noqa: F401  (registers the rule families)

    for family in ("pain_rule", "progression_rule", "regression_rule"):
        members = registry.family(family)
        assert members, family
        for cls in members:
            assert ReasonKind(cls.kind) == cls.kind  # type: ignore[attr-defined]  # tag ClassVar


def test_a_reason_kind_is_its_own_text() -> None:
    import json

    assert str(ReasonKind.GAP) == "gap"
    assert json.dumps(ReasonKind.BUILD_BACK) == '"build_back"'
    loaded = plantarkit.loads(
        plantarkit.dumps(plantarkit.progression.Reason(rule=ReasonKind.GAP, text="t")),
        plantarkit.progression.Reason,
    )
    assert loaded.rule == ReasonKind.GAP


@settings(max_examples=40, deadline=None)
@given(testing.advances())
def test_the_engine_gives_only_reason_kinds_it_knows(result: plantarkit.Advance) -> None:
    for decision in result.all_decisions:
        for reason in decision.reasons:
            assert reason.rule in set(ReasonKind), reason
