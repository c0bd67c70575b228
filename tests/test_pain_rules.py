"""Pain rules: thresholds at and just past each boundary, and their safety properties."""

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plantarkit
from plantarkit import Grade, InvalidValueError, Pain
from plantarkit.progression import (
    CautiousRule,
    IsometricRule,
    NextDayRule,
    PainModel,
    PainReport,
    Verdict,
    evaluate,
    verdict,
)
from plantarkit.testing import pain_reports, pain_rules


def report(**ratings: Any) -> PainReport:
    fields: dict[str, Any] = {"day": ratings.pop("day", 1)}
    for name, value in ratings.items():
        fields[name] = (
            Pain(value) if isinstance(value, int) and name != "settled_minutes" else value
        )
    return PainReport(**fields)


def with_rating(r: PainReport, measure: str, value: Pain | None) -> PainReport:
    changes: dict[str, Any] = {measure: value}
    return attrs.evolve(r, **changes)


def by_measure(
    rule: Any, r: PainReport, history: tuple[PainReport, ...] = ()
) -> dict[str, Verdict]:
    return {c.measure: c.verdict for c in evaluate(rule, r, history)}


# --- the pain-monitoring model (Silbernagel 2007): during ≤ 5, after ≤ 5, settled next morning --


@pytest.mark.parametrize(
    ("during", "expected"), [(0, Verdict.OK), (5, Verdict.OK), (6, Verdict.REDUCE)]
)
def test_pain_model_during(during: int, expected: Verdict) -> None:
    assert by_measure(PainModel(), report(during=during))["during"] is expected


@pytest.mark.parametrize(("after", "expected"), [(5, Verdict.OK), (6, Verdict.REDUCE)])
def test_pain_model_after(after: int, expected: Verdict) -> None:
    assert by_measure(PainModel(), report(after=after))["after"] is expected


@pytest.mark.parametrize(
    ("baseline", "next_morning", "expected"),
    [(3, 3, Verdict.OK), (3, 2, Verdict.OK), (3, 4, Verdict.REDUCE)],
)
def test_pain_model_settled_by_next_morning(
    baseline: int, next_morning: int, expected: Verdict
) -> None:
    checks = by_measure(PainModel(), report(first_step=baseline, next_morning=next_morning))
    assert checks["next_morning"] is expected


def test_pain_model_no_rise_from_week_to_week() -> None:
    last_week = (report(day=1, first_step=3, stiffness=2), report(day=3, first_step=3, stiffness=2))
    same = report(day=8, first_step=3, stiffness=2)
    wobble = report(day=8, first_step=4, stiffness=2)  # one point: noise, by default
    worse = report(day=8, first_step=5, stiffness=2)
    assert by_measure(PainModel(), same, last_week)["weekly_first_step"] is Verdict.OK
    assert by_measure(PainModel(), wobble, last_week)["weekly_first_step"] is Verdict.OK
    assert by_measure(PainModel(), worse, last_week)["weekly_first_step"] is Verdict.REDUCE
    strict = PainModel(weekly_tolerance=0)  # the model as published: any rise counts
    assert by_measure(strict, wobble, last_week)["weekly_first_step"] is Verdict.REDUCE
    stiffer = report(day=8, first_step=3, stiffness=4)
    assert by_measure(PainModel(), stiffer, last_week)["weekly_stiffness"] is Verdict.REDUCE
    assert "weekly_first_step" not in by_measure(PainModel(weekly_rise=False), worse, last_week)
    assert "weekly_first_step" not in by_measure(PainModel(), worse)  # no earlier week: no claim


def test_the_weekly_average_counts_each_day_once() -> None:
    # Day 8 came twice (the session's report and an exercise's own, the same morning): this
    # week's days are 4 and 2, an average of 3, the same as last week's, so no rise.
    last_week = (report(day=1, first_step=3), report(day=3, first_step=3))
    this_week = (report(day=8, first_step=4), report(day=8, first_step=4))
    today = report(day=10, first_step=2)
    checks = by_measure(PainModel(), today, (*last_week, *this_week))
    assert checks["weekly_first_step"] is Verdict.OK
    # A day's highest rating is its rating: 2 and 5 on day 8 make it a 5, more than 1.5 above
    # last week's 3 (their average, 3.5, would not be).
    model = PainModel(weekly_tolerance=1.5)
    second = report(day=8, first_step=5)
    checks = by_measure(model, second, (*last_week, report(day=8, first_step=2)))
    assert checks["weekly_first_step"] is Verdict.REDUCE


