"""Phases, gates, protocols and the programme builder.

Pain rules and the progression engine (``advance``) come in a later release.
"""

from plantarkit.progression._builtin import protocol, protocols
from plantarkit.progression._gates import (
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
    TestKind,
    TestResult,
    WeeksInPhase,
    check,
    check_all,
)
from plantarkit.progression._program import (
    Program,
    ProgramItem,
    ProtocolError,
    ReferralRequiredError,
    Session,
    Week,
    build_program,
    training_days,
)
from plantarkit.progression._protocol import DoseStep, Phase, Protocol, SideRule, Slot

__all__ = [
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
    "TestKind",
    "TestResult",
    "Week",
    "WeeksInPhase",
    "build_program",
    "check",
    "check_all",
    "protocol",
    "protocols",
    "training_days",
]
