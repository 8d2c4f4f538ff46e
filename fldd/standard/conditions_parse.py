"""The condition language's syntax: a hand-written tokenizer and Pratt parser into the AST of
conditions_ast, and the static checks of calls.

Nothing here evaluates text as Python: questionnaire files are data, so they get a closed grammar.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

from fldd.standard.conditions_ast import (
    _CHAIN_OPS, _NAME_RE, AND, CMP, KEYWORDS, NEG, NOT, OR, SUM, And, Arith, Bool, Call, Compare, Expr, ListExpr,
    Name, Neg, Not, Null, Num, Or, Str)

# Deeper nesting (parentheses, brackets, calls and operators all count) is a syntax error, so neither
# the parser nor the evaluator can run out of Python stack.
MAX_DEPTH = 100

BUILTIN_FUNCTIONS = MappingProxyType({
    "answered": (1, 1), "count": (1, None), "len": (1, 1), "min": (1, None), "max": (1, None),
    "sum": (1, None), "abs": (1, 1), "round": (1, 2), "if": (3, 3), "coalesce": (1, None),
    "band": (2, None), "percent": (2, 2), "days_between": (2, 2), "date": (1, 1), "amount": (1, 1),
    "currency": (1, 1),
})
# Evaluated by env.call(name, args); declared here so a loader can check calls before any answer exists.
DOMAIN_FUNCTIONS = MappingProxyType({
    "lookup": (3, 3), "mismatch": (1, 1), "indicator_risk": (1, 1), "module_risk": (1, 1), "finding": (1, 1),
    "in_currency_of": (2, 2),
})
# name -> (min_args, max_args or None)
FUNCTIONS = MappingProxyType({**BUILTIN_FUNCTIONS, **DOMAIN_FUNCTIONS})
# Functions whose argument is a question's name, not its value.
NAME_ARG_FUNCTIONS = frozenset({"answered", "mismatch"})

_CMP_OPS = {"=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SPACE_RE = re.compile(r"\s+")
_OPERATORS = ("==", "!=", "<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ConditionSyntaxError(ValueError):
    """A condition that does not parse; says where, so an author can find the mistake."""

    def __init__(self, message: str, position: int, text: str):
        self.message = message
        self.position = position
        self.text = text
        super().__init__(f"{message} at column {position + 1}")

    def __reduce__(self):
        return type(self), (self.message, self.position, self.text)


# ------------------------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num, str, name, kw, op, end
    value: object
    pos: int
    end: int


def _tokenize(text: str) -> list[_Token]:
    """Split text into tokens, rejecting anything the grammar has no place for."""
    tokens, i, n = [], 0, len(text)
    while True:
        space = _SPACE_RE.match(text, i)
        if space:
            i = space.end()
        if i >= n:
            tokens.append(_Token("end", None, n, n))
            return tokens
        ch = text[i]
        if ch in "'\"":
            value, end = _scan_string(text, i)
            tokens.append(_Token("str", value, i, end))
        elif m := _NUMBER_RE.match(text, i):
            tokens.append(_Token("num", Decimal(m.group()), i, m.end()))
        elif m := _WORD_RE.match(text, i):
            word = m.group()
            if word.lower() in KEYWORDS:
                tokens.append(_Token("kw", word.lower(), i, m.end()))
            elif _NAME_RE.fullmatch(word):
                tokens.append(_Token("name", word, i, m.end()))
            else:
                raise ConditionSyntaxError(
                    f"names are lower case: write {word.lower()!r}, not {word!r}", i, text)
        else:
            op = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if op is None:
                raise ConditionSyntaxError(f"unexpected character {ch!r}", i, text)
            tokens.append(_Token("op", op, i, i + len(op)))
        i = tokens[-1].end


def _scan_string(text: str, start: int) -> tuple[str, int]:
    """The value of the string literal opening at start, and the offset just past it."""
    quote, out, i = text[start], [], start + 1
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return "".join(out), i + 1
        if ch == "\\":
            escaped = text[i + 1:i + 2]
            if not escaped:
                break
            if escaped not in "\\'\"":
                raise ConditionSyntaxError(
                    f"invalid escape '\\{escaped}' in string (only \\\\, \\' and \\\" are allowed)", i, text)
            out.append(escaped)
            i += 2
            continue
        out.append(ch)
        i += 1
    raise ConditionSyntaxError("unterminated string", start, text)


# ------------------------------------------------------------------------------------------- parser


class _Parser:
    """Pratt parser; every method returns (node, depth) so nesting is bounded while parsing."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.last_end = 0
        self.nesting = 0

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        tok = self.peek()
        self.i = min(self.i + 1, len(self.tokens) - 1)
        self.last_end = tok.end
        return tok

    def is_op(self, tok: _Token, *ops: str) -> bool:
        return tok.kind == "op" and tok.value in ops

    def describe(self, tok: _Token) -> str:
        if tok.kind == "end":
            return "end of expression"
        raw = self.text[tok.pos:tok.end]
        raw = raw if len(raw) <= 24 else raw[:20] + "..."
        return {"name": f"name {raw!r}", "num": f"number {raw}", "str": f"string {raw}"}.get(tok.kind, repr(raw))

    def unexpected(self, tok: _Token, expected: str = "") -> ConditionSyntaxError:
        tail = f", expected {expected}" if expected else ""
        return ConditionSyntaxError(f"unexpected {self.describe(tok)}{tail}", tok.pos, self.text)

    def too_deep(self, pos: int) -> ConditionSyntaxError:
        return ConditionSyntaxError(f"too deeply nested (more than {MAX_DEPTH} levels)", pos, self.text)

    def node(self, cls, start: int, *args) -> Expr:
        return cls(*args, source=self.text[start:self.last_end])

    def parse(self) -> Expr:
        if self.peek().kind == "end":
            raise ConditionSyntaxError("empty expression", 0, self.text)
        expr, _ = self.expr(OR)
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())
        return replace(expr, source=self.text)

    def infix(self) -> tuple[int, str] | None:
        """The binary operator at the current token, as (level, canonical op)."""
        tok = self.peek()
        if tok.kind == "kw":
            if tok.value in ("or", "and"):
                return (OR if tok.value == "or" else AND), tok.value
            if tok.value == "in":
                return CMP, "in"
            if tok.value == "not":
                # After a complete operand 'not' can only begin 'not in'.
                if self.peek(1).kind == "kw" and self.peek(1).value == "in":
                    return CMP, "not in"
                raise ConditionSyntaxError("expected 'in' after 'not'", self.peek(1).pos, self.text)
        elif tok.kind == "op":
            if tok.value in _CMP_OPS:
                return CMP, _CMP_OPS[tok.value]
            if tok.value in _CHAIN_OPS:
                return _CHAIN_OPS[tok.value], tok.value
        return None

    def expr(self, min_level: int) -> tuple[Expr, int]:
        """An expression whose operators all bind at min_level or tighter."""
        start = self.peek().pos
        if self.nesting > MAX_DEPTH:
            raise self.too_deep(self.tokens[self.i - 1].pos)
        self.nesting += 1
        left, depth = self.prefix(min_level)
        while (found := self.infix()) is not None and found[0] >= min_level:
            level, op = found
            if level == CMP:
                self.advance()
                if op == "not in":
                    self.advance()
                right, right_depth = self.expr(SUM)
                left, depth = self.node(Compare, start, op, left, right), 1 + max(depth, right_depth)
                after = self.infix()
                if after is not None and after[0] == CMP:
                    raise ConditionSyntaxError(
                        "comparisons cannot be chained; combine them with 'and'", self.peek().pos, self.text)
            else:
                operands, ops, depths = [left], [], [depth]
                while (more := self.infix()) is not None and more[0] == level:
                    self.advance()
                    ops.append(more[1])
                    operand, operand_depth = self.expr(level + 1)
                    operands.append(operand)
                    depths.append(operand_depth)
                if level == OR:
                    left = self.node(Or, start, tuple(operands))
                elif level == AND:
                    left = self.node(And, start, tuple(operands))
                else:
                    left = self.node(Arith, start, tuple(operands), tuple(ops))
                depth = 1 + max(depths)
            if depth > MAX_DEPTH:
                raise self.too_deep(start)
        self.nesting -= 1
        return left, depth

    def prefix(self, min_level: int) -> tuple[Expr, int]:
        """A literal, name, call, list, parenthesised group or prefix operator."""
        tok = self.advance()
        start = tok.pos
        if tok.kind == "num":
            return self.node(Num, start, tok.value), 0
        if tok.kind == "str":
            return self.node(Str, start, tok.value), 0
        if tok.kind == "kw" and tok.value in ("true", "false"):
            return self.node(Bool, start, tok.value == "true"), 0
        if tok.kind == "kw" and tok.value == "null":
            return self.node(Null, start), 0
        if tok.kind == "kw" and tok.value == "not" and min_level <= NOT:
            operand, depth = self.expr(NOT)
            return self.node(Not, start, operand), self.check_depth(depth + 1, start)
        if self.is_op(tok, "-"):
            operand, depth = self.expr(NEG)
            return self.node(Neg, start, operand), self.check_depth(depth + 1, start)
        if self.is_op(tok, "("):
            inner, depth = self.expr(OR)
            closer = self.advance()
            if not self.is_op(closer, ")"):
                raise self.unexpected(closer, "')'")
            return inner, self.check_depth(depth + 1, start)
        if self.is_op(tok, "["):
            items, depth = self.items("]")
            return self.node(ListExpr, start, items), depth
        if tok.kind == "name":
            if self.is_op(self.peek(), "("):
                self.advance()
                args, depth = self.items(")")
                return self.node(Call, start, tok.value, args), depth
            return self.node(Name, start, tok.value), 0
        if tok.kind == "kw" and tok.value == "not":
            raise ConditionSyntaxError("'not' cannot stand here; put the 'not ...' in parentheses",
                                       tok.pos, self.text)
        raise self.unexpected(tok)

    def items(self, closer: str) -> tuple[tuple[Expr, ...], int]:
        """Comma-separated expressions up to closer (already past the opener); depth includes the group."""
        start = self.tokens[self.i - 1].pos
        items, depth = [], 0
        if self.is_op(self.peek(), closer):
            self.advance()
            return (), 1
        while True:
            item, item_depth = self.expr(OR)
            items.append(item)
            depth = max(depth, item_depth)
            tok = self.advance()
            if self.is_op(tok, closer):
                return tuple(items), self.check_depth(depth + 1, start)
            if not self.is_op(tok, ","):
                raise self.unexpected(tok, f"',' or '{closer}'")

    def check_depth(self, depth: int, pos: int) -> int:
        if depth > MAX_DEPTH:
            raise self.too_deep(pos)
        return depth


