"""Sample words that are no sample: where a dose's product comes from ("cord blood-derived
MSCs") or what carries it ("a serum of … exosomes"), read by the measured-concentration filter
of ``dose_filters``."""

from __future__ import annotations

import re

from extractor.normalize.dose_cues import Cues

__all__ = ["product_source_or_vehicle"]

# A sample word that names where the product comes from or what carries it, not a sample
# measured: the source of blood-derived cells (Cell Ontology: 'umbilical cord blood-derived
# mesenchymal stem cell') and a cosmetic serum holding the product ("a serum of UC-MSC
# exosomes (1.5 × 10^10 particles)", the leave-on formulation of cosmetic science, INCI
# 'serum'). Keep as doses: "cord blood-derived MSCs (5 × 10^7 cells)"; drop still: "the
# serum of patients held 3 × 10^9 particles/mL".
_SOURCE_AFTER = re.compile(r"[-\u2010\s]*derived\b", re.IGNORECASE)
_VEHICLE_OF = re.compile(r"\s+(?:containing|of|with)\s+", re.IGNORECASE)
_DONOR = re.compile(
    r"\b(?:mice|mouse|rats?|animals?|patients?|subjects?|donors?|volunteers?|controls?|dogs?)\b",
    re.IGNORECASE,
)


def product_source_or_vehicle(near: str, m: re.Match[str], t: Cues) -> bool:
    """The sample word ``m`` of ``near`` names the product's source ("cord blood-derived
    MSCs") or its vehicle ("a serum of … exosomes"), not a sample that was measured."""
    if _SOURCE_AFTER.match(near, m.end()):
        return True
    carrier = _VEHICLE_OF.match(near, m.end())
    if carrier is None:
        return False
    rest = near[carrier.end() :]
    if re.search(r"[,;]", rest) or _DONOR.search(rest):
        return False  # "the serum of exosome-treated mice held …": a sample of a donor
    # the product itself, not a verb of giving
    return any(
        p.group(0).isupper() or not p.group(0).lower().endswith(("ed", "ing", "en"))
        for p in t.therapeutic.finditer(rest)
    )
