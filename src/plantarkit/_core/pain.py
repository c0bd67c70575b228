"""Pain on a 0-10 numeric rating scale (NPRS)."""

import attrs

from plantarkit._core.checks import Number
from plantarkit._core.registry import public

__all__ = ["PAIN_SCALE", "Pain"]

PAIN_SCALE = Number(ge=0, le=10)


@public()
@attrs.frozen(order=True)
class Pain:
    """A pain rating on the 0-10 numeric rating scale (0 none, 10 worst imaginable).

    Only whole numbers from 0 to 10 are accepted; anything else raises
    :class:`~plantarkit.InvalidValueError`. Ratings compare and sort as numbers
    and serialise as a plain integer.

    >>> Pain(3) < Pain(6)
    True
    >>> int(Pain(4))
    4
    """

    value: int = attrs.field(validator=PAIN_SCALE)

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value

    def __str__(self) -> str:
        return f"{self.value}/10"
