"""Which language a note is written in: English, French, or too short to say.

Notes mix the languages note by note, so each one is weighed on its own: the small words that
only one of the two languages uses, plus, for French, its accented letters. A name alone
("Amazon SQS") has neither, and says nothing.
"""

from __future__ import annotations

import re

ENGLISH = frozenset({
    "the", "and", "is", "are", "of", "to", "with", "you", "your", "this", "that", "it", "for", "in", "what",
    "how", "we", "our", "can", "will", "does", "do", "an", "has", "have", "be", "from", "by", "at", "which",
    "when", "there", "their", "they", "not",
})
FRENCH = frozenset({
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "sont", "pour", "avec", "vous", "nous",
    "qui", "que", "dans", "sur", "il", "elle", "ce", "cette", "pas", "au", "aux", "en", "l", "d", "qu", "ou",
    "à", "se", "ne", "leur", "leurs", "sa", "son", "ses",
})
ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str | None:
    """'en', 'fr', or None when the text gives no sign of either, or as many of both."""
    words = WORD.findall(text.lower())
    english = sum(word in ENGLISH for word in words)
    french = sum(word in FRENCH for word in words) + sum(bool(ACCENTED.search(word)) for word in words)
    if english == french:
        return None
    return "en" if english > french else "fr"
