"""Where the shipped knowledge lives. ``EXTRACTOR_MODELS`` overrides it (e.g. an installed copy).

``models/`` sits beside the package in the repository (the layout the project ships), so the
default is found relative to the package; set the variable when the package is installed
elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = Path(os.environ.get("EXTRACTOR_MODELS", REPO_ROOT / "models"))
