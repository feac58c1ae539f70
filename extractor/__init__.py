"""Text mining of stem-cell and extracellular-vesicle therapy papers into study records."""

__version__ = "0.1.0"
SCHEMA_VERSION = "v1"
