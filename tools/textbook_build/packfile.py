"""Pack files (``coursepacks/<name>.yaml``): what a teacher keeps from term to term.

Read as plain YAML (``textbook.inputs``: no anchors, tags or control characters),
checked against :data:`SCHEMA` with jsonschema; every error names the file, the
line and the key, with the nearest chapter, language or key when one is close.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from textbook.inputs import InputError, compose_yaml, plain_data, read_text
from textbook.latex.coursepack import REFERENCES_ONLY, references_only

from .coursepack import PAPER

TEXT = {"type": "string", "minLength": 1, "maxLength": 200}
SCHEMA = {
    "type": "object",
    "required": ["title", "chapters"],
    "additionalProperties": False,
    "properties": {
        "title": TEXT, "course": TEXT, "institution": TEXT, "lecturer": TEXT, "term": TEXT,
        "chapters": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "languages": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "paper": {"enum": list(PAPER)},
        "sides": {"enum": ["one", "two"]},
        "layout": {"enum": ["sequential", "parallel"]},
        "handout": {"type": "boolean"},
        "edition": {"type": "string", "pattern": r"^\d+\.\d+$"},  # the book's it was made for
    },
}
TITLE_FIELDS = ("title", "course", "institution", "lecturer", "term", "edition")
PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass
class Pack:
    chapters: list[str]
    languages: list[str]
    name: str = "pack"  # the pack file's name: the PDF is <name>.pdf
    paper: str = "a4"
    sides: str = "two"
    layout: str = "sequential"
    handout: bool = False
    title_page: dict[str, str] = field(default_factory=dict)

    def write_title_page(self, path: Path) -> Path:
        path.write_text(json.dumps(self.title_page, ensure_ascii=False), encoding="utf-8")
        return path


def _nearest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean '{match[0]}'?)" if match else ""


TYPES = {"array": "a list, e.g. [pemberdayaan, model-intervensi]", "string": "text",
         "boolean": "true or false", "object": "keys with values (title: ..., chapters: ...)"}


def _message(error: jsonschema.ValidationError) -> str:
    """A schema error in a teacher's words, naming the limit."""
    value = error.instance
    shown = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if error.validator == "maxLength":
        return f"at most {error.validator_value} characters; this one has {len(value)}"
    if error.validator == "minLength":
        return "is empty; write the text, or leave the key out"
    if error.validator == "minItems":
        return f"lists nothing; name at least {error.validator_value}"
    if tuple(error.absolute_path) == ("edition",):
        return f"an edition number X.Y in quotes, e.g. edition: \"1.0\" (not {shown})"
    if error.validator == "type" and error.validator_value in TYPES:
        return f"{shown} must be {TYPES[error.validator_value]}"
    return error.message


def _quote_hint(line: str, char: str, kept: str | None = None) -> str:
    """'put the value in quotes', with the line as it should be written."""
    key, _, value = line.partition(":")
    escaped = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    quoted = f'"{escaped}"'
    read = f" (YAML reads only '{kept}')" if kept is not None else ""
    return (f"{key.strip()}: a value with an unquoted {char}{read}: put the value in "
            f"quotes: {key.strip()}: {quoted} (a comment goes on a line of its own)")


def load_pack(path: Path, chapters: list[str], languages: list[str],
              source: Path | None = None) -> Pack:
    """The pack in ``path``; ``chapters`` and ``languages`` are the book's (its chapter
    files in ``source``: a pack of references alone is refused)."""
    if not PACK_NAME.fullmatch(path.stem):
        raise InputError(path, 1, f"the pack's PDF is named after its file: '{path.stem}' "
                                  f"may hold only letters, digits and . _ -")
    text = read_text(path)
    try:
        node = compose_yaml(text, path)
    except InputError as exc:  # "Kelas: Minggu 1" unquoted: a second key on one line
        if exc.line and "mapping values are not allowed" in exc.message:
            raise InputError(path, exc.line, _quote_hint(text.splitlines()[exc.line - 1],
                                                         "':'")) from None
        raise
    if node is None:
        raise InputError(path, 1, "empty pack file (keys: title, chapters, ...)")
    for key_node, value_node in getattr(node, "value", []):
        # "Kelas #2" unquoted: YAML reads " #2" as a comment and keeps "Kelas"
        if (key_node.value in TITLE_FIELDS and getattr(value_node, "style", "") is None
                and isinstance(value_node.value, str)):
            line = text.splitlines()[value_node.end_mark.line]
            if re.match(r"\s+#", line[value_node.end_mark.column:]):
                raise InputError(path, value_node.end_mark.line + 1,
                                 _quote_hint(line, "'#'", value_node.value))
    data, lines = plain_data(node, path)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = tuple(error.absolute_path)
        key = ".".join(map(str, where)) or "(top level)"
        if error.validator == "additionalProperties":
            extra = sorted(set(data) - set(SCHEMA["properties"]))
            raise InputError(path, lines.get((extra[0],), 1),
                             f"unknown key '{extra[0]}'{_nearest(extra[0], list(SCHEMA['properties']))}"
                             f"; keys: {', '.join(SCHEMA['properties'])}")
        raise InputError(path, lines.get(where, 1), f"{key}: {_message(error)}")
    for i, name in enumerate(data["chapters"]):
        if name not in chapters:
            raise InputError(path, lines[("chapters", i)],
                             f"chapters: unknown chapter '{name}'{_nearest(name, chapters)}; "
                             f"'make chapters' lists them")
        if data["chapters"].index(name) != i:
            raise InputError(path, lines[("chapters", i)],
                             f"chapters: '{name}' is named twice")
    if source is not None and references_only(source, data["chapters"]):
        raise InputError(path, lines[("chapters",)],
                         "chapters: " + REFERENCES_ONLY % " ".join(data["chapters"]))
    langs = data.get("languages", languages[:1])
    for i, code in enumerate(langs):
        if code not in languages:
            raise InputError(path, lines.get(("languages", i), lines[("languages",)]),
                             f"languages: unknown language '{code}'{_nearest(code, languages)};"
                             f" the book has {' '.join(languages)}")
    layout = data.get("layout", "sequential")
    if layout == "parallel" and len(langs) != 2:
        raise InputError(path, lines[("layout",)],
                         f"layout: parallel sets two languages on facing pages (the first "
                         f"on the left); languages has {len(langs)}: {' '.join(langs)}")
    return Pack(chapters=data["chapters"], languages=langs, name=path.stem, paper=data.get("paper", "a4"),
                sides=data.get("sides", "two"), layout=layout,
                handout=data.get("handout", False),
                title_page={k: data[k] for k in TITLE_FIELDS if k in data})
