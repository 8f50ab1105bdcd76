"""The validated data of the build in progress, shared by the hooks.

hooks/data_tables.py loads it at the start of every build; other hooks read
it through these functions.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from datalib.catalog import Catalog
from site_languages import current_language

_catalog: Catalog | None = None


def set_catalog(catalog: Catalog) -> None:
    global _catalog
    _catalog = catalog


def catalog() -> Catalog:
    if _catalog is None:
        raise PluginError("The data catalog was used before hooks/data_tables.py loaded it")
    return _catalog


def ui_strings(config) -> dict[str, str]:
    """Interface strings from data/ui.yaml in the language being built."""
    language = current_language(config)
    return {key: texts[language] for key, texts in catalog().ui.strings.items()}
