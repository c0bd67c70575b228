"""Hypothesis strategies for every public plantarkit value.

Each strategy builds valid values directly: it respects every bound and
cross-field rule of the constructors (a repetition range never has its
minimum above its count, a tempo only comes with repetition work, a
catalogue's ladders only name its own exercises and never loop), so nothing
is thrown away by filtering and tests stay fast::

    from hypothesis import given
    from plantarkit import testing

    @given(testing.prescriptions())
    def test_minutes_are_not_negative(p):
        assert p.estimated_minutes() >= 0

The strategies are also registered for :func:`hypothesis.strategies.from_type`
through hypothesis' entry point (``plantarkit[testing]`` installs it), so
``st.from_type(plantarkit.Prescription)`` and ``st.builds(f)`` for functions
annotated with plantarkit types just work. Without the installed entry point,
call :func:`register` once. (The entry point lives in a separate module that
imports nothing from here until a strategy is needed, so importing this
module first and hypothesis second cannot form an import cycle.)

Every public type's strategy is marked where it is defined (see
``plantarkit.testing._table``), and a test checks them against the registry
of public types: a new public type needs a strategy here.

Texts are kept short and drawn from a small alphabet that still includes
quotes, backslashes, a newline and non-ASCII letters, so values stay cheap to
build while exercising JSON escaping. Numbers are finite, mixing whole numbers
and floats, so every value round-trips through JSON.
"""

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core.side import Bilateral
from plantarkit.testing._base import (
    ids,
    source_keys,
    texts,
)
from plantarkit.testing._chain import (
    amplification_models,
    assessments,
    chain_norms,
    chain_reports,
    emphases,
    findings,
    heel_raise_norms,
    leg_lengths,
    red_flag_screens,
    red_flags,
    referrals,
    symptoms,
    thresholds,
)
from plantarkit.testing._core import (
    bilaterals,
    citations,
    enum_members,
    grades,
    pains,
    problems,
    sides,
    sources,
)
from plantarkit.testing._engine import (
    adherences,
    advances,
    alert_values,
    decisions,
    engine_rules,
    exercise_adherences,
    phase_decisions,
    program_states,
    reasons,
    today_items,
    todays,
    week_adherences,
)
from plantarkit.testing._exercises import (
    advice_items,
    catalogues,
    exercises,
    frequencies,
    holds,
    ladder_steps,
    ladders,
    loads,
    prescriptions,
    reps,
    run_walks,
    tempos,
    timeds,
    variants,
    works,
)
from plantarkit.testing._plans import (
    dose_steps,
    evidences,
    gate_results,
    gates,
    pain_records,
    phases,
    program_items,
    program_sessions,
    program_weeks,
    programs,
    rehab_protocols,
    slots,
)
from plantarkit.testing._records import (
    exercise_logs,
    measured_tests,
    pain_reports,
    session_logs,
)
from plantarkit.testing._rules import (
    exercise_states,
    judgements,
    pain_checks,
    pain_rules,
    progression_rules,
    proposals,
    regression_rules,
    rule_contexts,
)
from plantarkit.testing._table import (
    register,
    registered_types,
    strategy_for,
)

__all__ = [
    "adherences",
    "advances",
    "advice_items",
    "alert_values",
    "amplification_models",
    "assessments",
    "bilaterals",
    "catalogues",
    "chain_norms",
    "chain_reports",
    "citations",
    "decisions",
    "dose_steps",
    "emphases",
    "engine_rules",
    "enum_members",
    "evidences",
    "exercise_adherences",
    "exercise_logs",
    "exercise_states",
    "exercises",
    "findings",
    "frequencies",
    "gate_results",
    "gates",
    "grades",
    "heel_raise_norms",
    "holds",
    "ids",
    "judgements",
    "ladder_steps",
    "ladders",
    "leg_lengths",
    "loads",
    "measured_tests",
    "pain_checks",
    "pain_records",
    "pain_reports",
    "pain_rules",
    "pains",
    "phase_decisions",
    "phases",
    "prescriptions",
    "problems",
    "program_items",
    "program_sessions",
    "program_states",
    "program_weeks",
    "programs",
    "progression_rules",
    "proposals",
    "reasons",
    "red_flag_screens",
    "red_flags",
    "referrals",
    "register",
    "registered_types",
    "regression_rules",
    "rehab_protocols",
    "reps",
    "rule_contexts",
    "run_walks",
    "session_logs",
    "sides",
    "slots",
    "source_keys",
    "sources",
    "strategy_for",
    "symptoms",
    "tempos",
    "texts",
    "thresholds",
    "timeds",
    "today_items",
    "todays",
    "values",
    "variants",
    "week_adherences",
    "works",
]


def values() -> SearchStrategy[Any]:
    """Any public plantarkit value that can be written as a document.

    Returns:
        A strategy drawing from every strategy of this module (enums, pain,
        per-side numbers, sources, doses, exercises, ladders, catalogues ...).
    """
    return _VALUES


_VALUES: SearchStrategy[Any] = st.one_of(
    enum_members(),
    pains(),
    strategy_for(Bilateral),
    sources(),
    citations(),
    tempos(),
    reps(),
    holds(),
    timeds(),
    run_walks(),
    loads(),
    frequencies(),
    prescriptions(),
    exercises(),
    advice_items(),
    ladder_steps(),
    ladders(),
    variants(),
    catalogues(),
    symptoms(),
    leg_lengths(),
    red_flag_screens(),
    assessments(red_flags=None),
    thresholds(),
    chain_norms(),
    chain_reports(),
    findings(),
    referrals(),
    emphases(),
    gates(),
    evidences(),
    rehab_protocols(),
    programs(max_weeks=3),
    pain_reports(),
    pain_rules(),
    measured_tests(),
    progression_rules(),
    regression_rules(),
    engine_rules(),
    exercise_states(),
    session_logs(),
    program_states(),
    advances(),
    dose_steps(),
)
