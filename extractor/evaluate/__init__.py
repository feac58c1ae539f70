"""Scoring of SCHEMA §5 output against gold: mentions (SemEval-2013 schemes) and study records."""

from __future__ import annotations

from extractor.evaluate.scoring import Evaluation, evaluate_documents, score_documents

__all__ = ["Evaluation", "evaluate_documents", "score_documents"]
