"""Exercises, doses, ladders and the built-in catalogue."""

from plantarkit.exercises._arithmetic import (
    BANDS,
    MAX_SECONDS,
    built_back,
    heavier,
    lighter,
    next_kg,
    with_load_kept,
)
from plantarkit.exercises._builtin import catalogue
from plantarkit.exercises._catalogue import AmbiguousLadderError, Catalogue
from plantarkit.exercises._compare import Dimension, capped, harder_in
from plantarkit.exercises._dose import (
    MAX_KG,
    BandResistance,
    Frequency,
    Hold,
    Load,
    LoadKind,
    Prescription,
    Reps,
    RunWalk,
    Tempo,
    Timed,
    Work,
)
from plantarkit.exercises._ladder import Ladder, LadderStep, Variant
from plantarkit.exercises._model import (
    Advice,
    AdviceTopic,
    Equipment,
    Exercise,
    PlantarLoad,
    Position,
    Region,
)

__all__ = [
    "BANDS",
    "MAX_KG",
    "MAX_SECONDS",
    "Advice",
    "AdviceTopic",
    "AmbiguousLadderError",
    "BandResistance",
    "Catalogue",
    "Dimension",
    "Equipment",
    "Exercise",
    "Frequency",
    "Hold",
    "Ladder",
    "LadderStep",
    "Load",
    "LoadKind",
    "PlantarLoad",
    "Position",
    "Prescription",
    "Region",
    "Reps",
    "RunWalk",
    "Tempo",
    "Timed",
    "Variant",
    "Work",
    "built_back",
    "capped",
    "catalogue",
    "harder_in",
    "heavier",
    "lighter",
    "next_kg",
    "with_load_kept",
]
