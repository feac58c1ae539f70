"""One context engine for every consumer: rules as rows, scope and termination in one place.

``default_engine()`` reads the rows shipped with the package
(``extractor/context/data/rules.jsonl``); ``load_rules`` reads any other file, rejecting a
key outside ``KEYS`` with its ``file:line``. See docs/rules.md.
"""

from extractor.context.engine import ContextEngine, Modifier, default_engine, default_rules_path
from extractor.context.rules import DIRECTIONS, KEYS, ContextRule, load_rules, rules_from_rows

__all__ = [
    "DIRECTIONS",
    "KEYS",
    "ContextEngine",
    "ContextRule",
    "Modifier",
    "default_engine",
    "default_rules_path",
    "load_rules",
    "rules_from_rows",
]
