"""The condition language's abstract syntax: immutable, hashable nodes that print back as canonical text.

The parser (conditions_parse) builds them, the evaluator (conditions_eval) compiles them; hand-built trees are
checked as they are made, so no node can hold what the grammar could not have produced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})

# Binding levels, loosest first; a node's level decides where to_text needs parentheses.
OR, AND, NOT, CMP, SUM, PROD, NEG, ATOM = range(1, 9)
_CHAIN_OPS = {"+": SUM, "-": SUM, "*": PROD, "/": PROD, "%": PROD}
COMPARE_OPS = frozenset({"=", "!=", "<", "<=", ">", ">=", "in", "not in"})
_NAME_RE = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*")


@dataclass(frozen=True)
class Expr:
    """Base of the AST: immutable and hashable, and == ignores the source text it was parsed from."""

    source: str | None = field(default=None, compare=False, repr=False, kw_only=True)
    level: ClassVar[int] = ATOM

    @property
    def text(self) -> str:
        """The source this node was parsed from, else its canonical rendering."""
        return self.source if self.source is not None else self.to_text()

    def children(self) -> tuple[Expr, ...]:
        """Direct sub-expressions, so walks need not know every node type."""
        return ()

    def __getstate__(self) -> dict:
        """Pickles (the standard's cache, worker processes) leave out what is worked out and kept on a tree
        (its names; the evaluator conditions_eval compiles): it is built again when first needed."""
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_")}

    def walk(self):
        """Every node, this one first (iterative: trees built by hand need not respect MAX_DEPTH)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    def names(self) -> frozenset[str]:
        """Every question or value name referenced, including the bare name in answered()/mismatch()."""
        found = self.__dict__.get("_names")
        if found is None:  # worked out once per tree: the engine asks for every trigger of every scoring
            found = frozenset(n.name for n in self.walk() if isinstance(n, Name))
            object.__setattr__(self, "_names", found)
        return found

    def calls(self) -> frozenset[str]:
        """Every function name called."""
        return frozenset(n.name for n in self.call_nodes())

    def call_nodes(self) -> tuple[Call, ...]:
        """Every function call in the tree, in walk order (kept, like names())."""
        found = self.__dict__.get("_calls")
        if found is None:
            found = tuple(n for n in self.walk() if isinstance(n, Call))
            object.__setattr__(self, "_calls", found)
        return found

    def to_text(self) -> str:
        """Canonical text with only the parentheses needed; parse(e.to_text()) == e."""
        raise NotImplementedError

    def _sub(self, child: Expr, level: int) -> str:
        """The child's text, parenthesised when it binds looser than this position allows."""
        text = child.to_text()
        return f"({text})" if child.level < level else text


def _as_tuple(node: Expr, attr: str) -> None:
    """Let hand-built nodes pass lists, keeping the node hashable."""
    object.__setattr__(node, attr, tuple(getattr(node, attr)))


@dataclass(frozen=True)
class Num(Expr):
    """A numeric literal; unsigned, because minus is an operator."""

    value: Decimal

    def __post_init__(self):
        if not isinstance(self.value, Decimal) or not self.value.is_finite() or self.value.is_signed():
            raise ValueError(f"Num needs a finite unsigned Decimal, got {self.value!r}")

    def to_text(self) -> str:
        return format(self.value, "f")


@dataclass(frozen=True)
class Str(Expr):
    """A string literal."""

    value: str

    def to_text(self) -> str:
        return "'" + self.value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass(frozen=True)
class Bool(Expr):
    """true or false."""

    value: bool

    def to_text(self) -> str:
        return "true" if self.value else "false"


@dataclass(frozen=True)
class Null(Expr):
    """null: unknown or unanswered."""

    def to_text(self) -> str:
        return "null"


@dataclass(frozen=True)
class Name(Expr):
    """A reference to a value the env supplies (an answer, a derived value, an input)."""

    name: str

    def __post_init__(self):
        if not _NAME_RE.fullmatch(self.name) or self.name in KEYWORDS:
            raise ValueError(f"not a valid name: {self.name!r}")

    def to_text(self) -> str:
        return self.name


@dataclass(frozen=True)
class ListExpr(Expr):
    """[a, b, ...]: evaluates to a tuple."""

    items: tuple[Expr, ...]

    def __post_init__(self):
        _as_tuple(self, "items")

    def children(self):
        return self.items

    def to_text(self) -> str:
        return "[" + ", ".join(i.to_text() for i in self.items) + "]"


@dataclass(frozen=True)
class Call(Expr):
    """A function call; whether the function exists is check_calls' business, not the parser's."""

    name: str
    args: tuple[Expr, ...]

    def __post_init__(self):
        _as_tuple(self, "args")
        if not _NAME_RE.fullmatch(self.name) or self.name in KEYWORDS:
            raise ValueError(f"not a valid function name: {self.name!r}")

    def children(self):
        return self.args

    def to_text(self) -> str:
        return self.name + "(" + ", ".join(a.to_text() for a in self.args) + ")"


@dataclass(frozen=True)
class Not(Expr):
    """not x (Kleene)."""

    operand: Expr
    level: ClassVar[int] = NOT

    def children(self):
        return (self.operand,)

    def to_text(self) -> str:
        return "not " + self._sub(self.operand, NOT)


@dataclass(frozen=True)
class Neg(Expr):
    """-x."""

    operand: Expr
    level: ClassVar[int] = NEG

    def children(self):
        return (self.operand,)

    def to_text(self) -> str:
        text = self._sub(self.operand, NEG)
        return "- " + text if text.startswith("-") else "-" + text


@dataclass(frozen=True)
class _Junction(Expr):
    """a and b and c / a or b or c, kept flat so long chains do not nest."""

    operands: tuple[Expr, ...]
    keyword: ClassVar[str] = ""

    def __post_init__(self):
        _as_tuple(self, "operands")
        if len(self.operands) < 2:
            raise ValueError(f"{type(self).__name__} needs at least two operands")

    def children(self):
        return self.operands

    def to_text(self) -> str:
        return f" {self.keyword} ".join(self._sub(o, self.level + 1) for o in self.operands)


@dataclass(frozen=True)
class And(_Junction):
    """Kleene and, short-circuiting on false."""

    level: ClassVar[int] = AND
    keyword: ClassVar[str] = "and"


@dataclass(frozen=True)
class Or(_Junction):
    """Kleene or, short-circuiting on true."""

    level: ClassVar[int] = OR
    keyword: ClassVar[str] = "or"


@dataclass(frozen=True)
class Arith(Expr):
    """operands[0] ops[0] operands[1] ..., left to right, all + - or all * / %."""

    operands: tuple[Expr, ...]
    ops: tuple[str, ...]

    def __post_init__(self):
        _as_tuple(self, "operands")
        _as_tuple(self, "ops")
        levels = {_CHAIN_OPS.get(op) for op in self.ops}
        if len(self.ops) != len(self.operands) - 1 or len(levels) != 1 or None in levels:
            raise ValueError(f"bad arithmetic chain {self.ops!r} over {len(self.operands)} operands")

    @property
    def level(self) -> int:  # type: ignore[override]
        return _CHAIN_OPS[self.ops[0]]

    def children(self):
        return self.operands

    def to_text(self) -> str:
        parts = [self._sub(self.operands[0], self.level + 1)]
        for op, operand in zip(self.ops, self.operands[1:]):
            parts.append(f" {op} {self._sub(operand, self.level + 1)}")
        return "".join(parts)


@dataclass(frozen=True)
class Compare(Expr):
    """left op right, op one of COMPARE_OPS (== and <> are parsed as = and !=)."""

    op: str
    left: Expr
    right: Expr
    level: ClassVar[int] = CMP

    def __post_init__(self):
        if self.op not in COMPARE_OPS:
            raise ValueError(f"unknown comparison {self.op!r}")

    def children(self):
        return (self.left, self.right)

    def to_text(self) -> str:
        return f"{self._sub(self.left, SUM)} {self.op} {self._sub(self.right, SUM)}"
