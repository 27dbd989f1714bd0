"""Released and draft editions, declared in ``locales/languages.yaml`` (see its comment)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputError, compose_yaml, plain_data, read_text, short
from .languages import CODE, DICTIONARY, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent.parent
DECLARATION = ROOT / "locales" / "languages.yaml"


class EditionsError(Exception):
    pass


@dataclass(frozen=True)
class Profile:
    name: str = ""
    polyglossia: str = ""
    date_format: str = ""
    quotes: str = ""
    dictionaries: tuple[str, ...] = ()


# A profile's fields (locales/ is untrusted): each value reaches HTML, LaTeX or a
# hunspell command line, so each must match its pattern in full.
FIELDS = {
    "name": (
        re.compile(r"[^\W\d_](?:[^\W\d_]|[ '’-](?=[^\W\d_])){0,39}"),
        "letters, with single spaces, hyphens or apostrophes between them",
    ),
    "polyglossia": (re.compile(r"[a-z]{2,20}"), "a polyglossia language name such as bahasai"),
    "date_format": (
        re.compile(r"(?:%-?[dmYyBb]|[^\W\d_]|[ ,./-]){1,30}"),
        "a date format of %d, %-d, %m, %B, %b, %Y, %y, letters, spaces and , . / -",
    ),
    "quotes": (
        re.compile(r"[“”„‟‘’‚‛«»‹›「」『』]{4}"),
        "four quotation marks: double open, double close, single open, single close",
    ),
    "dictionaries": (DICTIONARY, "a list of hunspell dictionary names such as [id_ID, en_US]"),
}


@dataclass(frozen=True)
class Editions:
    released: tuple[str, ...]
    draft: tuple[str, ...]
    profiles: dict[str, Profile] = field(default_factory=dict)

    def is_released(self, lang: str) -> bool:
        return lang in self.released


def load(path: Path = DECLARATION) -> Editions:
    try:  # an untrusted file: a regular file, plain YAML, the one character rule
        text = read_text(path, "utf-8")
        node = compose_yaml(text, path)
        data, where = plain_data(node, path) if node is not None else (None, {})
    except InputError as exc:
        raise EditionsError(f"{exc.where}: {exc.message}") from None
    lines = {key[0]: n for key, n in where.items() if len(key) == 1}
    if not isinstance(data, dict) or set(data) - {"released", "draft", "profiles"}:
        raise EditionsError(f"{path}:1: expected the keys 'released', 'draft' and 'profiles' only")
    lists = {}
    for key in ("released", "draft"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(
            isinstance(v, str) and CODE.fullmatch(v) for v in value
        ):
            raise EditionsError(
                f"{path}:{lines.get(key, 1)}: '{key}' must be a list of "
                "language codes such as [id, en]"
            )
        lists[key] = tuple(value)
    if SOURCE_LANGUAGE not in lists["released"]:
        raise EditionsError(
            f"{path}:{lines.get('released', 1)}: the source language "
            f"'{SOURCE_LANGUAGE}' must be released"
        )
    both = set(lists["released"]) & set(lists["draft"])
    if both:
        raise EditionsError(
            f"{path}:{lines.get('draft', 1)}: {', '.join(sorted(both))} both released and draft"
        )
    profiles = load_profiles(data.get("profiles") or {}, where, path)
    lacking = [lang for lang in lists["released"] if lang not in profiles]
    if lacking:
        raise EditionsError(
            f"{path}:{lines.get('profiles', 1)}: no profile for the released {', '.join(lacking)}"
        )
    return Editions(lists["released"], lists["draft"], profiles)


def load_profiles(data: object, where: dict[tuple, int], path: Path) -> dict[str, Profile]:
    """Each language's profile, every field checked against its pattern (:data:`FIELDS`)."""

    def refuse(at: tuple, message: str):
        raise EditionsError(f"{path}:{where.get(at, where.get(at[:-1], 1))}: {message}")

    if not isinstance(data, dict):
        refuse(("profiles",), "'profiles' must map language codes to their profiles")
    profiles = {}
    for lang, fields in data.items():
        at = ("profiles", lang)
        if not CODE.fullmatch(lang):
            refuse(at, f"'{short(lang)}' is not a language code such as id or pt_BR")
        if not isinstance(fields, dict) or not fields.get("name"):
            refuse(at, f"profile '{lang}': a mapping with at least a 'name'")
        for key, value in fields.items():
            if key not in FIELDS:
                refuse(
                    at + (key,),
                    f"profile '{lang}': unknown field '{short(key)}' (known: {', '.join(FIELDS)})",
                )
            pattern, what = FIELDS[key]
            values = value if key == "dictionaries" and isinstance(value, list) else [value]
            if (
                (key == "dictionaries") != isinstance(value, list)
                or len(values) > 4
                or not all(
                    isinstance(v, str) and len(v) <= 60 and pattern.fullmatch(v) for v in values
                )
            ):
                refuse(
                    at + (key,),
                    f"profile '{lang}': '{key}' must be {what} (not {short(str(value))})",
                )
        profiles[lang] = Profile(
            **{k: tuple(v) if k == "dictionaries" else v for k, v in fields.items()}
        )
    return profiles
