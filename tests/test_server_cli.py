"""``paperless server …``: the commands as a clerk runs them (subprocesses), their one-line
bilingual errors (never a traceback), and the reader build without the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from server_helpers import PASSPHRASE, SRC, Office, PgCluster, RunningServer, cli, ok, refused, setup_server

from paperless.core.errors import PaperlessError
from paperless.core.identity import load_card
from paperless.core.sync import protocol as P


def paperless(*args: str | Path, lang: str = "en", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(SRC), "PAPERLESS_LANG": lang, "LANGUAGE": lang, "LANG": "C.UTF-8",
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "paperless", *map(str, args)], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, timeout=120)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_init_enroll_members_and_revoke_as_the_clerk_runs_them(tmp_path: Path, office: Office) -> None:
    folder = tmp_path / "srv"
    r = paperless("server", "init", folder, "--office", office.clerk, "--passphrase-env", "PASS",
                  "--url", "https://10.0.0.5:8443", env={"PASS": PASSPHRASE})
    assert r.returncode == 0, r.stderr
    assert "office-server.toml" in r.stdout
    text = (folder / "office-server.toml").read_text("utf-8")
    assert 'url = "https://10.0.0.5:8443"' in text
    # the certificate names the address's host, and loopback
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((folder / "tls.crt").read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(ip) for ip in san.get_values_for_type(x509.IPAddress)} == {"10.0.0.5", "127.0.0.1"}
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    cards = [office.member(k) / "card.toml" for k in ("an", "binh")]
    r = paperless("server", "enroll", folder, *cards)
    assert r.returncode == 0, r.stderr
    for k in ("an", "binh"):
        assert load_card(office.member(k)).fingerprint in r.stdout
    r = paperless("server", "enroll", folder, cards[0])  # again: the same member, nothing new
    assert r.returncode == 0 and "Already enrolled" in r.stdout
    r = paperless("server", "members", folder)
    assert r.returncode == 0
    assert "Nguyễn Văn An" in r.stdout and "Trần Thị Bình" in r.stdout and "Cường" not in r.stdout
    # the clerk's own card is not a member's
    line = _one_line_error(paperless("server", "enroll", folder, office.clerk / "card.toml"))
    assert "office" in line
    line = _one_line_error(paperless("server", "enroll", folder, office.clerk / "card.toml", lang="vi"))
    assert "Văn phòng" in line
    # a device that does not exist, or is not an id
    assert "no device" in _one_line_error(paperless("server", "revoke-device", folder, "0" * 8 + "-0000-0000-0000-" + "0" * 12))
    assert "not a device id" in _one_line_error(paperless("server", "revoke-device", folder, "x"))


def test_init_refuses_a_member_card_a_wrong_passphrase_a_bad_url_and_a_used_folder(tmp_path: Path, office: Office) -> None:
    folder = tmp_path / "srv"
    env = {"PASS": PASSPHRASE}
    line = _one_line_error(paperless("server", "init", folder, "--office", office.member("an"), "--passphrase-env",
                                     "PASS", env=env))
    assert "clerk" in line
    line = _one_line_error(paperless("server", "init", folder, "--office", office.clerk, "--passphrase-env", "PASS",
                                     env={"PASS": "wrong passphrase"}))
    assert "passphrase" in line.lower()
    for url in ("http://127.0.0.1:8443", "https://127.0.0.1:99999", "https://host/path", "ftp://x"):
        line = _one_line_error(paperless("server", "init", folder, "--office", office.clerk, "--passphrase-env",
                                         "PASS", "--url", url, env=env))
        assert "https://HOST:PORT" in line
    assert not folder.exists()
    (folder / "something").mkdir(parents=True)
    line = _one_line_error(paperless("server", "init", folder, "--office", office.clerk, "--passphrase-env", "PASS",
                                     env=env))
    assert "not empty" in line


def test_commands_on_what_is_not_a_server_folder_say_so_in_one_line(tmp_path: Path) -> None:
    for args in (["members", tmp_path], ["run", tmp_path], ["backup", tmp_path, tmp_path / "b"],
                 ["restore", tmp_path, tmp_path / "b"], ["enroll", tmp_path, tmp_path / "card.toml"]):
        line = _one_line_error(paperless("server", *args))
        assert "server.toml" in line or "not a Paperless server folder" in line, line


def test_a_database_that_does_not_answer_is_one_line(tmp_path: Path, office: Office) -> None:
    setup = setup_server(tmp_path / "srv", office, enroll=())
    line = _one_line_error(paperless("server", "members", setup.folder, "--db",
                                     "postgresql+psycopg://postgres@127.0.0.1:1/nothing"))
    assert "failed" in line


def test_run_refuses_several_workers_on_sqlite(tmp_path: Path, office: Office) -> None:
    setup = setup_server(tmp_path / "srv", office, enroll=())
    with pytest.raises(PaperlessError, match="SQLite has one writer"):
        cli("server", "run", setup.folder, "--workers", "2")


def test_the_office_revokes_a_device_from_the_command_line(server: RunningServer) -> None:
    an = server.device("an", name="Máy bị mất")
    an.register()
    r = paperless("server", "members", server.setup.folder, *(["--db", server.setup.db] if server.setup.db else []))
    assert an.device in r.stdout and "Máy bị mất" in r.stdout and "revoked" not in r.stdout
    db = ["--db", server.setup.db] if server.setup.db else []
    r = paperless("server", "revoke-device", server.setup.folder, an.device, *db)
    assert r.returncode == 0, r.stderr
    assert an.devices().status_code == 403  # at once, on the running server
    r = paperless("server", "members", server.setup.folder, *db)
    assert "revoked" in r.stdout


def test_a_build_without_the_server_says_so_and_exits_2(tmp_path: Path) -> None:
    """As in the reader's frozen build, where paperless.server, fastapi and uvicorn are left out."""
    code = ("import sys\n"
            "for name in ('paperless.server', 'fastapi', 'uvicorn', 'alembic'):\n"
            "    sys.modules[name] = None\n"
            "from paperless.cli.main import main\n"
            f"sys.exit(main(['server', 'members', {str(tmp_path)!r}]))\n")
    for lang, word in (("en", "no office server"), ("vi", "không có máy chủ")):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONPATH": str(SRC), "PAPERLESS_LANG": lang})
        assert r.returncode == 2
        assert word in _one_line_error(r)


