"""Spotting messages that may come from someone in crisis, so staff see them at once.

Written by hand because no maintained library does this for short free text with an
editor-managed phrase list: keyword tools match substrings (so "skill myself" would count), and
clinical NLP models are far heavier than a contact form needs. The rules are deliberately simple
and visible to staff:

- one list per language (Settings → Urgent requests: the default language's list, and a row per
  other language, seeded in Spanish), and a message is checked against every language's list,
  whatever language the visitor read the site in: a bilingual person mixes languages, and a
  missed crisis costs far more than a false alarm;
- one phrase per line, matched case-insensitively as whole words;
- accents and other marks are ignored on both sides ("daño" matches "dano", "suicídate" matches
  "suicid*"), since people type without them on many keyboards;
- a space in a phrase also matches a hyphen or no gap ("self harm", "self-harm", "selfharm");
- an apostrophe is optional ("can't", "cant", or with a typographic apostrophe);
- a phrase ending in ``*`` matches any ending ("suicid*": suicide, suicidal, suicidality);
- a match right after a negation in the same clause ("I am not suicidal", "no thoughts of
  suicide", "I don't want to die", "no estoy pensando en suicidarme") does not count; phrases that
  carry their own negation ("don't want to live", "no quiero seguir viviendo") still match. The
  negation words are English and Spanish (NEGATION_WORDS); a language added later matches its
  phrases at once, and its negation words are one line here.

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

# The lists a clinic starts with in the site's other languages (seeded by a data migration and on a
# new site's first read; editors change them in Settings → Urgent requests). Their accents are
# optional to the matching, both in the phrase and in the message.
DEFAULT_CRISIS_PHRASES_BY_LANGUAGE = {
    "es": "\n".join(
        [
            "suicid*",
            "quiero morir",
            "quiero morirme",
            "me quiero morir",
            "me quiero matar",
            "ganas de morir",
            "deseo morir",
            "quisiera estar muert*",
            "no quiero vivir",
            "no quiero seguir viviendo",
            "no quiero estar viv*",
            "no quiero despertar",
            "matarme",
            "quitarme la vida",
            "acabar con mi vida",
            "terminar con mi vida",
            "poner fin a mi vida",
            "acabar con todo",
            "hacerme daño",
            "lastimarme",
            "autolesi*",
            "mejor muert*",
            "mejor sin mi",
            "no vale la pena vivir",
            "no tiene sentido vivir",
            "ya no puedo más",
            "no aguanto más",
            "sobredosis",
            "desaparecer para siempre",
            "en crisis",
            "emergencia",
        ]
    ),
}

# Words that, just before a phrase and in the same clause, turn it into a denial: English, then
# Spanish (accents folded, as the text is: "jamás" is "jamas").
NEGATION_WORDS = frozenset(
    {"not", "no", "never", "without", "deny", "denies", "nor", "nothing", "nobody", "none"}
    | {"nunca", "sin", "ni", "nadie", "nada", "jamas", "niego"}
)
NEGATION_WINDOW = 3
# Spanish auxiliaries that stand between a negation and its verb ("no estoy pensando en
# suicidarme", "nunca he pensado en..."): they do not use up the window, so a Spanish denial
# reaches as far as its English twin ("I am not thinking about suicide").
AUXILIARY_WORDS = frozenset(
    {"estoy", "esta", "estaba", "estado", "he", "ha", "habia", "tengo", "tenia"}
)
# "and"/"y" end a clause too: "no duermo y quiero morir" is no denial of the wish. A break only
# ever makes a negation reach less far, so it can add an alarm, never hide one.
CLAUSE_BREAK = re.compile(r"[.!?;:,\n]|\b(?:but|however|though|and|pero|aunque|sino|y)\b")
WORD = re.compile(r"[a-z']+")


def normalise(text: str) -> str:
    """Lower-case text with typographic apostrophes and dashes made plain, for matching."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return re.sub(r"[\u2010-\u2015]", "-", text)


def fold_marks(text: str) -> str:
    """The text without accents and other combining marks ("daño" is "dano", "suicídate" is
    "suicidate"), for matching only: phrases are reported as the editor wrote them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


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
    words = re.split(r"[\s\-]+", fold_marks(phrase).rstrip("*").strip())
    word_patterns = [re.escape(word).replace("'", "'?") for word in words]
    body = r"[\s\-]*".join(word_patterns) + (r"\w*" if wildcard else "")
    return re.compile(rf"(?<![\w']){body}(?![\w])")


def is_negated(text: str, start: int) -> bool:
    """Whether a negation stands in the few words before `start`, within the same clause."""
    before = text[:start]
    clause_starts = [match.end() for match in CLAUSE_BREAK.finditer(before)]
    clause = before[clause_starts[-1] :] if clause_starts else before
    words = [word for word in WORD.findall(clause) if word not in AUXILIARY_WORDS]
    words = words[-NEGATION_WINDOW:]
    return any(word in NEGATION_WORDS or word.endswith("n't") for word in words)


def find_crisis_phrases(
    text: str, phrases: str | Iterable[str] = DEFAULT_CRISIS_PHRASES
) -> list[str]:
    """The phrases from `phrases` that `text` contains (not negated), in list order."""
    if not text:
        return []
    normalised = fold_marks(normalise(text))
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
