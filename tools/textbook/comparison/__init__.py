"""The comparison table: a data file, validated, rendered by a directive."""

from .directive import setup_comparison

__all__ = ["setup_comparison"]
