"""Lexicon matching over folded atoms: the pure algorithm behind ``extractor_lexicon_matcher``.

No spaCy here. A :class:`LexiconIndex` is built from lexicon rows (``models/lexicons``) and
finds :class:`Match` objects (exact character offsets) in any text. Notation variants are
handled by folding (``extractor.normalize.text``), not by listing spellings: IL4 / IL-4 /
IL 4 / interleukin-4 / "interleukin (IL)-4"; TNFα / TNF-α / TNF-alpha / TNF-a; plurals.

Rules beyond plain lookup, each general (GUIDELINES §1-4):
- a match must start and end on atom boundaries that are token boundaries, so ``IL-4R``,
  ``IL-13Rα1`` and ``IL17+`` never yield ``IL-4``/``IL-13``/``IL-17`` (receptors, markers);
- blockers (``models/patterns/blockers.jsonl``) drop matches followed by e.g. "receptor";
- a cell line followed by its head noun ("HaCaT cells") is one span;
- a cell (or cytokine) directly premodifying a vesicle ("ADMSC-derived exosomes",
  "cASC-EVs", "IFNγ-sEVs") is one VESICLE span, norm parent + "-" + type; so is a cell +
  hyphen + a type abbreviation that is a vesicle only there ("UC-MSC-ABs", "ADSC-ELNs"; row
  key ``compound_synonyms``), whose bare use elsewhere in the same text then counts too;
- elliptical conjuncts are their own mentions: "IL-4, -5 and -13", "IL-4/-13" -> ``-5``
  (IL-5), ``-13`` (IL-13); "CD8+ and CD4+ T cells" -> ``CD8+`` (CD8+ T cell);
- population markers before a cell name are inside its span, intensity qualifiers included
  ("CD4+CD25highCD127low regulatory T cells", "CD14dim monocytes").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from extractor.normalize.folding import (
    GREEK_TO_LATIN,
    Atom,
    AtomColumns,
    atom_columns,
    atomize,
    is_light_gap,
)
from extractor.pipeline.cell_grammar import CellGrammar
from extractor.pipeline.cell_lines import CellLineIndex
from extractor.pipeline.lexicon_rows import (  # noqa: F401 (re-exported)
    CASE_PENALTY,
    CONF_CURATED,
    CONF_ELLIPSIS,
    CONF_GENERATED,
    LABELS,
    ROW_KEYS,
    Blocker,
    Concept,
    Match,
    _case_ok,
    _case_sensitive,
    _plural_of_capitals,
    _Variant,
    validate_row,
)
from extractor.pipeline.match_passes import (
    cell_line_with_type,
    ellipses,
    extend_cell_lines,
    licensed_abbreviations,
    vesicle_compounds,
    with_grammar,
)
from extractor.pipeline.match_rules import (
    _ABBR_END,
    _HYPHENS,
    _derived_cells,
    _gap_is_skip,
    _parenthetical_windows,
    _with_marker_prefixes,
)
from extractor.pipeline.score_grammar import ScoreGrammar

_UNSEEN = object()


# an instrument's abbreviation: letters and digits, two capitals at least ("CEA", "mSS", "REU")
_LICENSED_SHAPE = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9-]{1,9}")


# A node of the key trie: the next atom keys, the variants of the key ending here (or
# None), the node's number.
_Node = tuple[dict[str, "_Node"], "list[_Variant] | None", int]


def _key_trie(table: Mapping[tuple[str, ...], list[_Variant]]) -> dict[str, _Node]:
    """The table's keys as a trie of atom keys: the scanner extends a name by one dict
    lookup per atom instead of building and hashing a key tuple twice (table, prefixes):
    _scan 5.1 -> 3.6 ms on the review."""
    root: dict[str, list[Any]] = {}
    count = 0
    for key in sorted(table):
        level = root
        for k, atom in enumerate(key):
            node = level.get(atom)
            if node is None:
                node = level[atom] = [{}, None, count]
                count += 1
            if k == len(key) - 1:
                node[1] = table[key]
            level = node[0]

    def frozen(level: dict[str, list[Any]]) -> dict[str, _Node]:
        return {a: (frozen(c), v, nid) for a, (c, v, nid) in level.items()}

    return frozen(root)


def _any_of(patterns: list[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """One pattern that matches where any of ``patterns`` does, or None for none."""
    live = [p for p in patterns if p is not None]
    return re.compile("|".join(f"(?:{p.pattern})" for p in live)) if live else None


def _joinable(patterns: list[re.Pattern[str] | None]) -> bool:
    """Whether an alternation of ``patterns`` means what each does: no flags, no groups
    (whose numbers would shift)."""
    return all(p is None or (p.flags == re.UNICODE and not p.groups) for p in patterns)


class LexiconIndex:
    """Folded-key index over lexicon rows; :meth:`find` returns all candidate matches."""

    def __init__(
        self,
        rows: Iterable[Mapping[str, Any]],
        blockers: Iterable[Mapping[str, Any]] = (),
        grammar: CellGrammar | None = None,
        cell_lines: CellLineIndex | None = None,
        scores: ScoreGrammar | None = None,
    ):
        self.concepts: list[Concept] = []
        self.table: dict[tuple[str, ...], list[_Variant]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.firsts: set[str] = set()  # atom keys that can start a name
        self.max_len = 0  # most atoms in one synonym
        self.norms: dict[tuple[str, str], int] = {}
        self.odd_gaps: set[str] = set()  # unusual gaps some synonym spells ("." of RAW 264.7)
        self._gap_cache: dict[str, bool] = {}
        # (key's node number, surface) -> what _accept made of it (label, norm, id,
        # confidence, source)
        self._verdicts: dict[tuple[int, str], tuple[Any, ...] | None] = {}
        # Vesicle-type abbreviations valid only after a parent ("MSC-ABs"): alone, "ABs"
        # usually means antibodies (row key ``compound_synonyms``, exact case).
        self.compound_only: dict[str, int] = {}
        # Instrument abbreviations that are no synonym of their row (ambiguous alone: CEA,
        # PSA, RCS): read where the document names the instrument in full (match_passes)
        self.licensed: dict[str, int] = {}
        self.compound_re: re.Pattern[str] | None = None
        self.blockers = [
            Blocker(
                b["label"],
                re.compile(b["after"]) if b.get("after") else None,
                b.get("source", ""),
                re.compile(rf"(?:{b['before']})$") if b.get("before") else None,
            )
            for b in blockers
        ]
        self.blockers_by_label: dict[str, list[Blocker]] = {}
        for b in self.blockers:
            self.blockers_by_label.setdefault(b.label, []).append(b)
        # one pattern per label and side: any blocker of the label applies iff their
        # alternation does (two regex calls per match instead of one per blocker)
        self._blocking = {
            label: (_any_of([b.after for b in bs]), _any_of([b.before for b in bs]))
            for label, bs in self.blockers_by_label.items()
            if _joinable([b.after for b in bs] + [b.before for b in bs])
        }
        for row in rows:
            self._add(row)
        self.trie = _key_trie(self.table)
        self.grammar = grammar
        self.cell_lines = cell_lines
        self.scores = scores
        if self.compound_only:
            alts = "|".join(re.escape(a) for a in sorted(self.compound_only, key=len, reverse=True))
            self.compound_re = re.compile(rf"(?P<abbr>{alts})s?{_ABBR_END}")

    def _add(self, row: Mapping[str, Any]) -> None:
        validate_row(row)
        conf = CONF_CURATED if row.get("status") == "curated" else CONF_GENERATED
        idx = len(self.concepts)
        self.concepts.append(
            Concept(
                row["label"],
                row["name"],
                row.get("id"),
                str(row.get("source", "")),
                conf,
                bool(row.get("cell_line")),
            )
        )
        self.norms.setdefault((row["label"], row["name"]), idx)
        if (
            row["label"] == "OUTCOME_SCORE"
            and _LICENSED_SHAPE.fullmatch(row["name"])
            and row["name"] not in row["synonyms"]
        ):
            self.licensed.setdefault(row["name"], idx)  # "CEA": only beside its long form
        for abbr in row.get("compound_synonyms") or ():
            self.compound_only.setdefault(abbr, idx)
        for syn in row["synonyms"]:
            atoms = atomize(syn)
            if not atoms:
                continue
            for keys, tight in self._key_variants(atoms):
                var = _Variant(
                    idx,
                    tuple(a.raw for a in atoms),
                    tuple(a.gap for a in atoms[1:]),
                    tight,
                    _case_sensitive(syn, atoms),
                    any(tight),
                )
                self.table.setdefault(keys, []).append(var)
                self.firsts.add(keys[0])
                self.max_len = max(self.max_len, len(keys))
                self.odd_gaps.update(g for g in var.gaps if not is_light_gap(g))
                for n in range(1, len(keys)):
                    self.prefixes.add(keys[:n])

    @staticmethod
    def _key_variants(atoms: list[Atom]) -> list[tuple[tuple[str, ...], tuple[bool, ...]]]:
        keys = tuple(a.key for a in atoms)
        out = [(keys, (False,) * len(keys))]
        # "TNF-a", "IL-1b": a Greek letter typed as its Latin look-alike, never first.
        greek = [i for i, k in enumerate(keys) if i > 0 and k in GREEK_TO_LATIN]
        if greek:
            alt = list(keys)
            for i in greek:
                alt[i] = GREEK_TO_LATIN[keys[i]]
            out.append((tuple(alt), tuple(i in greek for i in range(len(keys)))))
        return out

    # ------------------------------------------------------------------ matching

    def find(self, text: str) -> list[Match]:
        """All candidate matches in ``text`` (overlapping; the entity filter resolves them)."""
        atoms = atom_columns(text)
        found: dict[tuple[int, int, str, str], Match] = {}
        for m in self._scan(text, atoms, range(len(atoms.keys))):
            found.setdefault((m.start, m.end, m.label, m.norm), m)
        # Names spanning a one-atom parenthetical ("interleukin (IL)-4"): rescan a window
        # around each such parenthetical with that atom left out.
        for window, n_starts in _parenthetical_windows(text, atoms, self.max_len):
            for m in self._scan(text, window, range(n_starts)):
                found.setdefault((m.start, m.end, m.label, m.norm), m)
        best: dict[tuple[int, int], Match] = {}
        for m in found.values():  # one concept per offsets: the most trusted row wins
            k = (m.start, m.end)
            if k not in best or m.confidence > best[k].confidence:
                best[k] = m
        matches = with_grammar(self, text, list(best.values()))
        matches = [m for m in matches if not self._blocked(text, m)]
        matches = extend_cell_lines(self, text, matches)
        matches = cell_line_with_type(self, text, matches)
        matches += ellipses(self, text, matches)
        matches += _derived_cells(text, matches)
        matches += vesicle_compounds(self, text, matches)
        selection = self.grammar.selection_markers if self.grammar is not None else None
        matches = _with_marker_prefixes(text, matches, selection)
        matches += licensed_abbreviations(self, text, matches)
        return sorted(matches, key=lambda m: (m.start, -m.end, m.label))

    def _scan(self, text: str, atoms: AtomColumns, starts: Iterable[int]) -> Iterable[Match]:
        a_starts, a_ends, _, keys, gaps = atoms
        n = len(keys)
        trie = self.trie
        gap_cache, continues = self._gap_cache, self._gap_continues
        verdicts = self._verdicts
        # No name starts at an atom no synonym starts with, nor inside a token ("4" of
        # "IL4"): one pass over the atoms' keys leaves the few starts worth extending.
        cands = [i for i in starts if keys[i] in trie and (i == 0 or gaps[i] != "")]
        for i in cands:
            best: Match | None = None
            node = trie[keys[i]]
            j = i
            while True:
                children, variants, nid = node
                if variants is not None and (j + 1 == n or gaps[j + 1] != ""):
                    start, end = a_starts[i], a_ends[j]
                    # A verdict depends only on the atoms' raws and gaps, which the key (its
                    # node) and the surface fix (a window's surface holds one atom more than
                    # its key): a paper names the same few hundred things again and again.
                    ck = (nid, text[start:end])
                    hit: Any = verdicts.get(ck, _UNSEEN)
                    if hit is _UNSEEN:
                        seq = [atoms.atom(k) for k in range(i, j + 1)]
                        m = self._accept(seq, variants)
                        hit = None if m is None else (m.label, m.norm, m.id, m.confidence, m.source)
                        if len(verdicts) >= 65536:  # bounded over a long batch run
                            verdicts.clear()
                        verdicts[ck] = hit
                    if hit is not None:
                        best = Match(start, end, *hit)
                if not children:
                    break
                j += 1
                if j == n:
                    break
                gap = gaps[j]
                ok = gap_cache.get(gap)
                if not (continues(gap) if ok is None else ok):
                    break  # an unusual gap only continues a name that a synonym spells so
                nxt = children.get(keys[j])
                if nxt is None:
                    break  # no synonym's key goes on so
                node = nxt
            if best is not None:
                yield best

    def forget_texts(self) -> None:
        """Empty the memos keyed by pieces of texts read so far (verdicts, gaps): what
        ``extractor bench`` does before each pass, so a repeated document is read as one
        never seen."""
        self._verdicts.clear()
        self._gap_cache.clear()

    def _gap_continues(self, gap: str) -> bool:
        """Whether ``gap`` may sit inside a name here (cached: a paper has few distinct gaps)."""
        known = self._gap_cache.get(gap)
        if known is None:
            known = is_light_gap(gap) or _gap_is_skip(gap) or gap in self.odd_gaps
            if len(self._gap_cache) >= 65536:  # a long batch run must not grow it forever
                self._gap_cache.clear()
            self._gap_cache[gap] = known
        return known

    def _accept(self, seq: list[Atom], variants: list[_Variant]) -> Match | None:
        gaps = tuple(a.gap for a in seq[1:])
        for v in variants:
            if v.has_tight and any(
                t and seq[k].gap != "" and not _HYPHENS.intersection(seq[k].gap)
                for k, t in enumerate(v.tight)
                if k > 0
            ):
                continue
            if gaps != v.gaps and any(
                g != s and not (is_light_gap(g) or _gap_is_skip(g))
                for g, s in zip(gaps, v.gaps, strict=True)
            ):
                continue
            if v.case_sensitive and not _case_ok(v.raws, seq):
                continue
            c = self.concepts[v.concept]
            if c.label == "CYTOKINE" and _plural_of_capitals(v.raws, seq):
                continue  # "KCs" counts keratinocytes: a protein's acronym takes no plural
            exact = all(a.raw == r for a, r in zip(seq, v.raws, strict=True))
            conf = c.confidence * (1.0 if exact else CASE_PENALTY)
            start, end = seq[0].start, seq[-1].end
            return Match(start, end, c.label, c.norm, c.id, round(conf, 3), c.source)
        return None

    def _blocked(self, text: str, m: Match) -> bool:
        """Whether a blocker of the match's label applies (most labels have none)."""
        blocking = self._blocking.get(m.label)
        if blocking is not None:
            after, before = blocking
            return (after is not None and after.match(text[m.end : m.end + 40]) is not None) or (
                before is not None
                and before.search(text[max(0, m.start - 40) : m.start]) is not None
            )
        blockers = self.blockers_by_label.get(m.label)
        if not blockers:
            return False
        tail = text[m.end : m.end + 40]
        head = text[max(0, m.start - 40) : m.start]
        return any(
            (b.after is not None and b.after.match(tail) is not None)
            or (b.before is not None and b.before.search(head) is not None)
            for b in blockers
        )

    def line_concept(self, name: str, accession: str | None) -> None:
        """Register a Cellosaurus line as a cell-line concept ("CPEK keratinocytes", "Vero
        cells" join their head like a curated line)."""
        if ("CELL", name) not in self.norms:
            self.norms[("CELL", name)] = len(self.concepts)
            self.concepts.append(
                Concept("CELL", name, accession, "Cellosaurus", CONF_GENERATED, cell_line=True)
            )

    def is_cell_line(self, m: Match) -> bool:
        c = self.concept(m)
        return c is not None and c.cell_line

    def concept(self, m: Match) -> Concept | None:
        idx = self.norms.get((m.label, m.norm))
        return None if idx is None else self.concepts[idx]
