"""Sources, citations and evidence grades.

A :class:`Source` is a bibliographic record (an article or a paper). A
:class:`Citation` attaches a source to one fact the library uses (a dose, a
threshold, a rule) together with how sure we are of that fact: its
:class:`Grade`.
"""

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.registry import public

__all__ = [
    "BUILTIN_SOURCES",
    "SOURCE_KEY",
    "Citation",
    "Grade",
    "Source",
    "SourceKind",
    "citation_field",
    "cite",
]

SOURCE_KEY = Text(pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*", what="a source key such as 'rathleff-2015'")


@public()
class Grade(enum.Enum):
    """How well a fact is verified (the grades of the project's fact sheet).

    ``A``: read in the primary paper's abstract or text. ``B``: read in a
    secondary summary. ``U``: not verified. Only ``A`` facts are used as
    unquestioned defaults; ``B`` and ``U`` numbers are exposed as parameters.
    """

    A = "A"
    B = "B"
    U = "U"


@public()
class SourceKind(enum.Enum):
    """What kind of publication a source is."""

    ARTICLE = "article"
    """A web article written by a clinician, coach or publisher."""
    TRIAL = "trial"
    """A randomised or controlled trial."""
    STUDY = "study"
    """An observational, reliability or normative study."""
    GUIDELINE = "guideline"
    """A clinical practice guideline or a patient leaflet from a health service."""
    REVIEW = "review"
    """A review or secondary summary."""


@public()
@attrs.frozen(kw_only=True)
class Source:
    """A publication that clinical content in plantarkit comes from.

    Attributes:
        key: Short id used to cite it (``"rathleff-2015"``).
        kind: Article, trial, study, guideline or review.
        title: Title or a short description.
        authors: Author names as published (may be empty for web articles).
        year: Year of publication, if known.
        venue: Journal with volume and pages, or the publishing website.
    """

    key: str = attrs.field(validator=SOURCE_KEY)
    kind: SourceKind = attrs.field(validator=EnumCheck(SourceKind))
    title: str = attrs.field(validator=Text(non_empty=True))
    authors: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(Text(non_empty=True)))
    year: int | None = attrs.field(default=None, validator=Number(ge=1800, le=2100, optional=True))
    venue: str = attrs.field(default="", validator=Text())

    def __str__(self) -> str:
        who = ", ".join(self.authors) if self.authors else self.venue or self.key
        when = f" ({self.year})" if self.year is not None else ""
        where = f". {self.venue}" if self.venue and self.authors else ""
        return f"{who}{when}. {self.title}{where}"


@public()
@attrs.frozen(kw_only=True)
class Citation:
    """A fact's source and how well it is verified.

    Attributes:
        source: The key of the :class:`Source` the fact comes from.
        grade: How well the fact is verified.
        detail: Which part of the source, or a caveat ("dose table, weeks 1-12").
    """

    source: str = attrs.field(validator=SOURCE_KEY)
    grade: Grade = attrs.field(validator=EnumCheck(Grade))
    detail: str = attrs.field(default="", validator=Text())

    def __str__(self) -> str:
        detail = f", {self.detail}" if self.detail else ""
        return f"{self.source} (grade {self.grade.value}{detail})"


def cite(source: str, grade: Grade, detail: str = "") -> Citation:
    """A citation, briefly: ``cite("rathleff-2015", Grade.B, "dose table")``."""
    return Citation(source=source, grade=grade, detail=detail)


def citation_field(default: Citation | None = None, *, required: bool = False) -> Any:
    """An attrs field for a value's citation: ``default`` (``None`` unless given).

    With ``required=True`` the field never holds ``None``. A citation is
    immutable, so one default instance serves every value.
    """
    return attrs.field(default=default, validator=Instance((Citation,), optional=not required))


def _src(
    key: str,
    kind: SourceKind,
    title: str,
    *authors: str,
    year: int | None = None,
    venue: str = "",
) -> Source:
    return Source(key=key, kind=kind, title=title, authors=authors, year=year, venue=venue)


