"""Released and draft editions, declared in ``locales/languages.yaml`` (see its comment)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .inputs import InputError, compose_yaml, plain_data, read_text
from .languages import CODE, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent.parent
DECLARATION = ROOT / "locales" / "languages.yaml"


class EditionsError(Exception):
    pass


@dataclass(frozen=True)
class Editions:
    released: tuple[str, ...]
    draft: tuple[str, ...]

    def is_released(self, lang: str) -> bool:
        return lang in self.released


def load(path: Path = DECLARATION) -> Editions:
    try:  # an untrusted file: a regular file, plain YAML, the one character rule
        text = read_text(path, "utf-8")
        node = compose_yaml(text, path)
        data = plain_data(node, path)[0] if node is not None else None
    except InputError as exc:
        raise EditionsError(f"{exc.where}: {exc.message}") from None
    lines = {key: n for n, line in enumerate(text.splitlines(), 1)
             for key in ("released", "draft") if line.startswith(f"{key}:")}
    if not isinstance(data, dict) or set(data) - {"released", "draft"}:
        raise EditionsError(f"{path}:1: expected the keys 'released' and 'draft' only")
    lists = {}
    for key in ("released", "draft"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and CODE.fullmatch(v)
                                                  for v in value):
            raise EditionsError(f"{path}:{lines.get(key, 1)}: '{key}' must be a list of "
                                "language codes such as [id, en]")
        lists[key] = tuple(value)
    if SOURCE_LANGUAGE not in lists["released"]:
        raise EditionsError(f"{path}:{lines.get('released', 1)}: the source language "
                            f"'{SOURCE_LANGUAGE}' must be released")
    both = set(lists["released"]) & set(lists["draft"])
    if both:
        raise EditionsError(f"{path}:{lines.get('draft', 1)}: {', '.join(sorted(both))} "
                            "both released and draft")
    return Editions(lists["released"], lists["draft"])