def test_setup_on_postgresql_keeps_the_database_in_server_toml(tmp_path: Path, office: Office, pg: PgCluster) -> None:
    url = pg.create_database()
    setup = setup_server(tmp_path / "srv", office, db=url, enroll=("an",))
    assert url in (setup.folder / "server.toml").read_text("utf-8")
    assert not (setup.folder / "server.db").exists()
    r = paperless("server", "members", setup.folder)  # no --db: the one of server.toml
    assert r.returncode == 0 and "Nguyễn Văn An" in r.stdout


def test_new_epoch_after_a_lossy_failover(server: RunningServer) -> None:
    an = server.device("an")
    before = an.register()["epoch"]
    db = ["--db", server.setup.db] if server.setup.db else []
    server.stop()
    r = paperless("server", "new-epoch", server.setup.folder, *db)
    assert r.returncode == 0, r.stderr
    restarted = server.restart()
    try:
        again = restarted.device("an")
        assert again.register()["epoch"] not in (before, "")
    finally:
        restarted.stop()


def test_a_running_server_holds_its_folder(server: RunningServer, tmp_path: Path) -> None:
    db = ["--db", server.setup.db] if server.setup.db else []
    out = tmp_path / "backup"
    assert paperless("server", "backup", server.setup.folder, out, *db).returncode == 0
    assert "stop it first" in _one_line_error(paperless("server", "restore", server.setup.folder, out, *db))
    line = _one_line_error(paperless("server", "run", server.setup.folder, "--port", "1", *db))
    assert "already running" in line
    assert server.healthy()


def test_postgresql_out_of_reach_fails_the_test_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import server_helpers

    monkeypatch.setattr(server_helpers, "PG_ADMIN", "host=127.0.0.1 port=1 user=postgres dbname=postgres connect_timeout=2")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL is not reachable at .*never skip"):
        PgCluster().create_database()


def test_the_office_approves_a_waiting_device_from_the_command_line(server: RunningServer) -> None:
    db = ["--db", server.setup.db] if server.setup.db else []
    office_pc, lost = server.device("an"), server.device("an", name="Máy bị mất")
    office_pc.register()
    lost.register()
    ok(office_pc.revoke(lost.device))
    new = server.device("an", name="Máy mới")
    refused(new.http.post(P.REGISTER, json=new.register_body()), 403, P.DEVICE_PENDING)
    r = paperless("server", "members", server.setup.folder, *db)
    line = next(x for x in r.stdout.splitlines() if new.device in x)
    assert "Máy mới" in line and "waiting for approval" in line, r.stdout
    r = paperless("server", "members", server.setup.folder, *db, lang="vi")
    assert "chờ phê duyệt" in r.stdout
    # a revoked device is never approved; an unknown one is not there
    assert "revoked" in _one_line_error(paperless("server", "approve-device", server.setup.folder, lost.device, *db))
    assert "no device" in _one_line_error(paperless("server", "approve-device", server.setup.folder,
                                                    "00000000-0000-4000-8000-000000000000", *db))
    r = paperless("server", "approve-device", server.setup.folder, new.device, *db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines() == [f"Approved {new.device} (Máy mới of Nguyễn Văn An)"]
    new.login()  # at once, on the running server
    r = paperless("server", "approve-device", server.setup.folder, new.device, *db, lang="vi")
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) == 1 and "không chờ" in r.stdout
    r = paperless("server", "members", server.setup.folder, *db)
    assert "waiting" not in r.stdout
