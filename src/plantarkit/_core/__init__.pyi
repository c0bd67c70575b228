"""Type stub: the public names of plantarkit._core, each once (see plantarkit._lazy)."""

from plantarkit._core.errors import CatalogueError as CatalogueError
from plantarkit._core.errors import DocumentError as DocumentError
from plantarkit._core.errors import InvalidValueError as InvalidValueError
from plantarkit._core.errors import MissingDependencyError as MissingDependencyError
from plantarkit._core.errors import NoFormatterError as NoFormatterError
from plantarkit._core.errors import PlantarkitError as PlantarkitError
from plantarkit._core.errors import Problem as Problem
from plantarkit._core.errors import UnknownIdError as UnknownIdError
from plantarkit._core.errors import ValidationError as ValidationError
from plantarkit._core.evidence import BUILTIN_SOURCES as BUILTIN_SOURCES
from plantarkit._core.evidence import Citation as Citation
from plantarkit._core.evidence import Grade as Grade
from plantarkit._core.evidence import Source as Source
from plantarkit._core.evidence import SourceKind as SourceKind
from plantarkit._core.pain import Pain as Pain
from plantarkit._core.side import Bilateral as Bilateral
from plantarkit._core.side import Side as Side

__all__: list[str]  # at run time: every name imported above (plantarkit._lazy)
