"""Strategies for pain, progression and regression rules, and what the rules see and say."""

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core.checks import LAST_DAY
from plantarkit.exercises import (
    LoadKind,
)
from plantarkit.exercises import catalogue as builtin_catalogue
from plantarkit.progression import (
    CautiousRule,
    DoubleProgression,
    ExerciseState,
    FewerSets,
    IsometricRule,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    LoadUp,
    NextDayRule,
    Only,
    PainCheck,
    PainModel,
    PainRule,
    ProgressionRule,
    RegressionRule,
    RunWalkUp,
    VolumeUp,
    WeeklyTable,
    evaluate,
)
from plantarkit.progression.rules import Judgement, Proposal, RuleContext
from plantarkit.testing._base import BOOLS, IDS, NAMES, SOME_IDS, TEXTS, reals, unique_tuples
from plantarkit.testing._core import citations, maybe_citations
from plantarkit.testing._exercises import PRESCRIPTIONS, catalogues
from plantarkit.testing._records import exercise_logs, pain_reports
from plantarkit.testing._table import provides, provides_family


@provides_family("pain_rule")
def _pain_rule_members() -> dict[type[Any], SearchStrategy[Any]]:
    limit = st.integers(0, 10)
    return {
        PainModel: st.tuples(limit, limit).flatmap(
            lambda limits: st.builds(
                PainModel,
                during_max=st.just(limits[0]),
                after_max=st.just(limits[1]),
                safe_max=st.integers(0, min(limits)),  # the safe zone sits below both limits
                weekly_rise=BOOLS,
                weekly_tolerance=st.sampled_from([0, 0.5, 1, 2]),
                citation=citations(),
            )
        ),
        IsometricRule: st.builds(
            IsometricRule,
            below=st.integers(1, 11),
            settle_minutes=reals(0, 60),
            citation=citations(),
        ),
        NextDayRule: st.builds(
            NextDayRule,
            tolerance=limit,
            ceiling=st.one_of(st.none(), limit),
            citation=citations(),
            ceiling_citation=citations(),
        ),
        CautiousRule: st.builds(CautiousRule, at_most=limit, citation=citations()),
    }


def pain_rules() -> SearchStrategy[PainRule]:
    """Any pain rule, with in-range parameters."""
    return st.one_of(*_pain_rule_members().values())


@provides(PainCheck)
@st.composite
def pain_checks(draw: st.DrawFn) -> PainCheck:
    """One check a pain rule made on a drawn report."""
    checks = evaluate(draw(pain_rules()), draw(pain_reports()))
    return draw(st.sampled_from(checks))


@provides(Judgement)
@st.composite
def judgements(draw: st.DrawFn) -> Judgement:
    """What a drawn pain rule made of a drawn report, explained or not."""
    return draw(pain_rules()).judge(draw(pain_reports()), explain=draw(BOOLS))


def _base_progression_members() -> dict[type[Any], SearchStrategy[Any]]:
    sessions = st.one_of(st.none(), st.integers(1, 5))
    kg = reals(1, 10, above=True)
    carrier = st.sampled_from([k for k in LoadKind if k is not LoadKind.BODY_WEIGHT])
    return {
        LadderUp: st.builds(
            LadderUp,
            sessions=sessions,
            max_pain_during=st.one_of(st.none(), st.integers(0, 10)),
            citation=maybe_citations(),
        ),
        LoadUp: st.builds(
            LoadUp,
            step_kg=kg,
            max_kg=st.one_of(st.none(), reals(10, 100, above=True)),
            carrier=carrier,
            sessions=sessions,
            citation=maybe_citations(),
        ),
        DoubleProgression: st.integers(1, 20).flatmap(
            lambda low: st.builds(
                DoubleProgression,
                low=st.just(low),
                high=st.integers(low, low + 10),
                rep_step=st.integers(1, 3),
                load_step_kg=st.one_of(st.none(), kg),
                carrier=carrier,
                sessions=sessions,
                citation=maybe_citations(),
            )
        ),
        VolumeUp: st.builds(
            VolumeUp,
            seconds_step=reals(1, 15, above=True),
            max_seconds=reals(10, 120, above=True),
            set_step=st.integers(1, 2),
            max_sets=st.integers(1, 8),
            sessions=sessions,
            citation=maybe_citations(),
        ),
        RunWalkUp: st.builds(
            RunWalkUp,
            run_step_seconds=reals(10, 120, above=True),
            max_run_seconds=reals(60, 3600, above=True),
            keep_minutes=BOOLS,
            max_pain_during=st.integers(0, 10),
            sessions=sessions,
            citation=maybe_citations(),
        ),
    }


