"""Write documents/oodr-08.pdf (and any later PDF of this set) with reportlab.

A journal title page: running journal line, the title in a large font, an author line with
affiliation superscripts, affiliations, DOI and Received/Accepted dates, then the article.
The PDF is committed; this script is how it was made (rerun only to remake it):

    .venv/bin/python tests/ood_records/build_pdf.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=13, spaceAfter=6)
HEAD = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6)
SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=8, leading=10)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=8)
AUTHORS = ParagraphStyle("authors", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=6)

# (style, text) blocks in reading order; "<super>" marks affiliation numbers.
PAPERS: dict[str, list[tuple[ParagraphStyle, str]]] = {
    "oodr-08": [
        (SMALL, "International Wound Journal 2016; 13(4): 512–520"),
        (SMALL, "ORIGINAL ARTICLE"),
        (
            TITLE,
            "Topical bone marrow-derived mesenchymal stem cells in fibrin spray for chronic "
            "venous leg ulcers: a randomised controlled trial",
        ),
        (
            AUTHORS,
            "Henrik Sørensen<super>1</super>, Fatima Al-Rashid<super>2</super> &amp; "
            "Brian O'Connell<super>1</super>",
        ),
        (
            SMALL,
            "<super>1</super> Department of Dermatology, Odense University Hospital, Odense, "
            "Denmark; <super>2</super> Wound Healing Unit, Hamad Medical Corporation, Doha, Qatar",
        ),
        (SMALL, "Received 14 March 2015; accepted 2 June 2015"),
        (SMALL, "https://doi.org/10.1111/iwj.12471"),
        (HEAD, "Abstract"),
        (
            BODY,
            "Venous leg ulcers that fail compression therapy carry high levels of IL-1β and "
            "TNF-α in wound fluid. Twenty-four patients with chronic venous leg ulcers were "
            "randomised to topical autologous bone marrow-derived mesenchymal stem cells in "
            "fibrin spray (1 × 10^6 cells/cm2, n = 12) or fibrin spray alone (n = 12), with "
            "compression in both arms. The mean age was 67 years.",
        ),
        (HEAD, "Results"),
        (
            BODY,
            "The Pressure Ulcer Scale for Healing (PUSH) fell from 12.4 to 5.1 in the cell arm "
            "and from 12.1 to 9.8 with fibrin alone at week 16. Complete closure was reached in "
            "58% of cell-treated ulcers. In wound fluid of cell-treated ulcers, IL-1β and TNF-α "
            "decreased, while VEGF increased.",
        ),
        (HEAD, "Conclusion"),
        (
            BODY,
            "Topical bone marrow-derived mesenchymal stem cells speed the healing of venous "
            "leg ulcers.",
        ),
    ],
    "oodr-18": [
        (SMALL, "BURNS 47 (2021) 1180–1189"),
        (SMALL, "Available online at www.sciencedirect.com"),
        (
            TITLE,
            "Umbilical cord mesenchymal stem cell conditioned medium gel for deep "
            "partial-thickness burns: a randomised controlled trial",
        ),
        (
            AUTHORS,
            "Thi Lan Nguyen<super>a,*</super>, Tobias Richter<super>b</super>, "
            "Amira Haddad<super>a</super>",
        ),
        (
            SMALL,
            "<super>a</super> National Burn Hospital, Hanoi, Viet Nam; <super>b</super> "
            "Burn Centre, BG Klinikum, Ludwigshafen, Germany",
        ),
        (SMALL, "A R T I C L E I N F O: Article history: Accepted 9 November 2020"),
        (SMALL, "https://doi.org/10.1016/j.burns.2020.11.004"),
        (HEAD, "Abstract"),
        (
            BODY,
            "Background: Deep partial-thickness burns heal slowly when IL-1β and IL-6 stay "
            "high in the wound. Methods: Forty adults with deep partial-thickness burns of "
            "5–20% body surface area were randomised to a gel of umbilical cord mesenchymal "
            "stem cell conditioned medium (UC-MSC-CM) applied topically every 2 days (n = 20) "
            "or to standard dressings (n = 20).",
        ),
        (HEAD, "Results"),
        (
            BODY,
            "Re-epithelialisation was complete after 14 days with UC-MSC-CM and after 19 "
            "days with standard dressings. In wound fluid, IL-1β and IL-6 decreased and "
            "IL-10 increased in the gel arm. At month 3, the Vancouver Scar Scale (VSS) "
            "was 4.2 in the gel arm and 6.8 in the control arm.",
        ),
    ],
}


# oodr-25: a JAMA-style page unlike oodr-08/18: no journal line above the title; authors with
# degrees separated by semicolons and no marks; a structured abstract with capitalised inline
# labels; the citation line, DOI and dates only in a footer drawn at the bottom of page 1.
LABEL = ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=9, leading=11, spaceAfter=10)
JTITLE = ParagraphStyle("jtitle", fontName="Times-Bold", fontSize=20, leading=24, spaceAfter=10)
JAUTHORS = ParagraphStyle(
    "jauthors", fontName="Times-Roman", fontSize=10.5, leading=13, spaceAfter=12
)
JBODY = ParagraphStyle("jbody", fontName="Times-Roman", fontSize=9.5, leading=12, spaceAfter=5)
FOOTER = {
    "oodr-25": [
        "Accepted for Publication: March 11, 2019. Published Online: May 8, 2019.",
        "Corresponding Author: Sofia R. Andrade, MD, PhD, Department of Dermatology, "
        "University of Coimbra, Coimbra, Portugal.",
        "JAMA Dermatol. 2019;155(7):801-809. doi:10.1001/jamadermatol.2019.0456",
    ]
}
PAPERS["oodr-25"] = [
    (LABEL, "Original Investigation | DERMATOLOGY"),
    (
        JTITLE,
        "Efficacy of Autologous Adipose-Derived Stem Cell Injections in Vulvar Lichen "
        "Sclerosus: A Nonrandomized Clinical Trial",
    ),
    (JAUTHORS, "Sofia R. Andrade, MD, PhD; Kwame Mensah, MSc; Elin Holm, MD"),
    (
        JBODY,
        "<b>IMPORTANCE</b> Vulvar lichen sclerosus is a chronic inflammatory dermatosis in "
        "which IFN-γ–driven inflammation leads to sclerosis, and many women do not respond to "
        "topical corticosteroids.",
    ),
    (
        JBODY,
        "<b>OBJECTIVE</b> To assess whether autologous adipose-derived stem cells improve "
        "symptoms and signs of vulvar lichen sclerosus.",
    ),
    (
        JBODY,
        "<b>DESIGN, SETTING, AND PARTICIPANTS</b> This nonrandomized clinical trial at a "
        "university hospital enrolled 20 women aged 34 to 68 years with biopsy-proven vulvar "
        "lichen sclerosus refractory to clobetasol.",
    ),
    (
        JBODY,
        "<b>INTERVENTIONS</b> Adipose-derived stem cells (ADSCs) expanded from abdominal "
        "lipoaspirate were injected subcutaneously into the affected vulvar skin, "
        "5 × 10^6 cells in 5 mL per session, in 2 sessions 3 months apart.",
    ),
    (
        JBODY,
        "<b>RESULTS</b> The Clinical Scoring System for Vulvar Lichen Sclerosus (CSS) "
        "improved from 10.2 at baseline to 5.4 at 6 months, and 14 of 20 women (70%) "
        "reported less itching. No serious adverse events occurred.",
    ),
    (
        JBODY,
        "<b>CONCLUSIONS AND RELEVANCE</b> Subcutaneous ADSC injections may be an option for "
        "refractory vulvar lichen sclerosus.",
    ),
]

FOOTER["oodr-61"] = [
    "International Journal of Dermatology 2021, 60, 1401–1408",
    "© 2021 the International Society of Dermatology",
]
PAPERS["oodr-61"] = [
    (LABEL, "Original Article"),
    (
        JTITLE,
        "Topical exosomes from adipose-derived stem cells after microneedling for "
        "erythematotelangiectatic rosacea: a split-face pilot study",
    ),
    (
        JAUTHORS,
        "Thi Mai Nguyen<super>1</super>, MD, Van Long Tran<super>2</super>, MD, PhD, and "
        "Ngoc Anh Pham<super>1</super>, MD",
    ),
    (
        SMALL,
        "<super>1</super>Department of Dermatology, Hanoi Medical University, Hanoi, Vietnam, "
        "and <super>2</super>National Hospital of Dermatology and Venereology, Hanoi, Vietnam",
    ),
    (
        SMALL,
        "Correspondence: Thi Mai Nguyen, MD, Hanoi Medical University, Hanoi, Vietnam. E-mail: nguyenthimai@hmu.edu.vn",
    ),
    (SMALL, "Conflicts of interest: None. Funding source: None."),
    (SMALL, "doi: 10.1111/ijd.15678"),
    (
        JBODY,
        "<b>Background</b> Erythematotelangiectatic rosacea responds poorly to topical "
        "agents, and its persistent erythema is sustained by LL-37 and IL-8.",
    ),
    (
        JBODY,
        "<b>Methods</b> Thirty patients received microneedling of the whole face followed by "
        "topical exosomes from adipose-derived stem cells (ADSC-exosomes, 1 mL, 1 × 10^10 "
        "particles/mL) on one randomly chosen half and saline on the other, three times at "
        "4-week intervals.",
    ),
    (
        JBODY,
        "<b>Results</b> The Clinician's Erythema Assessment (CEA) score of the treated half "
        "fell from 3.2 to 1.6 at week 12, against 3.1 to 2.7 on the saline half. Facial "
        "IL-8 in tape strips decreased on the treated half. Transient redness lasted less "
        "than 2 days.",
    ),
    (
        JBODY,
        "<b>Conclusions</b> Topical ADSC-exosomes after microneedling reduced rosacea erythema.",
    ),
]


# oodr-96: a Korean journal page (Annals of Dermatology) unlike the other PDFs: pISSN/eISSN and
# the journal line with the DOI above the label, authors without a mark on the first author's
# own department, the short citation in parentheses closing the abstract, and the dates,
# correspondence, ORCID and copyright only in the first page's footer.
FOOTER["oodr-96"] = [
    "Received June 3, 2022, Revised August 1, 2022, Accepted for publication August 18, 2022",
    "Corresponding Author: Dong Hun Lee, Department of Dermatology, Seoul National University "
    "College of Medicine, Seoul 03080, Korea. E-mail: dhlee27@snu.ac.kr",
    "ORCID: https://orcid.org/0000-0002-6431-8870",
    "Copyright © The Korean Dermatological Association and The Korean Society for "
    "Investigative Dermatology",
]
PAPERS["oodr-96"] = [
    (SMALL, "pISSN 1013-9087 | eISSN 2005-3894"),
    (SMALL, "Ann Dermatol Vol. 35, No. 2, 2023 | https://doi.org/10.5021/ad.22.145"),
    (LABEL, "ORIGINAL ARTICLE"),
    (
        JTITLE,
        "Adipose-Derived Stem Cell-Conditioned Medium for the Prevention of Thyroidectomy "
        "Scars: A Randomized, Double-Blind, Split-Scar Trial",
    ),
    (JAUTHORS, "Seo Yeon Park, Jae Min Choi<super>1</super>, Hye Rin Yoon, Dong Hun Lee"),
    (
        SMALL,
        "Department of Dermatology, Seoul National University College of Medicine, "
        "<super>1</super>Department of Surgery, Seoul National University Hospital, Seoul, Korea",
    ),
    (
        JBODY,
        "<b>Background:</b> Thyroidectomy leaves a visible transverse neck scar, and "
        "hypertrophic scarring follows in up to 30% of patients; TGF-β1 drives the activation "
        "of fibroblasts in the healing wound.",
    ),
    (
        JBODY,
        "<b>Objective:</b> To test whether adipose-derived stem cell-conditioned medium "
        "(ADSC-CM) improves thyroidectomy scars.",
    ),
    (
        JBODY,
        "<b>Methods:</b> In this randomized, double-blind, split-scar trial, 32 patients "
        "(27 women; mean age, 44.6 years) received intradermal ADSC-CM (0.1 mL/cm) along one "
        "randomly chosen half of the scar and normal saline along the other half, 2 weeks "
        "after surgery and then monthly for 3 months. Two blinded dermatologists rated the "
        "scars on the Vancouver Scar Scale (VSS) and the Patient and Observer Scar Assessment "
        "Scale (POSAS).",
    ),
    (
        JBODY,
        "<b>Results:</b> Two patients withdrew after the first session. At 6 months, the VSS "
        "of the ADSC-CM half fell from 6.1 to 2.3, against 6.0 to 3.8 on the saline half, and "
        "the observer POSAS of the treated half improved from 31.4 to 17.2. Scar width did not "
        "differ. In scar fibroblasts stimulated with TGF-β1 (5 ng/mL), ADSC-CM diluted 1:10 "
        "lowered the secretion of CTGF.",
    ),
    (
        JBODY,
        "<b>Conclusion:</b> Early intradermal ADSC-CM improved the appearance of "
        "thyroidectomy scars. (Ann Dermatol 35(2) 101~108, 2023)",
    ),
    (
        JBODY,
        "<b>Keywords:</b> Adipose-derived stem cells, Conditioned medium, Hypertrophic scar, "
        "Thyroidectomy",
    ),
]


def _footer(doc_id: str):  # type: ignore[no-untyped-def]
    """A first-page footer (reportlab onFirstPage callback) for papers that print their
    citation at the bottom of the page."""
    lines = FOOTER.get(doc_id, [])

    def draw(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        for k, line in enumerate(reversed(lines)):
            canvas.drawString(20 * mm, 12 * mm + 10 * k, line)
        canvas.restoreState()

    return draw


def build(doc_id: str) -> Path:
    out = DOCS / f"{doc_id}.pdf"
    pdf = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        title=f"{doc_id}_final_v3.docx",
        author="",
        invariant=1,
    )
    pdf.build(
        [Paragraph(text, style) for style, text in PAPERS[doc_id]] + [Spacer(1, 4)],
        onFirstPage=_footer(doc_id),
    )
    return out


if __name__ == "__main__":
    import sys

    for doc_id in sys.argv[1:] or PAPERS:
        print(build(doc_id))
