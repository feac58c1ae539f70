"""What is not an administered dose: the context filters over the amounts the grammar read.

Each filter is a row of the context engine (``extractor/context/data/rules.jsonl``) with its
cue, its direction and its reach; ``dropped_by`` runs them in file order and names the row
that dropped an amount. Rows of category ``NOT_ADMINISTERED`` need no code: the engine alone
decides (a cue in scope drops the amount). The other categories carry a decision written
here, which reads its row's cue and the conditions of ``units.json`` (``blood_count``,
``measured_concentration``, ``source_material``, ``culture_density``, …): in-vitro stimuli,
disease inducers and comparator drugs named next to the amount, assay inputs, vehicles,
yields, blood counts, counting areas, measurements, source material, culture densities.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.context import ContextEngine
from extractor.context.scope import (
    CLAUSE_BREAK,
    PART_BREAK,
    after_last,
    before_first,
    clause_tail,
    open_paren,
)
from extractor.normalize.amounts import DIGIT_RUN, Group, scan
from extractor.normalize.dose_cues import PER_COUNT_RATIO, VOLUME_UNITS, Cues, cues
from extractor.normalize.dose_samples import product_source_or_vehicle
from extractor.normalize.quantity import COUNT_UNITS, NEXT_WORD, PER, qty_re, unit_at

__all__ = ["GENERIC", "PER_COUNT_RATIO", "dropped_by", "per_count_end", "types_of"]

GENERIC = "NOT_ADMINISTERED"  # the category the engine decides alone


def types_of(g: Group) -> frozenset[str]:
    """What kind of amount a candidate is, for a rule's ``allowed_types``: every candidate is
    a ``DOSE``; a count of cells or particles is a ``COUNT``, anything else an ``AMOUNT``; a
    bare millilitre or microlitre figure is also a ``VOLUME``."""
    counts = all(u is not None and u.split("/")[0] in COUNT_UNITS for u in g.units)
    out = {"DOSE", "COUNT" if counts else "AMOUNT"}
    if all(u in VOLUME_UNITS for u in g.units):
        out.add("VOLUME")
    return frozenset(out)


def dropped_by(text: str, g: Group, engine: ContextEngine) -> str | None:
    """The id of the first rule (file order of the categories) that says the amount ``g`` is
    not administered, else None."""
    t = cues(engine)
    generic = engine.first(text, g.start, g.end, category=GENERIC, types=types_of(g))
    if generic is not None:
        return generic.id
    for decide in _DECISIONS:
        hit = decide(text, g, t)
        if hit is not None:
            return hit
    return None


_AFTER_TOKEN = re.compile(r"[^\s,;()|]+|[(),;|]")
_NUMBERISH = re.compile(r"[0-9][0-9.,]*%?")
_WORDS_AFTER = re.compile(r"[\s(]*(?:of\s+)?((?:\S+\s*){1,3})")
_WORD = re.compile(r"[^\s,;()]+")
_AGENT_NAME_WINDOW = 40  # the words right before an amount that may name its agent


def _agent_after(text: str, g: Group, t: Cues) -> str | None:
    """A reagent named right after the amount ("10 ng/mL TNF-α", "62.5 mg of 5% imiquimod"),
    skipping only modifiers and numbers: "10 µg/mL reduced IL-6" stays a dose."""
    cues = t.after_cues
    if all(u in t.volume_units for u in g.units):
        cues = cues + t.volume_cues
    window = text[g.end : g.end + t.agent_window]
    for tok in list(_AFTER_TOKEN.finditer(window))[:6]:
        w = tok.group(0)
        if w == "(":
            continue
        if w in "),;|" or w == ".":
            break
        # read from the word on, so a cue of several words matches ("house dust mite")
        for rule_id, c in cues:
            if c.match(window, tok.start()):
                return rule_id
        if w.lower() not in t.modifiers and not _NUMBERISH.fullmatch(w):
            break  # "10 µg/mL reduced IL-6": the cytokine is the effect, not the reagent
    return None


def _vehicle_volume(text: str, g: Group, t: Cues) -> str | None:
    """ "bleomycin (100 µg in 100 µL)": the volume the amount was given in."""
    if all(
        u is not None and u.split("/")[0] in t.volume_units for u in g.units
    ) and _vehicle_of_amount(text, g.start, t):
        return "dose.vehicle_volume"
    return None


def _stimulus_before(text: str, g: Group, t: Cues) -> str | None:
    """A stimulus, seeding, weighing or measurement verb right before the amount in its
    clause ("stimulated with 10 ng/mL"), unless a therapeutic word follows the verb or the
    amount ("treated with 10 µg ADSC-Exos")."""
    counts = all(u is not None and u.split("/")[0] in COUNT_UNITS for u in g.units)
    after = _WORDS_AFTER.match(text[g.end : g.end + t.agent_window])
    after_text = after.group(1) if after is not None else ""
    cut = CLAUSE_BREAK.search(text[g.end : g.end + t.agent_window])
    if cut is not None:
        # "seeded at 5 × 10^4 cells per well. Exosomes …": the next sentence's therapeutic
        # word does not cancel a cue of this one
        after_text = after_text[: max(0, cut.start() - (after.start(1) if after else 0))]
    tails: dict[int, str] = {}  # the clause before the amount, per reach
    for rule_id, cue, for_counts, reach in t.before_cues:
        if counts and not for_counts:
            continue
        if reach not in tails:
            tails[reach] = clause_tail(text[max(0, g.start - reach) : g.start])
        before = tails[reach]
        for m in cue.finditer(before):
            if cue.pattern.endswith("$"):
                return rule_id
            owner = re.search(r"(\S+)\s*$", before[: m.start()]) if not for_counts else None
            if owner is not None and t.therapeutic.search(owner.group(1)):
                continue  # "exosome concentration", "EV levels": the therapeutic's own amount
            if not t.therapeutic.search(before[m.end() :]) and not t.therapeutic.search(after_text):
                return rule_id
    return None


def _agent_before(text: str, g: Group, t: Cues) -> str | None:
    """A stimulus named right before: "LPS at 1 µg/mL", "TNF-α, 10 ng/mL", "house dust mite
    (30 µg)"; the agent may be followed only by its form and strength: "5% imiquimod cream
    (62.5 mg)" (see ``_names_agent``), so "patients on methotrexate received 10 mg/kg" stays.
    A count of cells or particles is never an amount of a cytokine, drug or inducer."""
    counts = all(u is not None and u.split("/")[0] in COUNT_UNITS for u in g.units)
    if counts or all(u is None for u in g.units):
        # "IFN-γ-primed hUCB-MSCs (2 × 10^6 cells)" names how the cells were prepared
        return None
    before = clause_tail(text[max(0, g.start - _AGENT_NAME_WINDOW) : g.start])
    owned = _DOSE_OF.search(before)
    if owned is not None and not t.therapeutic.search(before[owned.end() :]):
        # "The daily prednisolone dose was tapered from 40 mg": the dose named is the drug's
        found = _names_agent(re.findall(r"[^\s,;()]+", owned.group("agent")), t)
        if found is not None:
            return found
    # up to four words: an agent name may be long ("monobenzyl ether of hydroquinone (30 mg)")
    paren = re.search(r"((?:\S+\s+){0,3}\S+)\s*\(\s*(?:[a-z]+\s+)?$", before)  # "(each 50 ng/mL)"
    opened = open_paren(before)
    if paren is not None:
        words = re.findall(r"[^\s,;()]+", paren.group(1))
    elif opened is not None and len(inner := _WORD.findall(before[opened + 1 :])) <= 4:
        # the amount sits in a parenthesis after its agent's name or abbreviation:
        # "streptozotocin (STZ, 60 mg/kg)", "2,4-dinitrofluorobenzene (DNFB; 20 µL)",
        # "monobenzone (40% cream, 50 mg per mouse daily)": the words inside name the agent,
        # or, when they only describe its form or strength, the two words before the bracket
        words = inner
        if _form_and_strength(inner, t):
            # "(2.5 mg/mL, 0.1 mL per nail)": an earlier strength of the same agent
            words = [*_WORD.findall(before[:opened])[-2:], *inner]
    else:
        last = re.search(
            r"((?:\S+\s+){0,2}\S+?)[\s,:=]*(?:\b(?:each|both|all|at|of)[\s,:=]*)*$", before
        )
        words = re.findall(r"[^\s,;()]+", last.group(1)) if last else []
    return _names_agent(words, t)


# an agent named as the owner of a dose before the amount ("the prednisolone dose was
# tapered from", "methotrexate dosage of"): up to three words before the dose noun
_DOSE_OF = re.compile(
    r"(?P<agent>(?:[^\s,;()]+\s+){0,2}[^\s,;()]+)\s+(?:daily\s+|weekly\s+)?(?:doses?|dosages?|dosing)\b"
)


def _named(rule_id: str, check: Callable[[str, Group, Cues], bool]) -> Callable[..., str | None]:
    """A yes/no filter as a decision that names its row."""

    def decide(text: str, g: Group, t: Cues) -> str | None:
        return rule_id if check(text, g, t) else None

    decide.__name__ = check.__name__
    return decide


def _names_agent(words: list[str], t: Cues) -> str | None:
    """The words before an amount end with a stimulus, inducer or comparator drug, followed at
    most by its form and strength ("croton oil", "imiquimod cream", "monobenzone 40% cream"):
    the id of that cue, else None."""
    for k in range(len(words)):
        tail = " ".join(words[k:])
        for rule_id, c in t.after_cues:
            m = c.match(tail)
            if m is None:
                continue
            rest = tail[m.end() :].split(" ", 1)[1:]  # the words after the one the cue ends in
            if _form_and_strength(rest[0].split() if rest else [], t):
                return rule_id
    return None


def _form_and_strength(words: list[str], t: Cues) -> bool:
    """Words that only describe an agent's form and strength: modifiers ("cream"), numbers
    and percentages, and the unit right after a number ("2.5 mg/mL")."""
    after_number = False
    for w in words:
        number = _NUMBERISH.fullmatch(w) is not None
        if not (number or after_number or w.lower() in t.modifiers):
            return False
        after_number = number
    return True


def _vehicle_of_amount(text: str, start: int, t: Cues) -> bool:
    """An "in" right before a volume, after another amount of the same clause."""
    before = after_last(CLAUSE_BREAK, text[max(0, start - t.vehicle_window) : start])
    cue = t.vehicle_before.search(before)
    if cue is None:
        return False
    return any(any(u not in t.volume_units for u in g.units) for g in scan(before[: cue.start()]))


def per_count_end(text: str, end: int, t: Cues) -> int | None:
    """End of a counted denominator right after an amount ("… per 10^7 cells", "/10^6
    cells", "per cell"), else None: the amount is then a yield or a rate, not a dose."""
    per = PER.match(text, end)
    if per is None:
        return None
    k = per.end()
    word = t.ratio_denominator.match(text, k)
    if word is not None:
        return word.end()
    q = qty_re().match(text, k)
    if q is None:
        return None
    unit = unit_at(text, q.end(), count=True)
    if unit is not None and unit.canonical.split("/")[0] in COUNT_UNITS:
        return unit.end
    follow = NEXT_WORD.match(text, q.end())
    if follow is not None and (
        t.ratio_denominator.fullmatch(follow.group(1)) or t.count_noun.fullmatch(follow.group(1))
    ):
        return follow.end()
    return None


def _blood_count(text: str, g: Group, t: Cues) -> bool:
    """A count of cells per volume of blood ("eosinophils 450 cells/µL", "CD4 count 350
    cells/mm3", "lymphocytes 1.2 × 10^9/L"): a measurement, not an administered dose.
    Per mm3 always; per µL or L only after a blood-count word in the same clause with no
    therapeutic noun between and no administration verb before (``units.json``
    ``blood_count``)."""
    if not all(u is None or u.split("/")[0] == "cells" for u in g.units):
        return False  # "particles/µL" is an EV concentration, "µg/L" a mass
    taken = {u.split("/")[1] for u in g.units if u is not None and u.count("/") >= 1}
    per = PER.match(text, g.end)
    if per is not None and t.blood_always.match(text, per.end()):
        return True  # "8,200 cells/mm3": the unit reader has no mm3 denominator
    if not (
        taken & t.blood_dens or (per is not None and t.blood_with_context.match(text, per.end()))
    ):
        return False
    before = after_last(CLAUSE_BREAK, text[max(0, g.start - t.blood_window) : g.start])
    ctx = list(t.blood_context.finditer(before))
    if not ctx or t.blood_administration.search(before):
        return False
    return t.blood_therapy.search(before, ctx[-1].end()) is None


def _counting_density(text: str, g: Group, t: Cues) -> bool:
    """A count per counting area of a section ("45 CD3+ cells/mm2", "20 cells/0.1 mm2",
    "120 cells/HPF", "12 cells per high-power field"): a histological density, not a dose.
    Counts only; cm2 is a treatment area and stays a dose (``units.json`` ``counting_area``)."""
    if not all(u is None or u.split("/")[0] in ("cells", "particles", "") for u in g.units):
        return False
    for u in g.units:
        if u is None:
            continue
        for d in u.split("/")[1:]:
            if re.sub(r"^[0-9.]+\s*", "", d) in t.area_dens:
                return True
    per = PER.match(text, g.end)
    return (
        per is not None
        and t.area_after.match(text[per.end() : per.end() + t.area_window]) is not None
    )


def _measured_concentration(text: str, g: Group, t: Cues) -> bool:
    """A concentration or level measured in a sample ("EV concentration in serum was 2 ×
    10^9 particles/µL", "plasma exosome levels of 3.1 × 10^10 particles/mL", "had a
    concentration of 1.2 × 10^11 particles/mL (NTA)"), not an amount given ("mice received
    2 × 10^9 particles/µL", "administered at a concentration of …"). Amounts per volume or
    with no denominator only; cues and their order in ``units.json``
    ``measured_concentration``."""
    for u in g.units:
        if u is not None and any(d not in t.measure_volumes for d in u.split("/")[1:]):
            return False  # per kg, head, cm2 …: a dose or a density, never a concentration
    before = clause_tail(text[max(0, g.start - t.measure_window) : g.start])
    after = before_first(text[g.end : g.end + t.measure_window], CLAUSE_BREAK)
    # the part of the clause the amount is in: ", and …", "whereas …" open a new part
    near = after_last(PART_BREAK, before)
    admin = list(t.measure_administration.finditer(near))
    since = admin[-1].end() if admin else 0
    cue = t.measure_cue.search(near, since)
    if cue is not None and not _whole_product_yield(text, g, cue, t):
        return True  # "… plasma exosome levels of 3.1 × 10^10 particles/mL"
    if admin:
        return False  # "mice received 2 × 10^9 particles/µL": given, whatever follows
    m = t.measure_after.match(after)
    if m is not None:
        return True  # "1.2 × 10^11 particles/mL (NTA)", "… in serum"
    if t.measure_administration.search(after):
        return False  # "… (2 × 10^9 particles/mL) were injected"
    for m in t.measure_sample.finditer(near):
        owner = re.search(r"(\S+)\s*$", near[: m.start()])
        if (
            m.group(0).lower().startswith("concentration")
            and owner is not None
            and t.therapeutic.search(owner.group(1))
        ):
            continue  # "the exosome concentration was 10 µg/mL": the therapeutic's amount
        if product_source_or_vehicle(near, m, t):
            continue
        return True
    return False


def _whole_product_yield(text: str, g: Group, cue: re.Match[str], t: Cues) -> bool:
    """A yield counted in nucleated cells ("the mean yield was 3.4 × 10^7 nucleated cells"):
    a point-of-care product given whole, so the yield is the amount injected."""
    return (
        t.measure_yield.fullmatch(cue.group(0)) is not None
        and all(u == "cells" for u in g.units)
        and t.measure_whole_product.search(text[g.start : g.end]) is not None
    )


# Where the part of a clause that holds an amount ends: ", and", "whereas", "and" before a new
# subject ("… was harvested and the SVF was injected"; "harvested and processed" goes on).
_SOURCE_PART_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas)\b|\b(?:whereas|while|then)\b"
    r"|\band\s+(?!(?:then\s+|subsequently\s+)?[a-z]+ed\b)"
)


