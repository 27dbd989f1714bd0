"""Sphinx extension of the open textbook on empowerment and community development."""
from .extension import setup_extension as setup

__all__ = ["setup"]
