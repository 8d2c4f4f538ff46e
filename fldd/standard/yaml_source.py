"""YAML reading that remembers line numbers, so every validation message can say file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A YAML mapping that knows the line of itself and of each of its keys."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[object, int] = {}

    def line_of(self, key: object) -> int:
        """The line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence that knows the line of itself and of each item."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """The line of item `index`."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class YamlError(Exception):
    """The file is not well-formed YAML (or uses a duplicate key)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _Loader(_BaseLoader):  # type: ignore[valid-type, misc]
    """Safe loader building Mapping / Sequence and collecting duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, object]] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    explicit = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
    loader.flatten_mapping(node)  # merged (<<) keys come first; an explicit key may override them
    result = Mapping()
    result.line = node.start_mark.line + 1
    from_merge: set[object] = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if id(key_node) not in explicit:
            from_merge.add(key)
        elif key in result and key not in from_merge:
            loader.duplicates.append((line, key))
        else:
            from_merge.discard(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence()
    result.line = node.start_mark.line + 1
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


def _yaml12_booleans() -> dict:
    """Implicit resolvers where only true/false are booleans: `yes`, `no`, `on` stay strings."""
    bool_tag = "tag:yaml.org,2002:bool"
    table = {
        first: [(tag, rx) for tag, rx in resolvers if tag != bool_tag]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }
    exact = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        table.setdefault(first, []).insert(0, (bool_tag, exact))
    return table


_Loader.yaml_implicit_resolvers = _yaml12_booleans()
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> object:
    """Parse one YAML file; raise YamlError naming the line of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise YamlError(path, 0, f"cannot read: {exc.strerror}") from None
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(path, line, f"not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 0, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if loader.duplicates:
        line, key = loader.duplicates[0]
        raise YamlError(path, line, f"duplicate key '{key}'")
    return data
