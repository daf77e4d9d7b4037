"""Issue 11: a recalled session stays recalled on this computer — a copy of it kept elsewhere (a
USB stick, the member's Downloads folder) does not open again, after a restart too; a version
the office publishes after the recall opens as usual."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bundle_helpers import People, unlock

from paperless.core.bundle import build_bundle
from paperless.core.identity import load_card
from paperless.core.library import Library, import_bundle
from paperless.core.library.errors import RecalledSessionError
from paperless.core.library.state import LibraryState
from paperless.core.session import load_session
from paperless.core.sync.recall import RecallOrder, apply_recall


def _versions(bundle: Path, people: People, tmp_path: Path) -> tuple[Path, Path]:
    spec = load_session(bundle.parent.parent / "session.toml")
    clerk = unlock(people.clerk)
    return (build_bundle(spec, clerk, tmp_path / "v1.paperless", version=1).path,
            build_bundle(spec, clerk, tmp_path / "v2.paperless", version=2).path)


def test_a_copy_kept_elsewhere_does_not_reopen_a_recalled_session(tmp_path: Path, bundle: Path,
                                                                  people: People) -> None:
    v1, v2 = _versions(bundle, people, tmp_path)
    usb = tmp_path / "usb" / "phien-hop.paperless"
    usb.parent.mkdir()
    shutil.copy(v1, usb)
    home, trusted = tmp_path / "home", [load_card(people.clerk)]
    lib = Library.open(home, unlock(people.member("an")))
    opened = import_bundle(lib, v1, trusted)
    sid = opened.manifest.session_id
    opened.close()

    event = apply_recall(RecallOrder("8d3c6c1e-3f38-4a4c-9d3e-0c7a1f3b9a11", sid, None, "keep"), lib, None, trusted)
    assert event.session_id == sid and not lib.has_session(sid)

    for library in (lib, Library.open(home, unlock(people.member("an")))):  # and after a restart
        with pytest.raises(RecalledSessionError) as refused:
            import_bundle(library, usb, trusted)
        assert "thu hồi" in refused.value.message("vi") and "\n" not in refused.value.message("vi")
        assert "recalled" in refused.value.message("en")
        assert not library.has_session(sid)
    # the office publishes version 2 after the meeting (without the recalled item, say): it opens
    import_bundle(lib, v2, trusted).close()
    assert lib.session(sid).version == 2


def test_a_recall_of_a_session_never_opened_here_refuses_nothing(tmp_path: Path, bundle: Path,
                                                                 people: People) -> None:
    home, trusted = tmp_path / "home", [load_card(people.clerk)]
    lib = Library.open(home, unlock(people.member("an")))
    apply_recall(RecallOrder("8d3c6c1e-3f38-4a4c-9d3e-0c7a1f3b9a12", "phien-khac", None, "keep"), lib, None, trusted)
    assert json.loads(lib.state.to_json())["recalled"] == {}
    import_bundle(lib, bundle, trusted).close()  # another session is not touched


def test_the_recalled_list_survives_a_round_trip_and_bad_values_are_refused() -> None:
    state = LibraryState(recalled={"phien-a": 3})
    again = LibraryState.from_json(state.to_json())
    assert again.recalled == {"phien-a": 3}
    obj = json.loads(state.to_json())
    for bad in ({"phien-a": "3"}, {"phien-a": 0}, {"phien-a": True}, []):
        with pytest.raises(Exception, match="damaged entry"):
            LibraryState.from_json(json.dumps({**obj, "recalled": bad}).encode())
    older = {k: v for k, v in obj.items() if k != "recalled"} | {"schema": 2}
    assert LibraryState.from_json(json.dumps(older).encode()).recalled == {}  # migrated from schema 2
