"""Medical content checks an author and a medical reviewer see in the editor: the reading level,
claims to avoid, the parts a treatment article must have, reference markers against the reference
list, and images without alt text. They are warnings for a person to judge, never a block on
publishing. Each check is a plain function of text and values, so tests call it directly."""

import re
from dataclasses import dataclass, field

import textstat
from bs4 import BeautifulSoup
from wagtail.blocks import StreamValue, StructValue
from wagtail.rich_text import RichText

from core.citations import CITATION_MARKER, strip_citation_markers

# Health information for the public aims at a US school grade of 8 or less; SMOG (which counts
# long words per sentence) is the measure health literacy guides use, and 10 is our ceiling
# for a whole article.
MAX_GRADE = 8
MAX_SMOG = 10
# Under this many sentences SMOG is not meaningful (it was normed on samples of 30).
SMOG_MIN_SENTENCES = 10

# Parts of a block that are not reading text.
NOT_TEXT = {"level", "url", "page", "image", "alt_text", "button_label", "form"}
TEXT_ELEMENTS = ["p", "li", "h2", "h3", "h4", "blockquote"]
PLACEHOLDER_ALT = re.compile(
    r"^(image|photo|picture|img|graphic|placeholder|alt|todo)?\s*[\w-]*\.(jpe?g|png|gif|webp|avif)$"
    r"|^(image|photo|picture|img|graphic|placeholder|alt|todo)$",
    re.IGNORECASE,
)
OFF_LABEL = re.compile(r"\boff[\s-]label\b", re.IGNORECASE)
NOT_MEDICAL_ADVICE = re.compile(r"\bnot\s+medical\s+advice\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One warning: which check raised it and what to look at."""

    check: str
    message: str


@dataclass(frozen=True)
class ReadingLevel:
    """Reading figures of one piece of text."""

    label: str
    flesch_kincaid: float
    smog: float
    sentences: int
    words: int


@dataclass(frozen=True)
class Claim:
    """A claim to avoid: a phrase, optionally only when another phrase is in the same sentence."""

    phrase: str
    near: str = ""
    advice: str = ""


@dataclass
class ArticleText:
    """What the checks read from an article: its reading text in units (paragraphs, list items,
    headings), the reference markers it uses, its references, its images and block types."""

    units: list[str] = field(default_factory=list)
    cited: set[int] = field(default_factory=set)
    references: int = 0
    reference_lists: int = 0
    images: list[tuple[str, str]] = field(default_factory=list)
    block_types: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return " ".join(self.units)


def as_unit(text: str) -> str:
    """A unit of reading text ending as a sentence, without reference markers."""
    text = re.sub(r"\s+", " ", strip_citation_markers(text)).strip()
    if text and text[-1] not in ".!?:;":
        text += "."
    return text


def rich_text_units(html: str, where: str, found: ArticleText) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for embed in soup.find_all("embed", embedtype="image"):
        found.images.append((where, embed.get("alt", "")))
    elements = [each for each in soup.find_all(TEXT_ELEMENTS) if not each.find(TEXT_ELEMENTS)]
    texts = [each.get_text(" ") for each in elements] or [soup.get_text(" ")]
    for text in texts:
        collect_markers(text, found)
        if unit := as_unit(text):
            found.units.append(unit)


def collect_markers(text: str, found: ArticleText) -> None:
    for match in CITATION_MARKER.finditer(text):
        found.cited.update(int(number) for number in match.group(1).split(","))


def walk(value, where: str, found: ArticleText) -> None:
    if isinstance(value, RichText):
        rich_text_units(value.source, where, found)
    elif isinstance(value, str):
        collect_markers(value, found)
        if unit := as_unit(value):
            found.units.append(unit)
    elif isinstance(value, StructValue | dict):
        for name, child in value.items():
            if name not in NOT_TEXT:
                walk(child, where, found)
    elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        for child in value:
            walk(child, where, found)


def read_article(summary: str, body: StreamValue, hero_image=None, hero_alt: str = "") -> tuple:
    """The summary's reading units and the body's ArticleText."""
    found = ArticleText()
    if hero_image is not None:
        found.images.append(("the hero image", hero_alt))
    for number, block in enumerate(body, start=1):
        found.block_types.add(block.block_type)
        where = f"block {number} ({block.block.label.lower()})"
        if block.block_type == "references":
            found.reference_lists += 1
            if found.reference_lists == 1:
                found.references = len(block.value["references"])
            continue
        if block.block_type == "image":
            found.images.append((where, block.value.get("alt_text") or ""))
        walk(block.value, where, found)
    return [as_unit(summary)] if summary.strip() else [], found


def reading_level(label: str, text: str) -> ReadingLevel:
    return ReadingLevel(
        label=label,
        flesch_kincaid=round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0,
        smog=round(textstat.smog_index(text), 1) if text else 0.0,
        sentences=textstat.sentence_count(text) if text else 0,
        words=textstat.lexicon_count(text) if text else 0,
    )


def reading_findings(summary: ReadingLevel, article: ReadingLevel) -> list[Finding]:
    findings = []
    if summary.words and summary.flesch_kincaid > MAX_GRADE:
        findings.append(
            Finding(
                "reading",
                f"The summary reads at grade {summary.flesch_kincaid:g} (aim for {MAX_GRADE} or "
                "below): use shorter sentences and everyday words.",
            )
        )
    if article.words and article.flesch_kincaid > MAX_GRADE:
        findings.append(
            Finding(
                "reading",
                f"The article reads at grade {article.flesch_kincaid:g} (aim for {MAX_GRADE} or "
                "below).",
            )
        )
    if article.sentences >= SMOG_MIN_SENTENCES and article.smog > MAX_SMOG:
        findings.append(
            Finding(
                "reading",
                f"The article's SMOG grade is {article.smog:g} (aim for {MAX_SMOG} or below): "
                "fewer words of three or more syllables per sentence.",
            )
        )
    return findings


def phrase_pattern(phrase: str) -> re.Pattern:
    """A phrase as a whole-word, case-blind pattern; a space or hyphen in it matches either, and
    a plural or past form of its last word matches too ("cure" finds "cures" and "cured")."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip()) if word]
    body = r"[\s-]+".join(words)
    ending = r"(?:s|es|d|ed)?" if phrase.strip()[-1:].isalpha() else ""
    return re.compile(rf"(?<![\w%]){body}{ending}(?![\w%])", re.IGNORECASE)


def sentences_of(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?;:])\s+", text) if part]


def claim_findings(text: str, claims: list[Claim]) -> list[Finding]:
    findings = []
    for claim in claims:
        if not claim.phrase.strip():
            continue
        pattern = phrase_pattern(claim.phrase)
        near = phrase_pattern(claim.near) if claim.near.strip() else None
        hits = [
            sentence
            for sentence in sentences_of(text)
            if pattern.search(sentence) and (near is None or near.search(sentence))
        ]
        if not hits:
            continue
        where = f" near “{claim.near}”" if near else ""
        advice = f" {claim.advice}" if claim.advice else ""
        findings.append(
            Finding(
                "claims",
                f"“{claim.phrase}”{where} appears {len(hits)} time{'s' if len(hits) > 1 else ''}, "
                f"first in: “{hits[0][:160]}”.{advice}",
            )
        )
    return findings


def required_part_findings(text: str, block_types: set[str], shows_framing: bool) -> list[Finding]:
    """What a treatment article must include: that IV ketamine for depression is off-label, a
    side effects and risks box, and that it is not medical advice (the page template's framing
    note says so on every article that shows it)."""
    findings = []
    if not OFF_LABEL.search(text):
        findings.append(
            Finding("required", "No off-label statement: say that this use is off-label.")
        )
    if "risks" not in block_types:
        findings.append(Finding("required", "No “Side effects and risks” box."))
    if not shows_framing and not NOT_MEDICAL_ADVICE.search(text):
        findings.append(Finding("required", "Nothing says this is not medical advice."))
    return findings


def citation_findings(cited: set[int], references: int, reference_lists: int = 1) -> list[Finding]:
    findings = []
    missing = sorted(number for number in cited if number < 1 or number > references)
    if missing:
        numbers = ", ".join(f"[{number}]" for number in missing)
        findings.append(
            Finding(
                "citations",
                f"Reference marker{'s' if len(missing) > 1 else ''} {numbers} "
                f"{'have' if len(missing) > 1 else 'has'} no entry in the reference list "
                f"({references} entr{'ies' if references != 1 else 'y'}).",
            )
        )
    uncited = [number for number in range(1, references + 1) if number not in cited]
    if uncited:
        numbers = ", ".join(str(number) for number in uncited)
        findings.append(
            Finding(
                "citations", f"Reference{'s' if len(uncited) > 1 else ''} {numbers} never cited."
            )
        )
    if reference_lists > 1:
        findings.append(
            Finding("citations", "More than one reference list: markers link to the first only.")
        )
    return findings


def alt_text_findings(images: list[tuple[str, str]]) -> list[Finding]:
    findings = []
    for where, alt in images:
        alt = (alt or "").strip()
        if not alt:
            findings.append(Finding("alt_text", f"The image in {where} has no alt text."))
        elif PLACEHOLDER_ALT.match(alt):
            findings.append(
                Finding("alt_text", f"The image in {where} has placeholder alt text “{alt}”.")
            )
    return findings


@dataclass(frozen=True)
class ContentReport:
    """Every check's result for one article."""

    summary: ReadingLevel
    article: ReadingLevel
    findings: list[Finding]

    @property
    def warning_count(self) -> int:
        return len(self.findings)


def check_article(
    *,
    summary: str,
    body: StreamValue,
    claims: list[Claim],
    describes_treatment: bool,
    shows_framing: bool,
    hero_image=None,
    hero_alt: str = "",
) -> ContentReport:
    summary_units, found = read_article(summary, body, hero_image, hero_alt)
    summary_level = reading_level("Summary", " ".join(summary_units))
    article_level = reading_level("Article", found.text)
    everything = " ".join([*summary_units, found.text])
    findings = [
        *reading_findings(summary_level, article_level),
        *claim_findings(everything, claims),
        *(
            required_part_findings(everything, found.block_types, shows_framing)
            if describes_treatment
            else []
        ),
        *citation_findings(found.cited, found.references, found.reference_lists),
        *alt_text_findings(found.images),
    ]
    return ContentReport(summary_level, article_level, findings)
