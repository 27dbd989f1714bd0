"""The print edition: layout, templates, course packs."""
from .layout import setup_latex

__all__ = ["setup_latex"]
