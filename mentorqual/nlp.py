"""The Danish pipeline, built once and cached: ``spacy.blank("da")``, the lookup
lemmatizer from spacy-lookups-data, and a rule-based sentencizer. Also the tokens of
many texts as numpy arrays, and dense ids for word types, for code that works per
word type rather than per token.

Nothing here touches the network: the lookup tables ship in the spacy-lookups-data
package. The lemma table is case-sensitive ("mentorer" is in it, "Mentorerne" is
not), so :func:`lemma` tries the word as written and then in lower case.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .errors import MentorqualError

# spaCy and numpy are imported where the work needs them (importing spaCy takes a
# second): commands that never tokenize, and `--help`, import this module for nothing.
if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.lookups import Table


@cache
def pipeline() -> Language:
    """The shared Danish pipeline (tokenizer, lookup lemmatizer, sentencizer)."""
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()  # loads the lookup table from spacy-lookups-data, offline
    return nlp


@cache
def _lemma_table() -> Table:
    lemmatizer = pipeline().get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]


@cache
def lemma(word: str) -> str:
    """Lemma of one word type, case-insensitively, lower-cased; memoised per type."""
    table = _lemma_table()
    found = table.get(word) or table.get(word.lower()) or word
    return str(found).lower()


def sentence_spans(texts: Sequence[str], batch_size: int = 256) -> list[list[tuple[int, int]]]:
    """Sentence boundaries of each text as (start, end) character offsets.

    Only the tokenizer and sentencizer run: lemmas are not needed to split sentences.
    """
    nlp = pipeline()
    spans: list[list[tuple[int, int]]] = []
    with nlp.select_pipes(enable=["sentencizer"]):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            spans.append([(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents])
    return spans


# -- many texts as token arrays ----------------------------------------------------------

# Texts are tokenized in groups of this many, joined by a whitespace character that is
# no special case: after a special case, spaCy stops caching the pieces of a Doc.
JOIN = 32
JOINERS = ("\r", "\x1e", "\u2029")


def token_table(texts: Sequence[str], attrs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The tokens of many texts as one array, exactly as the tokenizer splits each text.

    Returns the rows of ``doc.to_array(attrs)`` of every text, stacked, with ``IDX``
    (which ``attrs`` must include) relative to each text; and the row where each text
    starts, plus the total at the end.

    spaCy cuts a text at whitespace and tokenizes each piece on its own, so texts that
    neither start nor end with whitespace can be joined by a whitespace character and
    tokenized as one Doc: the same tokens plus one per joint, with less overhead per
    text. The joints are found and dropped, and the offsets made relative to each text,
    for all groups at once. Only special cases that mix whitespace with other
    characters could match across texts; with such a tokenizer, or should a joint not
    come out as a token of its own, the texts are tokenized one by one.
    """
    return _token_table(texts, list(attrs), _joiner())


def _token_table(
    texts: Sequence[str], columns: list[int | str], joiner: str | None
) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np
    from spacy.attrs import IDX

    idx = columns.index(IDX)
    sizes = _group_sizes(texts, joiner)
    tokenizer = pipeline().tokenizer
    tables: list[np.ndarray] = [np.zeros((0, len(columns)), dtype=np.uint64)]
    done = 0
    for count in sizes:
        doc = tokenizer((joiner or "").join(texts[done : done + count]))
        tables.append(doc.to_array(columns).reshape(-1, len(columns)))
        done += count
    table = np.concatenate(tables)
    # Token positions as if all texts were one string with a character after each:
    # the joiner within a group, a gap between groups.
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths + 1) - lengths - 1
    counts = np.array(sizes, dtype=np.int64)
    group = np.cumsum(counts) - counts  # each group's first text
    rows = np.fromiter(map(len, tables[1:]), dtype=np.int64, count=len(sizes))
    position = table[:, idx].astype(np.int64) + np.repeat(starts[group], rows)
    joined = np.ones(len(texts), dtype=bool)
    joined[group] = False
    joints = starts[joined] - 1
    found = np.searchsorted(position, joints)
    padded = np.append(position, [-1, -1])
    if ((padded[found] != joints) | (padded[found + 1] != joints + 1)).any():
        return _token_table(texts, columns, None)
    kept = np.ones(len(table), dtype=bool)
    kept[found] = False
    table, position = table[kept], position[kept]
    bounds = np.append(np.searchsorted(position, starts), len(position))
    table[:, idx] = position - np.repeat(starts, np.diff(bounds))
    return table, bounds


