"""HTML from an imported file as plain text: paragraphs kept, links collected, nothing executed.

TimelineJS headlines and texts are HTML.  They are read with the standard library's
:class:`html.parser.HTMLParser` (never with regular expressions): text is kept, block
elements become paragraph breaks, entities are decoded, the addresses of links are
collected (so they can become sources), and what cannot be shown as text (scripts,
styles, embedded frames, images) is dropped and counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["HtmlText", "html_to_text", "web_address"]

#: Elements that end a paragraph.
_BLOCKS = frozenset(
    (
        "p",
        "div",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "address",
        "main",
        "nav",
    )
)
#: Elements whose content is not text for a reader: dropped whole, and counted.
_DROPPED = {
    "script": "scripts in text",
    "style": "styles in text",
    "template": "templates in text",
    "iframe": "embedded frames in text",
    "object": "embedded objects in text",
    "noscript": "noscript blocks in text",
    "svg": "drawings (svg) in text",
    "math": "formulas (math) in text",
}
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"))


def web_address(href: str) -> str | None:
    """``href`` as an http(s) address (``//host/x`` gets https:), or None if it is not one."""
    href = href.strip()
    if any(c.isspace() for c in href) or not href:
        return None
    if href.startswith("//") and len(href) > 2:
        href = "https:" + href
    lower = href.lower()
    if not lower.startswith(("http://", "https://")):
        return None
    host = href.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return href if host else None


@dataclass
class HtmlText:
    """The text of an HTML fragment, with its links and what was dropped."""

    text: str
    #: (link text, address) for every link to a web address, in order.
    links: list[tuple[str, str]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip: list[str] = []  # the dropped elements we are inside
        self.link: tuple[str, list[str]] | None = None  # (href, text parts) of an open <a>
        self.links: list[tuple[str, str]] = []
        self.dropped: Counter[str] = Counter()

    # -- text and paragraphs ------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.current.append(data)
        if self.link is not None:
            self.link[1].append(data)

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    # -- elements -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED and tag not in _VOID:
            self.skip.append(tag)
            self.dropped[_DROPPED[tag]] += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.current.append("\n")
        elif tag in ("img", "embed", "video", "audio", "canvas"):
            self.dropped["images and media in text"] += 1
        elif tag == "a":
            self._close_link()
            href = dict(attrs).get("href") or ""
            self.link = (href, [])
        elif tag in _BLOCKS:
            self._break()
            if tag == "li":
                self.current.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped[_DROPPED[tag]] += 1
            return
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self._close_link()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "a":
            self._close_link()
        elif tag in _BLOCKS:
            self._break()

    def _close_link(self) -> None:
        if self.link is None:
            return
        href, parts = self.link
        self.link = None
        label = " ".join("".join(parts).split())
        address = web_address(href)
        if address is None:
            if href.strip() and not href.strip().startswith("#"):
                self.dropped["links that are not web addresses"] += 1
            return
        if not label:
            self.current.append(f" {address} ")  # an empty link: its address stays visible
            label = address
        self.links.append((label, address))

    def close(self) -> None:
        super().close()
        self._close_link()
        self._break()


def html_to_text(html: str) -> HtmlText:
    """The plain text of ``html``: paragraphs separated by a blank line, whitespace folded."""
    if "<" not in html and "&" not in html:
        paragraphs = [" ".join(p.split()) for p in html.replace("\r", "\n").split("\n\n")]
        return HtmlText("\n\n".join(p for p in paragraphs if p))
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return HtmlText("\n\n".join(reader.paragraphs), reader.links, reader.dropped)


class _CiteReader(_Reader):
    """A :class:`_Reader` that keeps the text of ``<cite>`` elements apart."""

    def __init__(self) -> None:
        super().__init__()
        self.in_cite = 0
        self.cites: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "cite" and not self.skip:
            self.in_cite += 1
            self.cites.append("")
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "cite" and self.in_cite:
            self.in_cite -= 1
            return
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.in_cite and not self.skip:
            self.cites[-1] += data
            return
        super().handle_data(data)


def quote_parts(html: str) -> tuple[HtmlText, str]:
    """A TimelineJS blockquote (used as media): its text, and who is cited (``<cite>``)."""
    reader = _CiteReader()
    reader.feed(html)
    reader.close()
    by = "; ".join(" ".join(c.split()) for c in reader.cites if c.strip())
    return HtmlText("\n\n".join(reader.paragraphs), reader.links, reader.dropped), by
