"""scispaCy's rule tokenizer, registered so ``[nlp.tokenizer]`` in the config can name it.

The registered tokenizer gives exactly scispaCy's tokens (text, offsets, whitespace, norms of
special cases) but splits each distinct whitespace-delimited chunk of a text once, where
spaCy's own chunk cache stays almost empty on real papers: it refuses to cache anything once
one special case has matched in the text (spaCy issue #1250), and every newline is one.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from extractor.normalize.first_chars import (
    end_reach,
    first_chars,
    guarded,
    last_chars,
    opens_at,
    parse_pattern,
)
from extractor.pipeline.extensions import TEXT_KEY

# ``\s`` matches exactly the characters ``str.isspace`` accepts, which is how spaCy's
# tokenizer cuts a text into chunks (tests/pipeline/test_tokenizer_memo.py checks it).
# Written "\s\s*", not "\s+": a pattern opening with a class is scanned for by that class
# (the regex engine's fast skip over non-blank text), a third faster on a paper.
_WS_RUNS = re.compile(r"(\s\s*)")
_SEP = "\n"  # between chunks tokenized in one batch: a special case, always a token alone
_SEP_ID = get_string_id(_SEP)


class TextKeepingTokenizer(Tokenizer):
    """scispaCy's tokenizer that splits each distinct chunk of a text once and keeps the
    input string in ``doc.user_data``.

    spaCy rebuilds ``Doc.text`` from every token on each access (~40 ms on a long paper);
    components read it through :func:`extractor.pipeline.extensions.doc_text` instead.

    The memo of chunk splits lives for one call only: its memory is bounded by the one text
    being tokenized (a few thousand distinct chunks for a paper), a stream of papers cannot
    grow it, and a benchmark that repeats a document pays the full price each time. It pays
    off where chunks repeat: 23 % of the tokenizer on the review (54,000 characters), 4 % over
    the 30 real papers (13,000 to 31,000), a loss below about 16,000 (docs/entities.md); a
    text shorter than ``memo_min_chars`` goes through spaCy's own loop.
    """

    memo_min_chars = 20_000

    def __init__(
        self,
        vocab: Any,
        rules: Any = None,
        prefix_search: Any = None,
        suffix_search: Any = None,
        infix_finditer: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """spaCy's, with the affix patterns behind a guard on their first characters
        (:func:`_guarded_call`)."""
        super().__init__(
            vocab,
            rules,
            _StartAnchored.wrap(prefix_search),
            _EndAnchored.wrap(_guarded_call(suffix_search)),
            _AnyChar.wrap(_guarded_call(infix_finditer)),
            *args,
            **kwargs,
        )

    def __call__(self, text: str) -> Doc:
        memo = len(text) >= self.memo_min_chars
        doc = self._memoised(text) if memo and text else super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def add_special_case(self, string: str, substrings: object) -> None:
        """spaCy's, and forgets the join table (every rule and regex change comes here)."""
        super().add_special_case(string, substrings)
        self.__dict__.pop("_joins", None)

    def _memoised(self, text: str) -> Doc:
        """The Doc of ``text`` from the tokens of its distinct units, laid out in text order
        by index arrays: one gather of the token columns, no Python step per unit."""
        units, spaced = _units(text, self._join_table())
        ids: dict[str, int] = {}
        order = np.array([ids.setdefault(u, len(ids)) for u in units], dtype=np.intp)
        cols = self._split_all(list(ids))
        count = cols.count[order]
        ends = np.cumsum(count)
        starts = ends - count
        take = np.arange(int(ends[-1])) + np.repeat(cols.first[order] - starts, count)
        spaces = cols.space[take]
        spaces[ends[np.array(spaced, dtype=bool)] - 1] = True
        doc = Doc(self.vocab, words=cols.orth[take].tolist(), spaces=spaces.tolist())
        for k, norms in cols.norms.items():
            for at in starts[order == k].tolist():
                for i, norm in norms.items():
                    doc[at + i].norm_ = norm
        return doc

    def _split_all(self, units: list[str]) -> _Columns:
        """The tokens of each unit: the non-blank ones tokenized in one text, one per line, so
        no special case can match across two of them; the blank ones (few) one by one."""
        tokenize = super().__call__
        solid = [k for k, u in enumerate(units) if not u[0].isspace()]
        docs: list[tuple[Doc, list[int], int | None]] = []
        if solid:
            docs.append((tokenize(_SEP.join(units[k] for k in solid)), solid, _SEP_ID))
        docs += [(tokenize(u), [k], None) for k, u in enumerate(units) if u[0].isspace()]
        return _Columns.of(docs, self._join_table().normed_ids, len(units))

    def _join_table(self) -> _Joins:
        joins = self.__dict__.get("_joins")
        if joins is None:
            joins = self.__dict__["_joins"] = _Joins(self)
        return joins


