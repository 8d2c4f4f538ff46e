"""Three-valued evaluation of parsed conditions: odd data gives null, only programming errors raise."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import (ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DecimalException, DivisionByZero,
                     InvalidOperation, Overflow)
from typing import Any

from fldd.standard.conditions_ast import (
    And, Arith, Bool, Call, Compare, Expr, ListExpr, Name, Neg, Not, Null, Num, Or, Str)
from fldd.standard.conditions_parse import (
    DOMAIN_FUNCTIONS, FUNCTIONS, NAME_ARG_FUNCTIONS, arity_problem, parse, parse_date)

# Python's default decimal context, fixed here so a caller changing theirs cannot change a score.
_CTX = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, capitals=1, clamp=0,
               traps=[InvalidOperation, DivisionByZero, Overflow])
_HUNDRED = Decimal(100)
CURRENCY_CODE = re.compile(r"[A-Z]{3}")  # ISO 4217: three capital letters


class ConditionEvalError(ValueError):
    """A mistake in the standard or the program (unknown name, function or table), never in the answers."""


@dataclass(frozen=True)
class Money:
    """An amount in one ISO 4217 currency; sums across currencies are refused rather than guessed."""

    amount: Decimal
    currency: str

    def __post_init__(self):
        amount = self.amount
        if isinstance(amount, (int, str)) and not isinstance(amount, bool):
            amount = Decimal(amount)
            object.__setattr__(self, "amount", amount)
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise ValueError(f"Money needs a finite Decimal amount, got {self.amount!r}")
        if not isinstance(self.currency, str) or not CURRENCY_CODE.fullmatch(self.currency):
            raise ValueError(f"Money needs an upper-case ISO 4217 currency code, got {self.currency!r}")

    def __str__(self) -> str:
        whole, _, cents = f"{self.amount:f}".partition(".")
        return f"{whole}.{cents.ljust(2, '0')} {self.currency}"


def evaluate(expr: Expr | str, env) -> object:
    """The value of expr: None (unknown), bool, Decimal, str, date, Money or a tuple of these.

    env.value(name) supplies names (KeyError if unknown); env.call(name, args) the domain functions.
    """
    if isinstance(expr, str):
        expr = parse(expr)
    run = expr.__dict__.get("_run")
    if run is None:
        run = _compile(expr)
        object.__setattr__(expr, "_run", run)  # kept on the tree (and left out of its pickles)
    return run(env)


_Run = Callable[[Any], object]


def _compile(node: Expr) -> _Run:
    """A function of the env that evaluates `node`: the tree is walked once, not on every evaluation (a
    bulk import evaluates the standard's ~500 conditions for every file)."""
    compiler = _COMPILERS.get(type(node))
    if compiler is None:
        return _failing(ConditionEvalError(f"cannot evaluate a {type(node).__name__}"))
    return compiler(node)


def _failing(error: ConditionEvalError) -> _Run:
    """A mistake found while compiling is raised when (and only if) the node is evaluated, as it always was."""
    def run(env):
        raise error
    return run


def _constant(value: object) -> _Run:
    return lambda env: value


def to_value(value: object, what: str) -> object:
    """An env's value in the evaluator's types (numbers as Decimal, lists as tuples); NaN is unknown."""
    if value is None or isinstance(value, (bool, str, Money)):
        return value
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value)) if math.isfinite(value) else None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(to_value(v, what) for v in value)
    raise ConditionEvalError(f"{what} is a {type(value).__name__}, which conditions cannot use")


_AS_THEY_ARE = frozenset({str, bool, Money, _dt.date})  # exact types to_value returns unchanged


def _value_of(name: str, env) -> object:
    try:
        value = env.value(name)
    except KeyError:
        raise ConditionEvalError(f"unknown name {name!r}") from None
    kind = type(value)
    if value is None or kind in _AS_THEY_ARE or (kind is Decimal and value.is_finite()):
        return value  # the common case, without building to_value's message
    return to_value(value, f"the value of {name!r}")


def _truth(value: object) -> bool | None:
    """Only booleans are truth values; anything else is a type problem and so unknown."""
    return value if isinstance(value, bool) else None


def _kleene_not(value: bool | None) -> bool | None:
    return None if value is None else not value


# ------------------------------------------------------------------------------------ comparisons


