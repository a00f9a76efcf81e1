"""Swedish text matching for the query layer: folding, stop-words, light stemming, compounds.

Everything the query layer compares goes through :func:`graph.text.fold` first (the one fold of
the project, shared with the parsers and the Neo4j side), so "Hälso- och sjukvård",
"hälso och sjukvård" and "HALSO OCH SJUKVARD" are one string.

>>> fold("Hälso- och sjukvård i hemmet!")
'halso och sjukvard i hemmet'
>>> content_words("hemsjukvårdsavtalet överenskommelse hälso- och sjukvård i hemmet")
['hemsjukvardsavtalet', 'overenskommelse', 'halso', 'sjukvard', 'hemmet']
>>> stem("samverkansgrupperingar"), stem(fold("hemsjukvårdsavtalet"))
('samverkansgrupper', 'hemsjukvardsavtal')
>>> prefix_forms("medel")
('medel', 'medl')
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.text import fold

__all__ = [
    "STOP_WORDS",
    "compound_parts",
    "content_words",
    "prefix_forms",
    "stem",
    "tokens",
]


def tokens(text: str | None) -> list[str]:
    """The folded words of ``text``.

    >>> tokens("LPO Rehabilitering, habilitering")
    ['lpo', 'rehabilitering', 'habilitering']
    """
    return fold(text).split()


# Function words of Swedish minutes; folded like everything else ("på" -> "pa").
_STOP = """
att och i på för av med som en ett den det de dem till om är var vara varit blir blev har hade
ska skall kan kunde inte vid från under efter före samt eller men så också även alla andra annan
annat denna detta dessa vilka vilket vilken vilkas hur när där här man sig sin sitt sina hans hennes
deras dess oss vi ni du jag han hon mot ut upp ner över inom utan mellan genom enligt bland både
än då nu ej eftersom sedan tills kring samma mm bl a ex t o s k ang avseende gällande angående
"""
STOP_WORDS: frozenset[str] = frozenset(fold(w) for w in _STOP.split())

# Inflectional endings, longest first. Stripped once, and only when four letters remain.
_SUFFIXES = (
    "heterna",
    "heten",
    "arnas",
    "ernas",
    "ornas",
    "ingar",
    "ingen",
    "arna",
    "erna",
    "orna",
    "ande",
    "ende",
    "ens",
    "ets",
    "ars",
    "ers",
    "ats",
    "en",
    "et",
    "ar",
    "er",
    "or",
    "na",
    "at",
    "a",
    "e",
    "s",
)


def content_words(text: str | None) -> list[str]:
    """Folded words of ``text`` without stop-words, numbers and one-letter words, first occurrence kept."""
    seen: dict[str, None] = {}
    for word in tokens(text):
        if word in STOP_WORDS or len(word) < 2 or word.isdigit():
            continue
        seen.setdefault(word, None)
    return list(seen)


def stem(word: str) -> str:
    """A light Swedish stem: one inflectional ending off, at least four letters left.

    >>> stem("processgruppen"), stem("regionala"), stem("lpo")
    ('processgrupp', 'regional', 'lpo')
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def prefix_forms(word: str) -> tuple[str, ...]:
    """The prefixes a word's inflected forms start with: its stem, and the syncopated stem.

    Swedish drops the e of -el/-en/-er before an ending ("medel" -> "medlen", "regel" -> "regler").
    """
    base = stem(word)
    forms = [base]
    if len(base) >= 5 and base[-2] == "e" and base[-1] in "lnr" and base[-3] not in "aeiouy":
        forms.append(base[:-2] + base[-1])
    return tuple(forms)


def compound_parts(word: str, vocabulary: Iterable[str] | None = None, known=None) -> list[str]:
    """Split a compound into head and tail where both are words of the corpus.

    ``known(prefix) -> bool`` says whether some corpus word starts with ``prefix``; the head must be
    a corpus word itself (``vocabulary``). The longest head wins; a linking "s" is dropped.

    >>> vocab = {"uppdrag", "uppdra", "beskrivning", "hem", "avtal"}
    >>> compound_parts("uppdragsbeskrivning", vocab, lambda p: any(v.startswith(p) for v in vocab))
    ['uppdrag', 'beskrivning']
    """
    vocab = set(vocabulary or ())
    if len(word) < 9:
        return []
    for cut in range(len(word) - 4, 3, -1):
        head, tail = word[:cut], word[cut:]
        if head not in vocab:
            continue
        tails = [tail]
        if tail.startswith("s") and len(tail) > 4:
            tails.insert(0, tail[1:])
        for candidate in tails:
            if len(candidate) >= 4 and known is not None and known(stem(candidate)):
                return [head, stem(candidate)]
    return []
