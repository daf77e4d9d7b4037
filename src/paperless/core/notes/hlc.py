"""A hybrid logical clock (Kulkarni et al., 2014) for ordering note changes across devices.

A timestamp is (physical milliseconds, logical counter, node id). Local events take the wall
clock if it moved forward, else keep the last physical time and bump the counter, so times
never go backwards even when the computer's clock does; :meth:`HybridClock.observe` folds in
a time received from another device (for the later sync). Encoded as fixed-width text,
``"000001717000000000-00000-0123456789abcdef"``, the string order is the clock order, so the
database can sort and compare them as plain text.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

WallClock = Callable[[], int]
"""Milliseconds since the Unix epoch (passed in so tests can move time around)."""

WALL_DIGITS = 18
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1
NODE_HEX = 16
_ENCODED = re.compile(rf"(\d{{{WALL_DIGITS}}})-(\d{{{COUNTER_DIGITS}}})-([0-9a-f]{{{NODE_HEX}}})")


def system_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def new_node_id() -> str:
    """A random id for one device's clock (64 bits, hex)."""
    return secrets.token_hex(NODE_HEX // 2)


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    node: str

    def __post_init__(self) -> None:
        if not 0 <= self.wall_ms < 10**WALL_DIGITS or not 0 <= self.counter <= MAX_COUNTER:
            raise ValueError(f"HLC out of range: {self.wall_ms}, {self.counter}")
        if not re.fullmatch(rf"[0-9a-f]{{{NODE_HEX}}}", self.node):
            raise ValueError(f"bad HLC node id: {self.node!r}")

    def encode(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        m = _ENCODED.fullmatch(text)
        if m is None:
            raise ValueError(f"not an HLC timestamp: {text!r}")
        return cls(int(m[1]), int(m[2]), m[3])

    def __str__(self) -> str:
        return self.encode()


class HybridClock:
    """The clock of one device (``node``); thread-safe."""

    def __init__(self, node: str, wall: WallClock = system_clock_ms, *, last: Hlc | None = None) -> None:
        self.node = node
        self._wall = wall
        self._last = last if last is not None else Hlc(0, 0, node)
        self._lock = threading.Lock()

    @property
    def last(self) -> Hlc:
        return self._last

    def now(self) -> Hlc:
        """A new timestamp for a local change, greater than every one before."""
        with self._lock:
            physical = self._wall()
            last = self._last
            if physical > last.wall_ms:
                wall, counter = physical, 0
            else:
                wall, counter = last.wall_ms, last.counter + 1
            self._last = self._make(wall, counter)
            return self._last

    def observe(self, remote: Hlc) -> Hlc:
        """Fold in a timestamp seen from elsewhere; return the new local time (greater than both)."""
        with self._lock:
            physical = self._wall()
            last = self._last
            wall = max(physical, last.wall_ms, remote.wall_ms)
            if wall == last.wall_ms and wall == remote.wall_ms:
                counter = max(last.counter, remote.counter) + 1
            elif wall == last.wall_ms:
                counter = last.counter + 1
            elif wall == remote.wall_ms:
                counter = remote.counter + 1
            else:
                counter = 0
            self._last = self._make(wall, counter)
            return self._last

    def _make(self, wall: int, counter: int) -> Hlc:
        if counter > MAX_COUNTER:  # 100,000 changes in one millisecond: borrow the next millisecond
            wall, counter = wall + 1, 0
        return Hlc(wall, counter, self.node)
