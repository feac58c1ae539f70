"""What a batch worker does with one input path, loaded once per worker process.

A processor spec names a factory, ``"package.module:factory"`` or ``"path/to/file.py:factory"``;
the factory is called once in each worker and returns ``process(path, doc_id) -> dict`` (a
SCHEMA §5 line; ``doc_id`` is the one the batch assigned by ``extractor.extract.assign_doc_ids``).
The default loads the spaCy pipeline once and runs ``extractor.extract.process_path``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

Processor = Callable[[str, str], dict[str, Any]]
DEFAULT_PROCESSOR = "extractor.batch.processors:pipeline_processor"


def pipeline_processor(max_chars: int | None = None) -> Processor:
    """Load the pipeline once; process each path with the shared extract glue."""
    from extractor.extract import DEFAULT_MAX_CHARS, process_path
    from extractor.pipeline import load_pipeline

    nlp = load_pipeline(freeze_gc=True)
    limit = max_chars or DEFAULT_MAX_CHARS

    def process(path: str, doc_id: str) -> dict[str, Any]:
        return process_path(path, nlp, doc_id=doc_id, max_chars=limit).to_dict()

    return process


def load_processor(spec: str, options: dict[str, Any] | None = None) -> Processor:
    """Resolve a processor spec and call its factory, with those ``options`` (keyword
    arguments such as ``max_chars``) that the factory's signature names."""
    target, sep, attr = spec.rpartition(":")
    if not sep or not target or not attr:
        raise ValueError(f"processor spec {spec!r} must look like 'module:factory'")
    if target.endswith(".py"):
        file = Path(target)
        module_spec = importlib.util.spec_from_file_location(f"_batch_processor_{file.stem}", file)
        if module_spec is None or module_spec.loader is None:
            raise ValueError(f"processor file {target!r} cannot be imported")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    factory = getattr(module, attr)
    params = inspect.signature(factory).parameters
    kwargs = {k: v for k, v in (options or {}).items() if k in params}
    return factory(**kwargs)  # type: ignore[no-any-return]
