"""The home folder: where catalogs, models and the event database are kept."""

import os
from pathlib import Path


def default_home() -> Path:
    """Where caches live: ``$PRODUCT_FINDER_HOME``, else ``~/.cache/product-finder``."""
    return Path(os.environ.get("PRODUCT_FINDER_HOME") or Path.home() / ".cache" / "product-finder")
