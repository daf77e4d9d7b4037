"""docs/security.md names a test for each claim: every test it names must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def named_tests(text: str) -> list[tuple[str, str | None]]:
    """(file, test) pairs from `file.py::test`, `::test` (same file as before) and `file.py` mentions."""
    found: list[tuple[str, str | None]] = []
    current: str | None = None
    for code in re.findall(r"`([^`]+)`", text):
        for part in re.split(r",\s*", code):
            whole = re.match(r"(test_[a-z0-9_]+\.py)(?:::(test_\w+))?", part)
            short = re.match(r"::(test_\w+)", part)
            if whole:
                current = whole.group(1)
                found.append((current, whole.group(2)))
            elif short and current is not None:
                found.append((current, short.group(1)))
    return found


def test_every_test_named_in_the_threat_model_exists() -> None:
    named = named_tests((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))
    assert len(named) > 80  # the page really names its tests
    missing = [(f, t) for f, t in named
               if not (ROOT / "tests" / f).is_file()
               or (t is not None and f"def {t}(" not in (ROOT / "tests" / f).read_text(encoding="utf-8"))]
    assert missing == []


def test_the_check_itself_sees_a_missing_test() -> None:
    assert named_tests("`test_x.py::test_a`, `::test_b`") == [("test_x.py", "test_a"), ("test_x.py", "test_b")]