def _guarded_call(method: Any) -> Any:
    """``pattern.search`` / ``pattern.finditer`` of the same pattern behind a look-ahead on the
    characters a match can open with (:func:`extractor.normalize.first_chars.guarded`).

    spaCy calls the suffix pattern on every piece of every chunk (11,000 calls on the review)
    and scispaCy's is an alternation of 83 branches, most opening with a look-behind, so the
    regex engine tried all of them at every character; behind the guard a position whose
    character opens no branch is left after one test. The matches are the same, so are the
    tokens (tests/pipeline/test_tokenizer_memo.py); the review's tokenizer: 44 -> 36 ms.
    Anything else (None, a plain callable) is returned as it is."""
    regex = getattr(method, "__self__", None)
    if not isinstance(regex, re.Pattern):
        return method
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
        # compiled as spaCy compiles a saved pattern when it loads a pipeline (the text
        # alone: ``re.UNICODE`` is implied), so that load finds it in ``re``'s cache and
        # does not warn about scispaCy's literal "||" again
        pattern = re.compile(guarded(regex).pattern, regex.flags & ~re.UNICODE)
        return getattr(pattern, method.__name__)


class _EndAnchored:
    """``search`` of a pattern every match of which ends where the string ends (each branch
    ends in ``$``, as spaCy's suffix patterns do), behind a test of the string's last
    character: where no match can end with it there is no match, and the pattern is not run.

    Three suffix calls in four fail on the review, most on a word's last letter ("e", "l",
    "y") that only a unit after a digit or an "'s" could end with; the test is one class
    match at the string's end. The search then starts where a match can open: no further
    back than the widest bounded branch (5 characters), unless a branch of unbounded width
    (scispaCy's "\\.\\.+$") can open earlier (``first_chars.end_reach``). ``pattern`` is the
    pattern's text, which spaCy saves with the tokenizer (``suffix_search.__self__.pattern``).
    The review's tokenizer (p25 of 25 runs): 24.9 -> 23.3 ms with the test; the start and
    :class:`_AnyChar` together, 21.7-22.4 -> 20.2-20.9."""

    __slots__ = ("_last", "_opens", "last", "pattern", "reach", "regex")

    def __init__(self, regex: re.Pattern[str], last: str) -> None:
        self.regex, self.pattern, self.last = regex, regex.pattern, last
        # ``$`` matches at the end and before a final newline: the last character matched
        # is the string's last, or the one before that newline
        self._last = re.compile(rf"[{last}]\n?\Z", regex.flags & ~re.UNICODE)
        reach = end_reach(regex)
        # a match opens at most width + 1 characters before the string ends (a final
        # newline), or at a character an unbounded branch opens with
        self.reach = reach[0] + 1 if reach is not None else None
        opens = reach[1] if reach is not None else ""
        self._opens = re.compile(f"[{opens}]", regex.flags & ~re.UNICODE) if opens else None

    @classmethod
    def wrap(cls, method: Any) -> Any:
        """``cls(pattern).search`` for a pattern's ``search`` method whose matches all end at
        ``$`` and whose last characters are known; ``method`` itself otherwise."""
        regex = getattr(method, "__self__", None)
        if not isinstance(regex, re.Pattern) or method.__name__ != "search":
            return method
        last = last_chars(regex)
        if last is None or not _ends_at_dollar(regex):
            return method
        return cls(regex, last).search

    def search(self, string: str) -> re.Match[str] | None:
        n = len(string)
        if self._last.search(string, n - 2) is None:
            return None
        reach = self.reach
        if reach is None or n <= reach:
            return self.regex.search(string)
        pos = n - reach
        if self._opens is not None and (early := self._opens.search(string, 0, pos)):
            pos = early.start()
        return self.regex.search(string, pos)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_EndAnchored, (self.regex, self.last))


