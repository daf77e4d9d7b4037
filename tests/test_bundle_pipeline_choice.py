"""When the build's pipeline takes a second thread: only with a core free for it."""

from __future__ import annotations

import os

import pytest

from paperless.core.bundle import writer


@pytest.mark.parametrize(("cores", "load", "threaded"), [
    (1, 0.0, False),  # one core: never
    (2, 0.2, True),  # an idle desktop
    (2, 1.0, True),  # one core busy, one free
    (2, 1.5, False),  # no whole core free
    (2, 9.0, False),  # a shared machine under load
    (8, 6.5, True),
])
def test_second_thread_only_on_a_free_core(monkeypatch: pytest.MonkeyPatch, cores: int, load: float,
                                            threaded: bool) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert writer.use_writer_thread() is threaded


def test_without_a_load_average_two_cores_are_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", unknown)
    assert writer.use_writer_thread() is True