_PLAIN = frozenset({Decimal, str, _dt.date, Money})  # exact types compared with == as they are


def _equal(a: object, b: object) -> bool | None:
    """Kleene equality: unknown if either side is, false across types, lists element by element."""
    if a is None or b is None:
        return None
    kind = type(a)
    if kind is type(b) and kind in _PLAIN:  # the common case, without the checks below
        return a == b
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            return False
        unknown = False
        for x, y in zip(a, b):
            same = _equal(x, y)
            if same is False:
                return False
            unknown = unknown or same is None
        return None if unknown else True
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if not any(isinstance(a, k) and isinstance(b, k) for k in (Decimal, str, _dt.date, Money)):
        return False
    return a == b


def _order(a: object, b: object) -> int | None:
    """-1, 0 or 1 for values of one orderable kind (Money only in one currency), else None."""
    if isinstance(a, Money) and isinstance(b, Money):
        if a.currency != b.currency:
            return None
        a, b = a.amount, b.amount
    elif isinstance(a, bool) or isinstance(b, bool):
        return None
    elif not any(isinstance(a, k) and isinstance(b, k) for k in (Decimal, str, _dt.date)):
        return None
    return (a > b) - (a < b)


def _contains(container: object, item: object) -> bool | None:
    """item in container: membership of a tuple (Kleene, as a chain of =) or a substring of a string."""
    if container is None or item is None:
        return None
    if isinstance(container, tuple):
        unknown = False
        for element in container:
            same = _equal(item, element)
            if same is True:
                return True
            unknown = unknown or same is None
        return None if unknown else False
    if isinstance(container, str) and isinstance(item, str):
        return item in container
    return None


_ORDERINGS = {"<": lambda c: c < 0, "<=": lambda c: c <= 0, ">": lambda c: c > 0, ">=": lambda c: c >= 0}


def _compile_compare(node: Compare) -> _Run:
    left, right, op = _compile(node.left), _compile(node.right), node.op
    # Both sides are always evaluated, so an unknown name is reported whatever the data.
    if op in ("=", "!=") and (isinstance(node.left, Null) or isinstance(node.right, Null)):
        return _null_test(left, right, isinstance(node.left, Null), op == "=")
    if op == "in":
        return lambda env: _contains(*_swap(left(env), right(env)))
    if op == "not in":
        return lambda env: _kleene_not(_contains(*_swap(left(env), right(env))))
    if op == "=":
        return lambda env: _equal(left(env), right(env))
    if op == "!=":
        return lambda env: _kleene_not(_equal(left(env), right(env)))
    holds = _ORDERINGS[op]

    def ordered(env):
        a, b = left(env), right(env)
        if a is None or b is None:
            return None
        order = _order(a, b)
        return None if order is None else holds(order)
    return ordered


def _swap(item: object, container: object) -> tuple[object, object]:
    return container, item


def _null_test(left: _Run, right: _Run, null_on_left: bool, want_null: bool) -> _Run:
    """x = null / x != null: whether x is unknown (never itself unknown)."""
    def run(env):
        a, b = left(env), right(env)
        return ((b if null_on_left else a) is None) == want_null
    return run


# ------------------------------------------------------------------------------------- arithmetic


def _number_op(op: str, a: Decimal, b: Decimal) -> Decimal | None:
    if op == "+":
        return _CTX.add(a, b)
    if op == "-":
        return _CTX.subtract(a, b)
    if op == "*":
        return _CTX.multiply(a, b)
    if b == 0:
        return None
    return _CTX.divide(a, b) if op == "/" else _CTX.remainder(a, b)


def _whole(value: Decimal) -> int | None:
    """value as an int if it is a whole number of sane size (days, decimal places), else None."""
    if value != value.to_integral_value() or value.adjusted() > 15:
        return None
    return int(value)


def _shift_date(day: _dt.date, days: Decimal, sign: int) -> _dt.date | None:
    whole = _whole(days)
    return None if whole is None else day + _dt.timedelta(days=sign * whole)


def _money(amount: Decimal | None, currency: str) -> Money | None:
    return None if amount is None else Money(amount, currency)


