"""Check a file against its JSON Schema and say what is wrong in plain words, at the right line."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from fldd.standard.problems import Problems
from fldd.standard.yaml_source import Mapping, Sequence

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields"}


@lru_cache(maxsize=None)
def _validator(schema_path: Path) -> Any:
    import jsonschema  # lazy: only validation needs it

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def check_schema(data: object, schema_path: Path, path: Path, problems: Problems) -> bool:
    """Validate `data` (read from `path`) against a schema; record every error; True when clean."""
    clean = True
    errors = sorted(_validator(schema_path).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        clean = False
        line, item = _locate(data, list(error.absolute_path))
        if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
            allowed = error.schema.get("properties", {})
            extras = [k for k in error.instance if k not in allowed]
            if extras:
                line = error.instance.line_of(extras[0])
        problems.error(path, line, _describe(error), item)
    return clean


def _locate(data: object, steps: list[object]) -> tuple[int, str | None]:
    """The line of the value at `steps`, and the id of the nearest enclosing item that has one."""
    node, line, item = data, getattr(data, "line", 1), None
    for step in steps:
        if isinstance(node, Mapping) and step in node:
            line = node.line_of(step)
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
        else:
            break
        node = node[step]  # type: ignore[index]
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            item = node["id"]
    return line, item


def _describe(error: Any) -> str:
    """A plain-words message for one jsonschema error."""
    where = ".".join(str(p) for p in error.absolute_path if not isinstance(p, int))
    field = str(error.absolute_path[-1]) if error.absolute_path else "file"
    validator, instance = error.validator, error.instance
    if field == "version" and validator in ("pattern", "type"):
        return f"version: {instance!r} must be text of the form MAJOR.MINOR.PATCH, for example '1.0.0'"
    if validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        parts = []
        for extra in extras:
            close = difflib.get_close_matches(str(extra), allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            parts.append(f"unknown field '{extra}'{hint}")
        return "; ".join(parts) or error.message
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        if isinstance(instance, dict) and "value" in instance and missing == "label":
            return f"option '{instance['value']}' has no label"
        if isinstance(instance, dict) and "type" in instance and "id" in instance and missing == "basis":
            return f"question '{instance['id']}' has no basis (at least one key from sources.yaml)"
        return f"missing field '{missing}'" + (f" in {where}" if where else "")
    if validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return f"{field}: '{instance}' is not one of: {choices}"
    if validator == "type":
        wanted = error.validator_value
        wanted = " or ".join(_TYPE_WORDS.get(w, w) for w in (wanted if isinstance(wanted, list) else [wanted]))
        return f"{field}: expected {wanted}, got {instance!r}"
    if validator == "pattern":
        if field == "id" or field.endswith("question"):
            return (f"{field}: '{instance}' is not a valid id (lower-case letters, digits and '_', "
                    "starting with a letter, 3 to 48 characters; threshold ids start with 'thr_')")
        return f"{field}: '{instance}' does not have the required form"
    if validator in ("minimum", "maximum", "exclusiveMinimum"):
        return f"{field}: {instance!r} is out of range ({error.message})"
    if validator == "minItems":
        return f"{field}: needs at least {error.validator_value} item(s)"
    if validator == "uniqueItems":
        return f"{field}: has repeated items"
    if validator == "minLength":
        return f"{field}: must not be empty"
    return f"{field}: {error.message}"
