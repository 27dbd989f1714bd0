"""Build the editions into a staging folder and publish them only when all succeed.

    textbook-build html [--langs id en]
    textbook-build pdf|epub [--langs id en]
    textbook-build coursepack --chapters pemberdayaan model-intervensi [--langs id en]

Published output lives in ``_build/<format>/``; staging in ``_build/stage/<format>/``
(kept between runs so rebuilds are incremental). A failed build leaves the
published folder untouched and discards that language's stage and doctrees, so
the next run reads everything again and repeats every warning.

Modules: ``project`` (paths, inputs, date), ``runner`` (forked Sphinx child),
``fingerprints`` (skip unchanged builds), ``publish``, ``latexmk`` (log rules),
``editions`` (html, pdf, epub), ``coursepack``, ``site_root`` (landing page, 404,
robots.txt, sitemap index from ``templates/``), ``cli``.
"""

from .project import SPHINX_FLAGS, Project, copy_project, source_date_epoch  # noqa: F401
