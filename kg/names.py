"""Spelling rules for people's names, shared by extraction (one article's names) and assembly (names across
articles), so that both read "al-Burhan" as "Burhan" the same way."""
from __future__ import annotations

import re

# the Arabic article before a name, in lower case: "al-burhan", "el-sisi"; spaced only after another word
# ("tamim bin hamad al thani"), so that "Al Gore" keeps his name
NAME_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:al|el|ad|ash|as|az|an|ar)[-\u2010\u2011](?=\w)"
                          r"|(?<=\w\s)(?:al|el) (?=\w)")


def without_article(word: str) -> str:
    """A name's word without its Arabic article ("al-Burhan" → "Burhan"), as written otherwise."""
    m = NAME_ARTICLE.match(word.casefold())
    return word[m.end():] if m else word
