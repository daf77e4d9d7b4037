"""The hybrid logical clock: monotonic whatever the wall clock does, and ordered as text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperless.core.notes.hlc import MAX_COUNTER, Hlc, HybridClock

A = "00000000000000aa"
B = "00000000000000bb"


class Wall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_follows_the_wall_clock_when_it_moves_forward() -> None:
    wall = Wall(1_000)
    clock = HybridClock(A, wall)
    assert clock.now() == Hlc(1_000, 0, A)
    assert clock.now() == Hlc(1_000, 1, A)  # same millisecond: the counter breaks the tie
    wall.ms = 1_005
    assert clock.now() == Hlc(1_005, 0, A)


def test_monotonic_when_the_wall_clock_goes_backwards() -> None:
    wall = Wall(50_000)
    clock = HybridClock(A, wall)
    first = clock.now()
    wall.ms = 10_000  # an hour... or a minute: the clock was put back
    later = [clock.now() for _ in range(3)]
    assert [t.wall_ms for t in later] == [50_000] * 3 and [t.counter for t in later] == [1, 2, 3]
    assert first < later[0] < later[1] < later[2]
    wall.ms = 50_001  # the wall clock catches up: back to physical time, counter reset
    assert clock.now() == Hlc(50_001, 0, A)


def test_starts_after_the_last_time_it_is_given() -> None:
    clock = HybridClock(A, Wall(5), last=Hlc(9_000, 7, A))
    assert clock.now() == Hlc(9_000, 8, A)


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = HybridClock(A, Wall(7), last=Hlc(7, MAX_COUNTER, A))
    assert clock.now() == Hlc(8, 0, A)


def test_observing_a_remote_time_moves_past_it() -> None:
    wall = Wall(1_000)
    clock = HybridClock(A, wall)
    clock.now()
    remote = Hlc(5_000, 4, B)  # another device whose clock is ahead
    seen = clock.observe(remote)
    assert seen == Hlc(5_000, 5, A) and seen > remote
    assert clock.now() == Hlc(5_000, 6, A)
    assert clock.observe(Hlc(10, 0, B)) == Hlc(5_000, 7, A)  # an old remote time changes nothing but the count
    wall.ms = 6_000
    assert clock.observe(Hlc(5_500, 2, B)) == Hlc(6_000, 0, A)


def test_text_order_is_clock_order() -> None:
    times = [Hlc(9, 0, A), Hlc(10, 0, A), Hlc(10, 1, A), Hlc(10, 1, B), Hlc(100, 0, A), Hlc(10**15, 99, A)]
    encoded = [t.encode() for t in times]
    assert sorted(encoded) == encoded
    assert [Hlc.parse(e) for e in encoded] == times
    assert encoded[1] == "000000000000000010-00000-00000000000000aa"


@pytest.mark.parametrize("text", ["", "10-0-aa", "000000000000000010-00000-00000000000000AA",
                                  "000000000000000010-00000-00000000000000aa ", "x" * 41])
def test_parse_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        Hlc.parse(text)


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=200))
def test_strictly_increasing_for_any_wall_clock(readings: list[int]) -> None:
    wall = Wall(0)
    clock = HybridClock(A, wall)
    out = []
    for ms in readings:
        wall.ms = ms
        out.append(clock.now())
    assert all(a < b for a, b in zip(out, out[1:], strict=False))
    assert all(a.encode() < b.encode() for a, b in zip(out, out[1:], strict=False))
    assert all(t.wall_ms >= ms for t, ms in zip(out, readings, strict=True))  # never behind the wall clock
