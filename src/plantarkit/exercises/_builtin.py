"""The built-in catalogue: every exercise, advice item and ladder from the sources.

Instructions and cues are written in plantarkit's own words; doses and
progressions follow the source named in each entry's ``sources``. Where a
ladder needs a step the sources do not quantify (how much heavier, how much
higher), the ladder's ``note`` says that the step is illustrative.
"""

import functools

from plantarkit._core.evidence import BUILTIN_SOURCES
from plantarkit.exercises._catalogue import Catalogue
from plantarkit.exercises._dose import (
    BandResistance,
    Frequency,
    Hold,
    Load,
    Prescription,
    Reps,
    RunWalk,
    Tempo,
    Timed,
)
from plantarkit.exercises._ladder import Ladder, LadderStep
from plantarkit.exercises._model import (
    Advice,
    AdviceTopic,
    Equipment,
    Exercise,
    PlantarLoad,
    Position,
    Region,
)

__all__ = ["catalogue"]

_EXAKT_REST = 60


def _exercises() -> tuple[Exercise, ...]:
    return (
        Exercise(
            id="clam",
            name="Clam",
            region=Region.HIP,
            position=Position.SIDE_LYING,
            plantar_load=PlantarLoad.NONE,
            purpose="Strengthens the deep hip rotators and gluteus medius without loading the foot.",
            targets=("gluteus medius", "deep hip external rotators"),
            instructions=(
                "Lie on your side with hips bent to about 60 degrees, knees bent to 90 degrees"
                " and feet together.",
                "Brace your trunk so the pelvis stays still.",
                "Keeping the feet touching, turn the top knee up towards the ceiling.",
                "Hold the top position for 2 seconds, then lower the knee slowly.",
            ),
            cues=(
                "Only the leg moves: the top hip must not roll backwards.",
                "Build up to the repetitions over sessions; do not force them.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                tempo=Tempo(top=2, down=2),
                rest_seconds=_EXAKT_REST,
                each_side=True,
            ),
            sources=("exakt-2021",),
            tags=("glute_med", "hip_strength", "off_feet"),
        ),
    )


def _advice() -> tuple[Advice, ...]:
    return ()


def _ladders() -> tuple[Ladder, ...]:
    return ()


@functools.cache
def catalogue() -> Catalogue:
    """Return the built-in catalogue (built once, then shared: it is immutable).

    >>> cat = catalogue()
    >>> cat["clam"].plantar_load
    <PlantarLoad.NONE: 'none'>
    """
    exercises, advice, ladders = _exercises(), _advice(), _ladders()
    cited = {key for item in (*exercises, *advice, *ladders) for key in item.sources}
    sources = tuple(s for key, s in BUILTIN_SOURCES.items() if key in cited)
    return Catalogue(exercises=exercises, advice=advice, ladders=ladders, sources=sources)


# Names used by the full catalogue; kept referenced for linters until all entries exist.
_USED = (BandResistance, Frequency, Hold, Load, RunWalk, Timed, AdviceTopic, Equipment, LadderStep)
