"""The spaCy pipeline: assembled offline from ``models/config.cfg`` with one call.

``load_pipeline()`` -> ``to_doc(nlp, document)`` -> ``nlp(doc)`` -> ``extractor.mentions.from_doc``.
This module is the one place that imports ``scispacy.abbreviation`` (scispaCy registers its
factory on import and has no entry points).
"""

from __future__ import annotations

import gc
import importlib
import re
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import load_model_from_config
from thinc.api import Config

from extractor import knowledge
from extractor.pipeline.extensions import SPANS_KEY, register_extensions
from extractor.types import Document

__all__ = [
    "SPANS_KEY",
    "body_end",
    "default_config_path",
    "load_pipeline",
    "set_span_values",
    "span_value",
    "to_doc",
]

# Factories living in modules that need importing before a config naming them can load.
_FACTORY_MODULES = {
    "extractor_lexicon_matcher": "extractor.pipeline.lexicon",
    "extractor_abbrev_propagator": "extractor.pipeline.abbrev",
    "extractor_entity_filter": "extractor.pipeline.entity_filter",
    "extractor_dose_recognizer": "extractor.pipeline.doses",
    "extractor_abbreviation_detector": "extractor.pipeline.abbrev",
    "abbreviation_detector": "scispacy.abbreviation",
}


def default_config_path() -> Path:
    """``config.cfg`` of the knowledge folder (``extractor.knowledge.locate``)."""
    return knowledge.locate() / "config.cfg"


def _import_factories(factories: set[str]) -> None:
    importlib.import_module("extractor.pipeline.tokenizer")
    importlib.import_module("extractor.pipeline.readers")
    for factory in sorted(factories):
        module = _FACTORY_MODULES.get(factory)
        if module:
            importlib.import_module(module)


def load_pipeline(path: str | Path | None = None, *, freeze_gc: bool = False) -> Language:
    """Load the pipeline from a ``config.cfg`` (assembled and initialised) or a built directory.

    Args:
        path: a config file, a ``models/`` folder holding ``config.cfg``, or a directory
            written by ``nlp.to_disk`` (it has ``meta.json``). ``None``: the default config.
        freeze_gc: after loading, hand every object alive in the process to ``gc.freeze()``.
            The lexicon index is ~110k long-lived objects that each full cyclic collection
            walks (~120 ms here, as long as processing a whole paper); frozen, they are
            skipped. For processes whose job is running the pipeline (the CLI, batch
            workers, benchmarks); off by default because it is process-wide.

    Raises:
        FileNotFoundError: naming the path when there is no config there.
    """
    register_extensions()
    p = Path(path) if path is not None else default_config_path()
    if p.is_dir() and (p / "meta.json").is_file():
        knowledge.use_saved(p)
        config = Config().from_disk(p / "config.cfg")
        _import_factories({c["factory"] for c in config["components"].values()})
        return _frozen(spacy.load(p), freeze_gc)
    if p.is_dir():
        p = p / "config.cfg"
    if not p.is_file():
        raise FileNotFoundError(f"{p}: pipeline config not found")
    config = Config().from_disk(p, overrides={"paths.models": str(p.parent.resolve())})
    _import_factories({c["factory"] for c in config["components"].values()})
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return _frozen(nlp, freeze_gc)


def _frozen(nlp: Language, freeze_gc: bool) -> Language:
    if freeze_gc:
        gc.collect()  # garbage from loading is freed, not frozen
        gc.freeze()
    return nlp


def span_value(doc: Doc, name: str, start_char: int, end_char: int) -> Any:
    """``span._.<name>`` of the span at these offsets, read without making the span.

    spaCy keeps a span's extension values in ``doc.user_data`` under
    ``("._.", name, start_char, end_char)`` (``spacy.tokens.underscore``), so every span on
    the same offsets shares them. Each ``span._`` builds an accessor object and each
    attribute read goes through it: on a paper's ~500 entities that was most of the time
    ``from_doc`` and the entity filter took. Every extension the pipeline sets defaults to
    ``None`` (``extensions.SPAN_EXTENSIONS``), which is what an unset value reads as here.
    """
    return doc.user_data.get(("._.", name, start_char, end_char))


def set_span_values(doc: Doc, start_char: int, end_char: int, **values: Any) -> None:
    """``span._.<name> = value`` for each of ``values``, for the span at these offsets
    (where ``span._`` would store them; see :func:`span_value`)."""
    data = doc.user_data
    for name, value in values.items():
        data[("._.", name, start_char, end_char)] = value


REFERENCE_HEADINGS = {"references", "bibliography", "literature cited", "reference list"}
_REF_HEADING_RE = re.compile(
    r"^[ \t]*(?:references|bibliography|literature cited)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def body_end(document: Document) -> int | None:
    """Offset where the reference list starts (mentions there are citations, not findings).

    Uses the ingested sections, then the parsed references, then a heading line of its own
    in the second half of the text; ``None`` when there is no reference list.
    """
    for sec in document.sections:
        if sec.title.strip().strip(":").lower() in REFERENCE_HEADINGS:
            return sec.start
    if document.references:
        return min(r.start for r in document.references)
    for m in _REF_HEADING_RE.finditer(document.text):
        if m.start() > len(document.text) // 2:
            return m.start()
    return None


def to_doc(nlp: Language, document: Document) -> Doc:
    """A tokenised ``Doc`` of ``document.text`` with ``doc._.doc_id`` and sections as spans.

    The caller runs ``nlp(doc)``. ``doc.text == document.text`` always holds, so every
    character offset downstream indexes ``Document.text``.
    """
    register_extensions()
    doc = nlp.make_doc(document.text)
    # the tokenizer never rewrites text; guard the contract where it matters, the offsets
    # (the last token ends where the text does), without joining every token's text again
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) != len(document.text):
        raise ValueError(f"{document.source}: tokenised text differs from the document text")
    doc._.doc_id = document.doc_id
    doc._.body_end = body_end(document)
    sections: list[Span] = []
    for sec in document.sections:
        span = doc.char_span(sec.start, sec.end, label=sec.title, alignment_mode="expand")
        if span is not None:
            sections.append(span)
    doc.spans["sections"] = sections
    return doc
