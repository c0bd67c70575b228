"""plantarkit: typed, immutable building blocks for plantar heel pain rehabilitation.

The most used names are available from the top level::

    import plantarkit

    cat = plantarkit.catalogue()
    text = plantarkit.dumps(cat["clam"])
    same = plantarkit.loads(text, plantarkit.Exercise)

Every public name is loaded on first use (PEP 562), so ``import plantarkit``
costs about as much as ``import attrs``; the first attribute access pays for
the part of the library it needs.
"""

import importlib
from typing import TYPE_CHECKING, Any

from plantarkit._version import __version__

if TYPE_CHECKING:
    from plantarkit._core import (
        BUILTIN_SOURCES,
        Bilateral,
        CatalogueError,
        Citation,
        DocumentError,
        Grade,
        InvalidValueError,
        MissingDependencyError,
        Pain,
        PlantarkitError,
        Problem,
        Side,
        Source,
        SourceKind,
        UnknownIdError,
        ValidationError,
    )
    from plantarkit.chain import (
        Assessment,
        ChainNorms,
        ChainReport,
        Emphasis,
        Finding,
        FindingKind,
        LegLength,
        Link,
        RedFlag,
        RedFlagScreen,
        Referral,
        Severity,
        Sex,
        Symptoms,
        assess,
        example_assessment,
    )
    from plantarkit.exercises import (
        Advice,
        AdviceTopic,
        AmbiguousLadderError,
        BandResistance,
        Catalogue,
        Equipment,
        Exercise,
        Frequency,
        Hold,
        Ladder,
        LadderStep,
        Load,
        LoadKind,
        PlantarLoad,
        Position,
        Prescription,
        Region,
        Reps,
        RunWalk,
        Tempo,
        Timed,
        Variant,
        Work,
        catalogue,
    )
    from plantarkit.io import (
        dumps,
        from_document,
        json_schema,
        loads,
        to_document,
    )
    from plantarkit.progression import (
        Phase,
        Program,
        Protocol,
        ProtocolError,
        ReferralRequiredError,
        Slot,
        build_program,
        protocol,
        protocols,
    )

_LAZY: dict[str, str] = {
    "Phase": "plantarkit.progression",
    "Program": "plantarkit.progression",
    "Protocol": "plantarkit.progression",
    "ProtocolError": "plantarkit.progression",
    "ReferralRequiredError": "plantarkit.progression",
    "Slot": "plantarkit.progression",
    "build_program": "plantarkit.progression",
    "protocol": "plantarkit.progression",
    "protocols": "plantarkit.progression",
    "Assessment": "plantarkit.chain",
    "ChainNorms": "plantarkit.chain",
    "ChainReport": "plantarkit.chain",
    "Emphasis": "plantarkit.chain",
    "Finding": "plantarkit.chain",
    "FindingKind": "plantarkit.chain",
    "LegLength": "plantarkit.chain",
    "Link": "plantarkit.chain",
    "RedFlag": "plantarkit.chain",
    "RedFlagScreen": "plantarkit.chain",
    "Referral": "plantarkit.chain",
    "Severity": "plantarkit.chain",
    "Sex": "plantarkit.chain",
    "Symptoms": "plantarkit.chain",
    "assess": "plantarkit.chain",
    "example_assessment": "plantarkit.chain",
    "BUILTIN_SOURCES": "plantarkit._core",
    "Bilateral": "plantarkit._core",
    "CatalogueError": "plantarkit._core",
    "Citation": "plantarkit._core",
    "DocumentError": "plantarkit._core",
    "Grade": "plantarkit._core",
    "InvalidValueError": "plantarkit._core",
    "MissingDependencyError": "plantarkit._core",
    "Pain": "plantarkit._core",
    "PlantarkitError": "plantarkit._core",
    "Problem": "plantarkit._core",
    "Side": "plantarkit._core",
    "Source": "plantarkit._core",
    "SourceKind": "plantarkit._core",
    "UnknownIdError": "plantarkit._core",
    "ValidationError": "plantarkit._core",
    "Advice": "plantarkit.exercises",
    "AdviceTopic": "plantarkit.exercises",
    "AmbiguousLadderError": "plantarkit.exercises",
    "BandResistance": "plantarkit.exercises",
    "Catalogue": "plantarkit.exercises",
    "Equipment": "plantarkit.exercises",
    "Exercise": "plantarkit.exercises",
    "Frequency": "plantarkit.exercises",
    "Hold": "plantarkit.exercises",
    "Ladder": "plantarkit.exercises",
    "LadderStep": "plantarkit.exercises",
    "Load": "plantarkit.exercises",
    "LoadKind": "plantarkit.exercises",
    "PlantarLoad": "plantarkit.exercises",
    "Position": "plantarkit.exercises",
    "Prescription": "plantarkit.exercises",
    "Region": "plantarkit.exercises",
    "Reps": "plantarkit.exercises",
    "RunWalk": "plantarkit.exercises",
    "Tempo": "plantarkit.exercises",
    "Timed": "plantarkit.exercises",
    "Variant": "plantarkit.exercises",
    "Work": "plantarkit.exercises",
    "catalogue": "plantarkit.exercises",
    "dumps": "plantarkit.io",
    "from_document": "plantarkit.io",
    "json_schema": "plantarkit.io",
    "loads": "plantarkit.io",
    "to_document": "plantarkit.io",
}


_SUBMODULES = frozenset({"chain", "cli", "exercises", "io", "progression", "render", "testing"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"plantarkit.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plantarkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "BUILTIN_SOURCES",
    "Advice",
    "AdviceTopic",
    "AmbiguousLadderError",
    "Assessment",
    "BandResistance",
    "Bilateral",
    "Catalogue",
    "CatalogueError",
    "ChainNorms",
    "ChainReport",
    "Citation",
    "DocumentError",
    "Emphasis",
    "Equipment",
    "Exercise",
    "Finding",
    "FindingKind",
    "Frequency",
    "Grade",
    "Hold",
    "InvalidValueError",
    "Ladder",
    "LadderStep",
    "LegLength",
    "Link",
    "Load",
    "LoadKind",
    "MissingDependencyError",
    "Pain",
    "Phase",
    "PlantarLoad",
    "PlantarkitError",
    "Position",
    "Prescription",
    "Problem",
    "Program",
    "Protocol",
    "ProtocolError",
    "RedFlag",
    "RedFlagScreen",
    "Referral",
    "ReferralRequiredError",
    "Region",
    "Reps",
    "RunWalk",
    "Severity",
    "Sex",
    "Side",
    "Slot",
    "Source",
    "SourceKind",
    "Symptoms",
    "Tempo",
    "Timed",
    "UnknownIdError",
    "ValidationError",
    "Variant",
    "Work",
    "__version__",
    "assess",
    "build_program",
    "catalogue",
    "dumps",
    "example_assessment",
    "from_document",
    "json_schema",
    "loads",
    "protocol",
    "protocols",
    "to_document",
]
