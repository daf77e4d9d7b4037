"""Secrecy levels of agenda items: session.toml, the signed manifest, the agenda and the policy.

Real bundles built by the real writer, opened by the real reader.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from bundle_helpers import MEMBERS, People, unlock, write_session

from paperless.core.bundle import build_bundle, open_bundle
from paperless.core.bundle.manifest import Agenda, Entry, Manifest, ManifestFormatError
from paperless.core.classification import Level, idle_lock_minutes, parse_level, recall_required
from paperless.core.identity import load_card
from paperless.core.model import watermark_text
from paperless.core.policy import Policy, Refusal
from paperless.core.session import SessionFileError, load_session

CLASSIFIED = {"Dự thảo Kế hoạch chuyển đổi số": "mat", "Công tác cán bộ": "tuyet_mat"}


def classified_session(root: Path, people: People, policy: str = "") -> Path:
    """The three-item session, its second item Mật and its third Tuyệt mật (the first unclassified)."""
    path = write_session(root, people, extra=policy)
    text = path.read_text("utf-8")
    for title, level in CLASSIFIED.items():
        text = text.replace(f'title = "{title}"\n', f'title = "{title}"\nlevel = "{level}"\n', 1)
    path.write_text(text, "utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _error(path: Path) -> SessionFileError:
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    return info.value


# --- session.toml -------------------------------------------------------------------------------


def test_levels_parse_and_absent_is_unclassified(tmp_path: Path, people: People) -> None:
    spec = load_session(classified_session(tmp_path, people))
    assert [it.level for it in spec.items] == [None, Level.MAT, Level.TUYET_MAT]
    assert spec.policy.idle_lock_minutes is None


@pytest.mark.parametrize("bad", ['"secret"', '"Mật"', '"MAT"', "3", "true", '""'])
def test_unknown_level_refused_with_file_and_line(tmp_path: Path, people: People, bad: str) -> None:
    path = classified_session(tmp_path, people)
    path.write_text(path.read_text("utf-8").replace('level = "mat"', f"level = {bad}"), "utf-8")
    err = _error(path)
    assert err.params["line"] == _line_of(path, f"level = {bad}")
    assert str(path) in err.message("en") and "'level' must be" in err.message("en")
    assert "dòng" in err.message("vi") and "'level' phải là" in err.message("vi")
    assert "\n" not in err.message("vi")


def test_idle_lock_minutes_bounded(tmp_path: Path, people: People) -> None:
    path = classified_session(tmp_path, people, "\n[policy]\nidle_lock_minutes = 30\n")
    assert load_session(path).policy.idle_lock_minutes == 30
    for bad in ("0", "61", "true", "2.5", '"10"'):
        path.write_text(path.read_text("utf-8").split("idle_lock_minutes =")[0] + f"idle_lock_minutes = {bad}\n",
                        "utf-8")
        err = _error(path)
        assert err.params["line"] == _line_of(path, "idle_lock_minutes")
        assert "1" in err.message("en") and "60" in err.message("en") and "phút" in err.message("vi")


# --- the levels' rules (Qt-free) ----------------------------------------------------------------


def test_level_rules() -> None:
    assert parse_level(None) is None and parse_level("toi_mat") is Level.TOI_MAT
    with pytest.raises(ValueError):
        parse_level("confidential")
    assert [recall_required(lv) for lv in (None, *Level)] == [False, False, True, True]
    assert [lv.vi for lv in Level] == ["MẬT", "TỐI MẬT", "TUYỆT MẬT"]
    # 15 minutes by default; a classified document shortens it, the clerk may shorten it further
    assert idle_lock_minutes(None, None) == 15
    assert [idle_lock_minutes(None, lv) for lv in Level] == [5, 2, 2]
    assert idle_lock_minutes(30, None) == 30 and idle_lock_minutes(30, Level.MAT) == 5
    assert idle_lock_minutes(1, Level.MAT) == 1


def test_watermark_line_starts_with_the_mark() -> None:
    day = date(2024, 1, 15)
    assert watermark_text("An", "Phiên 12", day) == "An · Phiên 12 · 15/01/2024"
    assert watermark_text("An", "Phiên 12", day, Level.TOI_MAT) == "TỐI MẬT · An · Phiên 12 · 15/01/2024"


# --- a real bundle --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def classified_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("classified")
    # the session lets everyone copy and print: a classified document is refused anyway
    spec = load_session(classified_session(root, people, "\n[policy]\nallow_copy = true\nallow_print = true\n"
                                                         "idle_lock_minutes = 20\n"))
    out = root / "out" / "mat.paperless"
    build_bundle(spec, unlock(people.clerk), out)
    return out


def test_levels_in_manifest_and_agenda(classified_bundle: Path, people: People) -> None:
    with open_bundle(classified_bundle, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        agenda, manifest = opened.agenda, opened.manifest
        assert [it.level for it in agenda.items] == [None, Level.MAT, Level.TUYET_MAT]
        assert [it.recall_required for it in agenda.items] == [False, False, True]
        assert agenda.idle_lock_minutes == 20
        levels = {e.name: e.level for e in manifest.entries}
        for item in agenda.items:
            for doc in item.documents:
                assert levels[doc.entry] is item.level
                assert agenda.level_of(doc.entry) is item.level
        assert levels["agenda.age"] is None
        assert manifest.recall_required
    # the cleartext manifest carries the level per document entry, and nothing else about it
    raw = json.loads(Manifest.to_json(manifest).decode())
    assert [e.get("level") for e in raw["entries"]] == [None, None, "mat", "mat", "tuyet_mat"]
    assert "level" not in raw["entries"][0] and "level" not in raw["entries"][1]


def test_policy_per_document(classified_bundle: Path, people: People) -> None:
    with open_bundle(classified_bundle, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        items = opened.agenda.items
        plain, mat, tuyet = items[0].documents[0].entry, items[1].documents[0].entry, items[2].documents[0].entry
        session = Policy.of(opened)
        assert session.can_copy() and session.can_print() and session.can_export()
        unclassified = Policy.of(opened, plain)
        assert unclassified.can_copy() and unclassified.can_print() and unclassified.can_export()
        assert unclassified.idle_lock_minutes() == 20
        for entry, minutes in ((mat, 5), (tuyet, 2)):
            policy = Policy.of(opened, entry)
            assert policy.why_not_copy() is Refusal.CLASSIFIED
            assert policy.why_not_print() is Refusal.CLASSIFIED
            assert policy.why_not_export() is Refusal.CLASSIFIED
            assert policy.can_read() and policy.shows_watermark
            assert policy.idle_lock_minutes() == minutes


def test_classified_document_watermarked_even_when_session_says_no(tmp_path: Path, people: People) -> None:
    spec = load_session(classified_session(tmp_path, people, "\n[policy]\nwatermark = false\n"))
    out = tmp_path / "nowm.paperless"
    build_bundle(spec, unlock(people.clerk), out)
    with open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        items = opened.agenda.items
        assert not Policy.of(opened, items[0].documents[0].entry).shows_watermark
        assert Policy.of(opened, items[1].documents[0].entry).shows_watermark


def test_unclassified_bundle_writes_no_level(bundle: Path, people: People) -> None:
    """A bundle without levels is as before: no level key anywhere; it reads as unclassified."""
    with open_bundle(bundle, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        assert all(e.level is None for e in opened.manifest.entries)
        assert all(it.level is None for it in opened.agenda.items)
        assert not opened.manifest.recall_required and opened.agenda.idle_lock_minutes is None
        assert b'"level"' not in opened.manifest.to_json()
        assert b'"level"' not in opened.agenda.to_json() and b"idle_lock" not in opened.agenda.to_json()
        assert MEMBERS[0] == opened.member


# --- the manifest and agenda parsers stay strict ----------------------------------------------------


def _manifest_obj(classified_bundle: Path, people: People) -> tuple[dict[str, object], Agenda]:
    with open_bundle(classified_bundle, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        return json.loads(opened.manifest.to_json()), opened.agenda


def test_manifest_round_trip_and_strict_level(classified_bundle: Path, people: People) -> None:
    obj, agenda = _manifest_obj(classified_bundle, people)
    again = Manifest.from_json(json.dumps(obj).encode())
    assert Manifest.from_json(again.to_json()) == again
    assert [e.level for e in again.entries][2:] == [Level.MAT, Level.MAT, Level.TUYET_MAT]
    entries = obj["entries"]
    assert isinstance(entries, list)
    for bad in ("secret", "MAT", 1, True, ["mat"]):
        entries[2]["level"] = bad
        with pytest.raises(ManifestFormatError):
            Manifest.from_json(json.dumps(obj).encode())
    entries[2]["level"] = "mat"
    entries[0]["level"] = "mat"  # the agenda entry has no level
    with pytest.raises(ManifestFormatError):
        Manifest.from_json(json.dumps(obj).encode())
    del entries[0]["level"]
    entries[2]["level"] = None  # null: unclassified, as when absent
    assert Manifest.from_json(json.dumps(obj).encode()).entries[2].level is None
    # the agenda: round trip, then a bad level and an out-of-bounds idle lock are refused
    assert Agenda.from_json(agenda.to_json()) == agenda
    data = json.loads(agenda.to_json())
    data["items"][1]["level"] = "top_secret"
    with pytest.raises(ManifestFormatError):
        Agenda.from_json(json.dumps(data).encode())
    data["items"][1]["level"] = "mat"
    data["policy"]["idle_lock_minutes"] = 0
    with pytest.raises(ManifestFormatError):
        Agenda.from_json(json.dumps(data).encode())


def test_entry_level_written_only_when_set() -> None:
    assert "level" not in Entry("documents/0001.age", "document", 1, "0" * 64).to_obj()
    assert Entry("documents/0001.age", "document", 1, "0" * 64, Level.TOI_MAT).to_obj()["level"] == "toi_mat"
    assert Entry("documents/0001.age", "document", 1, "0" * 64, Level.TOI_MAT).recall_required


def test_agenda_and_manifest_levels_must_agree(tmp_path: Path, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle whose signed manifest hides a level the agenda gives (a faulty writer) is refused."""
    import paperless.core.bundle.writer as writer
    from paperless.core.bundle import TamperedError

    real = writer.Entry
    monkeypatch.setattr(writer, "Entry", lambda *a: real(*a[:4]))  # the level left out of the manifest
    spec = load_session(classified_session(tmp_path, people))
    out = tmp_path / "faulty.paperless"
    build_bundle(spec, unlock(people.clerk), out)
    with pytest.raises(TamperedError) as info:
        open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)])
    assert "secrecy levels" in info.value.message("en") and "độ mật" in info.value.message("vi")


def test_inspect_shows_the_level_of_each_entry(classified_bundle: Path) -> None:
    """`paperless bundle inspect` (no key) prints each classified entry's mark, as the manifest shows it."""
    from bundle_helpers import run_cli

    src = Path(__file__).resolve().parent.parent / "src"  # this tree's code, not an installed copy
    out = run_cli("bundle", "inspect", classified_bundle, env={"PYTHONPATH": str(src)})
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "documents/" in line or "agenda.age" in line]
    assert [line.split("…")[-1].strip() for line in lines] == ["", "", "MẬT", "MẬT", "TUYỆT MẬT"]
