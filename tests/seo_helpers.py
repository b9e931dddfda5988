"""Reading a rendered page the way a crawler does: JSON-LD, OpenGraph and the plain head tags."""

import json

import extruct
from lxml import html as lxml_html


def parse_page(content: bytes, url: str) -> dict:
    """The page's JSON-LD objects by @type, its OpenGraph properties, and its head tags (the
    hreflang alternates as language: address).

    Every JSON-LD block is loaded with json.loads first, so a block that is not valid JSON fails
    the test rather than being skipped the way a lenient crawler might skip it.
    """
    tree = lxml_html.fromstring(content)
    raw_blocks = tree.xpath('//script[@type="application/ld+json"]/text()')
    json_ld = [json.loads(block) for block in raw_blocks]
    extracted = extruct.extract(content, base_url=url, syntaxes=["json-ld", "opengraph"])
    assert len(extracted["json-ld"]) == len(json_ld)
    by_type = {}
    for item in extracted["json-ld"]:
        by_type.setdefault(item["@type"], []).append(item)
    opengraph = {}
    for block in extracted["opengraph"]:
        opengraph.update(dict(block["properties"]))
    return {
        "json_ld": by_type,
        "og": opengraph,
        "title": tree.findtext(".//title").strip(),
        "description": (tree.xpath('//meta[@name="description"]/@content') or [""])[0],
        "canonical": (tree.xpath('//link[@rel="canonical"]/@href') or [""])[0],
        "twitter": dict(
            zip(
                tree.xpath('//meta[starts-with(@name, "twitter:")]/@name'),
                tree.xpath('//meta[starts-with(@name, "twitter:")]/@content'),
                strict=True,
            )
        ),
        "alternates": dict(
            zip(
                tree.xpath('//link[@rel="alternate"][@hreflang]/@hreflang'),
                tree.xpath('//link[@rel="alternate"][@hreflang]/@href'),
                strict=True,
            )
        ),
        "h1_count": len(tree.xpath("//h1")),
        "robots": (tree.xpath('//meta[@name="robots"]/@content') or [""])[0],
        "icons": tree.xpath('//link[@rel="icon" or @rel="apple-touch-icon"]/@href'),
    }