@lru_cache(maxsize=4096)
def parse(text: str) -> Expr:
    """Parse a condition; the same text gives the same (immutable) Expr, so callers may re-parse freely."""
    if not isinstance(text, str):
        raise TypeError(f"a condition must be a string, got {type(text).__name__}")
    return _Parser(text).parse()


# ----------------------------------------------------------------------------------- static checks


def arity_problem(name: str, count: int) -> str | None:
    """Why name() cannot take count arguments, or None if it can (name must be in FUNCTIONS)."""
    low, high = FUNCTIONS[name]
    if low <= count and (high is None or count <= high):
        return None
    plural = "argument" if (high or low) == 1 else "arguments"
    if high is None:
        wanted = f"at least {low} {plural}"
    elif low == high:
        wanted = f"{low} {plural}"
    else:
        wanted = f"{low} to {high} {plural}"
    return f"{name}() takes {wanted}, got {count}"


def check_calls(expr: Expr | str) -> list[str]:
    """Problems with the function calls in expr, found before any answer exists (for the loader)."""
    if isinstance(expr, str):
        expr = parse(expr)
    problems = []
    for node in expr.walk():
        if not isinstance(node, Call):
            continue
        if node.name not in FUNCTIONS:
            problems.append(f"unknown function {node.name!r}")
            continue
        problem = arity_problem(node.name, len(node.args))
        if problem:
            problems.append(problem)
            continue
        first = node.args[0] if node.args else None
        if node.name in NAME_ARG_FUNCTIONS and not isinstance(first, Name):
            problems.append(f"{node.name}() takes a bare question name, not {first.to_text()!r}")
        elif node.name == "lookup" and not isinstance(first, Str):
            problems.append(f"lookup() takes the table name as a quoted string, not {first.to_text()!r}")
        elif node.name == "finding" and not isinstance(first, Str):
            problems.append(f"finding() takes a fact or threshold id as a quoted string, not {first.to_text()!r}")
        elif node.name == "date" and isinstance(first, Str) and parse_date(first.value) is None:
            problems.append(f"date() needs a valid 'YYYY-MM-DD' date, not {first.to_text()}")
    return problems


def parse_date(text: str) -> _dt.date | None:
    """The date written as exactly YYYY-MM-DD, else None."""
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None