def _source_material(text: str, g: Group, t: Cues) -> bool:
    """Harvested or processed tissue ("120–180 mL of lipoaspirate", "about 250 mL of fat was
    harvested", "20 mL of bone marrow aspirate was collected"): the source material of the
    therapeutic, not the amount given ("3 mL of SVF was injected", "2 mL of fat graft
    enriched with ADSCs was injected", "injected with 20 mL of autologous fat"). Decided in
    the amount's part of its clause; cues and their order in ``units.json``
    ``source_material``."""
    bare_count = all(u is None or u in COUNT_UNITS for u in g.units)
    tissue = all(u is not None and u in t.tissue_units for u in g.units)
    if bare_count:
        return False  # "1 × 10^6 cells of bone marrow origin": a count of the therapeutic
    # the part before the amount: from the clause start, a part break or the previous amount
    before = clause_tail(text[max(0, g.start - t.source_window) : g.start])
    if _in_products_parenthesis(before, t):
        return False  # "exosomes isolated from … (WJ-MSC-Exos; 2 mL of …)": the product's
    near = after_last(_SOURCE_PART_BREAK, after_last(DIGIT_RUN, before))
    admin = [m.end() for m in t.source_administration.finditer(near)]
    harvest = [m.end() for m in t.harvest.finditer(near)]
    if admin and (not harvest or admin[-1] > harvest[-1]):
        return False  # "injected with 20 mL of autologous fat"
    noun = t.source_after.match(text, g.end)
    if harvest and noun is not None and t.source_product.match(text, noun.end()) is None:
        # "isolated by emulsification of 60 mL of abdominal lipoaspirate and injected": the
        # tissue's amount (harvested before, tissue after); the injection is the product's
        return True
    # the part after it: to the clause end, a part break or the next amount
    after = before_first(
        text[g.end : g.end + t.source_window], CLAUSE_BREAK, _SOURCE_PART_BREAK, DIGIT_RUN
    )
    if t.source_administration.search(after):
        return False  # "2 mL of fat graft enriched with ADSCs was injected"
    if tissue:
        for m in t.harvest.finditer(after):
            if t.harvest_aux.search(after[: m.start()]):
                return True  # "about 250 mL of fat was harvested"
        if harvest:
            return True  # "SVF was isolated from 150 mL", "liposuction of 300 mL"
    if noun is None:
        return False
    return t.source_product.match(text, noun.end()) is None  # "fat graft", "fat enriched …"


