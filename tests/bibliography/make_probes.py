"""Write tests/bibliography/cases/probes.jsonl: the development probe set of header variants.

Not hand-annotated documents but generated ones: eight invented articles (authors with
particles, hyphens, apostrophes, accents, one to six authors, an online year before the issue
year) printed in the header shapes papers, databases and websites print (citation lines in
Vancouver, APA, Harvard, MLA, Chicago, IEEE, Nature, Scopus; PubMed, MEDLINE, RIS, Web of
Science, BibTeX exports; publisher title pages with marks, degrees, separators; running heads
and footers; cite-as boxes after the abstract; preprint servers; ResearchGate and Google
Scholar; NIH author manuscripts; letters whose authors follow the body). Each case is one
header followed by a short body, with the first author, year, DOI and title it prints; some
bodies cite other papers and end in a reference list (those are never the identity).

Written before the reader was changed to score its candidates, and measured at first contact
(tests/bibliography/test_probes.py's docstring has the figures). Rerun to regenerate:

    .venv/bin/python tests/bibliography/make_probes.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).parent / "cases" / "probes.jsonl"


@dataclass(frozen=True)
class Article:
    key: str
    authors: tuple[tuple[str, str], ...]  # (given names, surname)
    title: str
    journal: str
    abbr: str  # NLM abbreviation
    iso: str  # dotted ISO 4 abbreviation
    year: int
    volume: str
    issue: str | None
    pages: str
    doi: str
    epub: str  # "2018 Nov 2": the online date (its year may precede the issue's)
    pmid: str


ARTICLES = [
    Article(
        "okafor",
        (("Tunde N.", "Okafor"), ("Erik", "Lindqvist"), ("Rami", "Haddad")),
        "Umbilical cord mesenchymal stem cells for recalcitrant pemphigus vulgaris: a pilot study",
        "Journal of Investigative Dermatology",
        "J Invest Dermatol",
        "J. Invest. Dermatol.",
        2019,
        "139",
        "4",
        "812-820",
        "10.1016/j.jid.2018.10.021",
        "2018 Nov 2",
        "30412345",
    ),
    Article(
        "vanderberg",
        (
            ("Maria Clara", "van der Berg"),
            ("Luis", "García-Pérez"),
            ("Hye-Jin", "Seo"),
            ("Ahmed", "Al-Rashid"),
        ),
        "Adipose-derived stem cell exosomes reduce hypertrophic burn scars in a split-scar trial",
        "Burns",
        "Burns",
        "Burns",
        2021,
        "47",
        "3",
        "601-610",
        "10.1016/j.burns.2020.08.011",
        "2020 Sep 14",
        "32987654",
    ),
    Article(
        "wang",
        (("Xiaoli", "Wang"), ("Jun", "Li"), ("Hong", "Chen"), ("Wei", "Zhang"), ("Na", "Liu")),
        "Topical mesenchymal stem cell secretome for vitiligo: a randomised controlled trial",
        "Stem Cell Research & Therapy",
        "Stem Cell Res Ther",
        "Stem Cell Res. Ther.",
        2022,
        "13",
        None,
        "412",
        "10.1186/s13287-022-03101-4",
        "2022 Aug 19",
        "35986321",
    ),
    Article(
        "osullivan",
        (("Aoife", "O'Sullivan"), ("Kwame", "Mensah")),
        "Wharton's jelly mesenchymal stem cells in recessive dystrophic epidermolysis bullosa: "
        "two cases",
        "British Journal of Dermatology",
        "Br J Dermatol",
        "Br. J. Dermatol.",
        2020,
        "182",
        "2",
        "455-457",
        "10.1111/bjd.18301",
        "2019 Oct 3",
        "31580001",
    ),
    Article(
        "vasquez",
        (
            ("Daniela", "Vásquez-Mora"),
            ("Pieter", "de Vries"),
            ("Sanjay", "Ramanathan"),
            ("Olga", "Petrova"),
            ("Jean-Luc", "Moreau"),
            ("Fatima", "Bello"),
        ),
        "Extracellular vesicles from bone marrow stromal cells attenuate imiquimod-induced "
        "psoriasiform dermatitis in mice",
        "Frontiers in Immunology",
        "Front Immunol",
        "Front. Immunol.",
        2023,
        "14",
        None,
        "1187345",
        "10.3389/fimmu.2023.1187345",
        "2023 Jun 6",
        "37345678",
    ),
    Article(
        "yamamoto",
        (("Kenji", "Yamamoto"), ("Sakura", "Tanaka"), ("Hiroshi", "Sato")),
        "Human amniotic epithelial cells promote hair regrowth in androgenetic alopecia: an "
        "open-label study",
        "Journal of Dermatological Science",
        "J Dermatol Sci",
        "J. Dermatol. Sci.",
        2018,
        "92",
        "1",
        "33-41",
        "10.1016/j.jdermsci.2018.07.004",
        "2018 Jul 20",
        "30055555",
    ),
    Article(
        "thornton",
        (("Rebecca", "Thornton-Wilde"),),
        "Conditioned medium after fractional laser for atrophic acne scars",
        "Dermatologic Surgery",
        "Dermatol Surg",
        "Dermatol. Surg.",
        2017,
        "43",
        "9",
        "1120-1127",
        "10.1097/DSS.0000000000001166",
        "2017 Sep 1",
        "28700001",
    ),
    Article(
        "eze",
        (("Ngozi", "Eze"), ("Matteo", "Rossi"), ("Ingrid", "Solvang"), ("Tomás", "Iturbe")),
        "Intralesional stromal vascular fraction for keloids: a prospective cohort",
        "Aesthetic Plastic Surgery",
        "Aesthetic Plast Surg",
        "Aesthetic Plast. Surg.",
        2024,
        "48",
        "2",
        "210-219",
        "10.1007/s00266-023-03612-9",
        "2023 Oct 11",
        "37822222",
    ),
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

ABSTRACT = (
    "Abstract\nBackground: Cell-based therapies are being tried in skin disease. Methods: We "
    "treated patients and followed them for 12 weeks. Results: Lesions improved. Conclusions: "
    "The therapy was safe.\n"
)
# a body that cites another paper and ends in a reference list: never the identity
CITING_BODY = (
    "Introduction\nMesenchymal stem cells were first tried in skin disease by Hollander et al. "
    "(2012), and Brown and Kiplagat later confirmed their safety [2].\n\nReferences\n"
    "1. Hollander PJ, Smith K, Avery L. Stem cells in skin. J Cell Med. 2012;4(2):11-19. "
    "doi:10.1000/jcm.2012.004\n2. Brown A, Kiplagat J. Safety of MSC. Lancet Derm. "
    "2014;2:100-104.\n"
)


def initials(given: str, dots: bool = False, space: bool = False) -> str:
    """``Tunde N.`` -> ``TN`` / ``T.N.`` / ``T. N.``; ``Hye-Jin`` -> ``HJ`` / ``H.-J.``."""
    parts: list[str] = []
    for word in given.replace(".", "").split():
        bits = word.split("-")
        if dots:
            parts.append("-".join(b[0] + "." for b in bits))
        else:
            parts.append("".join(b[0] for b in bits))
    return (" " if space else "").join(parts) if dots else "".join(parts)


def year_first_page(a: Article) -> str:
    return a.pages.split("-")[0]


def vanc_names(a: Article, limit: int = 6) -> str:
    names = [f"{s} {initials(g)}" for g, s in a.authors]
    if len(names) > limit:
        names = [*names[:3], "et al"]
    return ", ".join(names)


def vol_issue(a: Article) -> str:
    return f"{a.volume}({a.issue})" if a.issue else a.volume


def apa_names(a: Article) -> str:
    names = [f"{s}, {initials(g, dots=True, space=True)}" for g, s in a.authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def harvard_names(a: Article) -> str:
    names = [f"{s}, {initials(g, dots=True)}" for g, s in a.authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def given_first(a: Article, sep: str = ", ", last: str = " and ") -> str:
    names = [f"{g} {s}" for g, s in a.authors]
    if len(names) == 1:
        return names[0]
    return sep.join(names[:-1]) + last + names[-1]


def marked(a: Article, sym: bool = True) -> str:
    out = []
    for i, (g, s) in enumerate(a.authors):
        mark = f"{i % 3 + 1}" + (",*" if sym and i == 0 else "") + ("†" if sym and i == 1 else "")
        out.append(f"{g} {s}{mark}")
    return (
        ", ".join(out[:-1]) + (" and " if len(out) > 1 else "") + out[-1]
        if len(out) > 1
        else out[0]
    )


def affiliations(a: Article) -> str:
    return (
        "1 Department of Dermatology, University Hospital of Northern Norway, Tromsø, Norway\n"
        "2 Institute of Regenerative Medicine, Cairo University, Giza, Egypt\n"
        "3 School of Medicine, University of Ghana, Accra, Ghana\n"
        "* Correspondence: corresponding.author@uni.example\n"
    )


# --------------------------------------------------------------------------- styles
# each: (style, article) -> text; the expectation is the article's own data unless the style
# does not print a field (then the key is left out of the check)


def s_vancouver(a: Article) -> str:
    return (
        f"{vanc_names(a)}. {a.title}. {a.abbr}. {a.year};{vol_issue(a)}:{a.pages}. "
        f"doi:{a.doi}\n\n{ABSTRACT}"
    )


def s_apa(a: Article) -> str:
    return (
        f"{apa_names(a)} ({a.year}). {a.title}. {a.journal}, {vol_issue(a)}, "
        f"{a.pages.replace('-', '–')}. https://doi.org/{a.doi}\n\n{ABSTRACT}"
    )


def s_harvard(a: Article) -> str:
    return (
        f"{harvard_names(a)} ({a.year}) '{a.title}', {a.journal}, {vol_issue(a)}, pp. "
        f"{a.pages.replace('-', '–')}. doi: {a.doi}.\n\n{ABSTRACT}"
    )


def s_mla(a: Article) -> str:
    g, s = a.authors[0]
    if len(a.authors) >= 3:
        names = f"{s}, {g}, et al."
    elif len(a.authors) == 2:
        g2, s2 = a.authors[1]
        names = f"{s}, {g}, and {g2} {s2}."
    else:
        names = f"{s}, {g}."
    issue = f", no. {a.issue}" if a.issue else ""
    return (
        f"{names} \u201c{a.title}.\u201d {a.journal}, vol. {a.volume}{issue}, {a.year}, pp. "
        f"{a.pages}, https://doi.org/{a.doi}.\n\n{ABSTRACT}"
    )


def s_chicago(a: Article) -> str:
    g, s = a.authors[0]
    rest = [f"{g2} {s2}" for g2, s2 in a.authors[1:]]
    if rest:
        names = (
            f"{s}, {g}, " + ", ".join(rest[:-1]) + (", " if rest[:-1] else "") + f"and {rest[-1]}."
        )
    else:
        names = f"{s}, {g}."
    issue = f" ({a.issue})" if a.issue else ""
    return (
        f"{names} {a.year}. \u201c{a.title}.\u201d {a.journal} {a.volume}{issue}: {a.pages}. "
        f"https://doi.org/{a.doi}.\n\n{ABSTRACT}{CITING_BODY}"
    )


def s_ieee(a: Article) -> str:
    names = [f"{initials(g, dots=True, space=True)} {s}" for g, s in a.authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
    issue = f", no. {a.issue}" if a.issue else ""
    month = a.epub.split()[1]
    return (
        f"{joined}, \u201c{a.title},\u201d {a.iso}, vol. {a.volume}{issue}, pp. "
        f"{a.pages.replace('-', '–')}, {month}. {a.year}, doi: {a.doi}.\n\n{ABSTRACT}"
    )


def s_nature(a: Article) -> str:
    names = [f"{s}, {initials(g, dots=True, space=True)}" for g, s in a.authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]
    return (
        f"{joined} {a.title}. {a.iso} {a.volume}, {a.pages.replace('-', '–')} ({a.year}).\n"
        f"https://doi.org/{a.doi}\n\n{ABSTRACT}"
    )


def s_scopus(a: Article) -> str:
    names = ", ".join(f"{s} {initials(g, dots=True)}" for g, s in a.authors)
    issue = f" ({a.issue})" if a.issue else ""
    return (
        f"{names} {a.title} ({a.year}) {a.journal}, {a.volume}{issue}, pp. {a.pages}. "
        f"DOI: {a.doi}\n\n{ABSTRACT}"
    )


def s_pubmed_summary(a: Article) -> str:
    return (
        f"1. {a.abbr}. {a.year};{vol_issue(a)}:{a.pages}. doi: {a.doi}. Epub {a.epub}.\n\n"
        f"{a.title}.\n\n"
        + ", ".join(f"{s} {initials(g)}({i + 1})" for i, (g, s) in enumerate(a.authors))
        + f".\n\nAuthor information:\n(1)Department of Dermatology, Oslo, Norway.\n\n"
        f"{ABSTRACT}\nPMID: {a.pmid}\n"
    )


def s_pubmed_web(a: Article) -> str:
    names = ", ".join(f"{g} {s} {i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.abbr}\n. {a.year};{vol_issue(a)}:{a.pages}.\n doi: {a.doi}. Epub {a.epub}.\n\n"
        f"{a.title}\n{names}\nAffiliations expand\nPMID: {a.pmid} DOI: {a.doi}\n\n{ABSTRACT}"
        "Similar articles\nHollander PJ, et al. Stem cells in skin. J Cell Med. 2012.\n"
    )


def s_medline(a: Article) -> str:
    fau = "\n".join(f"FAU - {s}, {g}\nAU  - {s} {initials(g)}" for g, s in a.authors)
    return (
        f"PMID- {a.pmid}\nOWN - NLM\nDP  - {a.year} {MONTHS[2]}\nTI  - {a.title}.\n"
        f"LID - {a.doi} [doi]\nAB  - Cell-based therapies are being tried in skin disease.\n"
        f"{fau}\nLA  - eng\nTA  - {a.abbr}\nJT  - {a.journal}\nSO  - {a.abbr}. "
        f"{a.year};{vol_issue(a)}:{a.pages}.\n\n{ABSTRACT}"
    )


def s_ris(a: Article) -> str:
    au = "\n".join(f"AU  - {s}, {g}" for g, s in a.authors)
    return (
        f"TY  - JOUR\n{au}\nTI  - {a.title}\nT2  - {a.journal}\nPY  - {a.year}\n"
        f"VL  - {a.volume}\nSP  - {year_first_page(a)}\nDO  - {a.doi}\nER  - \n\n{ABSTRACT}"
    )


def s_wos(a: Article) -> str:
    au = "\n   ".join(f"{s}, {initials(g)}" for g, s in a.authors)
    return (
        f"FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU {au}\nTI {a.title}\n"
        f"SO {a.journal.upper()}\nPY {a.year}\nVL {a.volume}\nBP {year_first_page(a)}\n"
        f"DI {a.doi}\nER\n\n{ABSTRACT}"
    )


def s_bibtex(a: Article) -> str:
    au = " and ".join(f"{s}, {g}" for g, s in a.authors)
    return (
        f"@article{{{a.key}{a.year},\n  title = {{{a.title}}},\n  author = {{{au}}},\n"
        f"  journal = {{{a.journal}}},\n  volume = {{{a.volume}}},\n  year = {{{a.year}}},\n"
        f"  doi = {{{a.doi}}}\n}}\n\n{ABSTRACT}"
    )


def s_mdpi_page(a: Article) -> str:
    return (
        f"Article\n{a.title}\n{marked(a)}\n{affiliations(a)}\nReceived: 2 March {a.year}; "
        f"Accepted: 20 April {a.year}; Published: 1 May {a.year}\n\n{ABSTRACT}\n"
        f"{a.iso} {a.year}, {a.volume}, {year_first_page(a)}. https://doi.org/{a.doi}\n"
        f"https://www.mdpi.com/journal/x\n"
    )


def s_springer_dot(a: Article) -> str:
    names = " · ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"{a.journal} ({a.year}) {a.volume}:{a.pages}\nhttps://doi.org/{a.doi}\n\n"
        f"ORIGINAL ARTICLE\n\n{a.title}\n\n{names}\n\nReceived: 3 May {a.year - 1} / "
        f"Accepted: 12 September {a.year - 1}\n© The Author(s) {a.year}\n\n{ABSTRACT}"
    )


def s_bullet_page(a: Article) -> str:
    names = " • ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"{a.title}\n\n{names}\n\nReceived: 10 January {a.year} / Accepted: 3 March "
        f"{a.year}\n© Springer Science+Business Media, LLC, part of Springer Nature {a.year}"
        f"\n\n{ABSTRACT}"
    )


def s_wiley_bar(a: Article) -> str:
    names = " | ".join(f"{g} {s} MD{i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"Received: 4 June {a.year - 1} | Revised: 2 August {a.year - 1} | Accepted: 9 "
        f"September {a.year - 1}\nDOI: {a.doi}\n\nORIGINAL ARTICLE\n\n{a.title}\n\n{names}\n\n"
        f"{affiliations(a)}\n{ABSTRACT}\n{a.journal}. {a.year};{vol_issue(a)}:{a.pages}.  "
        f"wileyonlinelibrary.com/journal/x   © {a.year} Wiley Periodicals LLC\n"
    )


def s_jama_semicolons(a: Article) -> str:
    names = "; ".join(
        f"{g} {s}, MD" + (", PhD" if i % 2 else "") for i, (g, s) in enumerate(a.authors)
    )
    return (
        f"Original Investigation\n\n{a.title}\n\n{names}\n\n"
        f"IMPORTANCE Cell-based therapies are being tried in skin disease.\n"
        f"OBJECTIVE To test one.\n\n{a.abbr}. {a.year};{vol_issue(a)}:{a.pages}. "
        f"doi:{a.doi}\nPublished online {a.epub.split()[2]} {FULL_MONTHS[MONTHS.index(a.epub.split()[1])]} {a.epub.split()[0]}.\n"
    )


def s_caps_names(a: Article) -> str:
    names = ", ".join(f"{g.upper()} {s.upper()}{i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.journal.upper()} {a.volume} ({a.year}) {a.pages}\n\n{a.title}\n\n{names}\n\n"
        f"{affiliations(a)}\n{ABSTRACT}"
    )


def s_one_per_line(a: Article) -> str:
    names = "\n".join(f"{g} {s}, MD" for g, s in a.authors)
    return (
        f"{a.title}\n\n{names}\n\nFrom the Department of Dermatology, University of "
        f"Ghana, Accra.\n\nCopyright © {a.year} by the American Society for Dermatologic "
        f"Surgery, Inc.\n{a.abbr} {a.year};{vol_issue(a)}:{a.pages}\nDOI: {a.doi}\n\n{ABSTRACT}"
    )


def s_running_head(a: Article) -> str:
    s = a.authors[0][1]
    etal = (
        " et al."
        if len(a.authors) > 2
        else (f" and {a.authors[1][1]}" if len(a.authors) == 2 else "")
    )
    return (
        f"{s}{etal} {a.journal} ({a.year}) {a.volume}:{year_first_page(a)}\n"
        f"https://doi.org/{a.doi}\n\nRESEARCH\nOpen Access\n\n{a.title}\n\n"
        f"{given_first(a)}*\n\n{ABSTRACT}{CITING_BODY}"
    )


def s_footer(a: Article) -> str:
    s = a.authors[0][1]
    return (
        f"{a.title}\n\n{given_first(a)}\n\n{affiliations(a)}\n{ABSTRACT}\n"
        f"Introduction\nStem cells are tried in many skin diseases.\n\n"
        f"{a.abbr} ({a.year}) {a.volume}, {a.pages}; doi:{a.doi}\n"
        f"{s} et al. | page 1 of 9\n"
    )


def s_cite_box_after(a: Article) -> str:
    return (
        f"{a.title}\n\n{marked(a, sym=False)}\n\n{affiliations(a)}\n{ABSTRACT}\n"
        f"Cite this article as: {vanc_names(a)}. {a.title}. {a.abbr}. {a.year};"
        f"{vol_issue(a)}:{a.pages}.\nhttps://doi.org/{a.doi}\n\nIntroduction\nSkin.\n"
    )


def s_elsevier_cite(a: Article) -> str:
    names = ", ".join(f"{initials(g, dots=True)} {s}" for g, s in a.authors)
    return (
        f"{a.title}\n\n{marked(a, sym=False)}\n\nARTICLE INFO\nKeywords: stem cells\n\n"
        f"{ABSTRACT}\nPlease cite this article in press as: {names}, {a.title}, {a.journal} "
        f"({a.year}), https://doi.org/{a.doi}\n"
    )


def s_biorxiv(a: Article) -> str:
    return (
        f"bioRxiv preprint doi: https://doi.org/{a.doi}; this version posted March 14, "
        f"{a.year}. The copyright holder for this preprint (which was not certified by peer "
        f"review) is the author/funder.\n\n{a.title}\n\n{marked(a, sym=False)}\n\n"
        f"{affiliations(a)}\n{ABSTRACT}"
    )


def s_medrxiv_cover(a: Article) -> str:
    names = ", ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"medRxiv preprint\n{a.title}\n{names}\nmedRxiv {a.year}.03.14.{a.pages.split('-')[0]}; "
        f"doi: https://doi.org/{a.doi}\nPosted March 16, {a.year}.\n\n{ABSTRACT}"
    )


def s_research_square(a: Article) -> str:
    lines = "\n".join(f"{g} {s}\nUniversity of Ghana" for g, s in a.authors)
    return (
        f"Research Article\n{a.title}\n{lines}\n\nResearch Square preprint\nDOI: "
        f"https://doi.org/{a.doi}\nPosted Date: May 3rd, {a.year}\n\n{ABSTRACT}"
    )


def s_researchgate(a: Article) -> str:
    return (
        "See discussions, stats, and author profiles for this publication at: "
        "https://www.researchgate.net/publication/339912345\n\n"
        f"{a.title}\n\nArticle in {a.journal} · March {a.year}\nDOI: {a.doi}\n\n"
        "CITATIONS\n14\nREADS\n389\n\n3 authors, including:\n\nHelena Marquardt\n"
        "Karolinska Institutet\n42 PUBLICATIONS 610 CITATIONS\nSEE PROFILE\n\n"
        "Some of the authors of this publication are also working on these related projects:\n"
        "Wound healing View project\n\nAll content following this page was uploaded by Helena "
        f"Marquardt on 20 May {a.year}.\n\n{a.title}\n\n{marked(a, sym=False)}\n\n{ABSTRACT}"
    )


def s_scholar(a: Article) -> str:
    names = ", ".join(f"{initials(g)} {s}" for g, s in a.authors[:3])
    more = "…" if len(a.authors) > 3 else ""
    return f"{a.title}\n{names}{more} - {a.journal}, {a.year} - Elsevier\n\n{ABSTRACT}"


def s_nih_manuscript(a: Article) -> str:
    names = ", ".join(f"{g} {s}{i + 1}" for i, (g, s) in enumerate(a.authors))
    m = MONTHS.index(a.epub.split()[1])
    return (
        f"HHS Public Access\nAuthor manuscript\n{a.abbr}. Author manuscript; available in PMC "
        f"{a.year + 1} {FULL_MONTHS[m]} 01.\nPublished in final edited form as:\n{a.abbr}. "
        f"{a.year} {FULL_MONTHS[m]} ; {vol_issue(a)}: {a.pages}. doi:{a.doi}.\n\n{a.title}\n\n"
        f"{names}\n\n{affiliations(a)}\n{ABSTRACT}"
    )


def s_letter(a: Article) -> str:
    body = (
        "To the Editor: Recessive skin disease has few options. We treated two patients with "
        "intravenous cells and followed them for a year, with no serious adverse events at any "
        "visit.\n\nBoth patients improved, and blistering fell by half over the first six months "
        "of follow-up in each case.\n\n"
    )
    names = "\n".join(f"{g} {s}, MD{i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"RESEARCH LETTER\n{a.title}\n\n{body}{names}\n\n1 Department of Dermatology, "
        f"Accra, Ghana\n\nDOI: {a.doi}\n{a.journal}. {a.year};{vol_issue(a)}:{a.pages}\n"
    )


def s_oxford(a: Article) -> str:
    names = ", ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"Journal Article\n{a.title}\nOpen Access\n{names}\nAuthor Notes\n{a.journal}, "
        f"Volume {a.volume}, Issue {a.issue or 1}, {FULL_MONTHS[3]} {a.year}, Pages "
        f"{a.pages}, https://doi.org/{a.doi}\nPublished: 20 {FULL_MONTHS[1]} {a.year}\n\n"
        f"{ABSTRACT}"
    )


def s_lancet(a: Article) -> str:
    names = ", ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"Articles\n{a.title}\n{names}, on behalf of the Skin Cell Therapy Study Group*\n\n"
        f"Summary\nBackground Cell-based therapies are tried in skin disease.\n\n"
        f"Lancet Dermatol {a.year}; {a.volume}: {a.pages}\nPublished Online {a.epub}\n"
        f"https://doi.org/{a.doi}\n"
    )


def s_bmj_roles(a: Article) -> str:
    roles = [
        "consultant dermatologist",
        "professor",
        "research fellow",
        "statistician",
        "senior lecturer",
        "nurse specialist",
    ]
    names = ", ".join(
        f"{g} {s} {roles[i % len(roles)]}{i + 1}" for i, (g, s) in enumerate(a.authors)
    )
    return (
        f"RESEARCH\n{a.title}\n{names}\n\n{affiliations(a)}\nCite this as: BMJ "
        f"{a.year};{a.volume}:m{year_first_page(a)}\nhttp://dx.doi.org/{a.doi}\n"
        f"Accepted: 3 January {a.year}\n\n{ABSTRACT}"
    )


def s_cureus(a: Article) -> str:
    names = " , ".join(f"{g} {s}" for g, s in a.authors)
    return (
        f"Open Access Case\nReport\n\n{a.title}\n\n{names}\n\n1. Dermatology, University "
        f"of Ghana, Accra, GHA\n\nCorresponding author: {a.authors[0][0]} {a.authors[0][1]}, "
        f"x@uni.example\n\nPublished {a.year}\nReview began 01/02/{a.year}\n© Copyright {a.year}\n"
        f"{a.authors[0][1]} et al. This is an open access article.\n\n{ABSTRACT}"
        f"How to cite this article\n{a.authors[0][1]} {initials(a.authors[0][0])}, et al. "
        f"({a.year}) {a.title}. Cureus {a.volume}: e{year_first_page(a)}. DOI {a.doi}\n"
    )


def s_japanese(a: Article) -> str:
    names = ", ".join(f"{g} {s.upper()}{i + 1})" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.title}\n\n{names}\n\n1)Department of Dermatology, Osaka University\n\n"
        f"(Received: 12 March {a.year}; accepted 30 May {a.year})\n\n{ABSTRACT}"
    )


def s_surname_first_caps(a: Article) -> str:
    names = ", ".join(f"{s.upper()} {g}" for g, s in a.authors)
    return (
        f"{a.title}\n{names}\n{a.iso}, {FULL_MONTHS[4]} {a.year}, Vol. {a.volume}, No. "
        f"{a.issue or 1}\nDOI: {a.doi}\n\n{ABSTRACT}"
    )


def s_karger_letters(a: Article) -> str:
    letters = "abcdef"
    names = "  ".join(f"{g} {s} {letters[i]}" for i, (g, s) in enumerate(a.authors))
    return (
        f"Research Article\n\n{a.title}\n\n{names}\n\n"
        f"a Department of Dermatology, Oslo, Norway\n\nKeywords\nStem cells · Skin\n\n"
        f"{ABSTRACT}\nPublished online: {FULL_MONTHS[5]} 2, {a.year}\nDOI: {a.doi}\n"
    )


def s_affil_symbols_only(a: Article) -> str:
    syms = "*†‡§¶#"
    names = ", ".join(f"{g} {s}{syms[i]}" for i, (g, s) in enumerate(a.authors))
    return (
        f"{a.journal}\nVolume {a.volume}, Issue {a.issue or 1}, {a.year}\n\n{a.title}\n\n"
        f"{names}\n\n* Department of Dermatology, Oslo\n\ndoi: {a.doi}\n\n{ABSTRACT}"
    )


def s_by_line(a: Article) -> str:
    return (
        f"{a.title}\n\nBy {given_first(a)}\n\n{a.journal}, {a.year}, {a.volume}"
        f"({a.issue or 1}): {a.pages}\nDOI: {a.doi}\n\n{ABSTRACT}"
    )


def s_europe_pmc(a: Article) -> str:
    names = ", ".join(f"{s} {initials(g)} {i + 1}" for i, (g, s) in enumerate(a.authors))
    return (
        f"Abstract\nFree full text\n{a.abbr}\n{a.year} {MONTHS[5]};{vol_issue(a)}:{a.pages}\n"
        f"https://doi.org/{a.doi}\nPMID: {a.pmid}\n{a.title}\nAuthors: {names}\n\n"
        f"Cell-based therapies are being tried in skin disease.\n"
    )


def s_cite_as_harvard(a: Article) -> str:
    return (
        f"{a.title}\n\n{given_first(a)}\n\n{ABSTRACT}\nHow to cite: {harvard_names(a)} "
        f"({a.year}) {a.title}. {a.journal} {a.volume}: {a.pages}. doi: {a.doi}\n"
    )


STYLES: dict[str, Callable[[Article], str]] = {
    "vancouver": s_vancouver,
    "apa": s_apa,
    "harvard": s_harvard,
    "mla": s_mla,
    "chicago": s_chicago,
    "ieee": s_ieee,
    "nature": s_nature,
    "scopus": s_scopus,
    "pubmed-summary": s_pubmed_summary,
    "pubmed-web": s_pubmed_web,
    "medline": s_medline,
    "ris": s_ris,
    "wos": s_wos,
    "bibtex": s_bibtex,
    "mdpi-page": s_mdpi_page,
    "springer-dot": s_springer_dot,
    "bullet-page": s_bullet_page,
    "wiley-bar": s_wiley_bar,
    "jama-semicolons": s_jama_semicolons,
    "caps-names": s_caps_names,
    "one-per-line": s_one_per_line,
    "running-head": s_running_head,
    "footer": s_footer,
    "cite-box-after": s_cite_box_after,
    "elsevier-cite": s_elsevier_cite,
    "biorxiv": s_biorxiv,
    "medrxiv-cover": s_medrxiv_cover,
    "research-square": s_research_square,
    "researchgate": s_researchgate,
    "scholar": s_scholar,
    "nih-manuscript": s_nih_manuscript,
    "letter": s_letter,
    "oxford": s_oxford,
    "lancet": s_lancet,
    "bmj-roles": s_bmj_roles,
    "cureus": s_cureus,
    "japanese": s_japanese,
    "surname-first-caps": s_surname_first_caps,
    "karger-letters": s_karger_letters,
    "symbols-only": s_affil_symbols_only,
    "by-line": s_by_line,
    "europe-pmc": s_europe_pmc,
    "cite-as-harvard": s_cite_as_harvard,
}

# fields a style does not print (left out of the check)
NOT_PRINTED: dict[str, set[str]] = {
    "scholar": {"doi"},
    "bullet-page": {"doi"},
    "caps-names": {"doi"},
    "japanese": {"doi"},
}
# the year a style prints when it is not the issue year
YEAR_OF: dict[str, Callable[[Article], int]] = {
    "biorxiv": lambda a: a.year,
}


def cases() -> list[dict[str, object]]:
    """Every style with two articles (rotating), so each article meets several styles."""
    out: list[dict[str, object]] = []
    n = len(ARTICLES)
    for k, (style, make) in enumerate(STYLES.items()):
        for j in (0, 1):
            a = ARTICLES[(2 * k + 3 * j) % n]
            expect: dict[str, object] = {
                "authors": [s for _, s in a.authors],
                "year": YEAR_OF.get(style, lambda x: x.year)(a),
                "doi": a.doi,
                "title": a.title,
            }
            for key in NOT_PRINTED.get(style, set()):
                expect.pop(key, None)
            out.append(
                {"id": f"{style}-{a.key}", "style": style, "text": make(a), "expect": expect}
            )
    return out


def write_cases(out: Path, rows: list[dict[str, object]]) -> None:
    """Write one probe set as JSON lines (the three generators share this)."""
    with open(out, "w", encoding="utf-8") as fh:
        for case in rows:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{out}: {len(rows)} cases")


def main() -> None:
    write_cases(OUT, cases())


if __name__ == "__main__":
    main()
