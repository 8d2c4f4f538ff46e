"""Three-valued evaluation of parsed conditions: odd data gives null, only programming errors raise."""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import (ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DecimalException, DivisionByZero,
                     InvalidOperation, Overflow)

from fldd.standard.conditions_parse import (
    DOMAIN_FUNCTIONS, FUNCTIONS, NAME_ARG_FUNCTIONS, And, Arith, Bool, Call, Compare, Expr, ListExpr, Name,
    Neg, Not, Null, Num, Or, Str, arity_problem, parse, parse_date)

# Python's default decimal context, fixed here so a caller changing theirs cannot change a score.
_CTX = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, capitals=1, clamp=0,
               traps=[InvalidOperation, DivisionByZero, Overflow])
_HUNDRED = Decimal(100)
_CURRENCY_RE = re.compile(r"[A-Z]{3}")


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
        if not isinstance(self.currency, str) or not _CURRENCY_RE.fullmatch(self.currency):
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
    return _eval(expr, env)


def _eval(node: Expr, env) -> object:
    try:
        handler = _HANDLERS[type(node)]
    except KeyError:
        raise ConditionEvalError(f"cannot evaluate a {type(node).__name__}") from None
    return handler(node, env)


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


def _value_of(name: str, env) -> object:
    try:
        value = env.value(name)
    except KeyError:
        raise ConditionEvalError(f"unknown name {name!r}") from None
    return to_value(value, f"the value of {name!r}")


def _truth(value: object) -> bool | None:
    """Only booleans are truth values; anything else is a type problem and so unknown."""
    return value if isinstance(value, bool) else None


def _kleene_not(value: bool | None) -> bool | None:
    return None if value is None else not value


# ------------------------------------------------------------------------------------ comparisons


def _equal(a: object, b: object) -> bool | None:
    """Kleene equality: unknown if either side is, false across types, lists element by element."""
    if a is None or b is None:
        return None
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


def _eval_compare(node: Compare, env) -> bool | None:
    left, right = _eval(node.left, env), _eval(node.right, env)
    op = node.op
    if op in ("=", "!=") and (isinstance(node.left, Null) or isinstance(node.right, Null)):
        is_null = (right if isinstance(node.left, Null) else left) is None
        return is_null if op == "=" else not is_null
    if op == "in":
        return _contains(right, left)
    if op == "not in":
        return _kleene_not(_contains(right, left))
    if op == "=":
        return _equal(left, right)
    if op == "!=":
        return _kleene_not(_equal(left, right))
    if left is None or right is None:
        return None
    order = _order(left, right)
    return None if order is None else _ORDERINGS[op](order)


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


def _eval_arith(node: Arith, env) -> object:
    # Every operand is evaluated, so an unknown name is reported whatever the data.
    values = [_eval(operand, env) for operand in node.operands]
    result = values[0]
    for op, value in zip(node.ops, values[1:]):
        result = arith(op, result, value)
    return result


def _negate(value: object) -> object:
    if isinstance(value, Decimal):
        return _CTX.minus(value)
    if isinstance(value, Money):
        return Money(_CTX.minus(value.amount), value.currency)
    return None


# ------------------------------------------------------------------------------------------ logic


def _eval_and(node: And, env) -> bool | None:
    unknown = False
    for operand in node.operands:
        value = _truth(_eval(operand, env))
        if value is False:
            return False
        unknown = unknown or value is None
    return None if unknown else True


def _eval_or(node: Or, env) -> bool | None:
    unknown = False
    for operand in node.operands:
        value = _truth(_eval(operand, env))
        if value is True:
            return True
        unknown = unknown or value is None
    return None if unknown else False


# -------------------------------------------------------------------------------------- functions


def _bare_name(node: Call) -> str:
    arg = node.args[0]
    if not isinstance(arg, Name):
        raise ConditionEvalError(f"{node.name}() takes a bare question name, not {arg.to_text()!r}")
    return arg.name


def _answered(node: Call, env) -> bool:
    value = _value_of(_bare_name(node), env)
    return value is not None and not (isinstance(value, (tuple, str)) and len(value) == 0)


def _if(node: Call, env) -> object:
    chosen = _truth(_eval(node.args[0], env))
    if chosen is None:
        return None
    return _eval(node.args[1] if chosen else node.args[2], env)


def _coalesce(node: Call, env) -> object:
    for arg in node.args:
        value = _eval(arg, env)
        if value is not None:
            return value
    return None


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
_LAZY = {"answered": _answered, "if": _if, "coalesce": _coalesce}  # called with the nodes


def _eval_call(node: Call, env) -> object:
    if node.name not in FUNCTIONS:
        raise ConditionEvalError(f"unknown function {node.name!r}")
    problem = arity_problem(node.name, len(node.args))
    if problem:
        raise ConditionEvalError(problem)
    if node.name in _LAZY:
        return _LAZY[node.name](node, env)
    if node.name in DOMAIN_FUNCTIONS:
        return _call_domain(node, env)
    return _STRICT[node.name](*(_eval(arg, env) for arg in node.args))


def _call_domain(node: Call, env) -> object:
    if node.name in NAME_ARG_FUNCTIONS:
        args = [_bare_name(node)]
    else:
        args = [_eval(arg, env) for arg in node.args]
    call = getattr(env, "call", None)
    if call is None:
        raise ConditionEvalError(f"{node.name}() needs an env with a call() method")
    return to_value(call(node.name, args), f"the result of {node.name}()")


_HANDLERS = {
    Num: lambda node, env: node.value,
    Str: lambda node, env: node.value,
    Bool: lambda node, env: node.value,
    Null: lambda node, env: None,
    Name: lambda node, env: _value_of(node.name, env),
    ListExpr: lambda node, env: tuple(_eval(item, env) for item in node.items),
    Call: _eval_call,
    Not: lambda node, env: _kleene_not(_truth(_eval(node.operand, env))),
    Neg: lambda node, env: _negate(_eval(node.operand, env)),
    And: _eval_and,
    Or: _eval_or,
    Arith: _eval_arith,
    Compare: _eval_compare,
}
