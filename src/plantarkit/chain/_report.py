"""What the assessment concludes: findings, the primary driver, red flags, emphasis."""

import enum
import functools
from typing import Any

import attrs

from plantarkit._core import display
from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.ids import ID
from plantarkit._core.registry import public
from plantarkit._core.side import Side
from plantarkit.chain._assessment import RED_FLAGS, Assessment, RedFlagScreen

__all__ = [
    "ChainReport",
    "Emphasis",
    "Finding",
    "FindingKind",
    "Link",
    "RedFlag",
    "Referral",
    "Severity",
]


@public()
class Link(enum.Enum):
    """A link of the kinetic chain, listed top-down (hip first, foot last)."""

    HIP = "hip"
    PELVIS = "pelvis"
    KNEE = "knee"
    """The knee and tibia."""
    ANKLE = "ankle"
    FOOT = "foot"

    @property
    def order(self) -> int:
        """0 for the hip down to 4 for the foot."""
        return list(Link).index(self)


_SEVERITY_LEVELS = {"mild": 1, "moderate": 2, "marked": 3}


@public()
@functools.total_ordering
class Severity(enum.Enum):
    """How far a measurement is from its reference. Ordered ``MILD < MODERATE < MARKED``."""

    MILD = "mild"
    MODERATE = "moderate"
    MARKED = "marked"

    @property
    def level(self) -> int:
        """1 for mild up to 3 for marked."""
        return _SEVERITY_LEVELS[self.value]

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.level < other.level

    def raised(self) -> "Severity":
        """One level worse (marked stays marked)."""
        return list(Severity)[min(self.level, 2)]


@public()
class FindingKind(enum.Enum):
    """What a finding says about a link."""

    HIP_INTERNAL_ROTATION_DEFICIT = "hip_internal_rotation_deficit"
    GLUTE_MED_INSUFFICIENCY = "glute_med_insufficiency"
    HIP_ABDUCTOR_WEAKNESS = "hip_abductor_weakness"
    PELVIC_ASYMMETRY = "pelvic_asymmetry"
    TIBIAL_INTERNAL_ROTATION = "tibial_internal_rotation"
    REDUCED_DORSIFLEXION = "reduced_dorsiflexion"
    PLANTAR_FLEXOR_ENDURANCE_DEFICIT = "plantar_flexor_endurance_deficit"
    EXCESSIVE_PRONATION = "excessive_pronation"
    SUPINATED_FOOT = "supinated_foot"
    FIRST_RAY_DYSFUNCTION = "first_ray_dysfunction"
    INTRINSIC_FOOT_WEAKNESS = "intrinsic_foot_weakness"

    @property
    def label(self) -> str:
        """The kind in plain words."""
        return self.value.replace("_", " ")


@public()
@attrs.frozen(kw_only=True)
class Finding:
    """One departure from the reference at one link, explained.

    Attributes:
        link: The link of the chain.
        kind: What was found.
        side: The side, or ``None`` for a finding of the pelvis as a whole.
        severity: How far from the reference.
        measure: The test or measurement, in words.
        value: The measured value as shown to people ("27°", "positive").
        measured: The number measured, when there is one.
        reference: What it was judged against ("normal ≥ 35°").
        citation: Source and grade of the reference.
        explanation: One sentence on what it means.
    """

    link: Link = attrs.field(validator=EnumCheck(Link))
    kind: FindingKind = attrs.field(validator=EnumCheck(FindingKind))
    side: Side | None = attrs.field(validator=EnumCheck(Side, optional=True))
    severity: Severity = attrs.field(validator=EnumCheck(Severity))
    measure: str = attrs.field(validator=Text(non_empty=True))
    value: str = attrs.field(validator=Text(non_empty=True))
    reference: str = attrs.field(validator=Text(non_empty=True))
    citation: Citation = attrs.field(validator=Instance((Citation,)))
    explanation: str = attrs.field(validator=Text(non_empty=True))
    measured: float | None = attrs.field(
        default=None, validator=Number(integer=False, optional=True)
    )

    def mirrored(self) -> "Finding":
        """The same finding on the other side."""
        return attrs.evolve(self, side=None if self.side is None else self.side.opposite)

    def __str__(self) -> str:
        side = f" ({self.side.value})" if self.side is not None else ""
        return f"{self.link.value}: {self.kind.label}{side}, {self.severity.value}"


@public()
@attrs.frozen(kw_only=True)
class RedFlag:
    """A positive answer on the red-flag screen and what it may mean.

    Attributes:
        item: The screen question (a :class:`~plantarkit.RedFlagScreen` field name).
        finding: The answer, in words.
        suggests: The conditions it may point to.
        citation: Where the association comes from.
    """

    item: str = attrs.field(validator=ID)
    finding: str = attrs.field(validator=Text(non_empty=True))
    suggests: str = attrs.field(validator=Text(non_empty=True))
    citation: Citation = attrs.field(validator=Instance((Citation,)))


@public()
@attrs.frozen(kw_only=True)
class Referral:
    """Stop: the person needs a clinician before any self-managed programme.

    Attributes:
        flags: The red flags that were positive (at least one).
        advice: What to do, in words.
    """

    flags: tuple[RedFlag, ...] = attrs.field(validator=TupleOf(Instance((RedFlag,)), min_length=1))
    advice: str = attrs.field(validator=Text(non_empty=True))

    def __str__(self) -> str:
        suggests = "; ".join(f"{f.finding} → {f.suggests}" for f in self.flags)
        return f"REFER: {self.advice} ({suggests})"


_DIFFERENTIALS = Citation(source="differential-summaries", grade=Grade.B)