def test_a_weekly_rise_eases_off_once_not_at_every_session() -> None:
    last_week = tuple(report(day=d, first_step=1) for d in (1, 3, 5))
    monday = report(day=8, first_step=4)
    assert by_measure(PainModel(), monday, last_week)["weekly_first_step"] is Verdict.REDUCE
    wednesday = report(day=10, first_step=4)
    checks = evaluate(PainModel(), wednesday, (*last_week, monday))
    (weekly,) = [c for c in checks if c.measure == "weekly_first_step"]
    assert weekly.verdict is Verdict.OK  # the same rise: eased off for it on Monday
    assert "already" in weekly.reason
    # A rise that first shows on Wednesday eases off then, once.
    quiet = report(day=8, first_step=1)
    later = report(day=10, first_step=5)  # this week's average 3: 2 above last week's
    assert by_measure(PainModel(), later, (*last_week, quiet))["weekly_first_step"] is (
        Verdict.REDUCE
    )
    # Next week, pain staying where it rose to is no new rise.
    next_week = report(day=15, first_step=4)
    assert by_measure(PainModel(), next_week, (*last_week, monday, wednesday))[
        "weekly_first_step"
    ] is (Verdict.OK)


def test_pain_model_zones_and_grade() -> None:
    model = PainModel()
    assert [model.zone(Pain(p)) for p in (0, 2, 3, 5, 6, 10)] == [
        "safe",
        "safe",
        "acceptable",
        "acceptable",
        "high risk",
        "high risk",
    ]
    assert model.citation.grade is Grade.B  # the thresholds are parameters, not facts
    stricter = PainModel(safe_max=3, during_max=5)  # the summary that uses ≤3 / 4-5 / >5
    assert stricter.zone(Pain(3)) == "safe"


# --- the isometric rule (inhome-pt): below 6/10, settles within minutes -----------------------


@pytest.mark.parametrize(("during", "expected"), [(5, Verdict.OK), (6, Verdict.REDUCE)])
def test_isometric_below_six(during: int, expected: Verdict) -> None:
    assert by_measure(IsometricRule(), report(during=during))["during"] is expected


@pytest.mark.parametrize(("minutes", "expected"), [(5.0, Verdict.OK), (5.5, Verdict.REDUCE)])
def test_isometric_settles_within_minutes(minutes: float, expected: Verdict) -> None:
    checks = by_measure(IsometricRule(), report(during=3, settled_minutes=minutes))
    assert checks["settled_minutes"] is expected


# --- the next-day rule (Caratun 2018): worse the same day is fine, not the next day ---------------


def test_next_day_rule() -> None:
    rule = NextDayRule()
    same_day_worse = report(first_step=3, during=5, after=5, next_morning=3)
    assert verdict(evaluate(rule, same_day_worse)) is Verdict.OK
    next_day_worse = report(first_step=3, during=2, after=2, next_morning=4)
    assert verdict(evaluate(rule, next_day_worse)) is Verdict.REDUCE
    assert verdict(evaluate(NextDayRule(tolerance=1), next_day_worse)) is Verdict.OK


_SETTLED_DAY = {"first_step": 3, "during": 2, "after": 2, "next_morning": 3}
"""A session within every part of the next-day rule: the ceiling alone decides below."""


@pytest.mark.parametrize("measure", ["during", "after"])
@pytest.mark.parametrize(
    ("pain", "expected"),
    [(0, Verdict.OK), (5, Verdict.OK), (6, Verdict.REDUCE), (10, Verdict.REDUCE)],
)
def test_next_day_ceiling_at_its_boundary(measure: str, pain: int, expected: Verdict) -> None:
    # The source allows same-day pain but names no limit; plantarkit's ceiling is 5/10.

    rule = NextDayRule()
    r = with_rating(report(**_SETTLED_DAY), measure, Pain(pain))
    checks = {c.measure: c for c in evaluate(rule, r)}
    assert set(checks) == {"during", "after", "next_morning"}
    check = checks[measure]
    assert check.verdict is expected
    assert (check.value, check.threshold) == (pain, 5)
    assert check.rule == "next_day"
    assert check.citation == rule.ceiling_citation
    assert checks["next_morning"].citation == rule.citation
    assert verdict(evaluate(rule, r)) is expected
    assert rule.judge(r, explain=False).verdict is expected
    if expected is Verdict.REDUCE:
        assert check.reason == f"{measure} {pain}/10 is above 5/10"


