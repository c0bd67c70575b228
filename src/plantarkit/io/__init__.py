"""JSON documents: one converter for every public type, versioned, with path-precise errors.

A document wraps a value with its type name and schema version::

    {"type": "Exercise", "schema_version": 1, "data": {...}}

:func:`dumps` / :func:`loads` work with JSON text, :func:`to_document` /
:func:`from_document` with plain dicts, and :func:`unstructure` /
:func:`structure` with bare values (no envelope). Every problem in a bad
document is reported at once as a :class:`~plantarkit.DocumentError` whose
problems carry JSON paths such as ``$.data.exercises[3].dose.sets``.

The document types, and the tags of the tagged unions, come from the registry
of public types (:mod:`plantarkit._core.registry`), not from lists here.
cattrs is imported on first use, so ``import plantarkit`` stays cheap.
"""

from plantarkit.io import _documents

# Also importable from here, as before the split, though not in __all__ (hence "as"): the
# shared converter, the error translation and the strict JSON parser.
from plantarkit.io._convert import converter as converter
from plantarkit.io._convert import problems_from as problems_from
from plantarkit.io._convert import structure, unstructure
from plantarkit.io._documents import (
    document_types,
    dumps,
    from_document,
    loads,
    migrate,
    split_state,
    to_document,
)
from plantarkit.io._json import JSONDict as JSONDict
from plantarkit.io._json import parse_json as parse_json
from plantarkit.io._schema import json_schema

__all__ = [
    "SCHEMA_VERSION",
    "document_types",
    "dumps",
    "from_document",
    "json_schema",
    "loads",
    "migrate",
    "split_state",
    "structure",
    "to_document",
    "unstructure",
]

SCHEMA_VERSION = _documents.SCHEMA_VERSION
"""The version of the document format this plantarkit writes."""

MIGRATIONS = _documents.MIGRATIONS
"""The upgrade steps, by version. ``MIGRATIONS[n]`` turns a version-``n`` document into ``n + 1``.

Version 2 renamed a state's phase index and gave the phase's decision a type of its
own; version 3 took the programme out of the state (read an older state with
:func:`split_state` to keep its programme). When the format changes, add the step in
:mod:`plantarkit.io._documents` and every older document keeps loading.
"""
