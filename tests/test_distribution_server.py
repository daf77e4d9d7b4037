"""Publishing on the office server and the members' download endpoints, on SQLite and PostgreSQL
(docs/distribution-protocol.md): the signature, hashes, audience and rollback checks at publish,
the list and the ranged download over real HTTPS, and the one 403 for a bundle not addressed to
the member, whether it exists or not."""

from __future__ import annotations

import hashlib
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bundle_helpers import flip_bit_in_entry
from distribution_helpers import build, publish, without_audience
from server_helpers import (
    FAST_LOG_N,
    PASSPHRASE,
    SRC,
    Office,
    RunningServer,
    ServerSetup,
    ok,
    refused,
)

from paperless.core.distribution import protocol as D
from paperless.core.errors import PaperlessError
from paperless.core.identity import create_identity, unlock_identity
from paperless.core.sync import protocol as P
from paperless.server.distribution_store import BUNDLES_DIR, bundle_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stored(folder: Path) -> list[str]:
    """The files under the server's bundles folder (relative names)."""
    root = folder / BUNDLES_DIR
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _refused(folder: Path, bundle: Path, *extra: str) -> str:
    with pytest.raises(PaperlessError) as caught:
        publish(folder, bundle, *extra)
    assert caught.value.exit_code != 0
    en, vi = caught.value.message("en"), caught.value.message("vi")
    assert "\n" not in en and "\n" not in vi and en != vi
    return en


def test_publish_checks_signature_hashes_audience_and_rollback(tmp_path: Path, server_setup: ServerSetup,
                                                                 office: Office) -> None:
    folder = server_setup.folder
    v1 = build(tmp_path, office, 1)
    assert publish(folder, v1.path, "--due", "2026-12-15") == 0
    assert _stored(folder) == [f"{_sha(v1.path)[:2]}/{_sha(v1.path)}.bundle"]
    assert bundle_path(folder, _sha(v1.path)).read_bytes() == v1.path.read_bytes()
    assert publish(folder, v1.path) == 0  # the same file again: a no-op
    before = _stored(folder)

    other_v1 = build(tmp_path, office, 1, name="other-v1", docs={"Khác": "Nội dung khác"})
    assert "already published with other contents" in _refused(folder, other_v1.path)
    v2 = build(tmp_path, office, 2, docs={"Báo cáo quý IV": "Báo cáo quý IV (sửa)", "Dự thảo kế hoạch": "Kế hoạch"})
    assert publish(folder, v2.path) == 0
    older = build(tmp_path, office, 1, name="late-v1", docs={"Cũ": "Bản cũ"})
    assert "rollback refused" in _refused(folder, older.path)

    rogue_dir = tmp_path / "rogue"
    create_identity(rogue_dir, "Văn phòng giả", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    forged = build(tmp_path, office, 3, name="forged", signer=unlock_identity(rogue_dir, PASSPHRASE, failure_delay=0))
    assert "unknown" in _refused(folder, forged.path).lower() or "signer" in _refused(folder, forged.path).lower()
    v3 = build(tmp_path, office, 3, name="v3")
    tampered = flip_bit_in_entry(v3.path, tmp_path / "tampered.plb", "documents/0001.age", 100)
    assert _refused(folder, tampered)
    old = without_audience(v3.path, tmp_path / "old.plb", office.unlock("clerk"))
    assert "build it again" in _refused(folder, old)
    assert "YYYY-MM-DD" in _refused(folder, v3.path, "--due", "15/12/2026")
    assert "no such file" in _refused(folder, tmp_path / "nothing.plb")
    # only the two accepted bundles are stored; nothing half-written is left from the refusals
    assert _stored(folder) == sorted([*before, f"{_sha(v2.path)[:2]}/{_sha(v2.path)}.bundle"])


def test_publish_from_the_command_line_says_one_line_in_each_language(tmp_path: Path, server_setup: ServerSetup,
                                                                       office: Office) -> None:
    v1 = build(tmp_path, office, 1)
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "paperless", "server", "publish", str(server_setup.folder)]
    good = subprocess.run([*cmd, str(v1.path)], capture_output=True, text=True, env={**env, "PAPERLESS_LANG": "en"})
    assert good.returncode == 0, good.stderr
    assert "Published version 1" in good.stdout and "for 2 enrolled members" in good.stdout
    tampered = flip_bit_in_entry(v1.path, tmp_path / "bad.plb", "agenda.age", 50)
    for lang, words in (("en", "Cannot publish"), ("vi", "Không phát hành được")):
        bad = subprocess.run([*cmd, str(tampered)], capture_output=True, text=True, env={**env, "PAPERLESS_LANG": lang})
        assert bad.returncode != 0
        assert bad.stderr.count("\n") == 1 and words in bad.stderr and "Traceback" not in bad.stderr


