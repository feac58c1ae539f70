"""Write tests/bibliography/cases/probes_fresh.jsonl: the second probe set, written after the
candidate scorer and its fixes and measured at first contact (test_probes.py's docstring).

Shapes the first set (make_probes.py) does not print: publisher first pages of Hindawi,
Elsevier (ScienceDirect masthead, letter marks, Article history), PMC, PLOS, Frontiers (an
editor's name in a side column above the title), Thieme (German labels), JAAD (degrees with
letter marks), Acta Dermato-Venereologica (surnames in capitals), Preprints.org, a conference
abstract, an ORCID after each name, semicolons between names with degrees; citation lines of
Springer ("Cite this article"), BJD ("Cite this article:" with spaced pages), JAMA (a
"Citation" line without authors), and an EndNote (refer) export. Four new invented articles
(accents, hyphens, an Irish particle, Vietnamese names).

    .venv/bin/python tests/bibliography/make_probes_fresh.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_probes import ABSTRACT, FULL_MONTHS, Article, initials, write_cases

OUT = Path(__file__).parent / "cases" / "probes_fresh.jsonl"

ARTICLES = [
    Article(
        "nguyen",
        (("Thi Mai", "Nguyen"), ("Van Long", "Tran"), ("Hoang", "Pham")),
        "Autologous fat grafting with stromal vascular fraction for facial hemiatrophy in "
        "linear morphea",
        "International Journal of Dermatology",
        "Int J Dermatol",
        "Int. J. Dermatol.",
        2021,
        "60",
        "7",
        "851-858",
        "10.1111/ijd.15512",
        "2021 Mar 2",
        "33650000",
    ),
    Article(
        "adebayo",
        (
            ("Oluwaseun", "Adebayo-Williams"),
            ("Seán", "Ó Briain"),
            ("Lars-Erik", "Holmström"),
            ("Priya", "Natarajan"),
        ),
        "Exosomes from Wharton's jelly mesenchymal stem cells accelerate healing of diabetic "
        "foot ulcers",
        "Stem Cells International",
        "Stem Cells Int",
        "Stem Cells Int.",
        2019,
        "2019",
        None,
        "4512345",
        "10.1155/2019/4512345",
        "2019 May 5",
        "31190000",
    ),
    Article(
        "keller",
        (("Miriam", "Keller"), ("Tobias", "von Hagen")),
        "Adipose-derived stem cell conditioned medium improves androgenetic alopecia in women: "
        "a randomized trial",
        "Journal of Cosmetic Dermatology",
        "J Cosmet Dermatol",
        "J. Cosmet. Dermatol.",
        2022,
        "21",
        "11",
        "5980-5988",
        "10.1111/jocd.15233",
        "2022 Aug 1",
        "35900000",
    ),
    Article(
        "rahman",
        (("Farida", "Rahman"), ("Omar", "Haddad"), ("Leila", "Ahmadi"), ("Youssef", "Benali")),
        "Umbilical cord mesenchymal stem cells for refractory bullous pemphigoid: a case series",
        "Acta Dermato-Venereologica",
        "Acta Derm Venereol",
        "Acta Derm. Venereol.",
        2023,
        "103",
        None,
        "adv4521",
        "10.2340/actadv.v103.4521",
        "2023 Jan 20",
        "36660000",
    ),
]


def _and_list(names: list[str], last: str = " and ") -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]


def s_hindawi(a: Article) -> str:
    names = _and_list([f"{g} {s} ,{i + 1}" for i, (g, s) in enumerate(a.authors)])
    return (
        f"Hindawi\n{a.journal}\nVolume {a.year}, Article ID {a.pages}, 12 pages\n"
        f"https://doi.org/{a.doi}\n\nResearch Article\n{a.title}\n{names}\n"
        f"1Department of Dermatology, University of Lagos, Nigeria\n\nCorrespondence should be "
        f"addressed to {a.authors[0][0]} {a.authors[0][1]}; x@uni.example\n\nReceived 2 January "
        f"{a.year}; Accepted 4 April {a.year}\n\n{ABSTRACT}"
    )


def s_elsevier_page(a: Article) -> str:
    letters = "abcd"
    names = ", ".join(f"{g} {s}{letters[i % 2]}" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.journal} {a.volume} ({a.year}) {a.pages.replace('-', '–')}\nContents lists "
        f"available at ScienceDirect\n{a.journal}\njournal homepage: www.elsevier.com/locate/x\n"
        f"\n{a.title}\n{names},*\na Department of Dermatology, Charité, Berlin, Germany\nb "
        f"Institute of Cell Biology, Uppsala University, Sweden\n\nARTICLE INFO\nArticle "
        f"history:\nReceived 2 March {a.year}\nAccepted 10 June {a.year}\n\n{ABSTRACT}\n"
        f"https://doi.org/{a.doi}\n"
    )


def s_pmc(a: Article) -> str:
    names = _and_list([f"{g} {s},{i + 1}" for i, (g, s) in enumerate(a.authors)])
    return (
        f"{a.abbr}. {a.year}; {a.volume}: {a.pages.split('-')[0]}.\nPublished online {a.epub}. "
        f"doi: {a.doi}\nPMCID: PMC9876543\nPMID: {a.pmid}\n{a.title}\n{names}\nAuthor "
        f"information Article notes Copyright and License information\n\n{ABSTRACT}"
    )


def s_plos(a: Article) -> str:
    return (
        f"RESEARCH ARTICLE\n{a.title}\n"
        + _and_list([f"{g} {s}{i + 1}" for i, (g, s) in enumerate(a.authors)])
        + f"\n\n1 Department of Dermatology, Karolinska Institutet, Stockholm, Sweden\n\n"
        f"Citation: {', '.join(f'{s} {initials(g)}' for g, s in a.authors)} ({a.year}) "
        f"{a.title}. PLoS ONE 14(4): e0212345. https://doi.org/{a.doi}\n\nEditor: Jane Doe, "
        f"University of Toronto, CANADA\n\nReceived: March 1, {a.year}\nAccepted: April 2, "
        f"{a.year}\nPublished: April 20, {a.year}\n\n{ABSTRACT}"
    )


def s_frontiers_side(a: Article) -> str:
    names = _and_list(
        [f"{g} {s}{i + 1}*" if i == 0 else f"{g} {s}{i + 1}" for i, (g, s) in enumerate(a.authors)]
    )
    return (
        f"ORIGINAL RESEARCH\npublished: 12 {FULL_MONTHS[4]} {a.year}\ndoi: {a.doi}\n\n"
        f"Edited by:\nChiara Benedetti,\nUniversity of Padua, Italy\n\nReviewed by:\nHans "
        f"Richter,\nLMU Munich, Germany\n\n*Correspondence:\n{a.authors[0][0]} "
        f"{a.authors[0][1]}\nx@uni.example\n\n{a.title}\n{names}\n\n1 Department of "
        f"Dermatology, University of Oslo, Norway\n\n{ABSTRACT}"
    )


def s_thieme(a: Article) -> str:
    names = ", ".join(f"{g} {s}{i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.title}\n\nAutoren\n{names}\n\nInstitute\n1 Klinik für Dermatologie, Universität "
        f"Leipzig\n\nBibliografie\n{a.abbr} {a.year}; {a.volume}: {a.pages}\nDOI {a.doi}\n\n"
        f"Zusammenfassung\nStammzellen werden bei Hautkrankheiten erprobt.\n"
    )


def s_jaad(a: Article) -> str:
    letters = "abcd"
    parts = [f"{g} {s}, MD,{letters[i]}" for i, (g, s) in enumerate(a.authors)]
    return (
        f"{a.title}\n\n{_and_list(parts, ' and ')}\n{FULL_MONTHS[2]} {a.year}\n\n"
        f"Background: Cell-based therapies are tried in skin disease.\n\nJ Am Acad Dermatol "
        f"{a.year};{a.volume}:{a.pages}.\nhttps://doi.org/{a.doi}\n"
    )


def s_acta_caps(a: Article) -> str:
    names = _and_list([f"{g} {s.upper()}{i + 1}" for i, (g, s) in enumerate(a.authors)])
    return (
        f"SHORT COMMUNICATION\n\n{a.title}\n\n{names}\n1Department of Dermatology, Lund "
        f"University, Sweden\n\nAccepted Jan 20, {a.year}; Epub ahead of print Jan 27, {a.year}"
        f"\n\n{a.iso} {a.year}; {a.volume}: {a.pages}.\ndoi: {a.doi}\n\nAbstract\nWe treated.\n"
    )


def s_preprints(a: Article) -> str:
    names = ", ".join(f"{g} {s} {i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"Preprints (www.preprints.org) | NOT PEER-REVIEWED | Posted: 14 March {a.year} "
        f"doi:{a.doi}\n\nArticle\n{a.title}\n{names}\n\n1 University Hospital of Basel, "
        f"Switzerland\n\n{ABSTRACT}"
    )


def s_conference(a: Article) -> str:
    names = ", ".join(
        f"{initials(g, dots=True, space=True)} {s}{i + 1}" for i, (g, s) in enumerate(a.authors)
    )
    return (
        f"P123\n{a.title}\n{names}\n1 Oslo University Hospital, Oslo, Norway; 2 Karolinska "
        f"Institutet, Stockholm, Sweden\n\nCell-based therapies are tried in skin disease. We "
        f"treated patients.\n\n{a.journal} ({a.year}) {a.volume}, S5; doi:{a.doi}\n"
    )


def s_orcid(a: Article) -> str:
    names = ", ".join(
        f"{g} {s}{i + 1} https://orcid.org/0000-0002-{1000 + i}-567{i}"
        for i, (g, s) in enumerate(a.authors)
    )
    return (
        f"{a.title}\n\n{names}\n\n1 Department of Dermatology, Oslo\n\n{a.abbr}. {a.year};"
        f"{a.volume}:{a.pages}. doi:{a.doi}\n\n{ABSTRACT}"
    )


def s_semicolon_degrees(a: Article) -> str:
    letters = "abcd"
    names = "; ".join(f"{g} {s} MD, PhD{letters[i % 3]}" for i, (g, s) in enumerate(a.authors))
    return (
        f"CLINICAL RESEARCH\n{a.title}\n{names}\n\naDepartment of Dermatology, Cairo "
        f"University, Egypt\n\nKEYWORDS: stem cells\n\n{ABSTRACT}\n{a.journal} {a.year};"
        f"{vol(a)}:{a.pages}\nDOI: {a.doi}\n"
    )


def vol(a: Article) -> str:
    return f"{a.volume}({a.issue})" if a.issue else a.volume


def s_springer_cite(a: Article) -> str:
    names = [f"{s}, {initials(g, dots=True)}" for g, s in a.authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]
    return (
        f"{a.title}\n\n{_and_list([f'{g} {s}' for g, s in a.authors])}\n\n{ABSTRACT}\n"
        f"Cite this article\n{joined} {a.title}. {a.abbr} {a.volume}, {a.pages} ({a.year}). "
        f"https://doi.org/{a.doi}\n"
    )


def s_bjd_cite(a: Article) -> str:
    first = f"{a.authors[0][1]} {initials(a.authors[0][0])}"
    return (
        f"{a.title}\n\n{_and_list([f'{g} {s}' for g, s in a.authors])}\n\n{ABSTRACT}\n"
        f"Cite this article: {first}, et al. {a.title}. {a.abbr} {a.year}; {a.volume}: "
        f"{a.pages.replace('-', '–')}.\nhttps://doi.org/{a.doi}\n"
    )


def s_jama_citation(a: Article) -> str:
    names = "; ".join(f"{g} {s}, MD" for g, s in a.authors)
    return (
        f"Original Investigation\n{a.title}\n{names}\n\nIMPORTANCE Skin disease.\n\n"
        f"Author Affiliations: Department of Dermatology, Oslo.\n\nCitation: {a.abbr}. {a.year};"
        f"{vol(a)}:{a.pages}. doi:{a.doi}\n"
    )


def s_endnote(a: Article) -> str:
    au = "\n".join(f"%A {s}, {g}" for g, s in a.authors)
    return (
        f"%0 Journal Article\n{au}\n%T {a.title}\n%J {a.journal}\n%V {a.volume}\n%D {a.year}\n"
        f"%R {a.doi}\n\n{ABSTRACT}"
    )


STYLES: dict[str, Callable[[Article], str]] = {
    "hindawi": s_hindawi,
    "elsevier-page": s_elsevier_page,
    "pmc": s_pmc,
    "plos": s_plos,
    "frontiers-side": s_frontiers_side,
    "thieme": s_thieme,
    "jaad": s_jaad,
    "acta-caps": s_acta_caps,
    "preprints": s_preprints,
    "conference": s_conference,
    "orcid": s_orcid,
    "semicolon-degrees": s_semicolon_degrees,
    "springer-cite": s_springer_cite,
    "bjd-cite": s_bjd_cite,
    "jama-citation": s_jama_citation,
    "endnote": s_endnote,
}


def cases() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    n = len(ARTICLES)
    for k, (style, make) in enumerate(STYLES.items()):
        for j in (0, 1):
            a = ARTICLES[(k + 2 * j) % n]
            expect = {
                "authors": [s for _, s in a.authors],
                "year": a.year,
                "doi": a.doi,
                "title": a.title,
            }
            out.append(
                {"id": f"{style}-{a.key}", "style": style, "text": make(a), "expect": expect}
            )
    return out


def main() -> None:
    write_cases(OUT, cases())


if __name__ == "__main__":
    main()
