"""Phases and protocols: rehabilitation plans as data."""

import enum

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf, ensure
from plantarkit._core.errors import InvalidValueError, UnknownIdError
from plantarkit._core.ids import ID, SOURCE_KEYS
from plantarkit._core.registry import public
from plantarkit._core.text import similar
from plantarkit.exercises import PlantarLoad, Prescription, Region
from plantarkit.plans._gates import GATE_TYPES, Gate
from plantarkit.progression.rules import (
    PAIN_RULE_TYPES,
    PROGRESSION_TYPES,
    PainRule,
    ProgressionRule,
)

__all__ = ["DoseStep", "Phase", "Protocol", "SideRule", "Slot"]

_TEXTS = TupleOf(Text(non_empty=True))
_GATES = TupleOf(Instance(GATE_TYPES))


@public()
class SideRule(enum.Enum):
    """Which side a slot's exercise is done on."""

    AS_PRESCRIBED = "as_prescribed"
    """As the prescription says (both feet, or each side in turn)."""
    PAINFUL = "painful"
    """Only the painful side (both, one after the other, when both are painful)."""


@public()
@attrs.frozen(kw_only=True)
class DoseStep:
    """A dose that applies from a programme week on (until the next step).

    Attributes:
        from_week: The first programme week it applies to.
        dose: The dose.
    """

    from_week: int = attrs.field(validator=Number(ge=1, le=520))
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))


@public()
@attrs.frozen(kw_only=True)
class Slot:
    """One place in a phase: an exercise with its dose, or an advice item.

    Attributes:
        item: Id of a catalogue exercise or advice item.
        dose: The dose; ``None`` uses the catalogue's default (advice has none).
        schedule: Doses by programme week (e.g. the high-load dose table);
            when given, it overrides ``dose`` from each step's week on.
        sides: Which side the exercise is done on.
        progression: How the progression engine moves this exercise on
            (rules tried in order); empty: the engine's own rules.
        note: Anything the patient should know about this slot.
    """

    item: str = attrs.field(validator=ID)
    dose: Prescription | None = attrs.field(
        default=None, validator=Instance((Prescription,), optional=True)
    )
    schedule: tuple[DoseStep, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((DoseStep,)))
    )
    sides: SideRule = attrs.field(default=SideRule.AS_PRESCRIBED, validator=EnumCheck(SideRule))
    progression: tuple[ProgressionRule, ...] = attrs.field(
        default=(), validator=TupleOf(Instance(PROGRESSION_TYPES))
    )
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        weeks = [s.from_week for s in self.schedule]
        if weeks != sorted(set(weeks)):
            raise InvalidValueError("$.schedule", f"weeks must rise strictly, got {weeks}")

    def dose_for(self, week: int) -> Prescription | None:
        """The dose this slot sets for a programme week (``None``: catalogue default)."""
        dose = self.dose
        for step in self.schedule:
            if step.from_week <= week:
                dose = step.dose
        return dose


@public()
@attrs.frozen(kw_only=True)
class Phase:
    """A stage of a protocol.

    Attributes:
        id: Short snake_case id.
        name: Name shown to people.
        goals: What the phase aims for.
        start_week: The programme week it usually starts.
        end_week: The week it usually ends (inclusive); ``None``: ongoing.
        slots: Its exercises and advice items.
        max_plantar_load: The most foot load any of its exercises may have.
        entry_gates: Conditions to start it.
        exit_gates: Conditions to leave it for the next phase.
        pain_rule: The pain rule to follow in this phase, in words.
        pain_limits: The same rules as values, which the progression engine
            applies to this phase's dynamic work, all of them (the most
            cautious verdict wins); empty: the engine's own, the
            pain-monitoring model by default. Holds follow the engine's hold rule.
        addable_regions: Regions from which the builder may add exercises for
            chain findings; empty: any region (within the foot-load limit).
        maintenance: A maintenance phase: it keeps a routine going after pain
            has settled, and a flare of pain in it steps back to the phase before
            (a first phase has none before it: its exercises ease off as usual).
        sources: Keys of the sources it comes from.
        note: Caveats (e.g. weeks that are plantarkit's assumption).
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=Text(non_empty=True))
    start_week: int = attrs.field(validator=Number(ge=1, le=520))
    end_week: int | None = attrs.field(validator=Number(ge=1, le=520, optional=True))
    slots: tuple[Slot, ...] = attrs.field(validator=TupleOf(Instance((Slot,)), min_length=1))
    max_plantar_load: PlantarLoad = attrs.field(validator=EnumCheck(PlantarLoad))
    goals: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    entry_gates: tuple[Gate, ...] = attrs.field(default=(), validator=_GATES)
    exit_gates: tuple[Gate, ...] = attrs.field(default=(), validator=_GATES)
    pain_rule: str = attrs.field(default="", validator=Text())
    pain_limits: tuple[PainRule, ...] = attrs.field(
        default=(), validator=TupleOf(Instance(PAIN_RULE_TYPES))
    )
    addable_regions: tuple[Region, ...] = attrs.field(
        default=(), validator=TupleOf(EnumCheck(Region), unique=True)
    )
    maintenance: bool = attrs.field(default=False, validator=Instance((bool,)))
    sources: tuple[str, ...] = attrs.field(default=(), validator=SOURCE_KEYS)
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        if self.end_week is not None:
            ensure(
                self.end_week >= self.start_week,
                "$.end_week",
                f"must be ≥ start_week ({self.start_week}), got {self.end_week}",
            )
        items = [s.item for s in self.slots]
        for i, item in enumerate(items):
            ensure(item not in items[:i], f"$.slots[{i}].item", f"duplicate slot {item!r}")

    def active_in(self, week: int) -> bool:
        """Whether the phase usually runs in this programme week."""
        return self.start_week <= week and (self.end_week is None or week <= self.end_week)


@public()
@attrs.frozen(kw_only=True)
class Protocol:
    """A whole rehabilitation plan: phases in order, with sources.

    Phases may overlap in time (the top-down plan runs hip work and chain
    integration side by side in weeks 3 to 6).

    Attributes:
        id: Short snake_case id.
        name: Name shown to people.
        summary: What the protocol is, in a sentence or two.
        phases: The phases, in order.
        sources: Keys of the sources it comes from.
        note: Caveats.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=Text(non_empty=True))
    phases: tuple[Phase, ...] = attrs.field(validator=TupleOf(Instance((Phase,)), min_length=1))
    summary: str = attrs.field(default="", validator=Text())
    sources: tuple[str, ...] = attrs.field(default=(), validator=SOURCE_KEYS)
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        ids = [p.id for p in self.phases]
        for i, phase_id in enumerate(ids):
            ensure(phase_id not in ids[:i], f"$.phases[{i}].id", f"duplicate phase {phase_id!r}")
        starts = [p.start_week for p in self.phases]
        ensure(
            starts == sorted(starts),
            "$.phases",
            f"phases must be in order of their start weeks, got {starts}",
        )
        ensure(
            starts[0] == 1,
            "$.phases[0].start_week",
            f"the first phase must start in week 1, got {starts[0]}",
        )

    def phase(self, phase_id: str) -> Phase:
        """Return the phase with this id."""
        for p in self.phases:
            if p.id == phase_id:
                return p

        raise UnknownIdError("phase", phase_id, similar(phase_id, [p.id for p in self.phases]))

    def phases_in(self, week: int) -> tuple[Phase, ...]:
        """The phases that usually run in a programme week, in protocol order."""
        return tuple(p for p in self.phases if p.active_in(week))
