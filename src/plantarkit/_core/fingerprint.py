"""A short, stable digest of a value's content, for telling which programme a state belongs to."""

import datetime
import enum
import hashlib
import typing

import attrs

FINGERPRINT_LENGTH = 16
"""Hex digits kept of the SHA-256 digest (64 bits: a clash between two programmes an app
holds is not a practical concern, and a state document stays short)."""

FINGERPRINT_PATTERN = f"[0-9a-f]{{{FINGERPRINT_LENGTH}}}"
"""What a fingerprint looks like (a whole-string match)."""


def _canonical(value: object, seen: dict[int, bytes]) -> bytes:
    """The value's content as bytes: equal values give equal bytes, whatever their ``repr``.

    Sub-values shared by identity (a programme's days alike share their items) are
    digested once per call.
    """
    key = id(value)
    done = seen.get(key)
    if done is not None:
        return done
    if value is None or isinstance(value, bool):
        out = repr(value).encode()
    elif isinstance(value, enum.Enum):
        out = b"E" + repr(value.value).encode()
    elif isinstance(value, int | float):
        # 38 == 38.0 for attrs' equality, so both must give the same bytes
        whole = isinstance(value, float) and value.is_integer()
        out = b"n" + repr(int(value) if whole else value).encode()
    elif isinstance(value, str):
        out = b"s" + repr(value).encode()
    elif isinstance(value, datetime.date):
        out = b"D" + value.isoformat().encode()
    elif isinstance(value, tuple | list):
        items = typing.cast("tuple[object, ...] | list[object]", value)
        parts = b",".join(_canonical(v, seen) for v in items)
        out = b"(" + parts + b")"
    elif attrs.has(type(value)):
        fields = attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value)))
        parts = b",".join(
            f.name.encode() + b"=" + _canonical(getattr(value, f.name), seen) for f in fields
        )
        out = type(value).__name__.encode() + b"{" + parts + b"}"
    else:  # pragma: no cover - every field of a public value is one of the above
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")
    if len(out) > 64:  # keep what is carried upwards short
        out = b"#" + hashlib.sha256(out).digest()
    seen[key] = out
    return out


def fingerprint(value: object) -> str:
    """A digest of ``value``'s content: equal values have equal fingerprints.

    Stable across runs, machines and hash seeds; it changes when the value's content
    changes, or when a release of plantarkit changes the fields of the value's type
    (the changelog says so when it does).
    """
    return hashlib.sha256(_canonical(value, {})).hexdigest()[:FINGERPRINT_LENGTH]
