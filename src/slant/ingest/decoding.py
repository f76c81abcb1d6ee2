"""Bytes -> text: byte-order marks, binary sniffing, strict UTF-8, then charset detection.

The order matters for offsets. A UTF-8 file keeps its byte-order mark as the character
``"\\ufeff"`` (the SemEval offsets count it); UTF-16/32 byte-order marks are consumed by their
codec, because there they are part of the encoding, not of the text. Only when strict UTF-8 fails
do we guess, with charset-normalizer (imported lazily: it costs ~50 ms and most inputs are UTF-8).
"""

from __future__ import annotations

import codecs
import re

from slant.errors import BinaryInput, EmptyInput, EncodingError

#: How much of the input binary sniffing looks at. 8 KB holds the header of every binary format we
#: meet and many lines of text, and scanning it costs microseconds.
SNIFF_BYTES = 8192

#: A text with more than this share of control characters (other than whitespace) is not prose.
#: Real articles have none; a stray form feed or DOS end-of-file mark stays far below 5 %.
MAX_CONTROL_SHARE = 0.05

#: Signatures of files people hand to Slant by mistake (PDF, images, archives, office files,
#: executables). They decode as "latin-1 text" if we let them, so refuse them by their first bytes.
BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # ZIP, DOCX, XLSX, EPUB, ODT
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old MS Office (DOC, XLS)
    b"\x7fELF",
    b"MZ\x90\x00",  # Windows executable
    b"RIFF",  # WAV, AVI, WEBP
    b"OggS",
    b"ID3",  # MP3
    b"\x00\x00\x00\x18ftyp",  # MP4
    b"\x00\x00\x00\x20ftyp",
    b"SQLite format 3\x00",
)

# UTF-32 first: its little-endian mark starts with the UTF-16 little-endian one.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text; tab, newline, vertical tab, form feed, carriage return and
# the DOS end-of-file mark (\x1a) are left out because old text files do contain them.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")

#: Declared codecs (as ``codecs.lookup(...).name``, so every alias such as "latin-1", "l1" or
#: "us-ascii" is covered) read as Windows-1252, as browsers do: the bytes 0x80-0x9F are C1 control
#: characters in Latin-1 but curly quotes and dashes in the Windows text such pages really hold
READ_AS_CP1252 = frozenset({"iso8859-1", "ascii"})

#: Single-byte Latin code pages that charset-normalizer often cannot tell apart on a short text.
#: When cp1252 decodes the bytes as well as the best guess does, we take cp1252: it is what
#: Windows wrote for Western European news for decades (and the WHATWG default for legacy pages);
#: on our own samples a tie otherwise went to cp1250 and turned "ñ" into "ń".
_CP1252_TIE_ENCODINGS = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_1", "iso8859_2",
    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16",
})

# Whitespace plus the invisible marks an "empty" file may still hold (byte-order mark, zero-width space).
_BLANK = re.compile(r"[\s\ufeff\u200b]*")


def has_binary_magic(data: bytes) -> bool:
    """True when ``data`` starts like a PDF, an image, an archive or another binary file."""
    return data.startswith(BINARY_MAGIC)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a UTF-16/32 byte-order mark at the start of ``data`` declares, else None."""
    for bom, name in _UNICODE_BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` holds NUL bytes or many control bytes (not text)."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL_BYTES.findall(head)) > MAX_CONTROL_SHARE * len(head)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``data`` is UTF-16 without a byte-order mark, else None.

    Text in a Latin script stored as UTF-16 has a NUL in every other byte; binary files do not.
    """
    head = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 4:
        return None
    half = len(head) // 2
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    # 0.6: mostly-ASCII text is ~100 % NULs on one side; leaves room for accented or CJK text
    if odd_nuls > 0.6 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):  # UnicodeError: a codec that refuses all ("undefined")
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """Guess the encoding with charset-normalizer; None when nothing decodes as plausible text.

    Its guess is then checked against the two code pages most European news comes in, cp1252 and
    cp1250: a decoding with fewer implausible characters (symbols inside words, another script's
    letters inside a Latin word, control characters) wins. On a short text, where the detector's
    language statistics have little to go on, a tie goes to cp1252 (issue 16: "crème" became "crčme").
    """
    from charset_normalizer import from_bytes  # lazy: ~50 ms to import, rarely needed

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return _best_latin(data, None)
    guess = (str(best), best.encoding)
    if best.encoding in _CP1252_TIE_ENCODINGS:
        for match in matches:
            tied = match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01
            if tied and "cp1252" in match.could_be_from_charset:
                text = _strict(data, "cp1252")
                if text is not None:
                    guess = (text, "cp1252")
                    break
    return _best_latin(data, guess)


