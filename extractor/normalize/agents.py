"""Agents that are not the therapy: the one list of disease inducers, stimuli and mediators.

``models/records/inducers.jsonl`` is read here, below both of its readers: the dose filters
(an amount of any agent is not the therapy's dose) and the record assembler (naming an inducer
marks a disease model). Keeping the reader at this level lets data flow one way: the record
stage imports the normalisers, never the reverse.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from extractor.knowledge import KnowledgeError, locate, read_jsonl

AGENTS = "inducers.jsonl"
INDUCER_ROLES = ("inducer", "stimulus")
AGENT_ROLES = (*INDUCER_ROLES, "mediator")
KEYS = ("role", "pattern", "names", "source")


@cache
def agents(roles: tuple[str, ...] = AGENT_ROLES) -> tuple[dict[str, Any], ...]:
    """Rows whose ``role`` is in ``roles``: disease inducers (``inducer``), in-vitro and
    in-vivo stimuli (``stimulus``) and endogenous mediators used as stimuli (``mediator``).
    The dose filter reads every role; the record assembler's ``inducer()`` reads
    ``INDUCER_ROLES``: a mediator (histamine) is also a measured outcome, so naming one is no
    sign of an insult."""
    path = locate() / "records" / AGENTS
    out = []
    for n, row in read_jsonl(path, allowed=KEYS, required=("role", "pattern", "source")):
        if row["role"] not in AGENT_ROLES:
            raise KnowledgeError(f"{path}:{n}: role must be one of {', '.join(AGENT_ROLES)}")
        if row["role"] in roles:
            out.append(row)
    return tuple(out)
