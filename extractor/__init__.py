"""Text mining of stem-cell and extracellular-vesicle therapy papers into study records."""

__version__ = "0.1.0"
SCHEMA_VERSION = "v1"


def __getattr__(name: str):
    """``extractor.load_pipeline()`` without importing spaCy on ``import extractor``."""
    if name == "load_pipeline":
        from extractor.pipeline import load_pipeline

        return load_pipeline
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