def _in_products_parenthesis(before: str, t: Cues) -> bool:
    """The amount sits in a parenthesis that opens with the therapeutic's name and holds no
    harvest word before it ("(WJ-MSC-Exos; 2 mL", "(SVF, 3 mL"): the product's amount, whatever
    the sentence says the product was isolated from."""
    opened = open_paren(before)
    if opened is None:
        return False
    inner = before[opened + 1 :]
    first = re.match(r"\s*([^\s;,:]+)", inner)
    return (
        first is not None
        and t.therapeutic.search(first.group(1)) is not None
        and t.harvest.search(inner) is None
    )


def _culture_density(text: str, g: Group, t: Cues) -> bool:
    """Target cells per culture well ("HaCaT cells (5 × 10^4 cells per well)", "keratinocytes
    were plated at 2 × 10^5 cells/well", "5 × 10^4 HaCaT cells per well"): a culture set-up,
    not a dose. The therapeutic per well stays ("ADSCs (1 × 10^5 cells/well) were co-cultured
    with …", "exosomes at 20 µg per well"). Per cm2 the same owner rule, with the body site
    and culture words of the amount's sentence part (``_culture_area``). ``units.json``
    ``culture_density``."""
    if not all(u is None or u.split("/")[0] in ("cells", "") for u in g.units):
        return False  # µg, mL or particles per well: an amount of the therapeutic
    owner: str | None = None
    dens = {u.split("/")[-1] for u in g.units if u is not None and "/" in u}
    if dens:
        if dens <= t.culture_dens:
            area = False
        elif dens <= t.culture_area_dens and all(
            u is not None and u.count("/") == 1 for u in g.units
        ):
            area = True
        else:
            return False
    else:
        if any(u is not None for u in g.units):
            return False
        after = t.culture_after.match(text, g.end)
        if after is None:
            return False
        area = after.group("area") is not None
        owner = after.group("owner")
        if owner is not None and t.cell_noun.search(owner) is None:
            return False  # "2 × 10^5 in 100 µL per well": no cell named, no decision
    if owner is None:
        owner = _owner_before(text, g.start, t)
        if owner is None and not area:
            return False  # no cell named in the clause: keep (seeding cues are read elsewhere)
    if area:
        return _culture_area(text, g, owner, t)
    assert owner is not None
    return t.blood_therapy.search(owner) is None