def test_next_day_ceiling_is_a_grade_u_limit_based_on_the_pain_model() -> None:
    rule = NextDayRule()
    assert rule.ceiling == 5
    assert rule.citation.grade is Grade.B  # the next-morning rule: Caratun 2018
    assert rule.ceiling_citation.grade is Grade.U  # the ceiling: plantarkit's own
    assert rule.ceiling_citation.source == "silbernagel-2007"
    assert "5/10" in rule.ceiling_citation.detail
    assert rule.ceiling == PainModel().during_max == PainModel().after_max


@pytest.mark.parametrize(
    ("ceiling", "pain", "expected"),
    [(7, 7, Verdict.OK), (7, 8, Verdict.REDUCE), (0, 0, Verdict.OK), (0, 1, Verdict.REDUCE)],
)
def test_next_day_ceiling_is_a_parameter(ceiling: int, pain: int, expected: Verdict) -> None:
    rule = NextDayRule(ceiling=ceiling)
    for measure in ("during", "after"):
        r = with_rating(report(**{**_SETTLED_DAY, "during": 0, "after": 0}), measure, Pain(pain))
        assert by_measure(rule, r)[measure] is expected


def test_next_day_rule_without_a_ceiling_is_the_source_rule_alone() -> None:
    rule = NextDayRule(ceiling=None)
    severe = report(first_step=3, during=10, after=10, next_morning=3)
    assert [c.measure for c in evaluate(rule, severe)] == ["next_morning"]
    assert verdict(evaluate(rule, severe)) is Verdict.OK
    unrated = report(first_step=3, next_morning=3)  # no during or after: not needed then
    assert verdict(evaluate(rule, unrated)) is Verdict.OK
    assert verdict(evaluate(rule, report(first_step=3, next_morning=4))) is Verdict.REDUCE


@pytest.mark.parametrize("measure", ["during", "after"])
def test_next_day_ceiling_holds_without_the_rating_it_needs(measure: str) -> None:
    # As in the pain-monitoring model: a rating the ceiling needs but does not have holds.

    rule = NextDayRule()
    r = with_rating(report(**_SETTLED_DAY), measure, None)
    checks = {c.measure: c for c in evaluate(rule, r)}
    assert checks[measure].verdict is Verdict.HOLD
    assert checks[measure].reason == f"no {measure} rating: hold"
    assert checks[measure].citation == rule.ceiling_citation
    assert verdict(evaluate(rule, r)) is Verdict.HOLD
    assert rule.judge(r, explain=False).verdict is Verdict.HOLD
    # A broken part still wins over a missing one.
    worse = with_rating(r, "next_morning", Pain(6))
    assert verdict(evaluate(rule, worse)) is Verdict.REDUCE


def test_next_day_ceiling_bounds() -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.ceiling: must be ≤ 10"):
        NextDayRule(ceiling=11)
    with pytest.raises(InvalidValueError, match=r"\$\.ceiling: must be ≥ 0"):
        NextDayRule(ceiling=-1)


def test_next_day_ceiling_round_trips_and_older_documents_gain_it() -> None:
    import json

    for rule in (NextDayRule(), NextDayRule(ceiling=None), NextDayRule(tolerance=1, ceiling=3)):
        assert plantarkit.loads(plantarkit.dumps(rule), NextDayRule) == rule
    document = json.loads(plantarkit.dumps(NextDayRule()))
    del document["data"]["ceiling"], document["data"]["ceiling_citation"]
    older = plantarkit.loads(json.dumps(document), NextDayRule)  # written before the ceiling
    assert older == NextDayRule()
    assert older.ceiling == 5


_CEILINGS = st.integers(0, 9)
"""Ceilings with room above them on the 0-10 scale."""


@given(
    _CEILINGS,
    st.integers(0, 10),
    pain_reports(),
    st.sampled_from(("during", "after")),
    st.data(),
)
def test_pain_above_the_next_day_ceiling_always_reduces(
    ceiling: int, tolerance: int, r: PainReport, measure: str, data: st.DataObject
) -> None:

    rule = NextDayRule(ceiling=ceiling, tolerance=tolerance)
    above = with_rating(r, measure, Pain(data.draw(st.integers(ceiling + 1, 10))))
    assert verdict(evaluate(rule, above)) is Verdict.REDUCE
    assert rule.judge(above, explain=False).verdict is Verdict.REDUCE


