"""Decoding: bytes as read from disk or the network, to text.

UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order mark, or recognized by its zero
bytes) and Windows-1256, the legacy Arabic-script code page in which old Persian files are written
(ZWNJ is byte 0x9D there). Anything else is refused with a :class:`~khabar.errors.DecodeError` that
says what the bytes look like.
"""

from __future__ import annotations

import codecs
import re

from khabar.errors import DecodeError

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was read in.

    Raises :class:`DecodeError` for binary data or bytes that are no text khabar reads.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    sample = data[:4096]
    if 0 in sample:
        guess = _utf16_without_bom(sample)
        if guess:
            return _strict(data, guess, source), guess
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise DecodeError(source, "binary file (control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("cp1256", errors="replace")
    letters = len(_ARABIC_SCRIPT.findall(text[:20000]))
    if text.count("\ufffd") == 0 and letters > len(text[:20000]) // 5:
        return text, "cp1256"
    raise DecodeError(
        source,
        f"not UTF-8 (bad byte at offset {utf8_error.start}) and not Windows-1256 Persian text",
    )


# High bytes of UTF-16 code units in Persian text: ASCII and Latin-1 (0x00), the Arabic block (0x06),
# general punctuation such as ZWNJ (0x20) and the presentation forms (0xFB, 0xFE).
_UTF16_HIGH_BYTES = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFE})


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when one side of every byte pair looks like high bytes."""
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(high) >= 8 and sum(b in _UTF16_HIGH_BYTES for b in high) >= 0.95 * len(high):
            return encoding
    return None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(source, f"invalid {encoding} at byte {exc.start}") from exc