def _arith_values(op: str, a: object, b: object) -> object:
    a_num = isinstance(a, Decimal)
    b_num = isinstance(b, Decimal)
    if a_num and b_num:
        return _number_op(op, a, b)
    if isinstance(a, Money) and isinstance(b, Money):
        if a.currency != b.currency:
            return None
        if op in ("+", "-"):
            return Money(_number_op(op, a.amount, b.amount), a.currency)
        return _number_op(op, a.amount, b.amount) if op == "/" else None
    if isinstance(a, Money) and b_num and op in ("*", "/"):
        return _money(_number_op(op, a.amount, b), a.currency)
    if a_num and isinstance(b, Money) and op == "*":
        return _money(_number_op(op, a, b.amount), b.currency)
    a_date = isinstance(a, _dt.date)
    if a_date and isinstance(b, _dt.date) and op == "-":
        return Decimal((a - b).days)
    if a_date and b_num and op in ("+", "-"):
        return _shift_date(a, b, 1 if op == "+" else -1)
    if a_num and isinstance(b, _dt.date) and op == "+":
        return _shift_date(b, a, 1)
    return None


def arith(op: str, a: object, b: object) -> object:
    """a op b, or None when either is unknown, the types do not fit, or the result would be undefined."""
    if a is None or b is None:
        return None
    try:
        return _arith_values(op, a, b)
    except (DecimalException, OverflowError):
        return None


def _compile_arith(node: Arith) -> _Run:
    operands = [_compile(operand) for operand in node.operands]
    steps = list(zip(node.ops, operands[1:]))
    first = operands[0]

    def run(env):
        # Every operand is evaluated, so an unknown name is reported whatever the data.
        result = first(env)
        values = [operand(env) for _, operand in steps]
        for (op, _), value in zip(steps, values):
            result = arith(op, result, value)
        return result
    return run


def _negate(value: object) -> object:
    if isinstance(value, Decimal):
        return _CTX.minus(value)
    if isinstance(value, Money):
        return Money(_CTX.minus(value.amount), value.currency)
    return None


# ------------------------------------------------------------------------------------------ logic


def _compile_junction(node: And | Or) -> _Run:
    """Kleene and (stops at the first false) / or (stops at the first true); unknown when no operand decides
    and one is unknown."""
    operands = [_compile(operand) for operand in node.operands]
    decisive = isinstance(node, Or)  # the value that decides: true for or, false for and

    def run(env):
        unknown = False
        for operand in operands:
            value = operand(env)
            if value is decisive:
                return decisive
            unknown = unknown or not isinstance(value, bool)
        return None if unknown else not decisive
    return run


# -------------------------------------------------------------------------------------- functions


def _bare_name(node: Call) -> str:
    arg = node.args[0]
    if not isinstance(arg, Name):
        raise ConditionEvalError(f"{node.name}() takes a bare question name, not {arg.to_text()!r}")
    return arg.name


def _compile_answered(node: Call) -> _Run:
    name = _bare_name(node)

    def run(env):
        value = _value_of(name, env)
        return value is not None and not (isinstance(value, (tuple, str)) and len(value) == 0)
    return run


def _compile_if(node: Call) -> _Run:
    test, then, otherwise = (_compile(arg) for arg in node.args)

    def run(env):
        chosen = test(env)
        if chosen is True:
            return then(env)
        return otherwise(env) if chosen is False else None
    return run


def _compile_coalesce(node: Call) -> _Run:
    args = [_compile(arg) for arg in node.args]

    def run(env):
        for arg in args:
            value = arg(env)
            if value is not None:
                return value
        return None
    return run


def _extreme(want: int, *args: object) -> object:
    """min (want=-1) or max (want=1) of the known args, None if they cannot be ordered together."""
    known = [a for a in args if a is not None]
    if not known or _order(known[0], known[0]) is None:
        return None
    best = known[0]
    for value in known[1:]:
        order = _order(value, best)
        if order is None:
            return None
        if order == want:
            best = value
    return best


def _sum(*args: object) -> object:
    known = [a for a in args if a is not None]
    if not known or not isinstance(known[0], (Decimal, Money)):
        return None
    total = known[0]
    for value in known[1:]:
        total = arith("+", total, value)
    return total


def _abs(x: object) -> object:
    if isinstance(x, Decimal):
        return _CTX.abs(x)
    if isinstance(x, Money):
        return Money(_CTX.abs(x.amount), x.currency)
    return None


