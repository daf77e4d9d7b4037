"""Every kind of bad bundle, through the real CLI: a specific one-line message, a non-zero
exit, no traceback, nothing written."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bundle_helpers import People, flip_bit_in_entry, rewrite_zip, run_cli

from paperless.core.age import X25519Identity, encrypt_bytes
from paperless.core.bundle.manifest import Manifest
from paperless.core.bundle.zipraw import BundleFile

Entries = list[tuple[str, bytes]]


def _extract(bundle: Path, people: People, out: Path, *extra: str, member: str = "an",
             trust: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return run_cli("bundle", "extract", bundle, "--identity", people.member(member), "--out", out,
                   "--trust", trust or people.clerk, "--passphrase-env", "PAPERLESS_PASSPHRASE", *extra,
                   env=env)


def _assert_refused(result, out: Path, *needles: str, code: int | None = None) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode != 0, result.stdout
    if code is not None:
        assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert not out.exists()
    assert not list(out.parent.glob(f".{out.name}.partial*"))


def _mutate(entries: Entries, name: str, fn: Callable[[bytes], bytes]) -> Entries:
    return [(n, fn(d) if n == name else d) for n, d in entries]


ZIP_CASES: dict[str, tuple[Callable[[Entries], Entries], str]] = {
    "entry added": (lambda e: [*e, ("documents/0009.age", b"age-encryption.org/v1\n")], "unexpected entry documents/0009.age"),
    "entry removed": (lambda e: [x for x in e if x[0] != "documents/0002.age"], "entry documents/0002.age is missing"),
    "entry renamed": (lambda e: [("documents/0007.age" if n == "documents/0002.age" else n, d) for n, d in e], "documents/0002.age is missing"),
    "entry duplicated": (lambda e: [*e, next(x for x in e if x[0] == "documents/0001.age")], "appears twice"),
    "dot-dot name": (lambda e: [*e, ("../../evil.age", b"x")], "unsafe entry name"),
    "absolute name": (lambda e: [*e, ("/etc/evil.age", b"x")], "unsafe entry name"),
    "manifest missing": (lambda e: [x for x in e if x[0] != "manifest.json"], "not a session bundle"),
    "signature missing": (lambda e: [x for x in e if x[0] != "manifest.json.minisig"], "not a session bundle"),
}


@pytest.mark.parametrize("case", sorted(ZIP_CASES))
def test_zip_surgery_is_refused(case: str, bundle: Path, people: People, tmp_path: Path) -> None:
    transform, needle = ZIP_CASES[case]
    bad = rewrite_zip(bundle, tmp_path / "bad.paperless", transform)
    out = tmp_path / "out"
    _assert_refused(_extract(bad, people, out), out, needle, code=3)
    verify = run_cli("bundle", "verify", bad, "--trust", people.clerk)
    assert verify.returncode == 3 and needle in verify.stderr


@pytest.mark.parametrize(("entry", "where", "needle"), [
    ("manifest.json", 40, "signature does not match"),
    ("manifest.json.minisig", -20, "signature"),
    ("agenda.age", 200, "entry agenda.age has been altered"),
    ("documents/0003.age", -100, "entry documents/0003.age has been altered"),
    ("documents/0001.age", 30, "entry documents/0001.age has been altered"),
])
def test_flipped_bit_is_refused(entry: str, where: int, needle: str, bundle: Path, people: People,
                                tmp_path: Path) -> None:
    bad = flip_bit_in_entry(bundle, tmp_path / "bad.paperless", entry, where)
    out = tmp_path / "out"
    _assert_refused(_extract(bad, people, out), out, needle, code=3)
    assert run_cli("bundle", "verify", bad, "--trust", people.clerk).returncode == 3


def test_truncated_bundle(bundle: Path, people: People, tmp_path: Path) -> None:
    data = bundle.read_bytes()
    out = tmp_path / "out"
    for cut in (len(data) // 2, len(data) - 10, 100):
        bad = tmp_path / "bad.paperless"
        bad.write_bytes(data[:cut])
        _assert_refused(_extract(bad, people, out), out, "truncated or damaged", code=3)


def test_untrusted_signer(bundle: Path, people: People, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _assert_refused(_extract(bundle, people, out, trust=people.root / "rogue"), out, "unknown key", code=3)


def test_resigned_by_other_clerk_is_unknown_signer(bundle: Path, people: People, tmp_path: Path) -> None:
    """A forger who rebuilds the manifest and signs with their own key is not trusted."""
    from bundle_helpers import unlock

    rogue = unlock(people.root / "rogue")
    def resign(entries: Entries) -> Entries:
        manifest = dict(entries)["manifest.json"]
        sig = rogue.signing_key.sign(manifest, trusted_comment="forged")
        return _mutate(entries, "manifest.json.minisig", lambda _d: sig.encode())
    bad = rewrite_zip(bundle, tmp_path / "bad.paperless", resign)
    out = tmp_path / "out"
    _assert_refused(_extract(bad, people, out), out, "unknown key", code=3)


def test_expired_bundle(tmp_path: Path, people: People) -> None:
    from bundle_helpers import write_session

    session = write_session(tmp_path, people, expires="2024-02-15T00:00:00+07:00")
    built = tmp_path / "old.paperless"
    r = run_cli("bundle", "build", session, "--signer", people.clerk, "--out", built,
                "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    _assert_refused(_extract(built, people, out), out, "expired on 2024-02-15", code=4)


def test_older_version_than_seen(bundle: Path, people: People, tmp_path: Path) -> None:
    home = {"PAPERLESS_HOME": str(tmp_path / "home")}
    first = _extract(bundle, people, tmp_path / "v2", env=home)
    assert first.returncode == 0, first.stderr
    # Re-issue the same session as version 1 (older): refused on this machine.
    from bundle_helpers import unlock

    from paperless.core.bundle import build_bundle
    from paperless.core.session import load_session

    older = tmp_path / "v1.paperless"
    build_bundle(load_session(bundle.parent.parent / "session.toml"), unlock(people.clerk), older, version=1)
    out = tmp_path / "out"
    _assert_refused(_extract(older, people, out, env=home), out, "version 1", "version 2", code=5)


def test_member_not_a_recipient(bundle: Path, people: People, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _assert_refused(_extract(bundle, people, out, member="outsider"), out, "not prepared for Người ngoài", code=6)


def test_wrong_passphrase(bundle: Path, people: People, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = _extract(bundle, people, out, env={"PAPERLESS_PASSPHRASE": "sai mật khẩu"})
    _assert_refused(r, out, "Wrong passphrase", code=2)
    vi = _extract(bundle, people, out, env={"PAPERLESS_PASSPHRASE": "sai", "PAPERLESS_LANG": "vi"})
    _assert_refused(vi, out, "Sai mật khẩu", code=2)


def test_corrupt_identity_file(bundle: Path, people: People, tmp_path: Path) -> None:
    ident = tmp_path / "an"
    shutil.copytree(people.member("an"), ident)
    secret = ident / "secret.age"
    text = secret.read_text()
    secret.write_text(text[:120] + ("A" if text[120] != "A" else "B") + text[121:])
    out = tmp_path / "out"
    r = run_cli("bundle", "extract", bundle, "--identity", ident, "--out", out, "--trust", people.clerk,
                "--passphrase-env", "PAPERLESS_PASSPHRASE")
    _assert_refused(r, out, "damaged")
    (ident / "card.toml").write_text("[card]\nname = 1\n")
    _assert_refused(run_cli("bundle", "extract", bundle, "--identity", ident, "--out", out, "--trust",
                            people.clerk, "--passphrase-env", "PAPERLESS_PASSPHRASE"), out, "card")


def test_absurd_stanza_count_in_a_signed_bundle(bundle: Path, people: People, tmp_path: Path) -> None:
    """An insider with the clerk's key cannot make readers burn CPU: the header cap holds."""
    import hashlib

    from bundle_helpers import unlock

    clerk = unlock(people.clerk)
    recipients = [X25519Identity.generate().recipient() for _ in range(5)]
    base = encrypt_bytes(recipients, b"{}")
    head, rest = base.split(b"\n---", 1)
    stanza = head.split(b"\n", 1)[1].split(b"\n-> ")[0]
    huge = head.split(b"\n", 1)[0] + b"\n" + b"\n".join([stanza] * 20000) + b"\n---" + rest

    def swap(entries: Entries) -> Entries:
        entries = _mutate(entries, "agenda.age", lambda _d: huge)
        m = Manifest.from_json(dict(entries)["manifest.json"])
        new_entries = tuple(type(e)(e.name, e.kind, len(huge), hashlib.sha256(huge).hexdigest())
                            if e.name == "agenda.age" else e for e in m.entries)
        new = type(m)(**{**m.__dict__, "entries": new_entries}).to_json()
        sig = clerk.signing_key.sign(new, trusted_comment="insider")
        return _mutate(_mutate(entries, "manifest.json", lambda _d: new), "manifest.json.minisig",
                       lambda _d: sig.encode())
    bad = rewrite_zip(bundle, tmp_path / "bad.paperless", swap)
    out = tmp_path / "out"
    _assert_refused(_extract(bad, people, out), out, "altered or damaged", code=3)


def test_zip_entries_are_read_in_place(bundle: Path) -> None:
    with BundleFile(bundle) as bf, zipfile.ZipFile(bundle) as z:
        for name, raw in bf.entries.items():
            assert bf.read(name, 1 << 30) == z.read(name)
            assert raw.size == z.getinfo(name).file_size
