"""Streaming encryption and decryption of whole age files."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from paperless.core.age._io import Input, Readable, Writable, write_all
from paperless.core.age.armor import MAX_WHITESPACE, ArmorReader, ArmorWriter, looks_armored
from paperless.core.age.errors import (
    AgeHeaderError,
    AgeNoMatchError,
    AgeUsageError,
    AgeWrongPassphraseError,
)
from paperless.core.age.header import (
    FILE_KEY_SIZE,
    MAX_STANZAS,
    VERSION_PREFIX,
    Header,
    Stanza,
    read_header,
)
from paperless.core.age.recipients import Identity, Recipient, check_stanzas
from paperless.core.age.scrypt import ScryptIdentity, ScryptRecipient
from paperless.core.age.stream import decrypt_stream, encrypt_stream


def open_input(src: Readable) -> tuple[Input, bool]:
    """Wrap ``src``, detecting ASCII armor; return the binary age input and whether armored."""
    inp = Input(src)
    head = inp.peek(len(VERSION_PREFIX))
    if head == VERSION_PREFIX:
        return inp, False
    if not head:
        raise AgeHeaderError(detail="the file is empty")
    if looks_armored(inp.peek(MAX_WHITESPACE + 64)):
        return Input(ArmorReader(inp)), True
    raise AgeHeaderError(detail="not an age file")


def unwrap_file_key(header: Header, identities: Sequence[Identity]) -> bytes:
    """Check the stanzas, find the file key with ``identities`` and verify the header MAC."""
    check_stanzas(header.stanzas)
    if not identities:
        raise AgeUsageError(detail="no key or passphrase was given to decrypt with")
    for identity in identities:
        file_key = identity.unwrap(header.stanzas)
        if file_key is not None:
            if len(file_key) != FILE_KEY_SIZE:
                raise AgeHeaderError(detail="the unwrapped file key is not 16 bytes")
            header.verify_mac(file_key)
            return file_key
    if any(isinstance(i, ScryptIdentity) for i in identities) and any(s.type == "scrypt" for s in header.stanzas):
        raise AgeWrongPassphraseError()
    raise AgeNoMatchError()


def _stanzas(recipients: Sequence[Recipient], file_key: bytes) -> list[Stanza]:
    if not recipients:
        raise AgeUsageError(detail="no recipient was given to encrypt to")
    if len(recipients) > 1 and any(isinstance(r, ScryptRecipient) for r in recipients):
        raise AgeUsageError(detail="a passphrase cannot be combined with other recipients")
    stanzas = [stanza for r in recipients for stanza in r.wrap(file_key)]
    if len(stanzas) > MAX_STANZAS:
        raise AgeUsageError(detail=f"more than {MAX_STANZAS} recipients")
    if len(stanzas) > 1 and any(s.type == "scrypt" for s in stanzas):
        raise AgeUsageError(detail="a passphrase cannot be combined with other recipients")
    return stanzas


def encrypt(
    recipients: Sequence[Recipient],
    src: Readable,
    dst: Writable,
    *,
    armor: bool = False,
    workers: int | None = None,
) -> None:
    """Encrypt everything read from ``src`` to ``recipients``, writing the age file to ``dst``.

    ``armor=True`` writes the ASCII-armored (PEM-like) form. ``workers`` caps the threads
    used for the payload (default: 2 on multi-core machines). ``dst.write`` is given views
    of reused buffers: a writer that keeps data must copy it (files and BytesIO do).
    """
    file_key = os.urandom(FILE_KEY_SIZE)
    header = Header.build(_stanzas(recipients, file_key), file_key)
    out: Writable = ArmorWriter(dst) if armor else dst
    write_all(out, header.encode())
    encrypt_stream(file_key, Input(src), out, workers)
    if isinstance(out, ArmorWriter):
        out.close()


def decrypt(
    identities: Sequence[Identity],
    src: Readable,
    dst: Writable,
    *,
    workers: int | None = None,
) -> None:
    """Decrypt the age file (binary or armored) read from ``src`` into ``dst``.

    Memory stays bounded (a few 64 KiB chunks per thread). Only authenticated plaintext is
    written, in order; but if an :class:`AgePayloadError` is raised, what was written so far
    is an incomplete prefix and must be discarded by the caller. As for :func:`encrypt`,
    ``dst.write`` is given views of reused buffers.
    """
    inp, _ = open_input(src)
    header = read_header(inp)
    file_key = unwrap_file_key(header, identities)
    decrypt_stream(file_key, inp, dst, workers)


def encrypt_bytes(recipients: Sequence[Recipient], data: bytes, armor: bool = False) -> bytes:
    """Encrypt ``data`` in memory; return the age file."""
    out = io.BytesIO()
    encrypt(recipients, io.BytesIO(data), out, armor=armor)
    return out.getvalue()


def decrypt_bytes(identities: Sequence[Identity], data: bytes) -> bytes:
    """Decrypt an in-memory age file (binary or armored); return the plaintext."""
    out = io.BytesIO()
    decrypt(identities, io.BytesIO(data), out)
    return out.getvalue()
