"""Text turned into names: the one slug rule for ids, tags and file names.

The importer makes event ids and tags with it, and the explorer names export files with it, so
the same title gives the same name wherever it is used.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]


def slugify(text: str, limit: int = 60) -> str:
    """``text`` as an id, a tag or a file name: lowercase ASCII letters, digits and '-', at most
    ``limit`` characters cut at a word (may be empty). ``Karabağ talks`` → ``karabag-talks``."""
    # Accents go (é → e); any other character with no ASCII form (a dash, a Cyrillic letter)
    # separates words, as a space does, rather than joining them.
    ascii_text = "".join(
        ch if ch.isascii() else "" if unicodedata.combining(ch) else " "
        for ch in unicodedata.normalize("NFKD", text)
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug
