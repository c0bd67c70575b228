"""assess(): judge each link of the chain, top-down, and explain every finding.

Each rule is a plain function from the assessment (and norms) to findings,
so each can be read, tested and changed on its own. Severity only grows as a
measurement gets worse; left and right are treated alike.
"""

import typing
from collections.abc import Mapping
from types import MappingProxyType

from plantarkit._core.checks import expected
from plantarkit._core.errors import InvalidValueError, Problem
from plantarkit._core.side import Bilateral, Side
from plantarkit._core.text import did_you_mean
from plantarkit.chain._assessment import (
    Assessment,
)
from plantarkit.chain._norms import ChainNorms
from plantarkit.chain._report import (
    ChainReport,
    Emphasis,
    Finding,
    FindingKind,
    Link,
    referral_for,
)
from plantarkit.chain._rules import RULES

if typing.TYPE_CHECKING:
    from plantarkit.exercises import Catalogue


__all__ = ["DEFAULT_EMPHASIS", "assess", "referral_for"]


DEFAULT_EMPHASIS: Mapping[FindingKind, tuple[str, ...]] = MappingProxyType(
    {
        FindingKind.HIP_INTERNAL_ROTATION_DEFICIT: ("hip_internal_rotation_mobility",),
        FindingKind.GLUTE_MED_INSUFFICIENCY: (
            "clam",
            "side_lying_hip_abduction",
            "banded_lateral_walk",
            "single_leg_stance",
        ),
        FindingKind.HIP_ABDUCTOR_WEAKNESS: (
            "side_lying_hip_abduction",
            "clam",
            "banded_clam",
            "banded_lateral_walk",
        ),
        FindingKind.PELVIC_ASYMMETRY: ("single_leg_stance", "single_leg_deadlift", "step_down"),
        FindingKind.TIBIAL_INTERNAL_ROTATION: ("step_down", "single_leg_deadlift", "walking_lunge"),
        FindingKind.REDUCED_DORSIFLEXION: (
            "ankle_dorsiflexion_rocking",
            "calf_soft_tissue",
            "isometric_calf_raise",
        ),
        FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT: (
            "isometric_calf_raise",
            "calf_raise",
            "calf_raise_two_up_one_down",
            "single_leg_calf_raise",
            "high_load_heel_raise",
        ),
        FindingKind.EXCESSIVE_PRONATION: ("short_foot", "toe_yoga", "single_leg_balance"),
        FindingKind.SUPINATED_FOOT: ("ankle_circles", "single_leg_balance"),
        FindingKind.FIRST_RAY_DYSFUNCTION: ("toe_yoga", "short_foot"),
        FindingKind.INTRINSIC_FOOT_WEAKNESS: ("short_foot", "toe_yoga", "towel_toe_curls"),
    }
)
"""Which catalogue exercises address each finding kind, in order of preference."""


_MEASURED_AT: Mapping[Link, tuple[str, ...]] = MappingProxyType(
    {
        Link.HIP: (
            "hip_internal_rotation_deg",
            "trendelenburg",
            "single_leg_squat",
            "hip_abduction_strength",
        ),
        Link.PELVIS: ("pelvis_level", "pelvis_rotated", "leg_length"),
        Link.KNEE: ("tibial_rotation",),
        Link.ANKLE: ("lunge_cm", "heel_raise_reps"),
        Link.FOOT: (
            "arch_height",
            "navicular_drop_mm",
            "foot_posture_index",
            "first_ray_mobility",
            "toe_grip",
        ),
    }
)


def _measured(value: object) -> bool:
    if isinstance(value, Bilateral):
        sides = typing.cast(Bilateral[object], value)
        return sides.left is not None or sides.right is not None
    return value is not None


def _sort_key(f: Finding) -> tuple[int, int, int, int]:
    side = 0 if f.side is None else 1 + list(Side).index(f.side)
    return (f.link.order, side, list(FindingKind).index(f.kind), -f.severity.level)


def _primary(findings: tuple[Finding, ...], painful: tuple[Side, ...]) -> Finding | None:
    """The most upstream finding on the painful side(s).

    Order: the link nearest the hip first; then the more severe; then the
    kind's order in :class:`FindingKind`. Pelvis-wide findings (no side)
    count for any painful side. With no painful side recorded, every
    finding counts.
    """
    candidates = [f for f in findings if not painful or f.side is None or f.side in painful]
    if not candidates:
        return None
    return min(
        candidates, key=lambda f: (f.link.order, -f.severity.level, list(FindingKind).index(f.kind))
    )


_UPSTREAM = (Link.HIP, Link.PELVIS, Link.KNEE)


def _asymmetric(findings: tuple[Finding, ...], painful: tuple[Side, ...]) -> bool:
    if len(painful) != 1:
        return False
    side = painful[0]
    upstream = [f for f in findings if f.link in _UPSTREAM]
    here = {f.kind for f in upstream if f.side is side}
    there = {f.kind for f in upstream if f.side is side.opposite}
    return bool(here - there)


def _kind_of(key: object) -> FindingKind | None:
    """The finding kind an emphasis key names: a member, or a member's value."""
    if isinstance(key, FindingKind):
        return key
    if isinstance(key, str):
        try:
            return FindingKind(key)
        except ValueError:
            return None
    return None


def _key_path(key: object) -> str:
    return f"$.emphasis[{(key.value if isinstance(key, FindingKind) else key)!r}]"


def _catalogue(given: object) -> "Catalogue":
    from plantarkit.exercises import Catalogue, catalogue

    if given is None:
        return catalogue()
    if not isinstance(given, Catalogue):
        raise InvalidValueError("$.catalogue", f"expected a Catalogue, got {type(given).__name__}")
    return given