@given(st.one_of(st.none(), st.integers(0, 10)), st.integers(0, 10), pain_reports())
def test_the_next_day_ceiling_judges_only_during_and_after(
    ceiling: int | None, tolerance: int, r: PainReport
) -> None:

    rule = NextDayRule(ceiling=ceiling, tolerance=tolerance)
    checks = evaluate(rule, r)
    assert rule.judge(r, explain=False).verdict is verdict(checks)
    within = ceiling is None or all(
        p is not None and p.value <= ceiling for p in (r.during, r.after)
    )
    without = evaluate(NextDayRule(ceiling=None, tolerance=tolerance), r)
    if within:  # nothing for the ceiling to object to: the source's rule decides
        assert verdict(checks) is verdict(without)
    else:  # the ceiling can only make the verdict more cautious
        assert verdict(checks) >= verdict(without)
        assert verdict(checks) >= Verdict.HOLD


# --- the cautious early-phase rule (exakt-2021) ---------------------------------------------------


@pytest.mark.parametrize(
    ("during", "after", "expected"),
    [(0, 0, Verdict.OK), (2, 2, Verdict.OK), (3, 0, Verdict.REDUCE), (0, 3, Verdict.REDUCE)],
)
def test_cautious_rule(during: int, after: int, expected: Verdict) -> None:
    assert verdict(evaluate(CautiousRule(), report(during=during, after=after))) is expected


# --- missing ratings, errors, round trips ---------------------------------------------------


def test_missing_ratings_hold_never_ok() -> None:
    empty = report()
    for rule in (PainModel(), IsometricRule(), NextDayRule(), CautiousRule()):
        checks = evaluate(rule, empty)
        assert checks
        assert verdict(checks) is Verdict.HOLD
        assert all("hold" in c.reason for c in checks if c.verdict is Verdict.HOLD)


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.report: expected a PainReport"):
        evaluate(PainModel(), {"during": 3})  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.rule: expected a pain rule"):
        evaluate("pain_model", report(during=1))  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.during_max: must be ≤ 10"):
        PainModel(during_max=11)
    with pytest.raises(InvalidValueError, match=r"\$\.exercise: expected a snake_case id"):
        PainReport(day=1, exercise="Calf Raise")


@given(pain_rules())
def test_rules_round_trip_as_documents(rule: Any) -> None:
    assert plantarkit.loads(plantarkit.dumps(rule), type(rule)) == rule


# --- properties ------------------------------------------------------------------------------

_MEASURES = ("first_step", "during", "after", "next_morning", "stiffness")


@given(
    pain_rules(), pain_reports(), st.sampled_from(("during", "after", "next_morning")), st.data()
)
def test_more_pain_never_gives_a_milder_verdict(
    rule: Any, r: PainReport, measure: str, data: st.DataObject
) -> None:
    current = getattr(r, measure)
    if current is None:
        return
    worse = with_rating(r, measure, Pain(data.draw(st.integers(current.value, 10))))
    assert verdict(evaluate(rule, worse)) >= verdict(evaluate(rule, r))


@given(pain_rules(), pain_reports(), st.sampled_from(_MEASURES))
def test_a_missing_rating_never_gives_a_milder_verdict_than_a_good_one(
    rule: Any, r: PainReport, measure: str
) -> None:
    best = with_rating(r, measure, Pain(0))
    missing = with_rating(r, measure, None)
    if measure == "first_step":  # a low baseline is the strict case for "settled"
        return
    assert verdict(evaluate(rule, missing)) >= verdict(evaluate(rule, best))


@given(pain_rules(), pain_reports(), st.lists(pain_reports(), max_size=6).map(tuple))
def test_evaluation_is_deterministic_and_explained(
    rule: Any, r: PainReport, history: tuple[PainReport, ...]
) -> None:
    first, second = evaluate(rule, r, history), evaluate(rule, r, history)
    assert first == second
    for check in first:
        assert check.reason
        assert check.rule == rule.kind
        if isinstance(rule, NextDayRule) and check.measure in ("during", "after"):
            assert check.citation == rule.ceiling_citation  # plantarkit's ceiling, grade U
        else:
            assert check.citation == rule.citation
    assert verdict(first) is max((c.verdict for c in first), default=Verdict.OK)


