"""Fixed message shapes: every request and reply is checked against one before it is used.

A tiny validator over what ``json.loads`` gives (lists, dicts, str, int, float, bool, None)::

    RENDER = Tuple(Const("render"), Int(0), Int(0), Float(0.0), Bool(), Bool(),
                   Optional(Tuple(Int(), Int(), Int(), Int())))
    RENDER.check(header)   # the header itself (types exact, numbers in range) or ShapeError

Types are exact (``True`` is not an int, ``1`` is not a float: our encoder always writes a
float with a point), numbers are bounded (``1e999`` parses as infinity and fails any range),
strings and lists have a maximum length. A flat tuple of scalars (a word, a link) is checked
with a few C-level passes, so a page of 2,000 words costs a few milliseconds.
"""

from __future__ import annotations

from typing import Any

from paperless.core.isolation.wire import ProtocolError

BIG_INT = 2**53
BIG_FLOAT = 1e15
TEXT = 1 << 24  # characters of one string unless told


class ShapeError(ProtocolError):
    """A message of the wrong shape."""


class Shape:
    scalar_type: type | None = None  # set by the shapes a flat tuple can check in bulk

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def fail(self, value: Any) -> ShapeError:
        return ShapeError(f"expected {self.describe()}, got {type(value).__name__}")

    def describe(self) -> str:
        return type(self).__name__.lower()


class Int(Shape):
    scalar_type = int

    def __init__(self, lo: int = -BIG_INT, hi: int = BIG_INT) -> None:
        self.lo, self.hi = lo, hi

    def check(self, value: Any) -> int:
        if type(value) is not int or not self.lo <= value <= self.hi:
            raise self.fail(value)
        return value

    def describe(self) -> str:
        return f"an integer in {self.lo}..{self.hi}"


class Float(Shape):
    scalar_type = float

    def __init__(self, lo: float = -BIG_FLOAT, hi: float = BIG_FLOAT) -> None:
        self.lo, self.hi = lo, hi

    def check(self, value: Any) -> float:
        if type(value) is not float or not self.lo <= value <= self.hi:
            raise self.fail(value)
        return value

    def describe(self) -> str:
        return f"a number in {self.lo}..{self.hi}"


class Bool(Shape):
    scalar_type = bool

    def check(self, value: Any) -> bool:
        if type(value) is not bool:
            raise self.fail(value)
        return value


class Str(Shape):
    scalar_type = str

    def __init__(self, max_len: int = TEXT) -> None:
        self.max_len = max_len

    def check(self, value: Any) -> str:
        if type(value) is not str or len(value) > self.max_len:
            raise self.fail(value)
        return value

    def describe(self) -> str:
        return f"a string of at most {self.max_len} characters"


class OneOf(Shape):
    def __init__(self, *choices: str) -> None:
        self.choices = frozenset(choices)

    def check(self, value: Any) -> str:
        if type(value) is not str or value not in self.choices:
            raise self.fail(value)
        return value

    def describe(self) -> str:
        return "one of " + ", ".join(sorted(self.choices))


def Const(value: str) -> OneOf:  # reads as a type in a shape
    return OneOf(value)


class Optional(Shape):
    def __init__(self, inner: Shape) -> None:
        self.inner = inner

    def check(self, value: Any) -> Any:
        return None if value is None else self.inner.check(value)

    def describe(self) -> str:
        return f"null or {self.inner.describe()}"


class Tuple(Shape):
    """A JSON array of exactly these items."""

    def __init__(self, *items: Shape) -> None:
        self.items = items
        types = tuple(s.scalar_type for s in items)
        self._flat: tuple[type, ...] | None = types if all(types) else None  # type: ignore[assignment]
        self._bounded = [(i, s.lo, s.hi) for i, s in enumerate(items) if isinstance(s, Int | Float)]
        self._strings = [(i, s.max_len) for i, s in enumerate(items) if isinstance(s, Str)]

    def check(self, value: Any) -> list[Any]:
        if type(value) is not list or len(value) != len(self.items):
            raise self.fail(value)
        if self._flat is not None:
            if tuple(map(type, value)) != self._flat:
                raise ShapeError(f"expected {self.describe()}")
            for i, lo, hi in self._bounded:
                if not lo <= value[i] <= hi:
                    raise ShapeError(f"item {i}: a number out of range")
            for i, most in self._strings:
                if len(value[i]) > most:
                    raise ShapeError(f"item {i}: a string too long")
            return value
        return [shape.check(item) for shape, item in zip(self.items, value, strict=True)]

    def describe(self) -> str:
        return f"an array of {len(self.items)} items"


class List(Shape):
    """A JSON array of at most ``max_len`` items of one shape."""

    def __init__(self, item: Shape, max_len: int) -> None:
        self.item, self.max_len = item, max_len

    def check(self, value: Any) -> list[Any]:
        if type(value) is not list or len(value) > self.max_len:
            raise self.fail(value)
        check = self.item.check
        return [check(v) for v in value]

    def describe(self) -> str:
        return f"an array of at most {self.max_len} items"


class Record(Shape):
    """A JSON object with exactly these keys."""

    def __init__(self, **fields: Shape) -> None:
        self.fields = fields

    def check(self, value: Any) -> dict[str, Any]:
        if type(value) is not dict or value.keys() != self.fields.keys():
            raise self.fail(value)
        return {k: shape.check(value[k]) for k, shape in self.fields.items()}

    def describe(self) -> str:
        return "an object with " + ", ".join(self.fields)


class Json(Shape):
    """Any JSON object (its depth already bounded by the channel): an opaque payload."""

    def check(self, value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise self.fail(value)
        return value


class Either(Shape):
    """The first of several shapes that fits (e.g. one per reply kind)."""

    def __init__(self, *choices: Shape) -> None:
        self.choices = choices

    def check(self, value: Any) -> Any:
        for shape in self.choices:
            try:
                return shape.check(value)
            except ShapeError:
                continue
        raise self.fail(value)


# Errors from a child: ["err", kind, detail, where]; kinds are a fixed set, mapped by the app
ERROR_KINDS = ("document", "failed", "refused")
ERROR = Tuple(Const("err"), OneOf(*ERROR_KINDS), Str(2000), Str(200))
