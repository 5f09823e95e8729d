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
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a byte-order mark: the zero bytes sit on one side of each pair
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 8 and even < odd // 8:
            return _strict(data, "utf-16-le", source), "utf-16-le"
        if even > len(sample) // 8 and odd < even // 8:
            return _strict(data, "utf-16-be", source), "utf-16-be"
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


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(source, f"invalid {encoding} at byte {exc.start}") from exc
