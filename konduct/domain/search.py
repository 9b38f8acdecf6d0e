"""Full-text search over a small set of documents, in plain Python.

The resource center has a few dozen pages, so an inverted index held in memory and
built at start-up answers in well under a millisecond, with no search server to run.

* **Tokens**: lowercase words (accents folded), common English words dropped, and a
  light suffix stemmer so "links", "linking" and "linked" meet "link".
* **Ranking**: BM25 per field (title, headings, body), the field scores weighted
  5 : 3 : 1, so a word in a title counts more than one in passing. Documents matching
  more of the query's words always rank first; a query found as a phrase gets a bonus.
* **As you type**: the query's last word also matches words it begins
  ("camp" finds "campaign"), at a lower weight than a whole word.
* **Snippets**: the passage of the body with the most query words, cut at word
  boundaries, returned as parts marked ``match`` or not, so no door has to parse HTML.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

FIELD_WEIGHTS = {"title": 5.0, "headings": 3.0, "body": 1.0}
K1, B = 1.2, 0.75
PREFIX_WEIGHT = 0.6  # a word only begun counts less than a whole word
PHRASE_BONUS = 1.5
MIN_PREFIX = 2
SNIPPET_CHARS = 180
MAX_QUERY_CHARS = 200

_STOP_TEXT = (
    "a an and are as at be but by for from has have how i if in into is it its of on or "
    "our so that the their them then there these they this to was we what when where which "
    "who why will with you your"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+(?:['_][a-z0-9]+)*")


def fold(text: str) -> str:
    """Lowercase without accents: "Café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light English suffix stemmer; the index and queries use the same one."""
    for suffix, min_base in (("'s", 1), ("ies", 3), ("ing", 3), ("ed", 3), ("es", 3), ("s", 3)):
        base = word[: -len(suffix)]
        if not word.endswith(suffix) or len(base) < min_base:
            continue
        if suffix == "ies":
            return base + "y"  # "queries" -> "query"
        if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
            return word[:-1]  # "codes" -> "code", but "boxes" -> "box"
        if suffix == "s" and base.endswith(("s", "u", "i")):
            return word  # "class", "status", "analysis"
        if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "lsz":
            return base[:-1]  # "tagged" -> "tag"
        return base
    return word


def words(text: str) -> list[str]:
    """The raw lowercase words of ``text``, stop words kept (for snippets)."""
    return _WORD.findall(fold(text))


def tokens(text: str) -> list[str]:
    """Index terms: each word, and the parts of joined ones ("utm_source": "utm", "source")."""
    found = []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        found.append(stem(word))
        if "_" in word or "'" in word:
            found += [stem(p) for p in re.split(r"[_']", word) if p and p not in STOP_WORDS]
    return found


@dataclass(frozen=True)
class Document:
    key: str  # e.g. the page's slug
    title: str
    body: str  # plain text
    headings: str = ""
    summary: str = ""


@dataclass(frozen=True)
class SnippetPart:
    text: str
    match: bool


@dataclass(frozen=True)
class Hit:
    key: str
    title: str
    score: float
    matched: int  # how many of the query's words the document has
    snippet: tuple[SnippetPart, ...]

    @property
    def snippet_text(self) -> str:
        return "".join(part.text for part in self.snippet)


