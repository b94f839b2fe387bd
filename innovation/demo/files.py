"""Reading the demo content: data/people.yaml, ideas.yaml and rounds.yaml, validated by the
models of schema.py. Any problem is a `DemoDataError` listing each one by file, idea (or round,
or person) and field."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .schema import IdeasFile, PeopleFile
from .schema_rounds import RoundsFile

DATA_DIR = Path(__file__).with_name("data")  # inside the package: found from a checkout and an install
# How a list item is named in a message: its kind and the key that tells it apart.
ITEM_NAMES = {"people": ("person", "local"), "ideas": ("idea", "title"), "rounds": ("round", "title")}


class DemoDataError(ValueError):
    """The demo files break the schema; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid demo data:\n  " + "\n  ".join(problems))


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, refusing a key given twice in one mapping: yaml.safe_load keeps the last
    silently, so a rater listed twice would lose a rating without a word."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"found duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """The document in `path`, safely (plain data only); a syntax error or repeated key raises."""
    with path.open(encoding="utf-8") as handle:
        loader = _StrictLoader(handle)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()


def _where(loc: tuple, document: Any) -> str:
    """`idea #3 "Title" › supporters.1` for a pydantic error location in `document`."""
    if len(loc) >= 2 and loc[0] in ITEM_NAMES and isinstance(loc[1], int):
        kind, key = ITEM_NAMES[loc[0]]
        items = document.get(loc[0]) if isinstance(document, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        label = f"{kind} #{loc[1] + 1}"
        if isinstance(item, dict) and isinstance(item.get(key), str):
            label += f" ({item[key].strip()!r})"
        rest = ".".join(str(part) for part in loc[2:])
        return f"{label} › {rest}" if rest else label
    return ".".join(str(part) for part in loc)


def describe(error: ValidationError, document: Any, filename: str) -> list[str]:
    """One line per problem, naming the file, the item and the field."""
    lines = []
    for item in error.errors():
        where = _where(item["loc"], document)
        prefix = f"{filename}: {where}: " if where else f"{filename}: "
        lines += [prefix + line for line in item["msg"].removeprefix("Value error, ").splitlines()]
    return lines


def validate_file(model: type[BaseModel], path: Path, context: dict | None = None):
    """`path` read and validated as `model` (the others it refers to in `context`)."""
    try:
        document = read_yaml(path)
    except OSError as exc:
        raise DemoDataError([f"{path.name}: {exc.strerror or exc}"]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        context = f" ({exc.context})" if exc.context else ""
        raise DemoDataError([f"{path.name}: {where}{exc.problem}{context}"]) from exc
    try:
        return model.model_validate(document, context=context or {})
    except ValidationError as exc:
        raise DemoDataError(describe(exc, document, path.name)) from exc


@dataclass(frozen=True)
class DemoContent:
    """The three validated files."""

    people: PeopleFile
    ideas: IdeasFile
    rounds: RoundsFile


def load_content(data_dir: Path = DATA_DIR) -> DemoContent:
    """Read and validate the demo files in `data_dir`; raises `DemoDataError` naming each problem."""
    people = validate_file(PeopleFile, data_dir / "people.yaml")
    ideas = validate_file(IdeasFile, data_dir / "ideas.yaml", {"people": people})
    rounds = validate_file(RoundsFile, data_dir / "rounds.yaml", {"people": people, "ideas": ideas})
    return DemoContent(people, ideas, rounds)