class _StartAnchored:
    """``search`` of a pattern every match of which opens at the string's start (each branch
    opens with ``^``, as spaCy's prefix patterns do), behind a test of the first character:
    an ASCII character no branch opens with (a letter but A, C and U, a digit) means no
    match, read from a set; other characters go to the pattern. 8,700 of the review's 9,600
    prefix calls have no match, most on a word's first letter (the review's ``to_doc``, p25
    of 25 runs: 21.1-21.3 -> 19.9-20.3 ms)."""

    __slots__ = ("_ascii", "opens", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str], opens: str) -> None:
        self.regex, self.pattern, self.opens = regex, regex.pattern, opens
        first = re.compile(f"[{opens}]", regex.flags & ~re.UNICODE)
        self._ascii = frozenset(c for c in map(chr, range(128)) if first.match(c))

    @classmethod
    def wrap(cls, method: Any) -> Any:
        """``cls(pattern).search`` for a pattern's ``search`` whose every match opens at
        ``^`` and whose first characters are known; ``method`` itself otherwise."""
        regex = getattr(method, "__self__", None)
        if not isinstance(regex, re.Pattern) or method.__name__ != "search":
            return method
        opens = first_chars(regex)
        if opens is None or regex.flags & re.MULTILINE or not opens_at(regex, "AT_BEGINNING"):
            return method
        return cls(regex, opens).search

    def search(self, string: str) -> re.Match[str] | None:
        first = string[:1]
        if first < "\x80" and first not in self._ascii:
            return None  # "" included: no branch matches empty (its first characters are known)
        return self.regex.search(string)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_StartAnchored, (self.regex, self.opens))


class _AnyChar:
    """``finditer`` of a pattern behind a scan for the characters its matches open with: a
    string holding none has no match, and the pattern is not run. spaCy runs the infix
    pattern on every piece it cannot split otherwise (5,426 calls on the review, 24 with a
    match); a class scan skips through a piece faster than the pattern's own guard, tried at
    each character (see :class:`_EndAnchored` for the time)."""

    __slots__ = ("_opens", "opens", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str], opens: str) -> None:
        self.regex, self.pattern, self.opens = regex, regex.pattern, opens
        self._opens = re.compile(f"[{opens}]", regex.flags & ~re.UNICODE)

    @classmethod
    def wrap(cls, method: Any) -> Any:
        """``cls(pattern).finditer`` for a pattern's ``finditer`` whose first characters are
        known; ``method`` itself otherwise."""
        regex = getattr(method, "__self__", None)
        if not isinstance(regex, re.Pattern) or method.__name__ != "finditer":
            return method
        opens = first_chars(regex)
        return method if opens is None else cls(regex, opens).finditer

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        if self._opens.search(string) is None:
            return iter(())
        return self.regex.finditer(string)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_AnyChar, (self.regex, self.opens))


def _ends_at_dollar(regex: re.Pattern[str]) -> bool:
    """Whether every match of ``regex`` ends with its ``$`` (no multi-line mode)."""
    parsed = parse_pattern(regex)
    if parsed is None or regex.flags & re.MULTILINE:
        return False
    items, C = parsed
    return _seq_ends_at_dollar(items, C)


def _seq_ends_at_dollar(items: list[tuple[Any, Any]], C: Any) -> bool:
    if not items:
        return False
    op, av = items[-1]
    if op == C.AT:
        return bool(av == C.AT_END)
    if op == C.SUBPATTERN:
        return not (av[1] | av[2]) and _seq_ends_at_dollar(list(av[3]), C)
    if op == C.BRANCH:
        return all(_seq_ends_at_dollar(list(b), C) for b in av[1])
    return False


