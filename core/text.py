"""Text made safe to store, show and export, for every app: the one definition of which characters
a value keeps.

PostgreSQL refuses NUL characters and lone surrogates in text (a save would raise and a request be
lost). Control characters move the cursor or end a line. Unicode format characters (category Cf:
bidirectional overrides and isolates, zero-width spaces and joiners) are invisible, and a name
holding U+202E RIGHT-TO-LEFT OVERRIDE reads backwards in the lead list, a title or a spreadsheet:
a single-line value keeps none of them. A multi-line message keeps its line breaks and the
zero-width joiners that emoji and some scripts are spelled with, but never a character that
reorders the text around it."""

import unicodedata

# In multi-line text (a message) these stay; everywhere else a line break or tab becomes a space.
KEPT_IN_MULTILINE = {"\n", "\t"}
# Characters that end a line or move the cursor: a space in single-line text, not nothing, so two
# words never run together.
LINE_BREAKS = {"\n", "\r", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
# The format characters that reorder text: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {
    "\u200e",
    "\u200f",
    "\u061c",
}
REPLACEMENT = "\ufffd"


def clean_text(value, *, multiline: bool = False, max_length: int | None = None) -> str:
    """The text without NUL or other control characters (line breaks kept in multi-line text),
    without format characters (in multi-line text, without those that reorder it), a lone
    surrogate replaced by U+FFFD, cut to `max_length` characters."""
    kept = []
    for character in str(value):
        if character in LINE_BREAKS:
            if multiline and character in KEPT_IN_MULTILINE:
                kept.append(character)
            elif multiline and character == "\r":
                continue  # \r\n becomes \n
            else:
                kept.append(" ")
            continue
        category = unicodedata.category(character)
        if category == "Cc":
            continue
        if category == "Cf" and (not multiline or character in BIDI_CONTROLS):
            continue
        kept.append(REPLACEMENT if category == "Cs" else character)
    text = "".join(kept)
    return text[:max_length] if max_length else text


def single_line(value: str) -> str:
    """The value on one line, without control or invisible format characters: safe in an email
    header (a subject) and on one line of a text email."""
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in value
        if unicodedata.category(ch) != "Cf"
    )
    return " ".join(kept.split())