def _owner_before(text: str, start: int, t: Cues) -> str | None:
    """The cell noun an amount belongs to, read before it: the noun before the parenthesis
    that holds it, else the last cell noun of its part of the clause; None if none."""
    before = clause_tail(text[max(0, start - t.culture_window) : start])
    opened = open_paren(before)
    if opened is not None and t.cell_noun.search(before[:opened].split(",")[-1]):
        before = before[:opened]  # "HaCaT cells (5 × 10^4 cells per well)": the noun before
    near = after_last(PART_BREAK, before)
    nouns = list(t.cell_noun.finditer(near))
    if not nouns:
        return None
    last = nouns[-1]
    first = last.start()
    if re.fullmatch(r"(?i:cells?)", last.group(0)):
        prev = re.search(r"(\S+)\s+$", near[:first])  # "HaCaT cells", "stem cells"
        if prev is not None:
            first = prev.start(1)
    return near[first : last.end()]


def _culture_area(text: str, g: Group, owner: str | None, t: Cues) -> bool:
    """Cells per cm2: a seeding or expansion density ("fibroblasts were plated at 5,000
    cells/cm2", "at a density of 2 × 10^4 cells/cm2 in 6-well plates") or a dose spread over
    a wound ("1 × 10^6 ADSCs/cm2 were sprayed onto the wound", "SVF at 2 × 10^5 cells/cm2 of
    wound"). Read in the amount's part of its sentence (from the clause start or the previous
    amount to the clause end or the next amount); order in ``units.json``
    ``culture_density.area``."""
    reach = t.culture_window
    before = after_last(DIGIT_RUN, clause_tail(text[max(0, g.start - reach) : g.start]))
    after = before_first(text[g.end : g.end + reach], CLAUSE_BREAK, DIGIT_RUN)
    part = before + " " + after
    if owner is not None and re.fullmatch(r"(?i:(?:the\s+)?cells?)", owner.strip()):
        owner = None  # bare "cells" names no owner
    target = owner is not None and t.blood_therapy.search(owner) is None
    if t.area_site.search(part):
        return False  # "… sprayed onto the wound", "… cells/cm2 of ulcer area"
    if not target and t.area_administration.search(part):
        return False  # "SVF was applied at 2 × 10^5 cells/cm2"
    if target:
        return True  # "HaCaT cells seeded at 1 × 10^4 cells/cm2": the target culture
    if owner is not None and t.area_coculture.search(part):
        return False  # "ADSCs (1 × 10^4 cells/cm2) were co-cultured with keratinocytes"
    return t.area_culture.search(part) is not None  # "MSCs were expanded from 4,000 cells/cm2"


# The decisions in the order they run; each names the row that fired.
_DECISIONS: tuple[Callable[[str, Group, Cues], str | None], ...] = (
    _agent_after,
    _vehicle_volume,
    _stimulus_before,
    _agent_before,
    _named("dose.blood_count", _blood_count),
    _named("dose.measured_concentration", _measured_concentration),
    _named("dose.counting_density", _counting_density),
    _named("dose.source_material", _source_material),
    _named("dose.culture_density", _culture_density),
)
