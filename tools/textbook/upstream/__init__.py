"""Patches of upstream internals, kept together. Each module names the upstream
version it was written against, what upstream would have to fix, and has a
test that fails when that version changes."""
from .i18n_refs import setup_i18nrefs
from .myst_speed import setup_myst_speed
from .search_prune import setup_search_prune


def setup_upstream(app) -> None:
    setup_myst_speed(app)
    setup_i18nrefs(app)
    setup_search_prune(app)
