"""Reading the demo's data files (``resources/demo/*.toml``) with typed, checked accessors.

A missing key or a value of the wrong type is a :class:`DemoDataError` that names the file
and the key, e.g. ``report.toml: blocks[3].level: expected an integer``.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from typing import Any

from paperless.resources import resource_path


class DemoDataError(ValueError):
    """A demo data file is missing, is not TOML, or does not say what the demo needs."""


class Section:
    """One TOML table of a demo data file, read key by key."""

    def __init__(self, values: dict[str, Any], where: str) -> None:
        self._values = values
        self._where = where

    @classmethod
    def load(cls, name: str) -> Section:
        """The top level of ``resources/demo/<name>``."""
        path = resource_path("demo", name)
        try:
            with path.open("rb") as f:
                return cls(tomllib.load(f), name)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise DemoDataError(f"{name}: {e}") from e

    def _error(self, key: str, wanted: str) -> DemoDataError:
        return DemoDataError(f"{self._where}: {key}: expected {wanted}")

    def has(self, key: str) -> bool:
        return key in self._values

    def text(self, key: str) -> str:
        value = self._values.get(key)
        if not isinstance(value, str):
            raise self._error(key, "a string")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self._values else None

    def integer(self, key: str) -> int:
        value = self._values.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._error(key, "an integer")
        return value

    def flag(self, key: str) -> bool:
        """A boolean that is false when absent."""
        value = self._values.get(key, False)
        if not isinstance(value, bool):
            raise self._error(key, "true or false")
        return value

    def day(self, key: str) -> date:
        value = self._values.get(key)
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self._error(key, "a date (YYYY-MM-DD)")
        return value

    def moment(self, key: str) -> datetime:
        value = self._values.get(key)
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise self._error(key, "a date and time with its offset (YYYY-MM-DDTHH:MM:SS+07:00)")
        return value

    def texts(self, key: str, *, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        if key not in self._values and default is not None:
            return default
        value = self._values.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._error(key, "a list of strings")
        return tuple(value)

    def numbers(self, key: str) -> tuple[float, ...]:
        value = self._values.get(key)
        if not isinstance(value, list) or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                                  for v in value):
            raise self._error(key, "a list of numbers")
        return tuple(value)

    def rows(self, key: str) -> tuple[tuple[Any, ...], ...]:
        """A list of lists (table rows, metric records); their cells are checked by the caller."""
        value = self._values.get(key)
        if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
            raise self._error(key, "a list of lists")
        return tuple(tuple(row) for row in value)

    def section(self, key: str) -> Section:
        value = self._values.get(key)
        if not isinstance(value, dict):
            raise self._error(key, f"a table [{key}]")
        return Section(value, f"{self._where}: {key}")

    def sections(self, key: str) -> list[Section]:
        value = self._values.get(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self._error(key, f"an array of tables [[{key}]]")
        return [Section(v, f"{self._where}: {key}[{i}]") for i, v in enumerate(value)]

    def fail(self, message: str) -> DemoDataError:
        """An error about this table as a whole."""
        return DemoDataError(f"{self._where}: {message}")