@provides_family("progression_rule")
def _progression_members() -> dict[type[Any], SearchStrategy[Any]]:
    members = _base_progression_members()
    base = st.one_of(*members.values())
    work_kinds = unique_tuples(st.sampled_from(["reps", "hold", "timed", "run_walk"]), max_size=2)
    return {
        **members,
        WeeklyTable: st.builds(
            WeeklyTable, within=st.lists(base, max_size=2).map(tuple), citation=maybe_citations()
        ),
        Only: st.builds(
            Only,
            rules=st.lists(base, min_size=1, max_size=2).map(tuple),
            exercises=unique_tuples(IDS, max_size=2),
            work=work_kinds,
        ),
    }


def progression_rules() -> SearchStrategy[ProgressionRule]:
    """Any built-in progression rule, with in-range parameters (nested one level deep)."""
    return st.one_of(*_progression_members().values())


@provides_family("regression_rule")
def _regression_members() -> dict[type[Any], SearchStrategy[Any]]:
    fractions = st.sampled_from([0.5, 0.75, 0.8, 0.9])
    return {
        LadderDown: st.builds(LadderDown, citation=maybe_citations()),
        LessLoad: st.builds(LessLoad, step_kg=reals(1, 10, above=True), citation=maybe_citations()),
        FewerSets: st.builds(
            FewerSets,
            step=st.integers(1, 3),
            min_sets=st.integers(1, 3),
            citation=maybe_citations(),
        ),
        LessWork: st.builds(
            LessWork,
            reps_fraction=fractions,
            seconds_fraction=fractions,
            rounds_step=st.integers(1, 3),
            citation=maybe_citations(),
        ),
    }


def regression_rules() -> SearchStrategy[RegressionRule]:
    """Any built-in regression rule, with in-range parameters."""
    return st.one_of(*_regression_members().values())


@provides(ExerciseState)
@st.composite
def exercise_states(draw: st.DrawFn) -> ExerciseState:
    """An exercise's state: a built-in exercise, maybe placed on one of its ladders."""
    cat = builtin_catalogue()
    exercise = draw(st.sampled_from([e.id for e in cat]))
    placed = cat.ladders_of(exercise)
    ladder = draw(st.one_of(st.none(), st.sampled_from(placed))) if placed else None
    rung = None
    if ladder is not None:
        rung = next(i for i, s in enumerate(ladder.steps) if s.exercise == exercise)
    last_done = draw(st.none() | st.integers(1, 400))
    return ExerciseState(
        exercise=exercise,
        dose=draw(PRESCRIPTIONS),
        ladder=None if ladder is None else ladder.id,
        rung=rung,
        good_sessions=draw(st.integers(0, 5)),
        progression=tuple(draw(st.lists(progression_rules(), max_size=2))),
        last_done_day=last_done,
        week_sessions=0 if last_done is None else draw(st.integers(1, 7)),
    )


@provides(RuleContext)
@st.composite
def rule_contexts(draw: st.DrawFn) -> RuleContext:
    """What a rule sees in a session: a drawn catalogue, what was done, pain, a dose table.

    For testing a custom rule (:data:`~plantarkit.progression.CustomRule`)
    with states from :func:`exercise_states`.

    Returns:
        A strategy for :class:`~plantarkit.progression.RuleContext` values.
    """
    day = draw(st.integers(1, LAST_DAY))
    return RuleContext(
        day=day,
        good_sessions=draw(st.integers(0, 10)),
        sessions_to_progress=draw(st.integers(1, 5)),
        catalogue=draw(catalogues(max_exercises=3, max_ladders=1)),
        done=draw(st.one_of(st.none(), exercise_logs())),
        pain=draw(st.one_of(st.none(), pain_reports(day=day))),
        how=draw(TEXTS),
        schedule=tuple(draw(st.lists(PRESCRIPTIONS, max_size=2))),
        in_phase=frozenset(draw(SOME_IDS)),
    )


@provides(Proposal)
@st.composite
def proposals(draw: st.DrawFn) -> Proposal:
    """What a rule may propose: a new state for an exercise, or keeping the dose, with why.

    Returns:
        A strategy for :class:`~plantarkit.progression.Proposal` values.
    """
    number = st.one_of(st.none(), reals(-100, 100))
    return Proposal(
        to=draw(st.one_of(st.none(), exercise_states())),
        text=draw(NAMES),
        counts=draw(BOOLS),
        measure=draw(TEXTS),
        value=draw(number),
        threshold=draw(number),
        citation=draw(maybe_citations()),
        rule=draw(TEXTS),
    )
