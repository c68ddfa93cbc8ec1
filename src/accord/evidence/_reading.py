"""Reading an article from a file or standard input: size, binary content and encodings.

Policy on encodings (decided here, documented in ``docs/evidence.md``):

- UTF-8 (with or without a byte-order mark) is read as is; UTF-16 and UTF-32 only with a
  byte-order mark.
- An HTML page that is not valid UTF-8 is decoded with the charset it declares in a ``<meta>``
  tag or its XML prolog, strictly.
- Anything else - a legacy code page, or a file that mixes encodings (a UTF-8 file with a few
  Windows-1252 bytes pasted in) - is refused with the byte offset of the first bad byte and the
  fix. Guessing would silently corrupt the quotes that end up in a scenario as evidence.

Files are refused by size before they are read (the limit is the scenario reader's,
:data:`accord.io._text.MAX_BYTES`), and so is standard input once it passes the limit.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from accord.io import MAX_BYTES, InputError
from accord.io import read_bytes as read_file_bytes

__all__ = ["RawArticle", "decode", "looks_like_html", "read_bytes", "read_source"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .epub?)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|br|span|h[1-6])\b[^>]*>", re.I)
_LIMIT_MB = MAX_BYTES // (1024 * 1024)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article's decoded text, the name to report it by, and whether it is HTML."""

    name: str
    text: str
    html: bool


def read_bytes(path: str) -> bytes:
    """The file's bytes (``-`` is standard input), or InputError for missing or huge input."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(
                "<stdin>", f"input is over {_LIMIT_MB} MB; the limit is {_LIMIT_MB} MB"
            )
        return data
    return read_file_bytes(path)


def looks_like_html(data: bytes, name: str) -> bool:
    """Whether the input is an HTML page: by its suffix, else by how it starts."""
    if Path(name).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    if Path(name).suffix.lower() in {".txt", ".text", ".md"}:
        return False
    head = data[:4096]
    if _HTML_START.match(head.lstrip(codecs.BOM_UTF8)):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3


def decode(data: bytes, name: str, *, html: bool) -> str:
    """The input as text, following the encoding policy of this module's docstring."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"is {what}, not an article; save it as text or HTML first")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"invalid {codec.upper()} at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(name, "not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if html:
        declared = _declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                raise InputError(
                    name, f"the page declares charset {declared!r} but is not valid {declared}"
                ) from None
    hint = "mixed encodings" if _has_utf8_sequences(data) else "a legacy encoding?"
    raise InputError(
        name,
        f"not valid UTF-8 at byte {first_bad} ({hint}); convert the file to UTF-8 first, "
        "e.g. iconv -f windows-1252 -t utf-8",
    )


def read_source(path: str) -> RawArticle:
    """Read one article (a file, or ``-`` for standard input) into text."""
    name = "<stdin>" if path == "-" else path
    data = read_bytes(path)
    if not data.strip():
        raise InputError(name, "file is empty")
    html = looks_like_html(data, name)
    text = decode(data, name, html=html)
    if not text.strip():
        raise InputError(name, "file is empty")
    return RawArticle(name=name, text=text, html=html)


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether the bytes contain at least one valid multi-byte UTF-8 sequence."""
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", data) is not None
