"""Issue 12 end to end over real HTTPS (SQLite and PostgreSQL): three members comment on drafts
and answer polls offline, sync; one amends, one withdraws; the office collects with
``paperless consultation collect`` into the standard table (DOCX read back with python-docx; PDF
made by LibreOffice read with pdftotext) and tallies the polls; a late comment is marked late, a
poll answered twice counts once, a forged comment is refused and reported."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from bundle_helpers import PASSPHRASE, People, unlock, write_session
from server_helpers import (
    Office,
    PgCluster,
    RunningServer,
    ServerSetup,
    cli,
    database_for,
    free_port,
    scan_for_plaintext,
    start_server,
)
from system_tools import require_tool
from test_receipts_recall import Laptop

from paperless.core.age import encrypt_bytes
from paperless.core.bundle import build_bundle
from paperless.core.consultation.envelope import Answer, CommentKind, PollAnswer, canonical
from paperless.core.identity import load_card
from paperless.core.session import load_session

POLLS = '''
[[polls]]
id = "phieu-1"
title = "Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị"
due = 2099-12-31

[[polls.questions]]
text = "Đồng chí có đồng ý tổ chức vào tháng 3?"

[[polls.questions]]
text = "Đề xuất khác"
choices = []

[[polls]]
id = "phieu-2"
title = "Phiếu đã hết hạn"
due = 2024-01-20

[[polls.questions]]
text = "Đồng ý?"
'''
PLAN = "Dự thảo Kế hoạch chuyển đổi số"


@pytest.fixture
def consultation_server(tmp_path: Path, people: People, pg: PgCluster, backend: str
                        ) -> Iterator[tuple[RunningServer, Path, Path]]:
    """A session whose item 1 (the report) was open for comments until 2024 (so anything now is
    late) and item 2 (the plan) until 2099, with two polls; its bundle; a server with its members."""
    root = tmp_path / "session"
    root.mkdir()
    toml = write_session(root, people, extra=POLLS)
    text = toml.read_text(encoding="utf-8")
    text = text.replace('title = "Báo cáo kết quả công tác quý IV/2023"',
                        'title = "Báo cáo kết quả công tác quý IV/2023"\ncomments_due = 2024-01-18')
    text = text.replace(f'title = "{PLAN}"', f'title = "{PLAN}"\ncomments_due = 2099-12-31')
    toml.write_text(text, encoding="utf-8")
    bundle = build_bundle(load_session(toml), unlock(people.clerk), root / "phien.paperless").path
    folder, port, url = tmp_path / "server", free_port(), database_for(backend, pg)
    args: list[str | Path] = ["server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_C_PASS",
                              "--url", f"https://127.0.0.1:{port}"] + (["--db", url] if url else [])
    assert cli(*args, env={"PL_C_PASS": PASSPHRASE}) == 0
    assert cli("server", "enroll", folder, *(people.member(k) / "card.toml" for k in ("an", "binh", "cuong"))) == 0
    running = start_server(ServerSetup(folder, port, Office(people.root), url))
    yield running, toml, bundle
    running.stop()


def _on_plan(**fields: object) -> dict[str, object]:
    base: dict[str, object] = dict(session_version=1, item=2, kind=CommentKind.COMMENT, entry="documents/0002.age",
                                   document_title=PLAN, document_sha256="cd" * 32)
    return {**base, **fields}


def _collect(server: RunningServer, toml: Path, people: People, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli("consultation", "collect", server.setup.folder, toml, "--identity", people.clerk, "--passphrase-env",
               "PL_CLERK", "--out", out, "--place", "Vân Sơn", env={"PL_CLERK": PASSPHRASE,
                                                                   "PAPERLESS_LANG": "vi"}) == 0
    return capsys.readouterr().out


def test_members_comment_offline_and_the_office_gets_the_standard_table(
        tmp_path: Path, people: People, consultation_server: tuple[RunningServer, Path, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    server, toml, bundle = consultation_server
    clerk = load_card(people.clerk)
    laptops = [Laptop.make(tmp_path / k, people, bundle, server, member=k) for k in ("an", "binh", "cuong")]
    an, binh, cuong = laptops
    try:
        sid = an.session_id
        # offline, the night before: An comments on two passages and on the plan as a whole
        book = an.engine.consultation
        c1 = book.new_comment(session_id=sid, text="Đề nghị bổ sung chỉ tiêu về chữ ký số.", **_on_plan(
            page=1, quote="100% văn bản điện tử", place="Mục II.3", article="Mục II", order=(1, 20)))
        c2 = book.new_comment(session_id=sid, text="Làm rõ trách nhiệm của Sở Thông tin và Truyền thông.",
                              **_on_plan(page=0, quote="Điều 5. Tổ chức thực hiện", place="Điều 5, khoản 2",
                                         article="Điều 5", order=(0, 40)))
        book.new_comment(session_id=sid, text="Nhất trí với bố cục; cần rút gọn phần mở đầu.",
                                   **_on_plan(entry=None, document_title="", document_sha256=None))
        book.new_comment(session_id=sid, text="Số liệu quý IV cần cập nhật.", session_version=1, item=1,
                                kind=CommentKind.COMMENT, entry="documents/0001.age",
                                document_title="Báo cáo kết quả công tác quý IV/2023", document_sha256="ab" * 32,
                                page=2, quote="Tăng trưởng 7,2%", place="Phần I", article="Phần I", order=(2, 3))
        assert book.send_all(sid, [clerk]) == 4
        # Bình comments, then withdraws; Cường agrees without comments
        b1 = binh.engine.consultation.new_comment(session_id=sid, text="Ý kiến sẽ rút lại.", **_on_plan(
            page=1, quote="lộ trình", place="Mục II.1", article="Mục II", order=(1, 5)))
        binh.engine.consultation.send(b1.comment_id, [clerk])
        cuong.engine.consultation.agree(sid, 1, 2, [clerk])
        # polls: An answers twice (counts once, the later), Bình answers the expired poll
        first = PollAnswer(sid, 1, "phieu-1", 0, "", "", datetime.now(UTC), (Answer(0, "Không đồng ý"),))
        book.answer_poll(first, [clerk])
        book.answer_poll(dataclasses.replace(first, answers=(Answer(0, "Đồng ý"), Answer(1, None, "Nên họp sớm."))),
                         [clerk])
        binh.engine.consultation.answer_poll(PollAnswer(sid, 1, "phieu-2", 0, "", "", datetime.now(UTC),
                                                        (Answer(0, "Đồng ý"),)), [clerk])
        for laptop in laptops:
            laptop.sync()
        # the next morning: An amends a comment, Bình withdraws his
        book.save_draft(dataclasses.replace(book.comment(c1.comment_id).record,  # type: ignore[union-attr,arg-type]
                                            text="Đề nghị bổ sung chỉ tiêu về chữ ký số cho cấp xã."))
        book.send(c1.comment_id, [clerk])
        binh.engine.consultation.withdraw(b1.comment_id, [clerk])
        # a forged comment in Cường's name, sent by Bình's laptop (it can encrypt to the office, not sign as Cường)
        forged_body = canonical(dataclasses.replace(c2, member=cuong.library.identity.card.fingerprint,
                                                    name="Lê Hoàng Cường").body())
        forged = encrypt_bytes([clerk.age_recipient], canonical({
            "format": "paperless-signed", "v": 1, "kind": "paperless-comment", "body": forged_body.decode(),
            "signature": binh.library.identity.signing_key.sign(forged_body, trusted_comment="paperless-comment-v1")}))
        from paperless.core.consultation.book import Pending

        binh_book = binh.engine.consultation
        kept, pending = binh_book._load()
        pending.append(Pending("00000000-0000-4000-8000-000000000001", "comment", sid, c2.comment_id, 1, forged))
        binh_book._save(kept, pending)
        for laptop in laptops:
            laptop.sync()
        assert all(not lap.engine.consultation.pending() for lap in laptops)
        # the server's database and files hold none of it (NFC or NFD, UTF-8 or UTF-16), nor its log
        needles: list[str | bytes] = ["chữ ký số cho cấp xã", "Sở Thông tin và Truyền thông", "rút gọn phần mở đầu",
                                      "Số liệu quý IV", "Tăng trưởng 7,2%", "Điều 5, khoản 2", "Mục II.3",
                                      "Nên họp sớm", "Không đồng ý", PLAN]
        assert scan_for_plaintext(server.setup, needles) == []
        assert not [n for n in needles if isinstance(n, str) and n in server.log_text()]

        # the office collects
        said = _collect(server, toml, people, tmp_path / "tong-hop.docx", capsys)
        assert "của Trần Thị Bình bị từ chối: được gửi bởi một thành viên khác với người đã ký" in said
        assert "1 bị từ chối" in said
        d = docx.Document(str(tmp_path / "tong-hop.docx"))
        texts = [p.text for p in d.paragraphs]
        assert f"Đối với dự thảo: {PLAN}" in texts and "Đối với dự thảo: Báo cáo kết quả công tác quý IV/2023" in texts
        preamble = " ".join(t for t in texts if t.startswith("- "))
        assert "được xin ý kiến: 3 đồng chí" in preamble
        assert "gửi ý kiến góp ý: 1 đồng chí (Đ/c Nguyễn Văn An)" in preamble
        assert "không có ý kiến góp ý: 1 đồng chí (Đ/c Lê Hoàng Cường)" in preamble
        assert "không gửi ý kiến: 1 đồng chí (Đ/c Trần Thị Bình)" in preamble
        # one table per draft: the report's and the plan's (the plan's appendix had no comment: no table)
        report, plan = [t for t in d.tables if len(t.columns) == 5]
        assert not any("phuluc" in t or "Phụ lục" in t for t in texts)

        def rows(table: object) -> list[list[str]]:
            return [["\n".join(p.text for p in c.paragraphs if p.text) for c in r.cells]
                    for r in table.rows[1:]]  # type: ignore[attr-defined]

        plan_rows = rows(plan)
        flat = "\n".join(" | ".join(r) for r in plan_rows)
        # general first, then by document order (page 0 before page 1), grouped by article
        assert [r[0] for r in plan_rows if len(set(r)) == 1] == ["Ý kiến chung", "Điều 5", "Mục II"]
        assert flat.index("rút gọn phần mở đầu") < flat.index("Sở Thông tin") < flat.index("chữ ký số cho cấp xã")
        assert "Đề nghị bổ sung chỉ tiêu về chữ ký số." not in flat  # the amended text replaced it
        assert "(đã sửa)" in flat and "rút lại" not in flat  # withdrawn: not in the table
        assert "Điều 5, khoản 2" in flat and "Đ/c Nguyễn Văn An" in flat
        report_flat = "\n".join(" | ".join(r) for r in rows(report))
        assert "Số liệu quý IV cần cập nhật." in report_flat and "(gửi sau hạn)" in report_flat
        assert "(gửi sau hạn)" not in flat

        # the same as a PDF made by LibreOffice, read with pdftotext: rows, names, diacritics
        _collect(server, toml, people, tmp_path / "tong-hop.pdf", capsys)
        pdftotext = require_tool("pdftotext")
        text = subprocess.run([pdftotext, str(tmp_path / "tong-hop.pdf"), "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout
        if os.environ.get("PAPERLESS_SHOTS"):  # the table as the office sees it, to look at
            shots = Path(os.environ["PAPERLESS_SHOTS"])
            shots.mkdir(parents=True, exist_ok=True)
            subprocess.run([require_tool("pdftoppm"), "-r", "80", "-png", str(tmp_path / "tong-hop.pdf"),
                            str(shots / "consolidation")], check=True, timeout=120)
        for words in ("BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN", "Nguyễn Văn An", "Lê Hoàng Cường",
                      "chữ ký số cho cấp xã", "Trách nhiệm", "gửi sau hạn"):
            assert " ".join(words.lower().split()) in " ".join(text.lower().split()), words

        # polls: answered twice counts once (the later); late and missing named
        capsys.readouterr()
        assert cli("consultation", "polls", server.setup.folder, toml, "--identity", people.clerk,
                   "--passphrase-env", "PL_CLERK", env={"PL_CLERK": PASSPHRASE, "PAPERLESS_LANG": "vi"}) == 0
        out = capsys.readouterr().out
        first_poll = out.split("Phiếu đã hết hạn")[0]
        assert "1 đã trả lời, 2 chưa trả lời" in first_poll
        assert "Đồng ý: 1" in first_poll and "Không đồng ý: 0" in first_poll
        assert "Nguyễn Văn An: Nên họp sớm." in first_poll
        assert "Chưa trả lời: Trần Thị Bình, Lê Hoàng Cường" in first_poll
        assert "Trả lời sau hạn: Trần Thị Bình" in out.split("Phiếu đã hết hạn")[1]
    finally:
        for laptop in laptops:
            laptop.close()


def test_collect_refuses_bad_input_in_one_line(tmp_path: Path, people: People,
                                              consultation_server: tuple[RunningServer, Path, Path]) -> None:
    from paperless.core.errors import PaperlessError

    server, toml, _bundle = consultation_server
    for args in ([toml, "--identity", people.member("an")],  # a member is not the office
                 [tmp_path / "missing.toml", "--identity", people.clerk]):
        with pytest.raises(PaperlessError) as err:
            cli("consultation", "collect", server.setup.folder, *args, "--passphrase-env", "PL_CLERK",
                "--out", tmp_path / "t.docx", env={"PL_CLERK": PASSPHRASE})
        assert "\n" not in err.value.message("vi") and "\n" not in err.value.message("en")
    with pytest.raises(PaperlessError) as err:
        cli("consultation", "collect", server.setup.folder, toml, "--identity", people.clerk, "--passphrase-env",
            "PL_CLERK", "--out", tmp_path / "t.odt", env={"PL_CLERK": PASSPHRASE})
    assert ".docx" in err.value.message("en")
    assert not (tmp_path / "t.docx").exists() and not (tmp_path / "t.odt").exists()