def _group_sizes(texts: Sequence[str], joiner: str | None) -> list[int]:
    """How many texts each Doc joins, in order: up to :data:`JOIN`. Texts that are empty
    or start or end with whitespace are a group of their own."""
    sizes: list[int] = []
    run = 0
    for text in texts:
        if joiner is not None and text and not text[0].isspace() and not text[-1].isspace():
            run += 1
            if run == JOIN:
                sizes.append(run)
                run = 0
        else:
            if run:
                sizes.append(run)
                run = 0
            sizes.append(1)
    if run:
        sizes.append(run)
    return sizes


@cache
def _joiner() -> str | None:
    """A whitespace character the tokenizer makes a token of its own, if its special
    cases let texts be joined at all."""
    from spacy.tokenizer import Tokenizer

    tokenizer = pipeline().tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return None
    rules = tokenizer.rules or {}
    if any(any(c.isspace() for c in case) and not case.isspace() for case in rules):
        return None
    for joiner in JOINERS:
        if joiner not in rules and [t.text for t in tokenizer(f"a{joiner}b")] == ["a", joiner, "b"]:
            return joiner
    return None


class WordIds:
    """Dense ids for word-type hashes (such as ``LOWER``), looked up for whole arrays.

    A table indexed by the hashes' low bits answers nearly every lookup with one numpy
    gather, instead of a search or a dict lookup per token. New hashes, and the rare
    hash whose slot another one holds, go through a dict.

    >>> ids = WordIds()
    >>> ids.lookup(np.array([7, 9, 7], dtype=np.uint64))
    (array([0, 1, 0]), [7, 9])
    """

    LOAD = 16  # slots per id: few collisions, and still a small table

    def __init__(self) -> None:
        import numpy as np

        self.ids: dict[int, int] = {}
        self._hashes = np.zeros(0, dtype=np.uint64)  # the hash of each id
        self._slots = np.full(1 << 10, -1, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ids)

    def lookup(self, hashes: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """The id of each hash; and the hashes not seen before, in the order of their ids."""
        import numpy as np

        mask = np.uint64(len(self._slots) - 1)
        found = self._slots[(hashes & mask).astype(np.intp)]
        known = found >= 0
        known[known] = self._hashes[found[known]] == hashes[known]
        if known.all():
            return found, []
        missing = ~known
        unique, inverse = np.unique(hashes[missing], return_inverse=True)
        new = [h for h in unique.tolist() if h not in self.ids]
        self.ids.update(zip(new, range(len(self.ids), len(self.ids) + len(new)), strict=True))
        found[missing] = np.array([self.ids[h] for h in unique.tolist()])[inverse]
        if new:
            self._hashes = np.concatenate((self._hashes, np.array(new, dtype=np.uint64)))
            self._index()
        return found, new

    def _index(self) -> None:
        import numpy as np

        size = len(self._slots)
        while size < self.LOAD * len(self._hashes):
            size *= 2
        self._slots = np.full(size, -1, dtype=np.int64)
        # Where hashes share a slot the last id wins; the others go through the dict.
        slots = (self._hashes & np.uint64(size - 1)).astype(np.intp)
        self._slots[slots] = np.arange(len(self._hashes))


LEMMA_TABLE = "da_lemma_lookup.json.gz"


def lowercase_lemma_table() -> dict[str, str]:
    """The Danish lemma lookup table of spacy-lookups-data, lower-cased, read straight
    from the package's data file: without importing spaCy, and without the network.
    Used as a Danish vocabulary (the personal-data guard's "is this a Danish word?").

    Raises:
        MentorqualError: spacy-lookups-data is not installed.
    """
    try:
        data = resources.files("spacy_lookups_data").joinpath("data", LEMMA_TABLE)
        # Lower-cased as one string: far faster than word by word.
        text = gzip.decompress(data.read_bytes()).decode("utf-8").lower()
        table: dict[str, str] = json.loads(text)
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise MentorqualError(
            f"the Danish word list is missing ({exc}); reinstall mentorqual with its "
            "dependencies (spacy-lookups-data)"
        ) from None
    return table
