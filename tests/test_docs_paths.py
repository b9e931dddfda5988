"""Every file the docs name exists: each path-like reference in README.md and docs/*.md (a
backticked `app/module.py`, `templates/...html`, `tests/...py::test_name`, a migration named
`app/0002_name`, a relative link, or a path in a code block's comment) must point at a file or
folder of the project, so a newcomer who follows the docs never looks for a file that moved."""

import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXTENSIONS = (
    "py|html|txt|md|toml|cfg|ini|yml|yaml|json|js|css|sh|conf|xml|svg|png|ico|lock|example|log"
)
FILE = re.compile(rf"^[\w.{{}},/-]+\.(?:{EXTENSIONS}|\{{[\w,]+\}})$")
MIGRATION = re.compile(r"^(\w+)/(\d{4}_\w+)$")
TOP_LEVEL = {path.name for path in ROOT.iterdir() if path.is_dir()} - {".git", ".venv"}
# Made at run time or by the tools, never kept in the repository.
GENERATED = ("test-results/", "staticfiles", "media/", "node_modules/", "htmlcov/")
APPS = [path for path in ROOT.iterdir() if (path / "apps.py").exists()]


def expand_braces(text: str) -> list[str]:
    """`a.{txt,html}` names a.txt and a.html."""
    parts = re.split(r"\{([^{}]*)\}", text)
    choices = [[part] if index % 2 == 0 else part.split(",") for index, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*choices)]


def candidates(doc: Path):
    """(line number, reference) for every path-like reference in one document."""
    in_code = False
    for number, line in enumerate(doc.read_text().splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            # A code block names its file in a comment: "# leads/emails.py (or blog/emails.py)".
            if "#" in line:
                comment = line.split("#", 1)[1]
                for word in re.findall(r"[\w./-]+/[\w.-]+\.py\b", comment):
                    yield number, word
            continue
        for span in re.findall(r"`([^`]+)`", line):
            # `home/page_mixins.py: SeoPageMixin` names a file, then what is in it.
            for word in span.split():
                yield number, word.strip(":,;()")
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            yield number, ("link", target)


def resolve(reference: str, doc: Path) -> bool:
    """Whether a reference names something that exists: from the project root, from tests/
    (test ids such as `leads/test_delivery.py::test_x`), or inside an app (`admin/person.py` in
    the leads row)."""
    bases = [ROOT, ROOT / "tests", *APPS]
    return any((base / reference).exists() for base in bases)


def references():
    for doc in DOCS:
        for number, token in candidates(doc):
            where = f"{doc.relative_to(ROOT)}:{number}"
            if isinstance(token, tuple):
                target = token[1].split("#", 1)[0]
                if not target or "://" in target or target.startswith(("mailto:", "/")):
                    continue
                yield where, token[1], (doc.parent / target).exists()
                continue
            if "://" in token or token.startswith(("/", "./", "~")) or "<" in token:
                continue
            if token.startswith(GENERATED):
                continue
            path, _, test_name = token.partition("::")
            migration = MIGRATION.match(path)
            if migration:
                app, name = migration.groups()
                yield where, token, (ROOT / app / "migrations" / f"{name}.py").exists()
                continue
            is_file = FILE.match(path) and "/" in path
            is_folder = path.endswith("/") and path.split("/", 1)[0] in TOP_LEVEL
            under_top_level = "/" in path and path.split("/", 1)[0] in TOP_LEVEL
            if not (is_file or is_folder or under_top_level):
                continue
            for name in expand_braces(path):
                found = resolve(name, doc)
                if found and test_name:
                    source = next(
                        (base / name).read_text()
                        for base in (ROOT, ROOT / "tests")
                        if (base / name).is_file()
                    )
                    found = re.search(rf"def {re.escape(test_name)}\(", source) is not None
                yield where, name + (f"::{test_name}" if test_name else ""), found


def test_the_checker_sees_the_references_it_should():
    """Guard against a checker that silently finds nothing."""
    found = {reference for _where, reference, _exists in references()}
    assert {"core/page_cache.py", "tests/conftest.py", "blog/models.py"} <= found


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: str(doc.relative_to(ROOT)))
def test_every_path_a_doc_names_exists(doc):
    missing = [
        f"{where}: {reference}"
        for where, reference, exists in references()
        if not exists and where.startswith(str(doc.relative_to(ROOT)) + ":")
    ]
    assert missing == []