#: Below this many non-ASCII bytes a text is "short": the detector's guess is no better than a coin.
SHORT_TEXT_NON_ASCII = 24
#: Characters scored: the first this many bytes of the input (scoring is linear, but needless on 5 MB).
SCORE_BYTES = 65536
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_OK_NEAR_LETTERS = frozenset("\u00ab\u00bb\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00b7\u00a0\u00ad\u00b0")
_RARE_LETTERS = frozenset("\u0178\u00ff")  # Ÿ ÿ: cp1252 letters met mostly as mis-decoded ź ţ


def _latin(ch: str) -> bool:
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code < 0x1F00


def implausible_characters(text: str) -> int:
    """How many characters of ``text`` look mis-decoded (symbols stuck to letters, control
    characters, a foreign script's letters inside a mostly Latin word, rare letters)."""
    import unicodedata

    bad = 0
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        ch = text[i]
        if ch.isalpha():
            bad += ch in _RARE_LETTERS
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            bad += 1
            continue
        if ch in _OK_NEAR_LETTERS or category[0] in "PZ" and ch not in "\u00bf\u00a1":
            continue
        before = i > 0 and text[i - 1].isalpha()
        after = i + 1 < n and text[i + 1].isalpha()
        if ch in "\u00bf\u00a1":  # ¿ ¡ open a Spanish phrase: fine before a word, not inside one
            bad += before
        elif before or after:
            bad += 1
    for word in _WORD.finditer(text):
        w = word.group()
        if w.isascii():
            continue
        latin = sum(_latin(c) for c in w)
        if latin * 2 > len(w):
            bad += len(w) - latin
    return bad


def _best_latin(data: bytes, guess: tuple[str, str] | None) -> tuple[str, str] | None:
    head = data[:SCORE_BYTES]
    short = sum(b > 0x7F for b in head[:4096]) < SHORT_TEXT_NON_ASCII and len(data) <= SCORE_BYTES
    scored = []
    if guess is not None:
        scored.append((implausible_characters(head.decode(guess[1], "ignore")), 1 if short else 0, guess))
    for rank, name in ((0, "cp1252"), (2, "cp1250")):
        if guess is not None and guess[1] == name:
            continue
        text = _strict(data, name)
        if text is not None:
            scored.append((implausible_characters(text[:SCORE_BYTES]), rank if short else rank + 1, (text, name)))
    if not scored:
        return None
    return min(scored, key=lambda item: item[:2])[2]


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None,
                 declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; returns ``(text, encoding_name)``.

    Args:
        data: the raw bytes of one input.
        source: the file or record named in error messages.
        encoding: forces this encoding (``ReadSettings.encoding``) instead of detecting one.
        declared: an encoding the input itself declares (an HTML ``<meta charset>``), tried after
            strict UTF-8 and before detection.

    Raises:
        EmptyInput: no bytes, or only whitespace.
        BinaryInput: a PDF, image, archive or other non-text file.
        EncodingError: the bytes are not text in any encoding we can find (or the forced one).
    """
    if not data:
        raise EmptyInput("the input is empty", source=source)
    if has_binary_magic(data):
        raise BinaryInput("the input is a binary file (PDF, image or archive), not text", source=source)

    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise EncodingError(f"unknown encoding {encoding!r}", source=source,
                                hint="name a Python codec such as utf-8, cp1252 or latin-1") from None
        text = _strict(data, name)
        if text is None:
            raise EncodingError(f"the bytes are not valid {name}", source=source,
                                hint="check the --encoding value, or leave it out to detect the encoding")
    elif (name := bom_encoding(data)) is not None:
        text = _strict(data, name)  # the utf-16/utf-32 codecs consume the byte-order mark
        if text is None:
            raise EncodingError(f"the file starts with a {name} byte-order mark but is not valid {name}",
                                source=source)
    else:
        text = None
        if looks_binary(data):
            utf16 = _bomless_utf16(data)
            text = _strict(data, utf16) if utf16 else None
            if text is None:
                raise BinaryInput("the input holds NUL or control bytes, so it is not text", source=source)
            name = utf16
        if text is None:
            name = "utf-8"  # a UTF-8 byte-order mark stays in the text as "\ufeff"
            text = _strict(data, name)
        if text is None and declared:
            try:
                name = codecs.lookup(declared).name
            except LookupError:
                pass
            else:
                if name in READ_AS_CP1252:
                    text = _strict(data, "cp1252")
                    name = "cp1252" if text is not None else name
                if text is None:
                    text = _strict(data, name)
        if text is None:
            found = _detect(data)
            if found is None:
                raise EncodingError("the bytes are neither UTF-8 nor any encoding we can recognise",
                                    source=source)
            text, name = found

    head = text[:SNIFF_BYTES]
    if "\x00" in head or len(_CONTROL_CHARS.findall(head)) > MAX_CONTROL_SHARE * max(len(head), 1):
        raise BinaryInput(f"the text decoded as {name} is full of control characters, so it is not text",
                          source=source)
    if _BLANK.fullmatch(text):
        raise EmptyInput("the input holds only whitespace", source=source)
    return text, name
