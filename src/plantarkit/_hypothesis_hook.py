"""Hypothesis' entry point for plantarkit (``[project.entry-points.hypothesis]``).

Hypothesis runs this while ``import hypothesis`` is still in progress, which
may itself be happening inside ``import plantarkit.testing``. So this module
must not import :mod:`plantarkit.testing` up front: it registers a small
resolver per type that imports the strategies only when a test first asks
``st.from_type`` for a plantarkit type.
"""

from typing import Any

__all__ = ["types"]


def _resolve(thing: Any) -> Any:
    from plantarkit.testing import strategy_for

    return strategy_for(thing)


def types() -> tuple[type[Any], ...]:
    """The types the hook registers (a test checks they match ``plantarkit.testing``)."""
    from plantarkit import chain, exercises, progression
    from plantarkit._core import Bilateral, Citation, Pain, Source

    return (
        Pain,
        Source,
        Citation,
        Bilateral,
        exercises.Tempo,
        exercises.Reps,
        exercises.Hold,
        exercises.Timed,
        exercises.RunWalk,
        exercises.Load,
        exercises.Frequency,
        exercises.Prescription,
        exercises.Exercise,
        exercises.Advice,
        exercises.LadderStep,
        exercises.Ladder,
        exercises.Variant,
        exercises.Catalogue,
        chain.Symptoms,
        chain.LegLength,
        chain.RedFlagScreen,
        chain.Assessment,
        chain.Threshold,
        chain.ChainNorms,
        chain.ChainReport,
        chain.Finding,
        chain.Referral,
        chain.Emphasis,
        progression.Evidence,
        progression.Slot,
        progression.Phase,
        progression.Protocol,
        progression.Program,
        progression.PainReport,
        progression.TestResult,
        progression.EngineRules,
        progression.ExerciseState,
        progression.ExerciseLog,
        progression.SessionLog,
        progression.ProgramState,
    )


def _hypothesis_setup_hook() -> None:  # pyright: ignore[reportUnusedFunction]  # entry point
    from hypothesis import strategies as st

    for cls in types():
        st.register_type_strategy(cls, _resolve)
