"""The catalogue: exercises, advice, ladders and the sources they cite."""

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from plantarkit._core.checks import Instance, TupleOf
from plantarkit._core.errors import (
    CatalogueError,
    InvalidValueError,
    PlantarkitError,
    Problem,
    UnknownIdError,
)
from plantarkit._core.evidence import Source
from plantarkit._core.registry import public
from plantarkit._core.text import similar
from plantarkit.exercises._dose import Prescription
from plantarkit.exercises._ladder import Ladder, Variant
from plantarkit.exercises._model import (
    Advice,
    Equipment,
    Exercise,
    PlantarLoad,
    Position,
    Region,
)

__all__ = ["AmbiguousLadderError", "Catalogue"]

E = TypeVar("E", Region, Position, PlantarLoad, Equipment)


class AmbiguousLadderError(PlantarkitError):
    """An exercise sits on several ladders that disagree; name the ladder to use."""


AmbiguousLadderError.__module__ = "plantarkit"


def _coerce(kind: type[E], value: E | str, name: str) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise InvalidValueError(f"$.{name}", f"expected one of {allowed}, got {value!r}") from None


def _coerce_many(kind: type[E], value: E | str | Iterable[E | str], name: str) -> frozenset[E]:
    if isinstance(value, (str, kind)):
        return frozenset({_coerce(kind, value, name)})
    if not isinstance(value, Iterable):
        raise InvalidValueError(
            f"$.{name}", f"expected a {kind.__name__} or several, got {value!r}"
        )
    many: Iterable[E | str] = value
    return frozenset(_coerce(kind, v, name) for v in many)


def _problems(catalogue: "Catalogue") -> list[Problem]:
    """Every consistency problem of a catalogue, with JSON paths."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}  # id -> where it was first seen ("exercises[0]")
    sections: tuple[tuple[str, tuple[Exercise | Advice, ...]], ...] = (
        ("exercises", catalogue.exercises),
        ("advice", catalogue.advice),
    )
    for section, items in sections:
        for i, item in enumerate(items):
            path = f"$.{section}[{i}].id"
            if item.id in ids:
                problems.append(Problem(path, f"duplicate id {item.id!r} (also {ids[item.id]})"))
            else:
                ids[item.id] = f"{section}[{i}]"
    source_keys: dict[str, int] = {}
    for i, source in enumerate(catalogue.sources):
        if source.key in source_keys:
            problems.append(Problem(f"$.sources[{i}].key", f"duplicate source {source.key!r}"))
        source_keys[source.key] = i
    citing: tuple[tuple[str, tuple[Exercise | Advice | Ladder, ...]], ...] = (
        *sections,
        ("ladders", catalogue.ladders),
    )
    for section, cited in citing:
        for i, entry in enumerate(cited):
            for j, key in enumerate(entry.sources):
                if key not in source_keys:
                    problems.append(
                        Problem(
                            f"$.{section}[{i}].sources[{j}]",
                            f"unknown source {key!r}; add it to the catalogue's sources",
                        )
                    )
    catalogue_exercises = {e.id: e for e in catalogue.exercises}
    exercise_ids = set(catalogue_exercises)
    advice_ids = {a.id for a in catalogue.advice}
    ladder_ids: set[str] = set()
    edges: dict[str, set[str]] = {}
    for i, ladder in enumerate(catalogue.ladders):
        if ladder.id in ladder_ids:
            problems.append(Problem(f"$.ladders[{i}].id", f"duplicate ladder id {ladder.id!r}"))
        ladder_ids.add(ladder.id)
        seen: dict[tuple[str, Prescription | None], int] = {}
        for j, step in enumerate(ladder.steps):
            path = f"$.ladders[{i}].steps[{j}]"
            if step.exercise not in exercise_ids:
                hint = " (an advice item cannot be a rung)" if step.exercise in advice_ids else ""
                close = similar(step.exercise, exercise_ids)
                hint += f"; did you mean {close[0]!r}?" if close else ""
                problems.append(
                    Problem(f"{path}.exercise", f"unknown exercise {step.exercise!r}{hint}")
                )
            known = catalogue_exercises.get(step.exercise)
            dose = step.dose if step.dose is not None or known is None else known.dose
            rung = (step.exercise, dose)
            if rung in seen:
                problems.append(
                    Problem(
                        path,
                        f"repeats step {seen[rung]} (same exercise and dose): a ladder cannot loop",
                    )
                )
            seen.setdefault(rung, j)
        order = ladder.exercises()
        for lower, upper in itertools.pairwise(order):
            edges.setdefault(lower, set()).add(upper)
        for j, step in enumerate(ladder.steps[1:], start=1):
            if step.exercise != ladder.steps[j - 1].exercise and step.exercise in {
                s.exercise for s in ladder.steps[: j - 1]
            }:
                problems.append(
                    Problem(
                        f"$.ladders[{i}].steps[{j}].exercise",
                        f"returns to {step.exercise!r} after leaving it: a ladder cannot loop",
                    )
                )
    cycle = _find_cycle(edges)
    if cycle is not None:
        problems.append(
            Problem(
                "$.ladders",
                "ladders form a cycle of progressions"
                " (each arrow is a step up on some ladder): " + " → ".join(cycle),
            )
        )
    return problems


def _find_cycle(edges: Mapping[str, set[str]]) -> list[str] | None:
    """Return one cycle in a directed graph as a closed path, or ``None``."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            state = colour.get(nxt, white)
            if state == grey:
                return [*stack[stack.index(nxt) :], nxt]
            if state == white:
                found = visit(nxt)
                if found is not None:
                    return found
        stack.pop()
        colour[node] = black
        return None

    for start in sorted(edges):
        if colour.get(start, white) == white:
            found = visit(start)
            if found is not None:
                return found
    return None


