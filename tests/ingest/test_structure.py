"""Structure parsers on small texts in other shapes than the review's."""

from __future__ import annotations

import pytest

from extractor.ingest.structure import (
    find_references,
    find_sections,
    find_tables,
    heading_level,
    parse_reference,
)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("1. Introduction", 1),
        ("2 Methods", 1),
        ("3.2.1. Adipose-derived mesenchymal stem cells", 3),
        ("4.1 Patients", 2),
        ("RESULTS", 1),
        ("Materials and Methods", 1),
        ("Conflicts of Interest", 1),
        ("Publisher's note", 1),
        ("1. 5 mg/kg was given.", None),
        ("Table 1.", None),
        ("The mice were treated with ADSCs.", None),
        ("Author | Year |", None),
        ("1 | INTRODUCTION", 1),
        ("2.1 | Conditioned medium", 2),
        ("3 | Discussion", 1),
        ("1 | Placebo", None),
        ("2 | Smith | 2019", None),
        ("## 2.1 Methods", 2),
        ("# Results #", 1),
    ],
)
def test_heading_level(line, level):
    assert heading_level(line) == level


def test_hard_wrapped_text_gets_no_loose_headings():
    text = (
        "Introduction\nAdipose stem cells were given to mice with\n"
        "atopic dermatitis and the lesions\nbecame smaller over four weeks\n"
    )
    assert [s.title for s in find_sections(text)] == ["Introduction"]


def test_markdown_table_with_leading_pipes_and_midcell_wrap():
    text = (
        "Table 3: Doses used in the trials\n"
        "| Study | Cells | Dose |\n"
        "|:---|:---:|---:|\n"
        "| Lee 2019 | UC-MSCs | 1 × 10^6 cells/kg |\n"
        "| Park 2020 | ADSC-Exos | 100 µg\n"
        "per mouse |\n"
        "| Kim 2021 | BM-MSCs | 5x10(5) |\n"
        "\n"
        "After the table.\n"
    )
    (t,), notes = find_tables(text)
    assert notes == ()
    assert t.label == "Table 3"
    assert t.caption == "Doses used in the trials"
    assert t.header == ("Study", "Cells", "Dose")
    assert t.rows == (
        ("Lee 2019", "UC-MSCs", "1 × 10^6 cells/kg"),
        ("Park 2020", "ADSC-Exos", "100 µg per mouse"),
        ("Kim 2021", "BM-MSCs", "5x10(5)"),
    )
    assert text[t.start : t.end].startswith("Table 3:")
    assert text[t.start : t.end].endswith("5x10(5) |")


def test_table_without_label_and_short_row_padded():
    text = "a | b | c\n---|---|---\n1 | 2 | 3\nonly | two\n"
    (t,), _ = find_tables(text)
    assert t.label is None and t.caption == ""
    assert t.rows == (("1", "2", "3"), ("only", "two", ""))


def test_text_without_tables():
    assert find_tables("IL-4 | IL-13 were measured.\nNo separator here.\n") == ((), ())


def test_wrapped_reference_entries_without_heading():
    text = (
        "Body text.\n"
        "[1] Smith J, Doe A. Exosomes in skin. J Skin. 2019;3:1-9.\n"
        "doi:10.1000/xyz.1 PMID: 31234567\n"
        "[2] Roe B, et al. ADSCs for AD. Stem Cells. 2020;4:10-20.\n"
        "[3] Poe C. A third paper. Cells. 2021;5:1.\n"
    )
    refs = find_references(text, find_sections(text))
    assert [r.number for r in refs] == [1, 2, 3]
    assert refs[0].doi == "10.1000/xyz.1" and refs[0].pmid == "31234567"
    assert refs[0].year == 2019
    assert text[refs[0].start : refs[0].end].endswith("PMID: 31234567")
    assert refs[1].authors == ("Roe B",)
    assert refs[1].title == "ADSCs for AD"


def test_apa_reference():
    r = parse_reference(
        7,
        "Kim, S. Y., & Yoon, T. H. (2022). Canine ADSC-EVs ease dermatitis. Int J Mol Sci, 23, 4868. https://doi.org/10.3390/ijms23094868",
        0,
        10,
    )
    assert r.authors == ("Kim, S. Y.", "Yoon, T. H.")
    assert r.year == 2022
    assert r.title == "Canine ADSC-EVs ease dermatitis"
    assert r.doi == "10.3390/ijms23094868"


def test_markdown_headings():
    text = "# UC-MSCs in AD\nIntro text.\n## Methods\nMice got 1x10(6) cells.\n## Results\nEASI-50 reached.\n"
    secs = find_sections(text)
    assert [(s.title, s.level) for s in secs] == [
        ("UC-MSCs in AD", 1),
        ("Methods", 2),
        ("Results", 2),
    ]
    assert secs[0].end == len(text.rstrip())
    assert text[secs[1].start : secs[1].end] == "Methods\nMice got 1x10(6) cells."


NUMBERED_REFS = """Results
The cells helped [1].
References
1. Zovein AC, Hofmann JJ, Lynch M, French WJ, Turlo KA, Yang Y,
et al. Hemogenic endothelium generates hematopoietic stem cells. Cell Stem Cell. 2008;3:625-36.
2. Smith J, Brown K. Exosomes in skin. J Skin Res. 2019;5:1-9.
3. Lee A. A third paper. Nature. 2020;1:2.
"""

