"""Write tests/bibliography/cases/probes_third.jsonl: the third probe set, written after the
second set's fixes and measured at first contact (test_probes.py's docstring).

Shapes neither earlier set prints: initials-first title pages, inverted capitals with
semicolons, semicolon lists closed by "and" with degrees, a letter whose authors carry dotted
initials after the body, a three-line Vancouver record (authors, title, source on lines of
their own), a labelled database record ("Title:", "Authors:", "Source:"), an "Authors" label
with one name a line, a German "von … und …" line, a PMC "Cite this" line with "et al.", and
an Annals-style author block.

    .venv/bin/python tests/bibliography/make_probes_third.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_probes import ABSTRACT, ARTICLES, Article, initials, write_cases
from make_probes_fresh import ARTICLES as FRESH

OUT = Path(__file__).parent / "cases" / "probes_third.jsonl"
POOL = [ARTICLES[0], ARTICLES[2], ARTICLES[5], FRESH[1], FRESH[2], FRESH[3]]


def _and(names: list[str], last: str = " and ") -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]


def vol(a: Article) -> str:
    return f"{a.volume}({a.issue})" if a.issue else a.volume


def s_initials_first(a: Article) -> str:
    names = _and([f"{initials(g, dots=True, space=True)} {s}" for g, s in a.authors])
    return f"{a.title}\n\n{names}\n\nDepartment of Dermatology, University of Oslo, Norway\n\n{ABSTRACT}\n{a.abbr}. {a.year};{vol(a)}:{a.pages}. doi:{a.doi}\n"


def s_caps_inverted(a: Article) -> str:
    names = "; ".join(f"{s.upper()}, {initials(g, dots=True)}" for g, s in a.authors)
    return f"{a.title.upper()}\n\n{names}\n\n{a.journal}, {a.year}, {a.volume}: {a.pages}\nDOI: {a.doi}\n\n{ABSTRACT}"


def s_annals(a: Article) -> str:
    parts = [f"{g} {s}, MD" for g, s in a.authors]
    names = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return f"ORIGINAL RESEARCH\n{a.title}\n{names}\n\nBackground: Skin disease.\n\n{a.abbr}. {a.year};{vol(a)}:{a.pages}. doi:{a.doi}\n"


def s_letter_initials(a: Article) -> str:
    names = _and([f"{initials(g, dots=True)} {s}{i + 1}" for i, (g, s) in enumerate(a.authors)])
    body = (
        "Dear Editor, cell therapies are tried in many skin diseases, and we report our "
        "experience with one of them in a small group of patients followed for a year.\n\n"
        "All patients improved, and none had a serious adverse event during follow-up.\n\n"
    )
    return (
        f"LETTER TO THE EDITOR\n{a.title}\n\n{body}{names}\n1Department of Dermatology, "
        f"University of Oslo, Norway\nCorrespondence: {a.authors[0][0]} {a.authors[0][1]}\n"
        f"Email: x@uni.example\n\nDOI: {a.doi}\n{a.journal}. {a.year};{vol(a)}:{a.pages}\n"
    )


def s_three_line_vancouver(a: Article) -> str:
    names = ", ".join(f"{s} {initials(g)}" for g, s in a.authors)
    return (
        f"{names}.\n{a.title}.\n{a.abbr}. {a.year};{vol(a)}:{a.pages}. doi: {a.doi}\n\n{ABSTRACT}"
    )


def s_labelled_record(a: Article) -> str:
    names = "; ".join(f"{s} {initials(g)}" for g, s in a.authors)
    return (
        f"Title: {a.title}\nAuthors: {names}\nSource: {a.abbr} {a.year};{vol(a)}:{a.pages}\n"
        f"DOI: {a.doi}\nPublication type: Journal Article\n\n{ABSTRACT}"
    )


def s_authors_label_lines(a: Article) -> str:
    names = "\n".join(f"{g} {s}" for g, s in a.authors)
    return f"{a.title}\n\nAuthors\n{names}\n\nPublished {a.year} in {a.journal}\nDOI {a.doi}\n\n{ABSTRACT}"


def s_german_von(a: Article) -> str:
    names = _and([f"{g} {s}" for g, s in a.authors], " und ")
    return (
        f"Originalarbeit\n\n{a.title}\n\nvon {names}\n\n{a.abbr} {a.year}; {a.volume}: {a.pages}"
        f"\nDOI {a.doi}\n\nZusammenfassung\nStammzellen werden erprobt.\n"
    )


def s_pmc_cite_this(a: Article) -> str:
    m = a.epub.split()[1]
    return (
        f"{a.title}\n\nCite this: {a.authors[0][1]} {initials(a.authors[0][0])}, et al. "
        f"{a.abbr}. {a.year} {m};{vol(a)}:{a.pages}.\ndoi: {a.doi}\n\n{ABSTRACT}"
    )


def s_and_only(a: Article) -> str:
    names = " and ".join(f"{g} {s}" for g, s in a.authors[:2])
    return (
        f"Brief Report\n\n{a.title}\n\n{names}\n\n{ABSTRACT}\n© {a.year} The Authors. doi:{a.doi}\n"
    )


STYLES: dict[str, Callable[[Article], str]] = {
    "initials-first": s_initials_first,
    "caps-inverted": s_caps_inverted,
    "annals": s_annals,
    "letter-initials": s_letter_initials,
    "three-line-vancouver": s_three_line_vancouver,
    "labelled-record": s_labelled_record,
    "authors-label-lines": s_authors_label_lines,
    "german-von": s_german_von,
    "pmc-cite-this": s_pmc_cite_this,
    "and-only": s_and_only,
}


def cases() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for k, (style, make) in enumerate(STYLES.items()):
        for j in (0, 1):
            a = POOL[(k + 3 * j) % len(POOL)]
            authors = [s for _, s in a.authors]
            if style == "and-only":
                authors = authors[:2]
            expect = {"authors": authors, "year": a.year, "doi": a.doi, "title": a.title}
            out.append(
                {"id": f"{style}-{a.key}", "style": style, "text": make(a), "expect": expect}
            )
    return out


def main() -> None:
    write_cases(OUT, cases())


if __name__ == "__main__":
    main()
