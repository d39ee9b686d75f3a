"""Plain-text documents: bytes in, decoded text or a clear reason why not.

News text arrives from scrapers, editors and shell pipes, so the failures worth naming are the
everyday ones: an empty file, a binary file passed by mistake, a file in a legacy encoding. Each is
reported for that one document (as a ``ReadFailure``) so the rest of a batch still lands.
"""

from __future__ import annotations

import codecs
import re

from dragoman.model import RawDocument, ReadFailure

#: A single news document is never this large; refusing early protects memory when a directory
#: holds a stray dump or log file.
MAX_BYTES = 64 * 1024 * 1024

_SNIFF = 8192  # leading bytes/characters inspected to decide "binary"
_CONTROL_OK = frozenset("\t\n\r\f\v")
# Control characters past the sniffed head (a stray NUL, a terminal escape, C1 controls left by a
# mis-decoded page) carry nothing a reader sees; they are dropped so they cannot reach a terminal,
# a C library or another database downstream.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Unpaired UTF-16 surrogates (JSON "\\ud800", a string cut in the middle of an emoji) are not
# Unicode: they cannot be encoded as UTF-8, so each becomes U+FFFD, the replacement character.
_SURROGATE = re.compile("[\ud800-\udfff]")


class Failure(str):
    """A reason string saying why content is not a text document (distinct from text by type)."""


def decode(data: bytes) -> str | Failure:
    """Decodes document bytes as UTF-8 (BOM-aware; UTF-16 only with its BOM), newlines as ``\\n``.

    Returns the text, or a ``Failure`` holding the reason it is not a text document.  Legacy
    encodings are not guessed: a Latin-1 file is reported, not silently mis-decoded.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return check(data.decode("utf-16"))
        except UnicodeDecodeError as err:
            return Failure(f"not valid UTF-16 text: {err.reason} at offset {err.start}")
    head = data[:_SNIFF]
    if b"\x00" in head:
        return Failure("binary file (contains NUL bytes)" + _utf16_hint(head))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Failure(f"not valid UTF-8 text: invalid byte 0x{data[err.start]:02x} at offset {err.start}"
                       + _legacy_hint(data))
    return check(text)


def _legacy_hint(data: bytes) -> str:
    """A hint for a file in a legacy 8-bit encoding (not guessed: the user knows what it is)."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "; convert it to UTF-8 first"
    return ("; perhaps Windows-1252 or Latin-1: convert it to UTF-8 first, "
            "e.g. iconv -f windows-1252 -t utf-8")


def _utf16_hint(head: bytes) -> str:
    """UTF-16 without its byte-order mark looks binary: every other byte of ASCII text is NUL."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 8 and (even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd)):
        return "; UTF-16 text without a byte-order mark? save it as UTF-8"
    return ""


def check(text: str) -> str | Failure:
    """Normalises newlines and a stray BOM; refuses binary-looking or empty text.

    Past the inspected head, stray control characters (NUL included) are dropped and unpaired
    surrogates become U+FFFD, so what is returned is always encodable, printable text.
    """
    text = text.removeprefix("\ufeff")
    head = text[:_SNIFF]
    if "\x00" in head:
        return Failure("binary file (contains NUL bytes)")
    controls = sum(1 for ch in head if ch < " " and ch not in _CONTROL_OK)
    if head and controls / len(head) > 0.1:
        return Failure("binary file (mostly non-text characters)")
    text = scrub(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Failure("empty document")
    return text


def scrub(value: str) -> str:
    """``value`` without control characters other than whitespace, and with U+FFFD for unpaired
    surrogates (metadata strings and ids from JSON get the same treatment as text)."""
    value = _STRAY_CONTROLS.sub("", value)
    return _SURROGATE.sub("\ufffd", value)


def read_bytes(path: str) -> bytes | Failure:
    """Reads a whole file, turning OS errors and oversized files into a reason."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        return Failure(os_reason(err))
    if len(data) > MAX_BYTES:
        return Failure(f"file too large (over {MAX_BYTES // (1024 * 1024)} MiB)")
    return data


def os_reason(err: OSError) -> str:
    """A short reason for a file that could not be opened or read."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return f"cannot read file: {err.strerror or err}"


def text_document(content: bytes | str, doc_id: str, source: str) -> RawDocument | ReadFailure:
    """Turns the content of one text document into a ``RawDocument`` (or says why it cannot)."""
    text = decode(content) if isinstance(content, bytes) else check(content)
    if isinstance(text, Failure):
        return ReadFailure(doc_id, str(text))
    return RawDocument(id=doc_id, text=text, source=source)


def read_text(path: str) -> RawDocument | ReadFailure:
    """Reads a ``.txt`` (or any other text) file; its id and source are the path as given."""
    data = read_bytes(path)
    if isinstance(data, Failure):
        return ReadFailure(path, str(data))
    return text_document(data, path, path)
