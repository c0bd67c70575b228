"""Strategies for the kinetic-chain assessment: assessments, norms, findings, reports."""

from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import (
    Side,
)
from plantarkit.chain import (
    RED_FLAGS,
    AmplificationModel,
    ArchHeight,
    Assessment,
    ChainNorms,
    ChainReport,
    Emphasis,
    Finding,
    FindingKind,
    FirstRayMobility,
    HeelRaiseNorm,
    LegLength,
    LegLengthKind,
    Link,
    RedFlag,
    RedFlagScreen,
    Referral,
    Severity,
    Sex,
    SquatQuality,
    Symptoms,
    Threshold,
    TibialRotation,
    ToeGrip,
    assess,
)
from plantarkit.testing._base import BOOLS, IDS, NAMES, reals, unique_tuples
from plantarkit.testing._core import citations, optional_bilaterals, pains
from plantarkit.testing._table import provides


@provides(Symptoms)
@st.composite
def symptoms(draw: st.DrawFn) -> Symptoms:
    """Symptoms: painful side(s), first-step pain, duration, age and sex, each maybe missing."""
    return Symptoms(
        painful_sides=draw(unique_tuples(st.sampled_from(Side), max_size=2)),
        first_step_pain=draw(st.one_of(st.none(), pains())),
        duration_weeks=draw(st.one_of(st.none(), reals(0, 520))),
        age=draw(st.one_of(st.none(), st.integers(0, 120))),
        sex=draw(st.one_of(st.none(), st.sampled_from(Sex))),
    )


@provides(LegLength)
@st.composite
def leg_lengths(draw: st.DrawFn) -> LegLength:
    """A leg-length difference of 0 to 40 mm on either side."""
    return LegLength(
        difference_mm=draw(reals(0, 40)),
        shorter=draw(st.sampled_from(Side)),
        kind=draw(st.sampled_from(LegLengthKind)),
    )


@provides(RedFlagScreen)
def red_flag_screens(*, positive: bool | None = None) -> SearchStrategy[RedFlagScreen]:
    """Red-flag screens.

    Args:
        positive: ``True`` draws screens with at least one positive answer,
            ``False`` screens with none, ``None`` (default) either.
    """
    answers = (
        st.sampled_from([None, False])
        if positive is False
        else st.sampled_from([None, False, True])
    )
    screen = st.fixed_dictionaries(dict.fromkeys(RED_FLAGS, answers))
    if positive:
        screen = st.tuples(screen, st.sampled_from(sorted(RED_FLAGS))).map(
            lambda pair: {**pair[0], pair[1]: True}
        )
    return screen.map(lambda answers: RedFlagScreen(**answers))


@provides(Assessment, red_flags=None)
@st.composite
def assessments(draw: st.DrawFn, *, red_flags: bool | None = False) -> Assessment:
    """Assessments with any mix of measured and missing values, within each test's range.

    Args:
        red_flags: ``False`` (default) draws a screen with no positive answer,
            ``True`` at least one positive answer, ``None`` either.
    """
    return Assessment(
        symptoms=draw(symptoms()),
        hip_internal_rotation_deg=draw(optional_bilaterals(reals(0, 90))),
        trendelenburg=draw(optional_bilaterals(BOOLS)),
        single_leg_squat=draw(optional_bilaterals(st.sampled_from(SquatQuality))),
        hip_abduction_strength=draw(optional_bilaterals(reals(0, 500))),
        pelvis_level=draw(st.one_of(st.none(), BOOLS)),
        pelvis_rotated=draw(st.one_of(st.none(), BOOLS)),
        leg_length=draw(st.one_of(st.none(), leg_lengths())),
        tibial_rotation=draw(optional_bilaterals(st.sampled_from(TibialRotation))),
        lunge_cm=draw(optional_bilaterals(reals(0, 30))),
        heel_raise_reps=draw(optional_bilaterals(st.integers(0, 60))),
        arch_height=draw(optional_bilaterals(st.sampled_from(ArchHeight))),
        navicular_drop_mm=draw(optional_bilaterals(reals(0, 40))),
        foot_posture_index=draw(optional_bilaterals(st.integers(-12, 12))),
        first_ray_mobility=draw(optional_bilaterals(st.sampled_from(FirstRayMobility))),
        toe_grip=draw(optional_bilaterals(st.sampled_from(ToeGrip))),
        red_flags=draw(red_flag_screens(positive=red_flags)),
    )