def positive_red_flags(screen: RedFlagScreen) -> tuple[str, ...]:
    """The red-flag questions answered yes, in the order of :data:`RED_FLAGS`."""
    return tuple(name for name in RED_FLAGS if getattr(screen, name) is True)


def referral_for(screen: RedFlagScreen) -> Referral | None:
    """The referral a red-flag screen calls for, or ``None`` when no answer is positive."""
    flags = tuple(
        RedFlag(item=name, finding=text, suggests=suggests, citation=_DIFFERENTIALS)
        for name in positive_red_flags(screen)
        for text, suggests in (RED_FLAGS[name],)
    )
    if not flags:
        return None
    return Referral(
        flags=flags,
        advice="Do not start a self-managed programme; see a clinician for assessment first.",
    )


@public()
@attrs.frozen(kw_only=True)
class Emphasis:
    """Catalogue exercises that address one finding.

    Attributes:
        kind: The finding kind addressed.
        side: The side of the finding (``None``: both or not sided).
        exercises: Ids of catalogue exercises that address it, in order of preference.
    """

    kind: FindingKind = attrs.field(validator=EnumCheck(FindingKind))
    side: Side | None = attrs.field(validator=EnumCheck(Side, optional=True))
    exercises: tuple[str, ...] = attrs.field(validator=TupleOf(ID, min_length=1, unique=True))


@public()
@attrs.frozen(kw_only=True)
class ChainReport:
    """The result of :func:`~plantarkit.assess`: findings top-down, with the reasons.

    Attributes:
        assessment: The assessment it was made from.
        findings: Findings ordered top-down (hip to foot), then by side.
        primary_driver: The most upstream finding on the painful side, if any.
        asymmetric: Whether one-sided symptoms line up with an upstream
            finding on that side only.
        referral: Set when any red flag was positive: then no self-managed
            programme may be prescribed.
        emphasis: Catalogue exercises for each finding.
        not_assessed: Links with no measurement at all.

    Derived from these: :attr:`program_allowed`, :attr:`red_flags_not_asked` (the
    red-flag questions not answered) and :attr:`notes` (what to tell the reader
    besides the findings, such as a red-flag screen not done).
    """

    assessment: Assessment = attrs.field(validator=Instance((Assessment,)))
    findings: tuple[Finding, ...] = attrs.field(validator=TupleOf(Instance((Finding,))))
    primary_driver: Finding | None = attrs.field(validator=Instance((Finding,), optional=True))
    asymmetric: bool = attrs.field(validator=Instance((bool,)))
    referral: Referral | None = attrs.field(validator=Instance((Referral,), optional=True))
    emphasis: tuple[Emphasis, ...] = attrs.field(validator=TupleOf(Instance((Emphasis,))))
    not_assessed: tuple[Link, ...] = attrs.field(validator=TupleOf(EnumCheck(Link), unique=True))

    def __attrs_post_init__(self) -> None:
        # The referral follows from the red-flag screen: neither attrs.evolve nor a document
        # can drop it (or add one) while the screen says otherwise.
        positive = positive_red_flags(self.assessment.red_flags)
        given = () if self.referral is None else tuple(f.item for f in self.referral.flags)
        if sorted(given) != sorted(positive):
            expected = ", ".join(positive) if positive else "no referral (no red flag is positive)"
            raise InvalidValueError(
                "$.referral",
                f"must follow from the red-flag screen: expected {expected}, got "
                + (", ".join(given) if given else "none"),
            )

    @property
    def program_allowed(self) -> bool:
        """Whether a self-managed programme may be built (no red flag was positive).

        A question left unanswered is not a positive answer, so it does not stop a
        programme; it is listed in :attr:`red_flags_not_asked` and :attr:`notes`.
        """
        return self.referral is None

    @property
    def red_flags_not_asked(self) -> tuple[str, ...]:
        """The red-flag questions left unanswered (``None``), as RedFlagScreen field names.

        Empty when the screen was done in full. ``False`` is an answer ("no"); only
        ``None`` counts as not asked.
        """
        screen = self.assessment.red_flags
        return tuple(f.name for f in attrs.fields(type(screen)) if getattr(screen, f.name) is None)

    @property
    def notes(self) -> tuple[str, ...]:
        """What the reader must know besides the findings, one sentence each.

        A red-flag screen not done, or only in part, is noted with the questions
        still to ask (unless a referral already stops the programme).
        """
        missing = self.red_flags_not_asked
        if not missing or self.referral is not None:
            return ()
        questions = "; ".join(
            RED_FLAGS[name][0] if name in RED_FLAGS else name.replace("_", " ") for name in missing
        )
        total = len(attrs.fields(type(self.assessment.red_flags)))
        if len(missing) == total:
            status = "Red-flag screen not done"
        else:
            status = f"Red-flag screen incomplete ({len(missing)} of {total} questions not asked)"
        return (
            f"{status}: ask about these before starting a programme, and see a clinician"
            f" first if any is present: {questions}.",
        )

    def findings_at(self, link: Link) -> tuple[Finding, ...]:
        """The findings at one link."""
        return tuple(f for f in self.findings if f.link is link)

    def findings_on(self, side: Side) -> tuple[Finding, ...]:
        """The findings on one side (pelvis-wide findings included)."""
        return tuple(f for f in self.findings if f.side in (side, None))

    def exercise_ids(self) -> tuple[str, ...]:
        """Every emphasised exercise id, once, in order of the findings."""
        return tuple(dict.fromkeys(i for e in self.emphasis for i in e.exercises))

    def _repr_markdown_(self) -> str:
        return display.markdown(self)

    def _repr_html_(self) -> str:
        return display.html(self)