AUTHOR_YEAR_REFS = """Discussion
Cells work (Smith and Brown, 2019).
References
Smith, J., & Brown, K. (2019). Exosomes in skin. Journal of Skin Research, 5, 1–9.
Zovein, A. C., Hofmann, J. J., Lynch, M., French, W. J., Turlo, K. A., Yang, Y.,
et al. (2008). Hemogenic endothelium generates hematopoietic stem cells. Cell Stem Cell, 3, 625–636.
van der Berg, A. (2020). A third paper. Nature, 1, 2.
"""


def test_numbered_reference_first_line_is_no_heading():
    """A wrapped 'N. Surname AB, Surname CD' line opens an entry; it is not a section."""
    sections = find_sections(NUMBERED_REFS)
    assert [s.title for s in sections] == ["Results", "References"]
    refs = find_references(NUMBERED_REFS, sections)
    assert [r.number for r in refs] == [1, 2, 3]
    assert refs[0].authors[:2] == ("Zovein AC", "Hofmann JJ") and refs[0].year == 2008
    assert heading_level("2.1. Cell culture") == 2  # a numbered heading still is one


def test_author_year_reference_list():
    refs = find_references(AUTHOR_YEAR_REFS, find_sections(AUTHOR_YEAR_REFS))
    assert len(refs) == 3 and all(r.number is None for r in refs)
    assert refs[1].authors[0] == "Zovein, A. C." and refs[1].year == 2008
    assert refs[1].title == "Hemogenic endothelium generates hematopoietic stem cells"
    assert refs[2].authors == ("van der Berg, A.",)
    assert AUTHOR_YEAR_REFS[refs[1].start : refs[1].end].endswith("625–636.")


def test_prose_after_a_references_heading_is_no_list():
    text = "References\nThe authors thank the patients. Funding came from the trust.\n"
    assert find_references(text, find_sections(text)) == ()


def test_quoted_title_reference():
    """IEEE and Hindawi: initials first, the title in quotes, the year last."""
    body = (
        "A. C. Zovein, J. J. Hofmann, and E. Smith, “Hemogenic endothelium generates "
        "hematopoietic stem cells,” Cell Stem Cell, vol. 3, no. 6, pp. 625–636, 2008."
    )
    r = parse_reference(4, body, 0, len(body))
    assert r.authors == ("A. C. Zovein", "J. J. Hofmann", "E. Smith")
    assert r.title == "Hemogenic endothelium generates hematopoietic stem cells"
    assert r.year == 2008


SINGLE_AUTHOR_REFS = """References
22. Lindahl E, Varga T. Umbilical cord MSC exosomes in mice. J Invest Dermatol. 2020;140:1250-9.
23. Quinn P. Keratinocyte biology in psoriasis: a review. Br J Dermatol. 2019;180:30-41. doi:10.1111/bjd.17000
25. Mensah K. Adipose stem cell vesicles in keratinocytes. Exp Dermatol. 2021;30:700-8.
"""


def test_a_single_author_reference_entry_is_no_heading():
    """One Vancouver author ("Quinn P.") or a citation's marks (DOI, year;volume) open a
    reference entry; the list runs on past it."""
    quinn = SINGLE_AUTHOR_REFS.splitlines()[2]
    assert heading_level(quinn) is None
    assert heading_level("24. Osei K. Vesicles in acne: an update") is None
    assert heading_level("4. Results in 2019") == 1
    from extractor.ingest.text import structure_of

    parts, _ = structure_of(SINGLE_AUTHOR_REFS)
    assert [r.number for r in parts["references"]] == [22, 23, 25]


BARE_NUMBERED_REFS = """Results
Okoro's group (12) randomised 14 adults.

References
11 Hartley J, Moyo T. Leg ulcers in sickle cell disease. Br J Dermatol 2017; 177: 941–50.
12 Okoro CN, Adebisi OA, Ibrahim Y. Intralesional allogeneic bone marrow cells for
leg ulcers: a randomised pilot trial. Br J Haematol 2021; 193: 562–70.
13 van der Berg A, Chen Y. Exosomes in wound healing. Stem Cell Res Ther 2023; 14: 88.
"""


def test_bare_numbered_reference_list():
    """Lancet / BMJ: 'N Surname AB, ...' with no stop after the number is still a list."""
    refs = find_references(BARE_NUMBERED_REFS, find_sections(BARE_NUMBERED_REFS))
    assert [r.number for r in refs] == [11, 12, 13]
    assert refs[1].authors[0] == "Okoro CN" and refs[1].year == 2021
    assert BARE_NUMBERED_REFS[refs[1].start : refs[1].end].endswith("562–70.")
    assert refs[2].authors[0] == "van der Berg A"


def test_numbered_sentences_are_no_bare_reference_list():
    """Numbers opening prose lines (a count, not a list 1, 2, 3 of authors) are no entries."""
    text = "References\n12 Patients were seen. 2019 was the year.\n14 More text here 2020.\n"
    assert find_references(text, find_sections(text)) == ()


def test_a_bar_numbered_head_is_a_section_titled_after_the_bar():
    text = "1 | INTRODUCTION\nEarlier work.\n\n2.1 | Conditioned medium\nWe grew cells.\n"
    assert [(s.title, s.level) for s in find_sections(text)] == [
        ("INTRODUCTION", 1),
        ("Conditioned medium", 2),
    ]
    assert find_sections("1 | Placebo\n2 | Exosomes\n") == ()
