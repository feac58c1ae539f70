"""Database export records at the top of a text (extractor/bibliography/tagged.py).

The header cases (cases/headers_extra.jsonl, style ``tagged``) check whole documents; these
check the reader's own keep and drop cases.
"""

from __future__ import annotations

from extractor.bibliography.tagged import read_tagged, tag_spans


def test_medline_full_author_names_win_over_initials_and_an_orcid() -> None:
    text = (
        "PMID- 30111222\nDP  - 2018 Mar 4\nTI  - Stem cells in keloids.\n"
        "FAU - de Souza Lima, Ana Carla\nAU  - de Souza Lima AC\nAU  - 0000-0001-2345-6789\n"
        "FAU - Obi, Nkem\nAU  - Obi N\nAID - S0190-9622(18)30001-2 [pii]\n"
        "AID - 10.1016/j.jaad.2018.01.002 [doi]\n"
    )
    bib = read_tagged(text)
    assert bib is not None
    assert bib.authors == ("de Souza Lima", "Obi")
    assert (bib.year, bib.pmid, bib.title) == (2018, "30111222", "Stem cells in keloids")
    assert bib.doi == "10.1016/j.jaad.2018.01.002"  # the [pii] line is no DOI


def test_medline_initials_only_give_the_surname() -> None:
    bib = read_tagged("PMID- 30111223\nDP  - 2020\nAU  - Van der Berg JM\nAU  - Kim S\n")
    assert bib is not None and bib.authors == ("Van der Berg", "Kim")


def test_a_tagged_block_below_the_first_lines_is_not_the_documents_own() -> None:
    text = (
        "A review of keloids\n\nIntroduction\nKeloids recur.\n\nPMID- 1\nAU  - Kim S\nDP  - 2020\n"
    )
    assert read_tagged(text) is None


def test_dash_lines_of_a_body_are_no_record() -> None:
    assert (
        read_tagged("IL-17 - a key cytokine.\nTNF - an older target.\nIL-23 - upstream.\n") is None
    )


def test_bibtex_accents_and_both_name_orders() -> None:
    text = (
        "@article{k1,\n  author = {Garc{\\'\\i}a, Mar{\\'\\i}a and Jo{\\~a}o Silva},\n"
        '  year = "2017", title = {Fat grafts {in} morphea}, doi = {10.1000/xyz.1}\n}\n'
    )
    bib = read_tagged(text)
    assert bib is not None
    assert bib.authors[1] == "Silva" and bib.year == 2017 and bib.doi == "10.1000/xyz.1"
    assert bib.title == "Fat grafts in morphea"


def test_bibtex_must_start_the_text() -> None:
    assert read_tagged("Methods\nWe used @article{x, year = {2020}} as a template.\n") is None


def test_the_tags_of_a_leading_record_are_regions_without_mentions() -> None:
    text = "TY  - JOUR\nAU  - Kim, Sun\nSP  - 1650\nEP  - 1658\nER  - \n\nAbstract\nEP  - no tag\n"
    spans = tag_spans(text)
    assert [text[a:b] for a, b in spans] == ["TY  - ", "AU  - ", "SP  - ", "EP  - ", "ER  - "]


def test_a_body_without_a_leading_record_has_no_tag_regions() -> None:
    text = "Keloids recur.\n\nEP  - 1658\nSP  - 1650\nTY  - JOUR\n"
    assert tag_spans(text) == []


def test_endnote_record_goes_on_after_a_symbol_tag() -> None:
    """EndNote puts the ISSN under '%@'; the year '%D' after it is still the record's."""
    text = (
        "%0 Journal Article\n%A Rahmani, Shirin\n%A van Dijk, Pieter\n%T ADSCs in vitiligo\n"
        "%J J Cosmet Dermatol\n%@ 1473-2130\n%D 2022\n%R 10.1111/jocd.14872\n\nAbstract\n"
    )
    bib = read_tagged(text)
    assert bib is not None
    assert bib.authors == ("Rahmani", "van Dijk")
    assert bib.year == 2022 and bib.doi == "10.1111/jocd.14872"


def test_a_percent_line_of_prose_is_no_endnote_tag() -> None:
    """'% w/v' in a body is no field: a lower-case or spaced mark does not open a tag."""
    assert read_tagged("Results\n%w of cells\n% 5 were\n%a x\n") is None


def test_wos_title_wrapped_over_indented_lines_is_one_title() -> None:
    text = (
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Oyelowo, T\n   Brennan, C\n"
        "TI Umbilical cord MSC vesicles attenuate\n   atopic dermatitis in mice\n"
        "SO JOURNAL OF\n   DERMATOLOGICAL SCIENCE\nPY 2022\nDI 10.1016/j.jdermsci.2022.10.004\nER\n"
    )
    bib = read_tagged(text)
    assert bib is not None
    assert bib.title == "Umbilical cord MSC vesicles attenuate atopic dermatitis in mice"
    assert bib.journal == "JOURNAL OF DERMATOLOGICAL SCIENCE"
    assert bib.authors == ("Oyelowo", "Brennan") and bib.year == 2022
