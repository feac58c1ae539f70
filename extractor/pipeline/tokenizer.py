"""scispaCy's rule tokenizer, registered so ``[nlp.tokenizer]`` in the config can name it.

The registered tokenizer gives exactly scispaCy's tokens (text, offsets, whitespace, norms of
special cases) but splits each distinct whitespace-delimited chunk of a text once, where
spaCy's own chunk cache stays almost empty on real papers: it refuses to cache anything once
one special case has matched in the text (spaCy issue #1250), and every newline is one.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from types import SimpleNamespace

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from extractor.pipeline.extensions import TEXT_KEY

# ``\s`` matches exactly the characters ``str.isspace`` accepts, which is how spaCy's
# tokenizer cuts a text into chunks (tests/pipeline/test_tokenizer_memo.py checks it).
_WS_RUNS = re.compile(r"(\s+)")
_SEP = "\n"  # between chunks tokenized in one batch: a special case, always a token alone

# One chunk's tokens: (words, whitespace after each word, {position: special-case norm}).
Split = tuple[list[str], list[bool], dict[int, str]]


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
        units = _units(text, self._join_table())
        splits = self._split_all({u for u, _ in units})
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []
        for unit, space_after in units:
            w, s, n = splits[unit]
            if n:
                norms.extend((len(words) + i, norm) for i, norm in n.items())
            words += w
            spaces += s
            if space_after:
                spaces[-1] = True
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for i, norm in norms:
            doc[i].norm_ = norm
        return doc

    def _split_all(self, units: set[str]) -> dict[str, Split]:
        """Each unit's tokens: the non-blank ones tokenized in one text, one per line, so no
        special case can match across two of them; the blank ones (few) one by one."""
        table = self._join_table()
        blank = [u for u in units if u[0].isspace()]
        solid = [u for u in units if not u[0].isspace()]
        tokenize = super().__call__
        out = {u: _split_lines(tokenize(u), table.normed, None)[0] for u in blank}
        if solid:
            lines = tokenize(_SEP.join(solid))
            out.update(zip(solid, _split_lines(lines, table.normed), strict=True))
        return out

    def _join_table(self) -> _Joins:
        joins = self.__dict__.get("_joins")
        if joins is None:
            joins = self.__dict__["_joins"] = _Joins(self)
        return joins


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

    def joined(self, left: str, right: str) -> bool:
        """Whether a special case could match across the space between two chunks."""
        row = self.pairs.get(left[-1])
        fits = row.get(right[0]) if row else None
        if fits:
            for head, tail in fits:
                if left.endswith(head) and (right.startswith(tail) or tail.startswith(right)):
                    return True
        return False


def _split_lines(doc: Doc, normed: set[str], sep: str | None = _SEP) -> list[Split]:
    """The tokens of each line of ``doc``, a text of chunks joined by ``sep`` (None: one
    line), line by line; a norm is kept where a special case set one other than the word's.
    Words come from the token columns, not from a Token object each."""
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array(ORTH).tolist()]
    spaces = [bool(x) for x in doc.to_array(SPACY).tolist()]
    special = [k for k, w in enumerate(words) if w in normed]
    norms = [(k, doc[k].norm_) for k in special if doc[k].norm != doc[k].lex.norm]
    cuts = [k for k, w in enumerate(words) if w == sep] if sep is not None else []
    out: list[Split] = []
    lo = j = 0
    for hi in [*cuts, len(words)]:
        here: dict[int, str] = {}
        while j < len(norms) and norms[j][0] < hi:
            here[norms[j][0] - lo] = norms[j][1]
            j += 1
        out.append((words[lo:hi], spaces[lo:hi], here))
        lo = hi + 1
    return out


def _units(text: str, joins: _Joins) -> list[tuple[str, bool]]:
    """(unit, a space follows it) in text order: what spaCy tokenizes as one whitespace run
    or one chunk (chunks a special case could join are one unit), the one space after a
    chunk being that chunk's last token's whitespace, as in ``Tokenizer._tokenize_affixes``."""
    parts = _WS_RUNS.split(text)  # chunk, blank, chunk, ..., chunk (ends may be "")
    n = len(parts)
    out: list[tuple[str, bool]] = []
    i = 0
    if not parts[0]:
        out.append((parts[1], False))
        i = 2
    joined, pairs = joins.joined, joins.pairs
    while i < n and parts[i]:
        unit = last = parts[i]
        while (
            i + 2 < n
            and parts[i + 1] == " "
            and parts[i + 2]
            and parts[i + 2][0] in pairs.get(last[-1], ())  # most pairs fit no head and tail
            and joined(last, parts[i + 2])
        ):
            last = parts[i + 2]
            unit = f"{unit} {last}"
            i += 2
        blank = parts[i + 1] if i + 1 < n else ""
        if blank[:1] == " ":
            out.append((unit, True))
            blank = blank[1:]
        else:
            out.append((unit, False))
        if blank:
            out.append((blank, False))
        i += 2
    return out