@public()
@attrs.frozen(kw_only=True, repr=False)
class Catalogue:
    """A validated set of exercises, advice items and ladders, with their sources.

    Look up by id, iterate over exercises, filter, and move along ladders::

        cat = plantarkit.catalogue()
        cat["clam"].dose          # the default prescription
        cat.harder("clam").exercise.id   # 'banded_clam'

    Building one checks that ids are unique across exercises and advice, that
    every ladder rung names an existing exercise, that ladders do not loop,
    and that every cited source is included; all problems are reported at
    once in a :class:`~plantarkit.CatalogueError`.

    Attributes:
        exercises: The exercises, in display order.
        advice: Advice items (footwear, surfaces, ...).
        ladders: Progression ladders.
        sources: Every source the entries cite.
    """

    exercises: tuple[Exercise, ...] = attrs.field(validator=TupleOf(Instance((Exercise,))))
    advice: tuple[Advice, ...] = attrs.field(default=(), validator=TupleOf(Instance((Advice,))))
    ladders: tuple[Ladder, ...] = attrs.field(default=(), validator=TupleOf(Instance((Ladder,))))
    sources: tuple[Source, ...] = attrs.field(default=(), validator=TupleOf(Instance((Source,))))
    _index: Mapping[str, Exercise | Advice] = attrs.field(
        init=False, eq=False, hash=False, repr=False, alias="_index"
    )
    _ladder_index: Mapping[str, Ladder] = attrs.field(
        init=False, eq=False, hash=False, repr=False, alias="_ladder_index"
    )
    _places: frozenset[tuple[str, str | None, int | None]] = attrs.field(
        init=False, eq=False, hash=False, repr=False, alias="_places"
    )
    _tags: Mapping[str, frozenset[str]] = attrs.field(
        init=False, eq=False, hash=False, repr=False, alias="_tags"
    )

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise CatalogueError(problems)
        index: dict[str, Exercise | Advice] = {e.id: e for e in self.exercises}
        index.update({a.id: a for a in self.advice})
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_ladder_index", {lad.id: lad for lad in self.ladders})
        places: set[tuple[str, str | None, int | None]] = {
            (e.id, None, None) for e in self.exercises
        }
        places.update(
            (step.exercise, lad.id, i) for lad in self.ladders for i, step in enumerate(lad.steps)
        )
        object.__setattr__(self, "_places", frozenset(places))
        tags: dict[str, set[str]] = {}
        for e in self.exercises:
            for tag in e.tags:
                tags.setdefault(tag, set()).add(e.id)
        object.__setattr__(self, "_tags", {t: frozenset(ids) for t, ids in tags.items()})

    # --- mapping-like access to exercises -------------------------------------------------
    def __getitem__(self, exercise_id: str) -> Exercise:
        item = self._index.get(exercise_id) if isinstance(exercise_id, str) else None
        if isinstance(item, Advice):
            raise UnknownIdError(
                "exercise",
                exercise_id,
                hint=(
                    f"{exercise_id!r} is an advice item: use catalogue.advice_item({exercise_id!r})"
                ),
            )
        if item is None:
            raise UnknownIdError(
                "exercise", exercise_id, similar(exercise_id, (e.id for e in self.exercises))
            )
        return item

    def get(self, exercise_id: str) -> Exercise | None:
        """Return the exercise with this id, or ``None``."""
        item = self._index.get(exercise_id)
        return item if isinstance(item, Exercise) else None

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and item_id in self._index

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __repr__(self) -> str:
        return (
            f"<Catalogue: {len(self.exercises)} exercises, {len(self.advice)} advice items,"
            f" {len(self.ladders)} ladders, {len(self.sources)} sources>"
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """Exercise ids, in catalogue order."""
        return tuple(e.id for e in self.exercises)

    def advice_item(self, advice_id: str) -> Advice:
        """Return the advice item with this id."""
        item = self._index.get(advice_id) if isinstance(advice_id, str) else None
        if not isinstance(item, Advice):
            raise UnknownIdError(
                "advice", advice_id, similar(advice_id, (a.id for a in self.advice))
            )
        return item

    def item(self, item_id: str) -> Exercise | Advice:
        """Return the exercise or advice item with this id."""
        found = self._index.get(item_id) if isinstance(item_id, str) else None
        if found is None:
            raise UnknownIdError("exercise or advice", item_id, similar(item_id, self._index))
        return found

    def source(self, key: str) -> Source:
        """Return the source with this key."""
        for source in self.sources:
            if source.key == key:
                return source
        raise UnknownIdError("source", key, similar(key, (s.key for s in self.sources)))

    def fits(self, exercise_id: str, ladder_id: str | None, rung: int | None) -> bool:
        """Whether an exercise can stand at a ladder position.

        It can stand at rung ``rung`` of ``ladder_id`` when that rung is the
        exercise, and off any ladder (``None``, ``None``) when it is in the catalogue.
        """
        return (exercise_id, ladder_id, rung) in self._places

    def tagged(self, tag: str) -> frozenset[str]:
        """The ids of the exercises with a tag (``"isometric"``, ``"glute_med"``, ...)."""
        return self._tags.get(tag, frozenset())

    def ladder(self, ladder_id: str) -> Ladder:
        """Return the ladder with this id."""
        found = self._ladder_index.get(ladder_id) if isinstance(ladder_id, str) else None
        if found is not None:
            return found
        raise UnknownIdError(
            "ladder", ladder_id, similar(ladder_id, (lad.id for lad in self.ladders))
        )

    # --- filtering --------------------------------------------------------------------------
    def filter(
        self,
        *,
        region: Region | str | Iterable[Region | str] | None = None,
        max_plantar_load: PlantarLoad | str | None = None,
        equipment: Iterable[Equipment | str] | None = None,
        position: Position | str | Iterable[Position | str] | None = None,
        source: str | None = None,
        tag: str | None = None,
    ) -> tuple[Exercise, ...]:
        """Return the exercises that match every given criterion, in catalogue order.

        Args:
            region: One region or several (any of them matches).
            max_plantar_load: Keep exercises that load the foot at most this much.
            equipment: Equipment at hand: keep exercises that need nothing else.
            position: One position or several.
            source: Keep exercises citing this source key.
            tag: Keep exercises with this tag.

        Enum arguments also accept their string values (``region="hip"``);
        an unknown value raises :class:`~plantarkit.InvalidValueError`.
        """
        regions = None if region is None else _coerce_many(Region, region, "region")
        positions = None if position is None else _coerce_many(Position, position, "position")
        max_load = (
            None
            if max_plantar_load is None
            else _coerce(PlantarLoad, max_plantar_load, "max_plantar_load")
        )
        at_hand = None if equipment is None else _coerce_many(Equipment, equipment, "equipment")
        return tuple(
            e
            for e in self.exercises
            if (regions is None or e.region in regions)
            and (positions is None or e.position in positions)
            and (max_load is None or e.plantar_load <= max_load)
            and (at_hand is None or set(e.equipment) <= at_hand)
            and (source is None or source in e.sources)
            and (tag is None or tag in e.tags)
        )

    # --- ladders --------------------------------------------------------------------------
    def ladders_of(self, exercise_id: str) -> tuple[Ladder, ...]:
        """Return the ladders that have a rung with this exercise."""
        self[exercise_id]  # raises a helpful error for unknown ids
        return tuple(lad for lad in self.ladders if exercise_id in lad.exercises())

    def variant(self, ladder_id: str, index: int) -> Variant:
        """Return rung ``index`` of a ladder, resolved to an exercise and a dose."""
        ladder = self.ladder(ladder_id)
        if not isinstance(index, int) or not 0 <= index < len(ladder.steps):
            raise InvalidValueError(
                "$.index",
                f"ladder {ladder_id!r} has rungs 0 to {len(ladder.steps) - 1}, got {index!r}",
            )
        step = ladder.steps[index]
        exercise = self[step.exercise]
        dose = step.dose if step.dose is not None else exercise.dose
        return Variant(ladder=ladder.id, index=index, exercise=exercise, dose=dose, note=step.note)

    def _move(
        self, exercise_id: str, dose: Prescription | None, ladder: str | None, offset: int
    ) -> Variant | None:
        candidates = (self.ladder(ladder),) if ladder is not None else self.ladders_of(exercise_id)
        results: dict[str, Variant | None] = {}
        for lad in candidates:
            default = self[exercise_id].dose
            i = lad.index(exercise_id, dose if dose is not None else default, default=default)
            if i is None:
                raise InvalidValueError(
                    "$.exercise", f"exercise {exercise_id!r} is not on ladder {lad.id!r}"
                )
            j = i + offset
            results[lad.id] = self.variant(lad.id, j) if 0 <= j < len(lad.steps) else None
        distinct = {(v.exercise.id, v.dose) if v else None for v in results.values()}
        if len(distinct) > 1:
            raise AmbiguousLadderError(
                f"{exercise_id!r} is on several ladders that disagree "
                f"({', '.join(sorted(results))}); pass ladder=... to choose one"
            )
        return next(iter(results.values()), None)

    def harder(
        self, exercise_id: str, dose: Prescription | None = None, *, ladder: str | None = None
    ) -> Variant | None:
        """Return the next rung up from an exercise (at a dose), or ``None`` at the top.

        The rung is found by exercise and dose; with no dose, the exercise's
        default dose; when no rung has that dose, the exercise's first rung.
        An exercise on no ladder has no harder variant (``None``).

        Raises:
            UnknownIdError: The exercise (or ladder) does not exist.
            AmbiguousLadderError: It is on several ladders that disagree and
                no ``ladder`` was named.
        """
        return self._move(exercise_id, dose, ladder, +1)

    def easier(
        self, exercise_id: str, dose: Prescription | None = None, *, ladder: str | None = None
    ) -> Variant | None:
        """Return the next rung down from an exercise (at a dose), or ``None`` at the bottom.

        Rungs are found as in :meth:`harder`.
        """
        return self._move(exercise_id, dose, ladder, -1)

    # --- building new catalogues ---------------------------------------------------------------
    def extend(
        self,
        *,
        exercises: Iterable[Exercise] = (),
        advice: Iterable[Advice] = (),
        ladders: Iterable[Ladder] = (),
        sources: Iterable[Source] = (),
    ) -> "Catalogue":
        """Return a catalogue with entries added; an id that already exists is an error."""
        return Catalogue(
            exercises=self.exercises + tuple(exercises),
            advice=self.advice + tuple(advice),
            ladders=self.ladders + tuple(ladders),
            sources=self.sources + tuple(sources),
        )

    def replace(self, *items: Exercise | Advice | Ladder | Source) -> "Catalogue":
        """Return a catalogue where each item replaces the entry with its id (or is added)."""

        def merge(current: tuple[Any, ...], new: list[Any], key: str) -> tuple[Any, ...]:
            by_id = {getattr(x, key): x for x in new}
            kept = tuple(by_id.pop(getattr(x, key), x) for x in current)
            return kept + tuple(by_id.values())

        return Catalogue(
            exercises=merge(self.exercises, [i for i in items if isinstance(i, Exercise)], "id"),
            advice=merge(self.advice, [i for i in items if isinstance(i, Advice)], "id"),
            ladders=merge(self.ladders, [i for i in items if isinstance(i, Ladder)], "id"),
            sources=merge(self.sources, [i for i in items if isinstance(i, Source)], "key"),
        )

    def subset(self, exercise_ids: Iterable[str]) -> "Catalogue":
        """Return a catalogue of just these exercises (in catalogue order).

        Ladders are kept only when every rung is still present; advice items
        are kept; sources are kept only when something still cites them.
        """
        wanted = set(exercise_ids)
        for exercise_id in wanted:
            self[exercise_id]  # raises a helpful error for unknown ids
        exercises = tuple(e for e in self.exercises if e.id in wanted)
        ladders = tuple(lad for lad in self.ladders if set(lad.exercises()) <= wanted)
        items: tuple[Exercise | Advice | Ladder, ...] = (*exercises, *self.advice, *ladders)
        cited = {key for item in items for key in item.sources}
        return Catalogue(
            exercises=exercises,
            advice=self.advice,
            ladders=ladders,
            sources=tuple(s for s in self.sources if s.key in cited),
        )

    def without(self, *ids: str, ladders: Iterable[str] = ()) -> "Catalogue":
        """Return a catalogue without these exercises or advice items, and these ladders.

        Exercises and ladders may share an id (the ``clam`` ladder starts at
        the ``clam`` exercise), so ladders are named separately.
        Removing an exercise that a ladder still uses is an error: remove or
        replace the ladder too.

        Raises:
            UnknownIdError: An id names no exercise, advice item or ladder.
            CatalogueError: A remaining ladder still uses a removed exercise.
        """
        for item_id in ids:
            if item_id not in self._index:
                raise UnknownIdError("exercise or advice", item_id, similar(item_id, self._index))
        ladder_ids = tuple(ladders)
        for ladder_id in ladder_ids:
            self.ladder(ladder_id)  # raises a helpful error for unknown ids
        return Catalogue(
            exercises=tuple(e for e in self.exercises if e.id not in ids),
            advice=tuple(a for a in self.advice if a.id not in ids),
            ladders=tuple(lad for lad in self.ladders if lad.id not in ladder_ids),
            sources=self.sources,
        )
