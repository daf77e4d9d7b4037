"""BIP-173 Bech32 (not Bech32m) without the 90-character limit, as age uses it.

A Bech32 string is all lowercase or all uppercase; the checksum is computed over the
lowercase form. :func:`decode` returns the lowercase human-readable part and the data
converted back to 8-bit bytes (with strict padding rules).
"""

from __future__ import annotations

from paperless.core.age.errors import AgeKeyError

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_REV = {c: i for i, c in enumerate(CHARSET)}
_GENERATORS = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
MAX_LENGTH = 10_000  # no BIP-173 90-char limit, but bound the work on absurd inputs


def _polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ value
        for i in range(5):
            if (top >> i) & 1:
                chk ^= _GENERATORS[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or ((acc << (to_bits - bits)) & maxv):
        raise AgeKeyError(detail="invalid Bech32 padding")
    return out


def encode(hrp: str, data: bytes, *, upper: bool = False) -> str:
    """Encode ``data`` with human-readable part ``hrp`` (returned lowercase unless ``upper``)."""
    hrp = hrp.lower()
    if not hrp or any(not 33 <= ord(c) <= 126 for c in hrp):
        raise AgeKeyError(detail="invalid Bech32 human-readable part")
    values = _convert_bits(data, 8, 5, True)
    polymod = _polymod(_hrp_expand(hrp) + values + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    text = hrp + "1" + "".join(CHARSET[v] for v in values + checksum)
    return text.upper() if upper else text


def decode(text: str) -> tuple[str, bytes]:
    """Decode a Bech32 string into (lowercase hrp, data bytes); raise :class:`AgeKeyError`."""
    if len(text) > MAX_LENGTH:
        raise AgeKeyError(detail="Bech32 string too long")
    if any(not 33 <= ord(c) <= 126 for c in text):
        raise AgeKeyError(detail="invalid character in Bech32 string")
    if text.lower() != text and text.upper() != text:
        raise AgeKeyError(detail="mixed-case Bech32 string")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise AgeKeyError(detail="malformed Bech32 string")
    hrp = text[:pos]
    try:
        values = [_CHARSET_REV[c] for c in text[pos + 1 :]]
    except KeyError:
        raise AgeKeyError(detail="invalid character in Bech32 data") from None
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise AgeKeyError(detail="invalid Bech32 checksum")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, False))
