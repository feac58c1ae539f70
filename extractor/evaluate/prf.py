"""Precision/recall/F1 from counts. Metrics are derived from counts, never stored separately."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of one comparison; ``tp`` may be fractional (SemEval: half a point per partial)."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": _num(self.tp),
            "fp": _num(self.fp),
            "fn": _num(self.fn),
        }


def _num(x: float) -> float | int:
    """Whole counts stay ints in JSON so that hand-computed expectations read naturally."""
    return int(x) if float(x).is_integer() else x
