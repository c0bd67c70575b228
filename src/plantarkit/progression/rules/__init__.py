"""Pain rules, progression rules and regression rules: values with one pure method each.

A pain rule judges a pain report (``evaluate``); a progression or regression
rule proposes an exercise's next step (``propose``). Every built-in rule is a
frozen value whose parameters are its fields, so it can be shown, stored,
compared, and compiled by an array engine.
"""

import attrs

from plantarkit.progression.rules._pain import (
    PAIN_RULE_TYPES,
    WEEKLY_NOISE,
    CautiousRule,
    IsometricRule,
    Judgement,
    NextDayRule,
    PainCheck,
    PainModel,
    PainRule,
    Verdict,
    evaluate,
    verdict,
)
from plantarkit.progression.rules._progress import (
    PROGRESSION_TYPES,
    DoubleProgression,
    LadderUp,
    LoadUp,
    Only,
    ProgressionRule,
    RunWalkUp,
    VolumeUp,
    WeeklyTable,
)
from plantarkit.progression.rules._propose import (
    AnyProgression,
    AnyRegression,
    CustomRule,
    misplaced,
    propose,
)
from plantarkit.progression.rules._regress import (
    REGRESSION_TYPES,
    FewerSets,
    LadderDown,
    LessLoad,
    LessWork,
    RegressionRule,
)
from plantarkit.progression.rules._schedule import (
    OffSchedule,
    done_on,
    due_today,
    off_schedule,
)
from plantarkit.progression.rules._values import ExerciseState, Proposal, RuleContext

# An exercise state names its protocol's progression rules, which are defined after it (they
# read exercise states): resolve that forward reference once, here, where both exist.
attrs.resolve_types(ExerciseState, localns={"ProgressionRule": ProgressionRule})

__all__ = [
    "PAIN_RULE_TYPES",
    "PROGRESSION_TYPES",
    "REGRESSION_TYPES",
    "WEEKLY_NOISE",
    "AnyProgression",
    "AnyRegression",
    "CautiousRule",
    "CustomRule",
    "DoubleProgression",
    "ExerciseState",
    "FewerSets",
    "IsometricRule",
    "Judgement",
    "LadderDown",
    "LadderUp",
    "LessLoad",
    "LessWork",
    "LoadUp",
    "NextDayRule",
    "OffSchedule",
    "Only",
    "PainCheck",
    "PainModel",
    "PainRule",
    "ProgressionRule",
    "Proposal",
    "RegressionRule",
    "RuleContext",
    "RunWalkUp",
    "Verdict",
    "VolumeUp",
    "WeeklyTable",
    "done_on",
    "due_today",
    "evaluate",
    "misplaced",
    "off_schedule",
    "propose",
    "verdict",
]
