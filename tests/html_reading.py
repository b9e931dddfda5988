"""Reading HTML in tests through a parser: a page's parts are found as elements, and an order is
the order of their text in the parsed document, never a position in the string."""

from bs4 import BeautifulSoup, NavigableString


def parse(content) -> BeautifulSoup:
    """A response, bytes or text, parsed."""
    content = getattr(content, "content", content)
    return BeautifulSoup(content, "html.parser")


def text_of(element) -> str:
    """An element's visible text with runs of white space made one space."""
    return " ".join(element.get_text(" ").split())


def position_of(root, text: str) -> int:
    """Where, in document order, the first text node under `root` that contains `text` sits
    (script and style contents left out)."""
    for position, node in enumerate(root.descendants):
        if (
            isinstance(node, NavigableString)
            and text in node
            and node.parent.name not in ("script", "style")
        ):
            return position
    raise AssertionError(f"{text!r} is not in the document")


def order_of(root, texts) -> list[str]:
    """The texts sorted by where each first appears under `root`."""
    return sorted(texts, key=lambda text: position_of(root, text))


def rendered_in(language: str, request, view) -> BeautifulSoup:
    """`view`'s answer to `request` rendered with `language` active (as LocaleMiddleware leaves it
    for an address in that language), for an anonymous visitor, parsed."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import translation

    request.user = AnonymousUser()
    request.session = SessionStore()
    with translation.override(language):
        response = view(request)
        if hasattr(response, "render"):
            response.render()
    return parse(response.content.decode())
