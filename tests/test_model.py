"""The Qt-free model (core/model): any source changes it, from any thread; the later version wins."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bundle_helpers import People, unlock, write_session
from notes_content import DOC, markup

from paperless.core.bundle import ExpiredError, build_bundle, open_bundle
from paperless.core.identity import load_card
from paperless.core.library import Library, import_bundle
from paperless.core.model import Change, NotesChanged, NotesModel, SessionClosedError, SessionEvent, SessionModel
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.core.session import load_session

OTHER = "cd" * 32


@pytest.fixture
def store(tmp_path: Path, people: People) -> NotesStore:
    s = NotesStore.open(tmp_path / "notes", unlock(people.member("an")))
    yield s  # type: ignore[misc]
    s.close()


def test_the_later_version_wins_whatever_the_order(store: NotesStore) -> None:
    first = store.add_annotation("s", DOC, 0, AnnotationKind.HIGHLIGHT, "#ffe066", markup("một"))
    second = store.update_annotation(first.uuid, color="#00aa00")
    gone = store.delete_annotation(first.uuid)
    for order in ([first, second, gone], [gone, first, second], [second, gone, first]):
        model = NotesModel()
        for record in order:
            model.apply([record])
        assert model.annotations(DOC) == [] and model.version(first.uuid) == gone.hlc
    model = NotesModel()
    model.apply([second, first])  # the older copy arriving later changes nothing
    assert model.find(first.uuid) == second


def test_a_load_that_raced_a_change_does_not_undo_it(store: NotesStore) -> None:
    made = store.add_annotation("s", DOC, 0, AnnotationKind.HIGHLIGHT, "#ffe066", markup("một"))
    snapshot = store.annotations("s", DOC)  # the load's query ran …
    changed = store.update_annotation(made.uuid, color="#d21f1f")
    model = NotesModel()
    model.apply([changed])  # … the change was told first …
    model.load(DOC, snapshot)  # … and the load arrived afterwards
    assert model.find(made.uuid) == changed and model.is_loaded(DOC)


def test_moving_to_another_document_and_what_is_told(store: NotesStore) -> None:
    made = store.add_annotation("s", DOC, 0, AnnotationKind.HIGHLIGHT, "#ffe066", markup("một"))
    model = NotesModel()
    told: list[NotesChanged] = []
    model.observers.subscribe(told.append)
    model.load(DOC, [made])
    moved = store.update_annotation(made.uuid, doc_hash=OTHER)
    model.apply([moved])
    assert model.annotations(DOC) == [] and model.annotations(OTHER) == [moved]
    assert told[-1].documents == {DOC, OTHER} and told[-1].annotations == {made.uuid}
    note = store.set_item_note("s", 2, "Ý kiến")
    mark = store.add_bookmark("s", DOC, 4, "Trang 5")
    model.apply([note, mark])
    assert model.item_note(2) == "Ý kiến" and model.bookmarks(DOC) == [mark]
    assert told[-1].item_notes == {2} and told[-1].bookmarks
    model.apply([store.remove_bookmark(mark.uuid)])
    assert model.bookmarks() == []
    model.clear()
    assert told[-1].reset and model.annotations(OTHER) == [] and model.item_note(2) == ""


def test_sources_on_many_threads_end_on_the_latest_versions(store: NotesStore) -> None:
    records = [store.add_annotation("s", DOC, i % 5, AnnotationKind.HIGHLIGHT, "#ffe066", markup(f"câu {i}"))
               for i in range(40)]
    versions = [[r, store.update_annotation(r.uuid, color="#00aa00")] for r in records]
    latest = {v[-1].uuid: v[-1] for v in versions}
    model = NotesModel()
    told = []
    model.observers.subscribe(told.append)
    threads = [threading.Thread(target=lambda i=i: [model.apply([v[i % 2], v[(i + 1) % 2]]) for v in versions])
               for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {a.uuid: a for a in model.annotations(DOC)} == latest and told


def test_an_observer_that_fails_does_not_stop_the_others(store: NotesStore) -> None:
    errors: list[BaseException] = []
    model = NotesModel(on_error=errors.append)
    seen: list[NotesChanged] = []
    model.observers.subscribe(lambda _c: 1 / 0)
    model.observers.subscribe(seen.append)
    model.apply([store.add_annotation("s", DOC, 0, AnnotationKind.HIGHLIGHT, None, markup("một"))])
    assert len(seen) == 1 and isinstance(errors[0], ZeroDivisionError)


@pytest.fixture(scope="module")
def expiring(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("model-session")
    session = write_session(root, people, expires="2030-01-01T00:00:00+07:00")
    return build_bundle(load_session(session), unlock(people.clerk), root / "b.paperless",
                        now=datetime(2029, 12, 1, tzinfo=UTC)).path


def test_the_session_model_decides_expiry_when_asked_and_tells_it_once(expiring: Path, people: People,
                                                                       tmp_path: Path) -> None:
    now = [datetime(2029, 12, 31, 16, 0, tzinfo=UTC)]
    library = Library.open(tmp_path / "home", unlock(people.member("an")), clock=lambda: now[0])
    opened = import_bundle(library, expiring, [load_card(people.clerk)])
    model = SessionModel(clock=lambda: now[0])
    events: list[SessionEvent] = []
    model.observers.subscribe(events.append)
    model.open(opened, library.session(opened.manifest.session_id), library)
    entry = model.first_entry()
    assert entry is not None and model.refusal(entry) is None
    data = model.reader()(entry)
    loaded = model.loaded(entry, data)
    assert loaded.watermark is not None and "Nguyễn Văn An" in loaded.watermark and model.cache.entries() == [entry]
    model.set_current(entry)
    assert model.policy is not None and model.policy.can_read()
    now[0] += timedelta(hours=2)  # the app is still running
    assert isinstance(model.refusal(entry), ExpiredError)
    assert model.check_expiry() and model.cache.entries() == [] and model.current is None
    assert [e.change for e in events].count(Change.EXPIRED) == 1
    model.close()
    assert events[-2].change is Change.CLOSING and events[-1].change is Change.CLOSED
    with pytest.raises(SessionClosedError):
        model.reader()(entry)


def test_reading_places_and_marks_are_kept(expiring: Path, people: People, tmp_path: Path) -> None:
    now = [datetime(2029, 12, 20, tzinfo=UTC)]
    me = unlock(people.member("an"))
    library = Library.open(tmp_path / "home", me, clock=lambda: now[0])
    opened = open_bundle(expiring, me, [load_card(people.clerk)], clock=library.trusted_time)
    opened.close()
    opened = import_bundle(library, expiring, [load_card(people.clerk)])
    model = SessionModel(clock=lambda: now[0])
    model.open(opened, library.session(opened.manifest.session_id), library)
    entry = model.first_entry()
    assert entry is not None
    model.set_current(entry)
    assert model.page_changed(1, 5) and not model.read_set()
    model.page_changed(4, 5)  # the last page: read
    assert model.read_set() == {entry}
    model.close()  # saved on closing
    again = Library.open(tmp_path / "home", me)
    record = again.session(opened.manifest.session_id)
    assert record.documents[entry].last_page == 4 and record.documents[entry].read