@registry.tokenizers("extractor.SciTokenizer.v1")
def create_sci_tokenizer() -> Callable[[Language], Tokenizer]:
    """Biomedical tokenisation (keeps "IL-4", "TNF-α", "cells/kg" whole) without a model."""

    def make(nlp: Language) -> Tokenizer:
        from unittest import mock

        from scispacy import custom_tokenizer

        # scispaCy reads only ``token_match`` from the language's default tokenizer, which
        # does not exist yet while the config builds the Language; hand it that attribute
        # instead of building a whole default tokenizer (~0.3 s of special cases). Its
        # factory constructs ``Tokenizer`` by name; substituting the subclass builds the
        # tokenizer once, with scispaCy's own rules unchanged.
        if getattr(nlp, "tokenizer", None) is None:
            nlp.tokenizer = SimpleNamespace(token_match=nlp.Defaults.token_match)
        # scispaCy's suffix pattern holds a literal "||" in a character class, which
        # Python 3.7+ flags as a possible future set union on every load; the pattern
        # means what it says today, so the warning is noise to users.
        with (
            mock.patch.object(custom_tokenizer, "Tokenizer", TextKeepingTokenizer),
            warnings.catch_warnings(),
        ):
            warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
            return custom_tokenizer.combined_rule_tokenizer(nlp)

    return make


class _Joins:
    """What the chunk memo must know of the special cases: where one could match across a
    space, and which token texts a special case may give a norm of its own.

    After splitting chunks, spaCy matches the multi-token special cases (":-)", "Co.",
    "10a.m.") over the token sequence of the whole text, so a match could in principle span
    two chunks split by one space; a match spanning more is a run of such pairs. ``pairs``
    maps the last character of a head and the first of a tail to the (head, tail) string
    pairs where a head is a run of tokens of one special case's affix split that ends before
    its last token, and a tail the run that follows; two chunks whose ends fit a pair are
    tokenized together. Checking characters, not tokens, over-joins a little and never
    misses a match.
    """

    def __init__(self, tok: Tokenizer) -> None:
        bare = Tokenizer(
            tok.vocab,
            {},
            prefix_search=tok.prefix_search,
            suffix_search=tok.suffix_search,
            infix_finditer=tok.infix_finditer,
            token_match=tok.token_match,
            url_match=tok.url_match,
        )
        pairs: dict[str, dict[str, set[tuple[str, str]]]] = {}
        self.normed: set[str] = set()
        for case, pieces in tok.rules.items():
            # spaCy allows ORTH and NORM in a special case: a piece with more than ORTH
            # may carry a norm of its own (keys are attribute ids or names).
            self.normed.update(p.get(ORTH, p.get("ORTH")) for p in pieces if len(p) > 1)
            parts = [t.text for t in bare(case)]
            for i in range(len(parts)):
                for j in range(i + 1, len(parts)):
                    head = "".join(parts[i:j])
                    for k in range(j + 1, len(parts) + 1):
                        tail = "".join(parts[j:k])
                        row = pairs.setdefault(head[-1], {})
                        row.setdefault(tail[0], set()).add((head, tail))
        self.pairs = {c: {d: tuple(sorted(v)) for d, v in row.items()} for c, row in pairs.items()}
        self.normed_ids = frozenset(get_string_id(w) for w in self.normed)

    def joined(self, left: str, right: str) -> bool:
        """Whether a special case could match across the space between two chunks."""
        row = self.pairs.get(left[-1])
        fits = row.get(right[0]) if row else None
        if fits:
            for head, tail in fits:
                if left.endswith(head) and (right.startswith(tail) or tail.startswith(right)):
                    return True
        return False


