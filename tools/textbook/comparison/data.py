"""Load and validate the comparison-table data file.

Every error names the data file and the line (and key) it was found at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jsonschema

from ..inputs import InputError, compose_yaml, decode, plain_data, read_bytes, short

TEXT = {"$ref": "#/$defs/text"}
ID = {"$ref": "#/$defs/id"}


def record(**properties) -> dict:
    """Schema of a mapping with exactly these keys, each one required."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def one_or_more(items: dict) -> dict:
    return {"type": "array", "minItems": 1, "items": items}


SCHEMA = {
    **record(
        headings=record(number=TEXT, indicator=TEXT),
        models=one_or_more(record(id=ID, name=TEXT)),
        indicators=one_or_more(
            record(
                id=ID,
                no={"type": "integer", "minimum": 1},
                label=TEXT,
                cells={"type": "object", "minProperties": 1, "additionalProperties": TEXT},
            )
        ),
    ),
    "$defs": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "text": {"type": "string", "pattern": r"\S"},
    },
}


DataError = InputError  # a problem in the data file, located by file and line


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    line: int


@dataclass(frozen=True)
class Indicator:
    id: str
    no: int
    label: str
    cells: dict[str, str]
    line: int
    cell_lines: dict[str, int]


@dataclass(frozen=True)
class Comparison:
    path: Path
    number_heading: str
    indicator_heading: str
    heading_line: int
    models: list[Model]
    indicators: list[Indicator]


def _key_path(parts) -> str:
    out = ""
    for part in parts:
        out += (
            f"[{part}]" if isinstance(part, int) else (f".{short(part)}" if out else short(part))
        )
    return out or "(top level)"


def load(path: str | Path, root: str | Path | None = None) -> Comparison:
    """The table in the data file ``path``: a regular file inside ``root``, never a link."""
    path = Path(path)
    try:
        raw = read_bytes(path, root)
    except InputError as exc:
        raise DataError(exc.path, None, exc.message) from None
    return parse(raw, path)


def parse(raw: bytes, path: str | Path) -> Comparison:
    """The table in ``raw``, the bytes of the data file ``path``."""
    path = Path(path)
    node = compose_yaml(decode(raw, path), path)
    if node is None:
        raise DataError(path, 1, "data file is empty")
    data, lines = plain_data(node, path)

    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        where = tuple(error.absolute_path)
        message = f"{_key_path(where)}: {short(error.message, 200)}"
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            unknown = sorted(k for k in error.instance if k not in allowed)
            if unknown:
                where = where + (unknown[0],)
                message = f"unknown key '{short(unknown[0])}' at {_key_path(where)}"
        elif error.validator == "pattern" and error.schema.get("pattern") == r"\S":
            message = f"empty text at {_key_path(where)}"
        line = lines[where]
        raise DataError(path, line, message)

    models = [
        Model(m["id"], m["name"], lines[("models", i)]) for i, m in enumerate(data["models"])
    ]
    _unique([m.id for m in models], "models", path, lines)
    _unique([ind["id"] for ind in data["indicators"]], "indicators", path, lines)
    model_ids = [m.id for m in models]

    indicators = []
    for i, ind in enumerate(data["indicators"]):
        here = ("indicators", i)
        if ind["no"] != i + 1:
            raise DataError(
                path,
                lines[here + ("no",)],
                f"indicator '{ind['id']}' is numbered {ind['no']}, "
                f"expected {i + 1} (numbering out of order)",
            )
        for key in ind["cells"]:
            if key not in model_ids:
                raise DataError(
                    path,
                    lines[here + ("cells", key)],
                    f"indicator '{ind['id']}': unknown model id '{short(key)}' "
                    f"(models are {', '.join(model_ids)})",
                )
        for model_id in model_ids:
            if model_id not in ind["cells"]:
                raise DataError(
                    path,
                    lines[here + ("cells",)],
                    f"indicator '{ind['id']}': missing cell for model '{model_id}'",
                )
        indicators.append(
            Indicator(
                id=ind["id"],
                no=ind["no"],
                label=ind["label"],
                cells={m: ind["cells"][m] for m in model_ids},
                line=lines[here],
                cell_lines={m: lines[here + ("cells", m)] for m in model_ids},
            )
        )
    headings = data["headings"]
    return Comparison(
        path, headings["number"], headings["indicator"], lines[("headings",)], models, indicators
    )


def _unique(ids: list[str], section: str, path: Path, lines: dict) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise DataError(
                path, lines[(section, i, "id")], f"duplicate id '{ident}' in {section}"
            )
        seen.add(ident)