@provides(Threshold)
@st.composite
def thresholds(draw: st.DrawFn) -> Threshold:
    """A threshold value with a citation."""
    return Threshold(value=draw(reals(-20, 100)), citation=draw(citations()))


@provides(ChainNorms)
def chain_norms() -> SearchStrategy[ChainNorms]:
    """The default norms, or norms with one threshold moved (as a clinician might)."""
    moved = st.tuples(
        st.sampled_from(
            [
                "hip_ir_normal_min",
                "lunge_normal_min",
                "lunge_error_cm",
                "heel_raise_error_reps",
                "navicular_drop_mm",
                "leg_length_mm",
            ]
        ),
        reals(0, 40),
    ).map(lambda change: _moved_norms(*change))
    extras = st.builds(
        _other_norms,
        amplification_models(),
        st.lists(heel_raise_norms(), min_size=1, max_size=3).map(tuple),
    )
    return st.one_of(st.just(ChainNorms()), moved, extras)


@provides(AmplificationModel)
def amplification_models() -> SearchStrategy[AmplificationModel]:
    """The distal amplification model with any factors."""
    return st.builds(
        AmplificationModel,
        tibia_per_hip_degree=reals(0, 10),
        subtalar_per_hip_degree=reals(0, 10),
        citation=citations(),
    )


@provides(HeelRaiseNorm)
def heel_raise_norms() -> SearchStrategy[HeelRaiseNorm]:
    """A heel-raise reference value for a sex and age band."""
    return st.builds(
        HeelRaiseNorm,
        reps=reals(0, 60),
        citation=citations(),
        sex=st.one_of(st.none(), st.sampled_from(Sex)),
        min_age=st.integers(0, 60),
        max_age=st.integers(60, 120),
    )


def _other_norms(model: AmplificationModel, norms: tuple[HeelRaiseNorm, ...]) -> ChainNorms:
    return ChainNorms(amplification=model, heel_raise_norms=norms)


def _moved_norms(name: str, value: float) -> ChainNorms:
    norms = ChainNorms()
    old: Threshold = getattr(norms, name)
    changes: dict[str, Any] = {name: Threshold(value=value, citation=old.citation)}
    return attrs.evolve(norms, **changes)


@provides(ChainReport)
def chain_reports(*, red_flags: bool | None = None) -> SearchStrategy[ChainReport]:
    """Reports made by :func:`plantarkit.assess` from drawn assessments and norms."""
    return st.builds(assess, assessments(red_flags=red_flags), chain_norms())


@provides(Finding)
@st.composite
def findings(draw: st.DrawFn) -> Finding:
    """A finding with any link, kind, side and severity (not necessarily one assess() makes)."""
    return Finding(
        link=draw(st.sampled_from(Link)),
        kind=draw(st.sampled_from(FindingKind)),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        severity=draw(st.sampled_from(Severity)),
        measure=draw(NAMES),
        value=draw(NAMES),
        reference=draw(NAMES),
        citation=draw(citations()),
        explanation=draw(NAMES),
        measured=draw(st.one_of(st.none(), reals(-100, 100))),
    )


@provides(RedFlag)
@st.composite
def red_flags(draw: st.DrawFn, *, item: str | None = None) -> RedFlag:
    """A positive red flag of the screen (``item`` chosen, or drawn)."""
    chosen = item if item is not None else draw(st.sampled_from(sorted(RED_FLAGS)))
    return RedFlag(
        item=chosen,
        finding=RED_FLAGS[chosen][0],
        suggests=RED_FLAGS[chosen][1],
        citation=draw(citations()),
    )


@provides(Referral)
@st.composite
def referrals(draw: st.DrawFn) -> Referral:
    """A referral with one or more red flags."""
    items = draw(st.lists(st.sampled_from(sorted(RED_FLAGS)), min_size=1, max_size=3, unique=True))
    flags = tuple(draw(red_flags(item=item)) for item in items)
    return Referral(flags=flags, advice=draw(NAMES))


@provides(Emphasis)
@st.composite
def emphases(draw: st.DrawFn) -> Emphasis:
    """Exercises for one finding kind (ids need not exist in a catalogue)."""
    return Emphasis(
        kind=draw(st.sampled_from(FindingKind)),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        exercises=draw(st.lists(IDS, min_size=1, max_size=3, unique=True).map(tuple)),
    )
