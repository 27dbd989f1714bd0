"""Interface words of the translation status page (``tools/textbook_build/site_root.py``
writes it at the site's root, one per released interface language)."""

from __future__ import annotations

from ..messages import N_

STATUS_WORDS = {
    "title": N_("Translation status"),
    # Translators: under the title of the translation status page
    "intro": N_(
        "How far each language's catalogs are translated, as make po-status "
        "counts them. Fuzzy translations count as not yet translated."
    ),
    "language": N_("Language"),
    "catalog": N_("Catalog"),
    "translated": N_("Translated"),
    "fuzzy": N_("Fuzzy"),
    "untranslated": N_("Untranslated"),
    "percent": N_("Percent"),
    "updated": N_("Last updated"),
    "state": N_("State"),
    # Translators: a language offered to readers
    "released": N_("released"),
    # Translators: a language being translated, not yet offered to readers
    "draft": N_("draft"),
    "home": N_("Back to the book"),
}
