"""Plans: protocols (phases, gates, slots, doses) and the programmes built from them.

A :class:`Protocol` is what a source prescribes, as data: its phases, each
phase's slots (which exercise, at what dose, on which side), the gates for
leaving or entering it, and its pain rules. :func:`build_program` lays a
protocol out over weeks for one person, from their assessment: a
:class:`Program`.
"""

from plantarkit._core.days import day_number, week_and_weekday
from plantarkit.plans._build import build_program, training_days
from plantarkit.plans._builtin import protocol, protocols
from plantarkit.plans._gates import (
    GATE_TYPES,
    Evidence,
    ExercisesMastered,
    Gate,
    GateResult,
    GateStatus,
    NoRedFlags,
    NoTrendelenburg,
    PainAtMost,
    PainMeasure,
    PainRecord,
    SideScope,
    TestAtLeast,
    WeeksInPhase,
    check,
    check_all,
)
from plantarkit.plans._program import (
    Program,
    ProgramItem,
    ProtocolError,
    ReferralRequiredError,
    Session,
    Week,
)
from plantarkit.plans._protocol import DoseStep, Phase, Protocol, SideRule, Slot

__all__ = [
    "GATE_TYPES",
    "DoseStep",
    "Evidence",
    "ExercisesMastered",
    "Gate",
    "GateResult",
    "GateStatus",
    "NoRedFlags",
    "NoTrendelenburg",
    "PainAtMost",
    "PainMeasure",
    "PainRecord",
    "Phase",
    "Program",
    "ProgramItem",
    "Protocol",
    "ProtocolError",
    "ReferralRequiredError",
    "Session",
    "SideRule",
    "SideScope",
    "Slot",
    "TestAtLeast",
    "Week",
    "WeeksInPhase",
    "build_program",
    "check",
    "check_all",
    "day_number",
    "protocol",
    "protocols",
    "training_days",
    "week_and_weekday",
]
