"""Spotting messages that may come from someone in crisis, so staff see them at once.

Written by hand because no maintained library does this for short English free text with an
editor-managed phrase list: keyword tools match substrings (so "skill myself" would count), and
clinical NLP models are far heavier than a contact form needs. The rules are deliberately simple
and visible to staff:

- one phrase per line, matched case-insensitively as whole words;
- a space in a phrase also matches a hyphen or no gap ("self harm", "self-harm", "selfharm");
- an apostrophe is optional ("can't", "cant", or with a typographic apostrophe);
- a phrase ending in ``*`` matches any ending ("suicid*": suicide, suicidal, suicidality);
- a match right after a negation in the same clause ("I am not suicidal", "no thoughts of
  suicide", "I don't want to die") does not count; phrases that carry their own negation
  ("don't want to live") still match.

A false alarm costs a member of staff a few minutes; a missed crisis costs far more, so the
default list leans towards matching, and negation only cancels a match in the words just before it.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

DEFAULT_CRISIS_PHRASES = "\n".join(
    [
        "suicid*",
        "sucid*",
        "suicdal",
        "kill myself",
        "killing myself",
        "kill my self",
        "end my life",
        "ending my life",
        "end it all",
        "ending it all",
        "take my own life",
        "take my life",
        "taking my life",
        "want to die",
        "wanna die",
        "wish I was dead",
        "wish I were dead",
        "better off dead",
        "better off without me",
        "don't want to live",
        "do not want to live",
        "don't want to be alive",
        "don't want to be here anymore",
        "no reason to live",
        "not worth living",
        "can't go on",
        "cannot go on",
        "hurt myself",
        "hurting myself",
        "harm myself",
        "harming myself",
        "self harm*",
        "cutting myself",
        "overdos*",
        "unalive",
        "goodbye forever",
        "in crisis",
        "emergency",
    ]
)

# Words that, just before a phrase and in the same clause, turn it into a denial.
NEGATION_WORDS = frozenset(
    {"not", "no", "never", "without", "deny", "denies", "nor", "nothing", "nobody", "none"}
)
NEGATION_WINDOW = 3
CLAUSE_BREAK = re.compile(r"[.!?;:,\n]|\bbut\b|\bhowever\b|\bthough\b")
WORD = re.compile(r"[a-z']+")


def normalise(text: str) -> str:
    """Lower-case text with typographic apostrophes and dashes made plain, for matching."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return re.sub(r"[\u2010-\u2015]", "-", text)


def parse_phrases(phrases: str | Iterable[str]) -> tuple[str, ...]:
    """The non-empty phrases of an editor's list (one per line), normalised and de-duplicated."""
    lines = phrases.splitlines() if isinstance(phrases, str) else phrases
    seen: dict[str, None] = {}
    for line in lines:
        phrase = " ".join(normalise(line).split())
        if phrase.rstrip("*").strip():
            seen.setdefault(phrase, None)
    return tuple(seen)


@lru_cache(maxsize=512)
def phrase_pattern(phrase: str) -> re.Pattern:
    wildcard = phrase.endswith("*")
    words = re.split(r"[\s\-]+", phrase.rstrip("*").strip())
    word_patterns = [re.escape(word).replace("'", "'?") for word in words]
    body = r"[\s\-]*".join(word_patterns) + (r"\w*" if wildcard else "")
    return re.compile(rf"(?<![\w']){body}(?![\w])")


def is_negated(text: str, start: int) -> bool:
    """Whether a negation stands in the few words before `start`, within the same clause."""
    before = text[:start]
    clause_starts = [match.end() for match in CLAUSE_BREAK.finditer(before)]
    clause = before[clause_starts[-1] :] if clause_starts else before
    words = WORD.findall(clause)[-NEGATION_WINDOW:]
    return any(word in NEGATION_WORDS or word.endswith("n't") for word in words)


def find_crisis_phrases(
    text: str, phrases: str | Iterable[str] = DEFAULT_CRISIS_PHRASES
) -> list[str]:
    """The phrases from `phrases` that `text` contains (not negated), in list order."""
    if not text:
        return []
    normalised = normalise(text)
    found: list[str] = []
    matched_spans: list[tuple[int, int]] = []
    for phrase in parse_phrases(phrases):
        for match in phrase_pattern(phrase).finditer(normalised):
            start, end = match.span()
            # Two spellings of one phrase ("kill myself", "kill my self") report it once.
            overlaps = any(
                start < seen_end and seen_start < end for seen_start, seen_end in matched_spans
            )
            if not overlaps and not is_negated(normalised, start):
                found.append(phrase)
                matched_spans.append((start, end))
                break
    return found
