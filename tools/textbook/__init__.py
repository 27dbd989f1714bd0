"""Sphinx extension of the open textbook on empowerment and community development."""


def setup(app):
    # Imported on use: textbook-build imports one module (html.site) without the rest.
    from .extension import setup_extension

    return setup_extension(app)


__all__ = ["setup"]
