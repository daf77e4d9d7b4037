"""session.toml parsing: good files parse, every mistake names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import MEMBERS, People, write_session

from paperless.core.session import SessionFileError, load_session


def test_good_session_parses(tmp_path: Path, people: People) -> None:
    spec = load_session(write_session(tmp_path, people))
    assert spec.title == "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12"
    assert [m.name for m in spec.members] == list(MEMBERS)
    assert len(spec.items) == 3
    assert spec.items[0].restricted_to is None
    assert spec.items[2].restricted_to == (MEMBERS[0],)
    assert spec.starts_at.utcoffset() is not None
    assert spec.expires_at is None
    assert spec.policy.watermark is True and spec.policy.allow_copy is False
    # The session id is stable for the same title and start, so versions can be compared.
    assert load_session(tmp_path / "session.toml").session_id == spec.session_id


def _error(path: Path) -> SessionFileError:
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    return info.value


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_unknown_key_names_file_and_line(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    text = path.read_text("utf-8").replace('presenter = "Văn phòng Tỉnh ủy"', 'presentr = "X"', 1)
    path.write_text(text, "utf-8")
    err = _error(path)
    assert err.params["line"] == _line_of(path, "presentr")
    assert "presentr" in err.message("en") and str(path) in err.message("en")
    assert "dòng" in err.message("vi")


def test_missing_document(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace("docs/phuluc.pdf", "docs/khongco.pdf"), "utf-8")
    err = _error(path)
    assert "docs/khongco.pdf" in err.message("en")
    assert err.params["line"] == _line_of(path, "khongco")


def test_unknown_member_in_restricted_to(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace(f'restricted_to = ["{MEMBERS[0]}"]',
                                                    'restricted_to = ["Ai Đó"]'), "utf-8")
    err = _error(path)
    assert "Ai Đó" in err.message("en")
    assert err.params["line"] == _line_of(path, "restricted_to")


def test_duplicate_title(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace("Công tác cán bộ", "Dự thảo Kế hoạch chuyển đổi số"), "utf-8")
    err = _error(path)
    assert "duplicate item title" in err.message("en")
    lines = path.read_text("utf-8").splitlines()
    last = max(i for i, line in enumerate(lines, start=1) if "Dự thảo Kế hoạch" in line)
    assert err.params["line"] == last


def test_duplicate_member(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace(MEMBERS[1], MEMBERS[0], 1), "utf-8")
    assert "duplicate member" in _error(path).message("en")


def test_date_without_offset(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace("2024-01-15T08:00:00+07:00", "2024-01-15T08:00:00"), "utf-8")
    err = _error(path)
    assert err.params["line"] == _line_of(path, "starts_at")


def test_toml_syntax_error_has_line(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    lines = path.read_text("utf-8").splitlines()
    lines[5] = "this is = = broken"
    path.write_text("\n".join(lines), "utf-8")
    assert _error(path).params["line"] == 6


def test_bad_member_key_file(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people)
    bogus = tmp_path / "bogus.toml"
    bogus.write_text("[card]\nformat = 'nope'\n", "utf-8")
    text = path.read_text("utf-8")
    first_key = next(line for line in text.splitlines() if line.startswith("key = "))
    path.write_text(text.replace(first_key, 'key = "bogus.toml"'), "utf-8")
    err = _error(path)
    assert err.params["line"] == _line_of(path, "bogus.toml")
    assert "card" in err.message("en")


def test_policy_table(tmp_path: Path, people: People) -> None:
    path = write_session(tmp_path, people, extra="\n[policy]\nwatermark = false\nallow_print = true\n")
    spec = load_session(path)
    assert spec.policy.watermark is False and spec.policy.allow_print is True
    path.write_text(path.read_text("utf-8").replace("allow_print = true", "allow_print = 1"), "utf-8")
    assert _error(path).params["line"] == _line_of(path, "allow_print")