@given(
    pain_rules(),
    st.integers(1, 60).flatmap(
        lambda day: st.tuples(
            pain_reports(day=day),
            st.lists(st.integers(1, day).flatmap(lambda d: pain_reports(day=d)), max_size=12),
        )
    ),
)
def test_the_engines_quick_verdict_matches_the_explained_one(rule: Any, drawn: Any) -> None:

    report, history = drawn
    history = tuple(sorted(history, key=lambda r: r.day))
    assert rule.judge(report, history, explain=False).verdict is verdict(
        evaluate(rule, report, history)
    )


def test_quick_verdict_at_every_boundary() -> None:
    import itertools

    from plantarkit.progression import (
        CautiousRule,
        IsometricRule,
        NextDayRule,
        PainModel,
        PainRule,
    )

    rules: tuple[PainRule, ...] = (
        PainModel(),
        PainModel(weekly_rise=False),
        IsometricRule(),
        NextDayRule(),
        NextDayRule(tolerance=1),
        NextDayRule(ceiling=None),
        NextDayRule(ceiling=2),
        CautiousRule(),
    )
    calm_week = tuple(PainReport(day=d, first_step=Pain(2), stiffness=Pain(2)) for d in (1, 3))
    histories = ((), calm_week)
    pains = (None, 2, 3, 5, 6)
    for rule, history, during, after, base, morning, settled, stiff in itertools.product(
        rules, histories, pains, pains, (None, 3), (None, 3, 4), (None, 5, 6), (None, 1, 3)
    ):
        report = PainReport(
            day=9,
            during=None if during is None else Pain(during),
            after=None if after is None else Pain(after),
            first_step=None if base is None else Pain(base),
            next_morning=None if morning is None else Pain(morning),
            settled_minutes=settled,
            stiffness=None if stiff is None else Pain(stiff),
        )
        expected = verdict(evaluate(rule, report, history))
        assert rule.judge(report, history, explain=False).verdict is expected, (rule, report)


@pytest.mark.parametrize(
    ("tolerance", "this_week", "verdict_value"),
    [
        (0, 3, "ok"),  # no rise
        (0, 4, "reduce"),  # any rise counts: the model's own rule
        (1, 4, "ok"),  # a rise of exactly the tolerance is allowed
        (1, 5, "reduce"),  # just past it
        (0.5, 4, "reduce"),
    ],
)
def test_weekly_tolerance_at_its_boundary(
    tolerance: float, this_week: int, verdict_value: str
) -> None:

    model = PainModel(weekly_tolerance=tolerance)
    last_week = (PainReport(day=2, first_step=Pain(3)), PainReport(day=5, first_step=Pain(3)))
    today = PainReport(
        day=9,
        first_step=Pain(this_week),
        during=Pain(2),
        after=Pain(2),
        next_morning=Pain(this_week),
    )
    weekly = [c for c in evaluate(model, today, last_week) if c.measure == "weekly_first_step"]
    assert [c.verdict.value for c in weekly] == [verdict_value]
    assert model.judge(today, last_week, explain=False).verdict.value == verdict_value


def test_the_safe_zone_sits_below_the_limits() -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.safe_max: must be at most during_max"):
        PainModel(safe_max=6)
    with pytest.raises(InvalidValueError, match=r"\(3\), got 4"):
        PainModel(after_max=3, safe_max=4)
    assert PainModel(safe_max=5).zone(Pain(5)) == "safe"


@pytest.mark.parametrize(
    "rule", [PainModel(), IsometricRule(), NextDayRule(), CautiousRule()], ids=lambda r: r.kind
)
def test_judge_checks_its_arguments_and_explains_on_request(rule: Any) -> None:
    from plantarkit.progression.rules import Judgement

    with pytest.raises(InvalidValueError, match=r"\$\.report: expected a PainReport"):
        rule.judge("a report")
    with pytest.raises(InvalidValueError, match=r"\$\.history"):
        rule.judge(report(during=1), ("not a report",))
    bad = report(first_step=1, during=9, after=9, next_morning=9, settled_minutes=60)
    explained, quick = rule.judge(bad), rule.judge(bad, explain=False)
    assert isinstance(explained, Judgement)
    assert explained.verdict is quick.verdict is Verdict.REDUCE
    assert quick.checks == ()
    assert explained.checks
    assert all(c.rule == rule.kind for c in explained.checks)
