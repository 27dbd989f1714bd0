"""A publishing build (``TEXTBOOK_PUBLISH=1``, as Read the Docs runs it) is refused
while the book would be a preview: no public address recorded in conf.py
(``textbook_public_url``), a loopback one, or a build address that is not it."""

from __future__ import annotations

from textbook.config import preview_reason

from .project import BuildError, Project


def preview(project: Project) -> str:
    """Why this build is a preview ('' when it is the published edition)."""
    config = project.config()
    return preview_reason(config.get("textbook_site_url"), config.get("textbook_public_url"))


def check_publish(project: Project, env: dict[str, str]) -> None:
    """Refuse a publishing build of a preview, with the reason and the fix."""
    if env.get("TEXTBOOK_PUBLISH") and (reason := preview(project)):
        raise BuildError(
            f"TEXTBOOK_PUBLISH: refusing to publish a preview: {reason}; record "
            f"the public address in conf.py and CITATION.cff (url) first"
        )