def _check_emphasis(emphasis: object, cat: "Catalogue") -> Mapping[FindingKind, tuple[str, ...]]:
    """A caller's emphasis mapping, checked: kinds as members, exercises in the catalogue.

    Keys may be :class:`FindingKind` members or their string values (as a mapping read
    from JSON has them); values are tuples (or lists) of exercise ids, each in
    ``cat``. An empty tuple emphasises nothing for that kind. Every problem is
    reported, each with its path.
    """
    if not isinstance(emphasis, Mapping):
        what = "a mapping of FindingKind (or its value) to a tuple of exercise ids"
        raise InvalidValueError("$.emphasis", expected(what, emphasis))
    given = typing.cast(Mapping[object, object], emphasis)
    kinds = ", ".join(repr(k.value) for k in FindingKind)
    table: dict[FindingKind, tuple[str, ...]] = {}
    seen_as: dict[FindingKind, object] = {}
    problems: list[Problem] = []
    for key, value in given.items():
        path = _key_path(key)
        kind = _kind_of(key)
        if kind is None:
            hint = did_you_mean(key, (k.value for k in FindingKind)) if isinstance(key, str) else ""
            problems.append(
                Problem(path, f"expected a FindingKind, got {key!r}{hint} (kinds: {kinds})")
            )
        elif kind in seen_as:
            problems.append(
                Problem(path, f"{kind.value!r} is given twice: as {seen_as[kind]!r} and {key!r}")
            )
        else:
            seen_as[kind] = key
        if isinstance(value, str) or not isinstance(value, tuple | list):
            problems.append(Problem(path, expected("a tuple of exercise ids", value)))
            continue
        ids = typing.cast(tuple[object, ...] | list[object], value)
        good: list[str] = []
        for i, exercise_id in enumerate(ids):
            item_path = f"{path}[{i}]"
            if not isinstance(exercise_id, str):
                problems.append(Problem(item_path, expected("an exercise id", exercise_id)))
            elif exercise_id in good:
                problems.append(Problem(item_path, f"duplicate exercise {exercise_id!r}"))
            elif exercise_id in cat and cat.get(exercise_id) is None:
                problems.append(
                    Problem(item_path, f"{exercise_id!r} is an advice item, not an exercise")
                )
            elif cat.get(exercise_id) is None:
                hint = did_you_mean(exercise_id, cat.ids)
                problems.append(
                    Problem(
                        item_path, f"unknown exercise {exercise_id!r} (not in the catalogue){hint}"
                    )
                )
            else:
                good.append(exercise_id)
        if kind is not None:
            table[kind] = tuple(good)
    if problems:
        raise InvalidValueError(problems)
    return MappingProxyType(table)


def assess(
    assessment: Assessment,
    norms: ChainNorms | None = None,
    *,
    emphasis: Mapping[FindingKind, tuple[str, ...] | list[str]]
    | Mapping[str, tuple[str, ...] | list[str]]
    | None = None,
    catalogue: "Catalogue | None" = None,
) -> ChainReport:
    """Judge an assessment link by link, top-down, and explain every finding.

    Args:
        assessment: The measurements (all optional).
        norms: Thresholds to judge against; defaults to :class:`ChainNorms()`.
        emphasis: Exercises for each finding kind, in order of preference; defaults to
            :data:`DEFAULT_EMPHASIS`. It replaces the default as a whole: a kind it
            leaves out (or maps to ``()``) gets no exercises. Keys are
            :class:`FindingKind` members or their values (``"reduced_dorsiflexion"``,
            as JSON has them); values are tuples (or lists) of exercise ids.
        catalogue: The catalogue the ids in ``emphasis`` must name exercises of; the
            built-in one by default (use the one you build the programme from).

    Returns:
        A :class:`ChainReport`. Any positive red flag sets ``referral`` and
        makes ``program_allowed`` false; questions left unanswered are listed
        in ``red_flags_not_asked`` and ``notes``.

    Raises:
        InvalidValueError: ``assessment`` or ``norms`` is not of the right type, or
            ``emphasis`` is not a mapping of finding kinds to exercise ids of the
            catalogue (the path names the bad key or id:
            ``$.emphasis['reduced_dorsiflexion'][0]``).
    """
    if not isinstance(assessment, Assessment):
        raise InvalidValueError("$", f"expected an Assessment, got {type(assessment).__name__}")
    norms = ChainNorms() if norms is None else norms
    if not isinstance(norms, ChainNorms):
        raise InvalidValueError("$.norms", f"expected ChainNorms, got {type(norms).__name__}")
    if emphasis is None:
        if catalogue is not None:
            _catalogue(catalogue)  # nothing to check against it, but refuse a wrong type
        table = DEFAULT_EMPHASIS
    else:
        table = _check_emphasis(emphasis, _catalogue(catalogue))
    findings = tuple(sorted((f for rule in RULES for f in rule(assessment, norms)), key=_sort_key))
    painful = assessment.symptoms.painful_sides
    focus = tuple(dict.fromkeys((f.kind, f.side) for f in findings if table.get(f.kind)))
    return ChainReport(
        assessment=assessment,
        findings=findings,
        primary_driver=_primary(findings, painful),
        asymmetric=_asymmetric(findings, painful),
        referral=referral_for(assessment.red_flags),
        emphasis=tuple(Emphasis(kind=k, side=s, exercises=table[k]) for k, s in focus),
        not_assessed=tuple(
            link
            for link, fields in _MEASURED_AT.items()
            if not any(_measured(getattr(assessment, name)) for name in fields)
        ),
    )
