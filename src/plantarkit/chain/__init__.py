"""The kinetic-chain assessment: measurements in, explained findings and red flags out."""

from plantarkit.chain._assess import DEFAULT_EMPHASIS, assess
from plantarkit.chain._assessment import (
    RED_FLAGS,
    ArchHeight,
    Assessment,
    FirstRayMobility,
    LegLength,
    LegLengthKind,
    RedFlagScreen,
    Sex,
    SquatQuality,
    Symptoms,
    TibialRotation,
    ToeGrip,
)
from plantarkit.chain._examples import example_assessment
from plantarkit.chain._norms import AmplificationModel, ChainNorms, HeelRaiseNorm, Threshold
from plantarkit.chain._report import (
    ChainReport,
    Emphasis,
    Finding,
    FindingKind,
    Link,
    RedFlag,
    Referral,
    Severity,
    positive_red_flags,
    referral_for,
)
from plantarkit.chain._rules import RULES

__all__ = [
    "DEFAULT_EMPHASIS",
    "RED_FLAGS",
    "RULES",
    "AmplificationModel",
    "ArchHeight",
    "Assessment",
    "ChainNorms",
    "ChainReport",
    "Emphasis",
    "Finding",
    "FindingKind",
    "FirstRayMobility",
    "HeelRaiseNorm",
    "LegLength",
    "LegLengthKind",
    "Link",
    "RedFlag",
    "RedFlagScreen",
    "Referral",
    "Severity",
    "Sex",
    "SquatQuality",
    "Symptoms",
    "Threshold",
    "TibialRotation",
    "ToeGrip",
    "assess",
    "example_assessment",
    "positive_red_flags",
    "referral_for",
]