def test_members_list_and_download_only_what_is_addressed_to_them(tmp_path: Path, server: RunningServer,
                                                                   office: Office) -> None:
    folder = server.setup.folder
    v1 = build(tmp_path, office, 1)  # to an and binh, not cuong (who is enrolled too)
    assert publish(folder, v1.path, "--due", "2026-12-15") == 0
    v2 = build(tmp_path, office, 2, docs={"Báo cáo quý IV": "Báo cáo sửa", "Dự thảo kế hoạch": "Kế hoạch"})
    assert publish(folder, v2.path) == 0
    data, sha1, sha2 = v2.path.read_bytes(), _sha(v1.path), _sha(v2.path)

    an = server.device("an")
    an.register()
    listed = ok(an.request("GET", D.BUNDLES))["bundles"]
    assert [(b["version"], b["sha256"], b["size"], b["due"], b["superseded"]) for b in listed] == [
        (1, sha1, v1.path.stat().st_size, "2026-12-15", True), (2, sha2, len(data), None, False)]
    assert {b["session_id"] for b in listed} == {v1.session_id}

    whole = an.request("GET", f"{D.BUNDLES}/{sha2}")
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["etag"] == f'"{sha2}"' and whole.headers["accept-ranges"] == "bytes"
    part = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": "bytes=1000-", "If-Range": f'"{sha2}"'})
    assert part.status_code == 206 and part.content == data[1000:]
    assert part.headers["content-range"] == f"bytes 1000-{len(data) - 1}/{len(data)}"
    middle = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": "bytes=10-19"})
    assert middle.status_code == 206 and middle.content == data[10:20]
    changed = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": "bytes=1000-", "If-Range": f'"{sha1}"'})
    assert changed.status_code == 200 and changed.content == data  # another ETag: the whole file again
    beyond = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(data)}"
    suffix = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": "bytes=-100"})
    assert suffix.status_code == 206 and suffix.content == data[-100:]
    past_end = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": f"bytes={len(data) - 5}-{len(data) + 99}"})
    assert past_end.status_code == 206 and past_end.content == data[-5:]
    for ignored in ("lines=1-2", "bytes=5-1", "bytes=0-1,5-6", "bytes=x-", "bytes=" + "9" * 40 + "-"):
        whole_again = an.request("GET", f"{D.BUNDLES}/{sha2}", headers={"Range": ignored})
        assert whole_again.status_code == 200 and whole_again.content == data, ignored  # RFC 9110: ignored
    head = an.request("HEAD", f"{D.BUNDLES}/{sha2}")
    assert head.status_code in (200, 405)

    cuong = server.device("cuong")
    cuong.register()
    assert ok(cuong.request("GET", D.BUNDLES))["bundles"] == []
    not_mine = cuong.request("GET", f"{D.BUNDLES}/{sha2}")
    missing = cuong.request("GET", f"{D.BUNDLES}/{secrets.token_hex(32)}")
    not_a_name = cuong.request("GET", f"{D.BUNDLES}/server.toml")
    escaping = cuong.request("GET", f"{D.BUNDLES}/..%2F..%2Fserver.toml")
    assert escaping.status_code == 404 and b"server_id" not in escaping.content  # no route: never a file
    refused(not_mine, 403, D.FORBIDDEN)
    for other in (missing, not_a_name):
        assert other.status_code == 403 and other.content == not_mine.content
        assert other.headers["content-length"] == not_mine.headers["content-length"]

    # no token, a bad token, a revoked device: refused on every endpoint
    for path in (D.BUNDLES, f"{D.BUNDLES}/{sha2}"):
        with server.client() as bare:
            refused(bare.get(path), 401, P.UNAUTHORIZED)
            refused(bare.get(path, headers={"Authorization": "Bearer nope"}), 401, P.UNAUTHORIZED)
    second = server.device("an", name="Máy thứ hai")
    second.register()
    ok(an.revoke(second.device))
    for path in (D.BUNDLES, f"{D.BUNDLES}/{sha2}"):
        assert second.request("GET", path).status_code in (401, 403)
    assert server.healthy()
    assert "Traceback" not in server.log_text()