class SearchIndex:
    def __init__(self, documents: list[Document] | tuple[Document, ...]):
        self.documents = {doc.key: doc for doc in documents}
        # term -> field -> {key: term frequency}
        self.postings: dict[str, dict[str, dict[str, int]]] = {}
        self.lengths: dict[str, dict[str, int]] = {name: {} for name in FIELD_WEIGHTS}
        for doc in documents:
            for name in FIELD_WEIGHTS:
                counted = Counter(tokens(getattr(doc, name)))
                self.lengths[name][doc.key] = sum(counted.values())
                for term, count in counted.items():
                    self.postings.setdefault(term, {}).setdefault(name, {})[doc.key] = count
        total = max(1, len(documents))
        self.average = {
            name: (sum(lengths.values()) / total) or 1.0 for name, lengths in self.lengths.items()
        }
        self.terms = sorted(self.postings)

    def __len__(self) -> int:
        return len(self.documents)

    def _idf(self, term: str) -> float:
        keys = {key for field in self.postings.get(term, {}).values() for key in field}
        n, df = len(self.documents), len(keys)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _term_scores(self, term: str) -> dict[str, float]:
        idf = self._idf(term)
        scores: dict[str, float] = {}
        for name, docs in self.postings.get(term, {}).items():
            weight, average = FIELD_WEIGHTS[name], self.average[name]
            for key, tf in docs.items():
                norm = 1 - B + B * self.lengths[name][key] / average
                scores[key] = scores.get(key, 0.0) + weight * idf * tf * (K1 + 1) / (tf + K1 * norm)
        return scores

    def _expansions(self, term: str) -> list[str]:
        """Indexed words that begin with ``term`` (the word being typed)."""
        if len(term) < MIN_PREFIX:
            return []
        return [t for t in self.terms if t.startswith(term) and t != term][:20]

    def search(self, query: str, *, limit: int = 10) -> list[Hit]:
        query = query[:MAX_QUERY_CHARS]
        raw = [w for w in words(query) if w not in STOP_WORDS]
        if not raw:
            return []
        scores: dict[str, float] = {}
        matched: dict[str, int] = {}
        for index, word in enumerate(dict.fromkeys(raw)):
            term_scores = self._term_scores(stem(word))
            if index == len(dict.fromkeys(raw)) - 1:  # the word being typed
                for longer in self._expansions(word):
                    for key, score in self._term_scores(longer).items():
                        term_scores[key] = max(term_scores.get(key, 0.0), score * PREFIX_WEIGHT)
            for key, score in term_scores.items():
                scores[key] = scores.get(key, 0.0) + score
                matched[key] = matched.get(key, 0) + 1
        phrase = " ".join(words(query))
        if len(raw) > 1:
            for key in scores:
                doc = self.documents[key]
                if phrase in " ".join(words(f"{doc.title} {doc.headings} {doc.body}")):
                    scores[key] *= PHRASE_BONUS
        ranked = sorted(scores, key=lambda key: (-matched[key], -scores[key], key))[:limit]
        return [
            Hit(
                key=key,
                title=self.documents[key].title,
                score=round(scores[key], 4),
                matched=matched[key],
                snippet=snippet(self.documents[key], raw),
            )
            for key in ranked
        ]


def _is_match(word: str, wanted: set[str], prefix: str) -> bool:
    folded = fold(word)
    if folded in STOP_WORDS:
        return False
    return stem(folded) in wanted or (len(prefix) >= MIN_PREFIX and folded.startswith(prefix))


def snippet(doc: Document, query_words: list[str]) -> tuple[SnippetPart, ...]:
    """The body passage of about SNIPPET_CHARS with the most query words, marked."""
    text = re.sub(r"\s+", " ", doc.body).strip() or doc.summary
    if not text:
        return ()
    wanted = {stem(w) for w in query_words}
    prefix = query_words[-1] if query_words else ""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:['’]\w+)*", text)]
    hits = [i for i, (s, e) in enumerate(spans) if _is_match(text[s:e], wanted, prefix)]
    start = 0
    if hits:
        best, best_count = hits[0], 0
        for i in hits:  # the window starting a little before hit i with the most hits
            begin = spans[i][0]
            count = sum(1 for j in hits if begin <= spans[j][0] < begin + SNIPPET_CHARS)
            if count > best_count:
                best, best_count = i, count
        start = spans[max(0, best - 4)][0]
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts: list[SnippetPart] = []
    if start > 0:
        parts.append(SnippetPart("…", False))
    cursor = start
    for i in hits:
        s, e = spans[i]
        if s < start or e > end:
            continue
        if s > cursor:
            parts.append(SnippetPart(text[cursor:s], False))
        parts.append(SnippetPart(text[s:e], True))
        cursor = e
    if cursor < end:
        parts.append(SnippetPart(text[cursor:end], False))
    if end < len(text):
        parts.append(SnippetPart("…", False))
    return tuple(parts)