def _round(x: object, places: object = Decimal(0)) -> object:
    if not isinstance(places, Decimal) or (whole := _whole(places)) is None:
        return None
    if isinstance(x, Money):
        return _money(_round(x.amount, places), x.currency)
    if not isinstance(x, Decimal):
        return None
    try:
        return x.quantize(Decimal(1).scaleb(-whole, _CTX), rounding=ROUND_HALF_UP, context=_CTX)
    except DecimalException:
        return None


def _band(x: object, *bounds: object) -> Decimal | None:
    if x is None:
        return None
    passed = 0
    for bound in bounds:
        order = _order(bound, x)
        if order is None:
            return None
        passed += order <= 0
    return Decimal(passed)


def _percent(a: object, b: object) -> Decimal | None:
    result = arith("*", arith("/", a, b), _HUNDRED)
    return result if isinstance(result, Decimal) else None


def _days_between(d1: object, d2: object) -> Decimal | None:
    if isinstance(d1, _dt.date) and isinstance(d2, _dt.date):
        return Decimal((d2 - d1).days)
    return None


def _date(x: object) -> _dt.date | None:
    if isinstance(x, _dt.date):
        return x
    return parse_date(x) if isinstance(x, str) else None


def _amount(m: object) -> Decimal | None:
    if isinstance(m, Money):
        return m.amount
    return m if isinstance(m, Decimal) else None


_STRICT = {  # called with the evaluated arguments
    "count": lambda *args: Decimal(sum(1 for a in args if a is True)),
    "len": lambda x: Decimal(len(x)) if isinstance(x, (tuple, str)) else None,
    "min": lambda *args: _extreme(-1, *args),
    "max": lambda *args: _extreme(1, *args),
    "sum": _sum,
    "abs": _abs,
    "round": _round,
    "band": _band,
    "percent": _percent,
    "days_between": _days_between,
    "date": _date,
    "amount": _amount,
    "currency": lambda m: m.currency if isinstance(m, Money) else None,
}
_LAZY = {"answered": _compile_answered, "if": _compile_if, "coalesce": _compile_coalesce}  # read the nodes


def _compile_call(node: Call) -> _Run:
    try:
        if node.name not in FUNCTIONS:
            raise ConditionEvalError(f"unknown function {node.name!r}")
        problem = arity_problem(node.name, len(node.args))
        if problem:
            raise ConditionEvalError(problem)
        if node.name in _LAZY:
            return _LAZY[node.name](node)
        if node.name in DOMAIN_FUNCTIONS:
            return _compile_domain(node)
    except ConditionEvalError as error:
        return _failing(error)
    function = _STRICT[node.name]
    args = [_compile(arg) for arg in node.args]
    return lambda env: function(*[arg(env) for arg in args])


def _compile_domain(node: Call) -> _Run:
    name = node.name
    bare = _bare_name(node) if name in NAME_ARG_FUNCTIONS else None
    args = [_compile(arg) for arg in node.args]

    def run(env):
        values = [bare] if bare is not None else [arg(env) for arg in args]
        call = getattr(env, "call", None)
        if call is None:
            raise ConditionEvalError(f"{name}() needs an env with a call() method")
        return to_value(call(name, values), f"the result of {name}()")
    return run


def _compile_list(node: ListExpr) -> _Run:
    items = [_compile(item) for item in node.items]
    return lambda env: tuple([item(env) for item in items])


def _compile_name(node: Name) -> _Run:
    name = node.name
    return lambda env: _value_of(name, env)


def _compile_not(node: Not) -> _Run:
    operand = _compile(node.operand)
    return lambda env: _kleene_not(_truth(operand(env)))


def _compile_neg(node: Neg) -> _Run:
    operand = _compile(node.operand)
    return lambda env: _negate(operand(env))


_COMPILERS: dict[type, Callable[[Any], _Run]] = {
    Num: lambda node: _constant(node.value),
    Str: lambda node: _constant(node.value),
    Bool: lambda node: _constant(node.value),
    Null: lambda node: _constant(None),
    Name: _compile_name,
    ListExpr: _compile_list,
    Call: _compile_call,
    Not: _compile_not,
    Neg: _compile_neg,
    And: _compile_junction,
    Or: _compile_junction,
    Arith: _compile_arith,
    Compare: _compile_compare,
}
