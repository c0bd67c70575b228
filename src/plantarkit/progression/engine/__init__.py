"""The progression engine: a session in, each exercise's next step and the phase's out.

``start(program)`` makes the first :class:`ProgramState`; ``advance(program, state, log)``
returns an :class:`Advance` with the new state and one :class:`Decision` per
exercise plus one for the phase, each with its reasons. Pure and deterministic.
"""

from plantarkit.progression.engine._advance import advance
from plantarkit.progression.engine._history import (
    ALERT_RULE_TYPES,
    DEFAULT_ALERTS,
    Adherence,
    Alert,
    AlertRule,
    AlertSeverity,
    ExerciseAdherence,
    LongGap,
    MissedSessions,
    MorningPainRising,
    PainAboveLimit,
    RedFlagStop,
    WeekAdherence,
    adherence,
    alerts,
)
from plantarkit.progression.engine._start import clear_referral, start
from plantarkit.progression.engine._today import Today, TodayItem, today
from plantarkit.progression.engine._values import (
    DEFAULT_PROGRESSION,
    DEFAULT_REGRESSION,
    MAX_DAYS_AHEAD,
    MAX_DAYS_PAST_PLAN,
    OUTLIER_FACTOR,
    PAIN_HISTORY_DAYS,
    PAIN_MAX_REPORTS,
    Action,
    Advance,
    Decision,
    EngineRules,
    PhaseDecision,
    ProgramState,
    Reason,
    ReasonKind,
)

__all__ = [
    "ALERT_RULE_TYPES",
    "DEFAULT_ALERTS",
    "DEFAULT_PROGRESSION",
    "DEFAULT_REGRESSION",
    "MAX_DAYS_AHEAD",
    "MAX_DAYS_PAST_PLAN",
    "OUTLIER_FACTOR",
    "PAIN_HISTORY_DAYS",
    "PAIN_MAX_REPORTS",
    "Action",
    "Adherence",
    "Advance",
    "Alert",
    "AlertRule",
    "AlertSeverity",
    "Decision",
    "EngineRules",
    "ExerciseAdherence",
    "LongGap",
    "MissedSessions",
    "MorningPainRising",
    "PainAboveLimit",
    "PhaseDecision",
    "ProgramState",
    "Reason",
    "ReasonKind",
    "RedFlagStop",
    "Today",
    "TodayItem",
    "WeekAdherence",
    "adherence",
    "advance",
    "alerts",
    "clear_referral",
    "start",
    "today",
]