@dataclass(frozen=True, slots=True)
class _Columns:
    """The tokens of distinct units laid end to end, as columns: ORTH ids (``Doc`` looks a
    lexeme up by its id without hashing its text again, and no string is made per token)
    and whitespace flags; unit k's tokens start at ``first[k]``, ``count[k]`` of them;
    ``norms[k]``: {token of unit k: norm} where a special case set one other than the word's."""

    orth: Any
    space: Any
    first: Any
    count: Any
    norms: dict[int, dict[int, str]]

    @classmethod
    def of(cls, docs: list[tuple[Doc, list[int], int | None]], normed: Any, n: int) -> _Columns:
        """From (doc, the units it holds in order, the ORTH id of the token between two of
        them) triples; ``normed``: the ids of the words that may carry a norm of their own."""
        orths, spaces = [], []
        first = np.zeros(n, dtype=np.intp)
        count = np.zeros(n, dtype=np.intp)
        norms: dict[int, dict[int, str]] = {}
        wanted = np.sort(np.fromiter(normed, dtype=np.uint64, count=len(normed)))
        offset = 0
        for doc, which, sep in docs:
            table = doc.to_array([ORTH, SPACY])
            orth = table[:, 0]
            cuts = np.flatnonzero(orth == sep) if sep is not None else np.zeros(0, np.intp)
            if len(cuts) != len(which) - 1:
                raise ValueError("a separator token was not a token of its own")
            begins = np.concatenate(([0], cuts + 1))
            first[which] = begins + offset
            count[which] = np.concatenate((cuts, [len(orth)])) - begins
            for t in _members(orth, wanted).tolist():
                if doc[t].norm != doc[t].lex.norm:
                    line = int(np.searchsorted(begins, t, side="right")) - 1
                    norms.setdefault(which[line], {})[t - int(begins[line])] = doc[t].norm_
            orths.append(orth)
            spaces.append(table[:, 1].astype(bool))
            offset += len(orth)
        return cls(np.concatenate(orths), np.concatenate(spaces), first, count, norms)


def _members(column: Any, wanted: Any) -> Any:
    """Indices of the entries of ``column`` that are in ``wanted`` (sorted): one binary search
    per entry, where ``np.isin`` sorts the ten thousand entries of a paper's column with the
    few hundred wanted (0.84 -> 0.27 ms on the review)."""
    if not len(wanted):
        return np.zeros(0, dtype=np.intp)
    k = np.searchsorted(wanted, column)
    k[k == len(wanted)] = 0
    return np.flatnonzero(wanted[k] == column)


def _units(text: str, joins: _Joins) -> tuple[list[str], list[bool]]:
    """The units of ``text`` in order and, for each, whether a space follows it: what spaCy
    tokenizes as one whitespace run or one chunk (chunks a special case could join are one
    unit), the one space after a chunk being that chunk's last token's whitespace, as in
    ``Tokenizer._tokenize_affixes``."""
    parts = _WS_RUNS.split(text)  # chunk, blank, chunk, ..., chunk (ends may be "")
    units: list[str] = []
    spaced: list[bool] = []
    if not parts[0]:  # leading whitespace: a unit of its own
        units.append(parts[1])
        spaced.append(False)
        del parts[:2]
    chunks, blanks = parts[0::2], parts[1::2]
    if not chunks[-1]:  # trailing whitespace
        chunks.pop()
    else:
        blanks.append("")
    if not chunks:
        return units, spaced
    _join(chunks, blanks, joins)
    # a chunk is followed by its blank's first space (its last token's whitespace), then by
    # the rest of the blank, a unit of its own, where there is one (a line end)
    after = [b[1:] if b[:1] == " " else b for b in blanks]
    lo = 0
    for k in [k for k, rest in enumerate(after) if rest]:
        units += chunks[lo : k + 1]
        spaced += [b[:1] == " " for b in blanks[lo : k + 1]]
        units.append(after[k])
        spaced.append(False)
        lo = k + 1
    units += chunks[lo:]
    spaced += [b[:1] == " " for b in blanks[lo:]]
    return units, spaced


def _join(chunks: list[str], blanks: list[str], joins: _Joins) -> None:
    """Makes each run of chunks that a special case could join across one space one chunk
    (``chunks[k]`` is followed by ``blanks[k]``), in place."""
    pairs, joined = joins.pairs, joins.joined
    glue = [
        k
        for k in range(len(chunks) - 1)
        if blanks[k] == " "
        and chunks[k + 1][0] in pairs.get(chunks[k][-1], ())  # most fit no head and tail
        and joined(chunks[k], chunks[k + 1])
    ]
    for k in reversed(glue):  # from the end: a run of joins folds into its first chunk
        chunks[k : k + 2] = [f"{chunks[k]} {chunks[k + 1]}"]
        blanks[k : k + 2] = [blanks[k + 1]]