_A, _T, _S, _G, _R = (
    SourceKind.ARTICLE,
    SourceKind.TRIAL,
    SourceKind.STUDY,
    SourceKind.GUIDELINE,
    SourceKind.REVIEW,
)

_BUILTIN: tuple[Source, ...] = (
    _src(
        "exakt-2021",
        _A,
        "Hip and leg strengthening for plantar fasciitis, in phases",
        year=2021,
        venue="Exakt Health (physiotherapist-written article)",
    ),
    _src(
        "akmi-chain",
        _A,
        "Plantar fascia overload from hip and knee mechanics: a top-down plan",
        venue="AKMI Human Performance (coaching article)",
    ),
    _src(
        "pogo-intrinsic",
        _A,
        "Intrinsic foot muscles and plantar fasciitis",
        venue="POGO Physio (physiotherapist article)",
    ),
    _src(
        "foodnourish-stretch",
        _A,
        "Morning heel and foot exercises and foot-care tips",
        venue="Consumer health article (low evidence)",
    ),
    _src(
        "inhome-pt",
        _A,
        "Heel pain: mobility first, then isometric and eccentric calf loading",
        venue="In-home physical therapist article",
    ),
    _src(
        "rathleff-2015",
        _T,
        "High-load strength training improves outcome in patients with plantar fasciitis",
        "Rathleff MS",
        "et al.",
        year=2015,
        venue="Scand J Med Sci Sports 25(3):e292-300",
    ),
    _src(
        "caratun-2018",
        _R,
        "Stretching and strengthening for plantar fasciitis (daily variant)",
        "Caratun R",
        "et al.",
        year=2018,
        venue="Can Fam Physician 64:44-46",
    ),
    _src(
        "cheung-2016",
        _S,
        "Intrinsic foot muscle volume in plantar fasciitis",
        "Cheung RTH",
        "et al.",
        year=2016,
        venue="J Sci Med Sport 19(9):713-715",
    ),
    _src(
        "silbernagel-2007",
        _T,
        "Continued sports activity, using a pain-monitoring model, during rehabilitation",
        "Silbernagel KG",
        "Thomeé R",
        "Eriksson BI",
        "Karlsson J",
        year=2007,
        venue="Am J Sports Med 35(6):897-906",
    ),
    _src(
        "nhs-heel-leaflet",
        _G,
        "Plantar heel pain patient leaflet (pain scale for exercise)",
        venue="NHS patient information leaflet",
    ),
    _src(
        "holden-2020",
        _T,
        "Isometric versus isotonic exercise for plantar heel pain",
        "Holden S",
        "et al.",
        year=2020,
        venue="J Sci Med Sport",
    ),
    _src(
        "clifford-2020",
        _T,
        "Isometric versus dynamic exercise for immediate pain relief",
        "Clifford C",
        "et al.",
        year=2020,
        venue="BMJ Open Sport Exerc Med",
    ),
    _src(
        "martin-2014",
        _G,
        "Heel pain - plantar fasciitis: clinical practice guidelines",
        "Martin RL",
        "et al.",
        year=2014,
        venue="J Orthop Sports Phys Ther 44(11)",
    ),
    _src(
        "koc-2023",
        _G,
        "Heel pain - plantar fasciitis: clinical practice guidelines revision 2023",
        "Koc TA",
        "et al.",
        year=2023,
        venue="J Orthop Sports Phys Ther 53(12):CPG1-39",
    ),
    _src(
        "budiman-mak-1991",
        _S,
        "The Foot Function Index",
        "Budiman-Mak E",
        "Conrad KJ",
        "Roach KE",
        year=1991,
        venue="J Clin Epidemiol",
    ),
    _src(
        "martin-2005",
        _S,
        "Foot and Ankle Ability Measure (FAAM): evidence of validity",
        "Martin RL",
        "et al.",
        year=2005,
        venue="Foot Ankle Int 26:968-83",
    ),
    _src(
        "binkley-1999",
        _S,
        "The Lower Extremity Functional Scale (LEFS)",
        "Binkley JM",
        "et al.",
        year=1999,
        venue="Phys Ther 79:371-83",
    ),
    _src(
        "abbott-schmitt-2014",
        _S,
        "Minimum important differences for the PSFS",
        "Abbott JH",
        "Schmitt JS",
        year=2014,
        venue="J Orthop Sports Phys Ther 44(8):560-4",
    ),
    _src(
        "farrar-2001",
        _S,
        "Clinical importance of changes in chronic pain intensity (NPRS)",
        "Farrar JT",
        "et al.",
        year=2001,
        venue="Pain 94:149-58",
    ),
    _src(
        "hebert-losier-2017",
        _S,
        "Normative values for the single-leg heel-rise test",
        "Hébert-Losier K",
        "et al.",
        year=2017,
        venue="Physiotherapy 103:446-52",
    ),
    _src(
        "lunsford-perry-1995",
        _S,
        "The standing heel-rise test for ankle plantar flexion",
        "Lunsford BR",
        "Perry J",
        year=1995,
        venue="Phys Ther",
    ),
    _src(
        "powden-2015",
        _S,
        "Reliability of the weight-bearing lunge test: a systematic review",
        "Powden CJ",
        "et al.",
        year=2015,
        venue="Int J Sports Phys Ther",
    ),
    _src(
        "kouyoumdjian-2012",
        _S,
        "Hip rotation range of motion in adults",
        "Kouyoumdjian P",
        "et al.",
        year=2012,
        venue="Orthop Traumatol Surg Res",
    ),
    _src(
        "redmond-2008",
        _S,
        "Normative values for the Foot Posture Index",
        "Redmond AC",
        "et al.",
        year=2008,
        venue="J Foot Ankle Res",
    ),
    _src(
        "buist-2008",
        _T,
        "No effect of a graded training programme on running injuries",
        "Buist I",
        "et al.",
        year=2008,
        venue="Am J Sports Med",
    ),
    _src(
        "nielsen-2014",
        _S,
        "Training errors and running related injuries",
        "Nielsen RO",
        "et al.",
        year=2014,
        venue="J Orthop Sports Phys Ther",
    ),
    _src(
        "single-run-2025",
        _S,
        "Single-session running distance spikes and injury risk",
        year=2025,
        venue="Br J Sports Med (cohort of 5,205 runners)",
    ),
    _src(
        "clinic-run-walk",
        _R,
        "Clinic return-to-running run/walk schemes (not tested in a trial)",
        venue=(
            "Clinic guidance summarised in the project's fact sheet: 10 x (1 min run /"
            " 2 min walk) after 30 min of easy brisk walking; step up after 2 sessions"
            " with pain at most 2/10"
        ),
    ),
    _src(
        "hansen-2018",
        _S,
        "Long-term prognosis of plantar fasciitis",
        "Hansen L",
        "et al.",
        year=2018,
        venue="Orthop J Sports Med",
    ),
    _src(
        "wolgin-1994",
        _S,
        "Conservative treatment of plantar heel pain: long-term follow-up",
        "Wolgin M",
        "et al.",
        year=1994,
        venue="Foot Ankle Int",
    ),
    _src(
        "hip-abduction-runners",
        _S,
        "Hip abduction strength asymmetry and plantar fasciitis in marathon runners (12 cases)",
        venue="Case-control study cited in the project's fact sheet",
    ),
    _src(
        "foot-posture-summaries",
        _R,
        "Navicular drop and foot posture cut-offs",
        venue="Secondary summaries (navicular drop over 10 mm; reliability only fair)",
    ),
    _src(
        "differential-summaries",
        _R,
        "Differential diagnosis of plantar heel pain (red flags)",
        venue="Several differential-diagnosis summaries",
    ),
)

BUILTIN_SOURCES: Mapping[str, Source] = MappingProxyType({s.key: s for s in _BUILTIN})
"""Every source plantarkit's built-in content cites, by key (read-only)."""
