"""The Follow page's Qt-free logic (core/clerk/follow.py): receipts as a members × items grid, the
comments grouped by document and article, the office's answers kept in the session folder — and
the consolidation table carrying those answers (read back with python-docx and openpyxl)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx
import openpyxl
import pytest
from bundle_helpers import MEMBERS, People, unlock
from clerk_follow_helpers import STARTS, StoreOffice, comment, follow_session

from paperless.core.clerk.follow import (
    ANSWERS_FILE,
    AnswersFileError,
    AnswersStore,
    Level,
    group_comments,
    receipts_grid,
)
from paperless.core.clerk.office import ReceiptEntry
from paperless.core.session import SessionSpec
from paperless.core.sync.protocol import member_id
from paperless.office.collect import collect, consolidation
from paperless.office.consolidation import write_table

AN, BINH, CUONG = MEMBERS


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory, people: People) -> SessionSpec:
    return follow_session(tmp_path_factory.mktemp("follow") / "session", people)


def _fp(spec: SessionSpec, name: str) -> str:
    return next(m.card.fingerprint for m in spec.members if m.name == name)


def _r(spec: SessionSpec, name: str, entry: str, event: str, at: str = "2099-01-12T02:00:00Z", *,
       by_id: bool = True) -> ReceiptEntry:
    fp = _fp(spec, name)
    return ReceiptEntry(member_id(fp) if by_id else fp, name, "dev", 1, entry, event, at)


def test_the_grid_takes_the_least_advanced_document_of_each_item_and_marks_who_has_nothing_near_the_meeting(
        spec: SessionSpec) -> None:
    receipts = [
        *(_r(spec, AN, f"documents/000{n}.age", "received") for n in (1, 2, 3, 4)),
        _r(spec, AN, "documents/0001.age", "opened", "2099-01-12T03:00:00Z"),
        _r(spec, AN, "documents/0001.age", "read_to_end", "2099-01-12T03:30:00Z"),
        _r(spec, AN, "entry:documents/0002.age", "read_to_end", by_id=False),  # the wire's form, by fingerprint
        *(_r(spec, BINH, f"documents/000{n}.age", "received") for n in (1, 2, 3)),
        _r(spec, BINH, "documents/0002.age", "opened"),
        ReceiptEntry("9" * 40, "Người lạ", "dev", 1, "documents/0001.age", "received", "2099-01-12T02:00:00Z"),
        ReceiptEntry(member_id(_fp(spec, BINH)), BINH, "dev", 1, "documents/0001.age", "liked", "x"),  # unknown event
    ]
    grid = receipts_grid(spec, receipts, STARTS - timedelta(days=1, hours=3))
    assert grid.items == tuple(i.title for i in spec.items) and grid.soon
    an, binh, cuong = grid.rows
    assert [r.name for r in grid.rows] == [AN, BINH, CUONG]
    assert [c.level for c in an.cells] == [Level.READ, Level.RECEIVED, Level.RECEIVED]
    plan = an.cells[1]  # two documents: the draft read to the end, the appendix only received
    assert (plan.level, plan.best, plan.done, plan.partial) == (Level.RECEIVED, Level.READ, 1, True)
    times = {d.title: [(lv, at) for lv, at, _raw in d.times] for d in an.cells[0].documents}
    assert times["baocao"] == [(Level.RECEIVED, datetime(2099, 1, 12, 2, tzinfo=UTC)),
                               (Level.OPENED, datetime(2099, 1, 12, 3, tzinfo=UTC)),
                               (Level.READ, datetime(2099, 1, 12, 3, 30, tzinfo=UTC))]
    assert [c.readable for c in binh.cells] == [True, True, False]  # item 3 is An's only
    assert [c.level for c in binh.cells][:2] == [Level.RECEIVED, Level.RECEIVED] and binh.cells[1].best is Level.OPENED
    assert (an.missing, binh.missing, cuong.missing) == (0, 0, 2)
    assert [r.name for r in grid.attention] == [CUONG] and grid.unknown == ("Người lạ",)
    # a week before the meeting nobody stands out yet; once it has started, still missing
    assert receipts_grid(spec, receipts, STARTS - timedelta(days=7)).attention == ()
    assert not receipts_grid(spec, receipts, STARTS - timedelta(days=7)).soon
    later = receipts_grid(spec, receipts, STARTS + timedelta(hours=1))
    assert later.meeting_in < timedelta(0) and [r.name for r in later.attention] == [CUONG]
    # exactly two days before: stands out
    assert [r.name for r in receipts_grid(spec, receipts, STARTS - timedelta(days=2)).attention] == [CUONG]


def test_a_receipt_for_the_session_or_an_item_fills_the_cells_it_covers(spec: SessionSpec) -> None:
    grid = receipts_grid(spec, [_r(spec, CUONG, "", "received"), _r(spec, BINH, "item:0", "received")],
                         STARTS - timedelta(days=1))
    cuong = grid.rows[2]
    assert [c.level for c in cuong.cells if c.readable] == [Level.RECEIVED, Level.RECEIVED] and cuong.missing == 0
    assert grid.rows[1].cells[0].level is Level.RECEIVED and grid.rows[1].missing == 1


def test_a_receipt_is_a_members_only_by_their_key_never_by_the_name_it_carries(spec: SessionSpec) -> None:
    """Another enrolled card whose holder named it like a member of the session does not read for them."""
    stranger = ReceiptEntry("8" * 40, CUONG, "dev", 1, "entry:documents/0001.age", "read_to_end", "2099-01-12T02:00:00Z")
    grid = receipts_grid(spec, [stranger], STARTS - timedelta(days=1))
    cuong = grid.rows[2]
    assert cuong.name == CUONG and all(c.level is Level.NONE for c in cuong.cells) and cuong.missing == 2
    assert grid.unknown == (CUONG,) and [r.name for r in grid.attention] == [AN, BINH, CUONG]


@pytest.fixture
def office(tmp_path: Path, people: People) -> StoreOffice:
    made = StoreOffice.make(tmp_path / "server", people)
    yield made  # type: ignore[misc]
    made.close()


def test_comments_are_grouped_by_document_then_article_in_document_order_and_the_answers_reach_the_table(
        tmp_path: Path, spec: SessionSpec, people: People, office: StoreOffice) -> None:
    an, binh = office.device(people, "an"), office.device(people, "binh")
    c2 = comment(spec, an, "Đề nghị làm rõ mục tiêu năm 2030.", article="Điều 2", place="Điều 2, khoản 2",
                 quote="Đến năm 2030", order=(0, 250))
    c1 = comment(spec, binh, "Phạm vi còn hẹp.", article="Ðiều 1", place="Điều 1", order=(0, 120))  # look-alike Ð
    general = comment(spec, binh, "Nhất trí về cơ bản.", order=(0, 0))
    on_item = comment(spec, an, "Cần thêm dự toán kinh phí.", entry=None)
    appendix = comment(spec, an, "Phụ lục thiếu bảng số liệu.", entry="documents/0003.age", article="Phụ lục I",
                       order=(0, 10))
    for record, dev in ((c2, an), (c1, binh), (general, binh), (on_item, an), (appendix, an)):
        office.send(dev, record, people)
    collected = collect(office.envelopes(spec.session_id), spec, unlock(people.clerk))
    assert collected.refused == []
    groups = group_comments(spec, collected.comments)
    assert [g.title for g in groups] == [plan_title(spec), plan_title(spec), f"{plan_title(spec)} — phuluc"]
    assert [g.entry for g in groups] == [None, "documents/0002.age", "documents/0003.age"]
    draft = groups[1]
    assert [a.heading for a in draft.articles] == ["", "Điều 1", "Điều 2"]
    assert [[c.text for c in a.comments] for a in draft.articles] == [
        ["Nhất trí về cơ bản."], ["Phạm vi còn hẹp."], ["Đề nghị làm rõ mục tiêu năm 2030."]]
    line = draft.articles[2].comments[0]
    assert (line.member, line.place, line.quote, line.late, line.amended) == (AN, "Điều 2, khoản 2", "Đến năm 2030",
                                                                             False, False)

    answers = AnswersStore.open(tmp_path)
    answers.set(c2.comment_id, "Tiếp thu, bổ sung chỉ tiêu năm 2030.")
    answers.set(c1.comment_id, "Giải trình: phạm vi theo Nghị quyết số 12-NQ/TU.\nGiữ như dự thảo.")
    table = consolidation(collected, office="VĂN PHÒNG TỈNH ỦY", place_date="", answers=answers.snapshot())
    write_table(table, tmp_path / "t.docx")
    write_table(table, tmp_path / "t.xlsx")
    rows = [[cell.text for cell in row.cells] for t in docx.Document(str(tmp_path / "t.docx")).tables[1:]
            for row in t.rows]
    by_comment = {r[2]: r[4] for r in rows if r[0].isdigit()}
    assert by_comment["Đề nghị làm rõ mục tiêu năm 2030."] == "Tiếp thu, bổ sung chỉ tiêu năm 2030."
    assert by_comment["Phạm vi còn hẹp."] == "Giải trình: phạm vi theo Nghị quyết số 12-NQ/TU.\nGiữ như dự thảo."
    assert by_comment["Nhất trí về cơ bản."] == ""
    sheet_cells = [c.value for ws in openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets
                   for row in ws.iter_rows() for c in row]
    assert "Tiếp thu, bổ sung chỉ tiêu năm 2030." in sheet_cells


def plan_title(spec: SessionSpec) -> str:
    return spec.items[1].title


def test_answers_are_kept_atomically_keyed_by_comment_and_a_damaged_file_is_refused_not_reset(tmp_path: Path) -> None:
    store = AnswersStore.open(tmp_path)
    assert store.snapshot() == {} and not store.unsaved
    assert store.set("c-1", "Tiếp thu.") and not store.set("c-1", "Tiếp thu.")
    assert store.set("c-2", "Giải trình: “giữ nguyên”.") and store.unsaved
    store.save()
    assert not store.unsaved
    data = json.loads((tmp_path / ANSWERS_FILE).read_text("utf-8"))
    assert data["answers"] == {"c-1": "Tiếp thu.", "c-2": "Giải trình: “giữ nguyên”."}
    assert [p.name for p in (tmp_path / ANSWERS_FILE).parent.iterdir()] == ["answers.json"]  # no temporary left
    store.set("c-1", "   ")  # emptied: dropped
    store.save()
    assert AnswersStore.open(tmp_path).snapshot() == {"c-2": "Giải trình: “giữ nguyên”."}

    # saves from several threads, in any order: the file ends with the latest answers
    threads = []
    for n in range(20):
        store.set("c-3", f"lần {n}")
        threads.append(threading.Thread(target=store.save))
        threads[-1].start()
    for t in threads:
        t.join()
    assert AnswersStore.open(tmp_path).get("c-3") == "lần 19"

    for damaged in (b"{not json", b'{"format": "other", "answers": {}}', b'{"format": "paperless-office-answers", '
                    b'"v": 1, "answers": {"c": 5}}', b"\xff\xfe"):
        (tmp_path / ANSWERS_FILE).write_bytes(damaged)
        with pytest.raises(AnswersFileError) as caught:
            AnswersStore.open(tmp_path)
        assert str(tmp_path / ANSWERS_FILE) in caught.value.message("en")
        assert "Tệp được giữ nguyên" in caught.value.message("vi")
        assert (tmp_path / ANSWERS_FILE).read_bytes() == damaged
