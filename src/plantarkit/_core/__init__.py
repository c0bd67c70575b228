"""Shared vocabulary: sides, pain, evidence and the error family."""

from plantarkit._core.errors import (
    CatalogueError,
    DocumentError,
    InvalidValueError,
    MissingDependencyError,
    PlantarkitError,
    Problem,
    UnknownIdError,
    ValidationError,
)
from plantarkit._core.evidence import BUILTIN_SOURCES, Citation, Grade, Source, SourceKind
from plantarkit._core.pain import Pain
from plantarkit._core.side import Bilateral, Side

__all__ = [
    "BUILTIN_SOURCES",
    "Bilateral",
    "CatalogueError",
    "Citation",
    "DocumentError",
    "Grade",
    "InvalidValueError",
    "MissingDependencyError",
    "Pain",
    "PlantarkitError",
    "Problem",
    "Side",
    "Source",
    "SourceKind",
    "UnknownIdError",
    "ValidationError",
]
