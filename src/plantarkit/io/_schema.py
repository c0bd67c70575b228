"""JSON Schema (draft 2020-12) of plantarkit documents, generated from the attrs fields.

Bounds come from the fields' validators (each check knows its own schema);
tagged unions from the registry (each member's ``kind`` is a ``const``).
"""

import datetime
import types
import typing
from typing import Any, TypeVar

import attrs

from plantarkit._core.checks import MAGNITUDE, Instance, TupleOf
from plantarkit._core.pain import PAIN_SCALE, Pain
from plantarkit._core.side import Bilateral, BilateralOf
from plantarkit.io._convert import is_enum
from plantarkit.io._documents import SCHEMA_VERSION, document_class
from plantarkit.io._json import JSONDict
from plantarkit.io._types import CALLABLE_UNIONS, DOCUMENT_TYPES, TAG, TAG_OF, TAGGED_UNIONS

__all__ = ["json_schema"]


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, JSONDict] = {}

    def for_type(self, t: Any) -> JSONDict:
        if t is Any:  # a bare Bilateral's side: plain values and arrays of them, no objects
            if "SideValue" not in self.defs:
                self.defs["SideValue"] = {
                    "description": "A value of a bare Bilateral's side.",
                    "anyOf": [
                        {"type": "null"},
                        {"type": "boolean"},
                        {"type": "number", "minimum": -MAGNITUDE, "maximum": MAGNITUDE},
                        {"type": "string"},
                        {"type": "array", "items": {"$ref": "#/$defs/SideValue"}},
                    ],
                }
            return {"$ref": "#/$defs/SideValue"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is str:
            return {"type": "string"}
        if t is type(None):
            return {"type": "null"}
        if t is datetime.date:
            return {"type": "string", "format": "date"}
        if t is Pain:
            return PAIN_SCALE.json_schema()
        t = CALLABLE_UNIONS.get(t, t)
        if t in TAGGED_UNIONS:
            return {
                "oneOf": [
                    {"allOf": [self.for_type(cls), {"required": [TAG]}]}
                    for cls in TAGGED_UNIONS[t].values()
                ]
            }
        if is_enum(t):
            return {"enum": [m.value for m in t]}
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.for_type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.for_type(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [self.for_type(a) for a in args]}
        if attrs.has(origin or t):
            return self.for_class(t)
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - developer error

    def for_class(self, t: Any) -> JSONDict:
        origin = typing.get_origin(t) or t
        args = typing.get_args(t)
        name = origin.__name__ + "".join(f"_{getattr(a, '__name__', 'Any')}" for a in args)
        ref = {"$ref": f"#/$defs/{name}"}
        if name in self.defs:
            return ref
        self.defs[name] = {}
        # the fields' resolved types (forward references, such as an exercise state's rules,
        # are resolved where the types are defined)
        hints = {f.name: f.type for f in attrs.fields(attrs.resolve_types(origin))}
        params = getattr(origin, "__parameters__", ())
        bindings: dict[Any, Any] = dict(zip(params, args, strict=False))
        properties: JSONDict = {}
        required: list[str] = []
        for field in attrs.fields(origin):
            if not field.init:
                continue
            ftype: Any = hints.get(field.name, Any)
            if isinstance(ftype, TypeVar):
                ftype = bindings.get(ftype, Any)
            properties[field.name] = self.for_field(ftype, field.validator)
            # what the field's type and check cannot say (a rule list that must not be empty)
            properties[field.name].update(field.metadata.get("json_schema", {}))
            if field.default is attrs.NOTHING:
                required.append(field.name)
        if origin in TAG_OF:
            properties[TAG] = {"const": TAG_OF[origin]}
        doc = (origin.__doc__ or "").strip().splitlines()
        schema: JSONDict = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if doc:
            schema["description"] = doc[0]
        if required:
            schema["required"] = required
        self.defs[name] = schema
        return ref

    def for_field(self, ftype: Any, validator: Any) -> JSONDict:
        if isinstance(validator, Instance) or not hasattr(validator, "json_schema"):
            return self.for_type(ftype)
        if isinstance(validator, BilateralOf) and isinstance(validator.check, Instance):
            return self.for_type(ftype)  # the sides' type says it all (Bilateral[bool | None])
        if isinstance(validator, TupleOf):
            args = typing.get_args(ftype)
            item = args[0] if args else Any
            schema = validator.json_schema()
            if isinstance(validator.item, Instance):
                schema["items"] = self.for_type(item)
            return schema
        return typing.cast(JSONDict, validator.json_schema())


def json_schema(cls: type | None = None) -> JSONDict:
    """Return the JSON Schema (draft 2020-12) of plantarkit documents.

    Args:
        cls: Describe documents of this type only; ``None`` describes any
            plantarkit document.

    Raises:
        InvalidValueError: ``cls`` is not a document type (at ``$.cls``).
    """
    if cls is not None:
        document_class(cls)
    builder = _SchemaBuilder()
    chosen = [cls] if cls is not None else list(DOCUMENT_TYPES)
    variants: list[JSONDict] = []
    for t in chosen:
        origin = typing.get_origin(t) or t
        variants.append(
            {
                "type": "object",
                "properties": {
                    "type": {"const": origin.__name__},
                    "schema_version": {"const": SCHEMA_VERSION},
                    "data": builder.for_type(
                        t if origin is not Bilateral or typing.get_args(t) else Bilateral[Any]
                    ),
                },
                "required": ["type", "schema_version", "data"],
                "additionalProperties": False,
            }
        )
    top: JSONDict = variants[0] if len(variants) == 1 else {"oneOf": variants}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "plantarkit document",
        **top,
        "$defs": builder.defs,
    }
