"""What the container shows of the session, kept small: padded sizes and a fixed stanza count.

* **Sizes.** Each document's plaintext is followed, inside its encrypted payload, by zero bytes
  up to :func:`padme` of its length (Padmé, from Nikitin et al., "Reducing Metadata Leakage
  from Encrypted Files and Communication with PURBs", PoPETs 2019: at most +12 % and
  O(log log n) bits of the length left). The agenda's JSON is followed by spaces (JSON
  whitespace) up to the same bound. The agenda keeps every document's true ``size`` and
  SHA-256; a reader takes ``size`` bytes and ignores the rest.
* **Readers.** Every entry — agenda and documents, restricted or not — carries the same
  number of recipient stanzas of each type: the members' own, then stanzas to fresh random
  keys that are thrown away at once, in random order, up to :func:`stanza_count` of the number
  of members (a multiple of :data:`STANZA_BUCKET`). A decoy stanza is made exactly as a real
  one (a fresh ephemeral share and a wrapped file key), so nothing tells them apart.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from paperless.core.age import (
    MLKEM768X25519Identity,
    MLKEM768X25519Recipient,
    Recipient,
    X25519Identity,
    X25519Recipient,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

STANZA_BUCKET = 8

#: how to make a throw-away recipient of each recipient type the bundle may use
_DECOYS: Mapping[type, Callable[[], Recipient]] = {
    X25519Recipient: lambda: X25519Identity.generate().recipient(),
    MLKEM768X25519Recipient: lambda: MLKEM768X25519Identity.generate().recipient(),
}


def padme(length: int) -> int:
    """The Padmé padded length of ``length`` bytes (PURBs, Algorithm 1)."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1  # floor(log2(length))
    low_bits = exponent - exponent.bit_length()  # E - (floor(log2(E)) + 1)
    if low_bits <= 0:
        return length
    mask = (1 << low_bits) - 1
    return (length + mask) & ~mask


def stanza_count(members: int) -> int:
    """Stanzas per entry for ``members`` readers of one type: a multiple of STANZA_BUCKET, at least one bucket."""
    return max(1, -(-members // STANZA_BUCKET)) * STANZA_BUCKET


class StanzaPlan:
    """How many stanzas of each recipient type every entry of one bundle carries."""

    def __init__(self, members: Sequence[Recipient]) -> None:
        counts: dict[type, int] = {}
        for r in members:
            kind = type(r)
            if kind not in _DECOYS:
                raise TypeError(f"no decoy for recipients of type {kind.__name__}")
            counts[kind] = counts.get(kind, 0) + 1
        self.counts = {kind: stanza_count(n) for kind, n in counts.items()}

    def recipients(self, readers: Sequence[Recipient]) -> list[Recipient]:
        """``readers`` plus decoys, shuffled: the same number of each type for every entry."""
        padded: list[Recipient] = list(readers)
        if any(type(r) not in self.counts for r in readers):
            raise ValueError("a reader of a type the plan does not count")
        for kind, count in self.counts.items():
            have = sum(1 for r in readers if type(r) is kind)
            if have > count:
                raise ValueError("more readers than the plan allows")
            padded += [_DECOYS[kind]() for _ in range(count - have)]
        secrets.SystemRandom().shuffle(padded)
        return padded


def pad_json(data: bytes) -> bytes:
    """JSON text followed by spaces up to its Padmé length (still the same JSON)."""
    return data + b" " * (padme(len(data)) - len(data))


def pad_toml(data: bytes) -> bytes:
    """TOML text followed by newlines up to its Padmé length (still the same TOML)."""
    return data + b"\n" * (padme(len(data)) - len(data))


class PaddedReader(io.RawIOBase):
    """The bytes of ``src``, then zero bytes up to the Padmé length of what ``src`` gave."""

    def __init__(self, src: io.RawIOBase) -> None:
        super().__init__()
        self._src = src
        self.size = 0  # bytes of src read so far
        self._left: int | None = None  # padding still to give, once src has ended

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        if self._left is None:
            n = self._src.readinto(view) or 0
            if n:
                self.size += n
                return n
            self._left = padme(self.size) - self.size
        n = min(len(view), self._left)
        view[:n] = bytes(n)
        self._left -= n
        return n
