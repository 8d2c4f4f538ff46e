"""Properties of the condition language over generated trees, texts and values (hypothesis)."""

import datetime as dt
import decimal
from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fldd.standard.conditions import (
    DOMAIN_FUNCTIONS, FUNCTIONS, KEYWORDS, NAME_ARG_FUNCTIONS, And, Arith, Bool, Call, Compare,
    ConditionSyntaxError, Expr, ListExpr, Money, Name, Neg, Not, Null, Num, Or, Str, check_calls, evaluate, parse)


class Env:
    """Values from a dict; every domain function answers with one fixed value."""

    def __init__(self, values, domain_result=None):
        self.values = values
        self.domain_result = domain_result

    def value(self, name):
        return self.values[name]

    def call(self, name, args):
        return self.domain_result


# ------------------------------------------------------------------------------------------- trees

names = st.from_regex(r"[a-z_][a-z0-9_]{0,5}(\.[a-z_][a-z0-9_]{0,3})?", fullmatch=True).filter(
    lambda n: n not in KEYWORDS)
unsigned = st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False).filter(
    lambda d: not d.is_signed())
literals = st.one_of(
    st.builds(Num, unsigned), st.builds(Str, st.text(max_size=8)), st.builds(Bool, st.booleans()),
    st.just(Null()))
compare_ops = st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "in", "not in"])


def _chain(children, ops):
    """An Arith chain of 2-4 operands with operators from one precedence level."""
    return st.integers(2, 4).flatmap(lambda n: st.builds(
        Arith, st.lists(children, min_size=n, max_size=n).map(tuple),
        st.lists(st.sampled_from(ops), min_size=n - 1, max_size=n - 1).map(tuple)))


def _compound(children, calls):
    return st.one_of(
        st.builds(Not, children), st.builds(Neg, children),
        st.builds(And, st.lists(children, min_size=2, max_size=4).map(tuple)),
        st.builds(Or, st.lists(children, min_size=2, max_size=4).map(tuple)),
        _chain(children, ["+", "-"]), _chain(children, ["*", "/", "%"]),
        st.builds(Compare, compare_ops, children, children),
        st.builds(ListExpr, st.lists(children, max_size=3).map(tuple)),
        calls(children))


def _any_calls(children):
    return st.builds(Call, st.one_of(names, st.sampled_from(sorted(FUNCTIONS))),
                     st.lists(children, max_size=3).map(tuple))


any_trees = st.recursive(st.one_of(literals, st.builds(Name, names)),
                         lambda children: _compound(children, _any_calls), max_leaves=25)

# Well-formed trees: known names, known functions with fitting arguments.
ENV_NAMES = ("a", "b", "c", "d", "e.f")
env_names = st.sampled_from(ENV_NAMES).map(Name)


def _good_call(children, name):
    low, high = FUNCTIONS[name]
    if name in NAME_ARG_FUNCTIONS:
        args = st.tuples(env_names)
    elif name == "lookup":
        args = st.tuples(st.builds(Str, st.text(max_size=4)), children, children)
    elif name == "finding":
        args = st.tuples(st.builds(Str, st.text(max_size=4)))
    else:
        args = st.lists(children, min_size=low, max_size=high if high is not None else low + 3).map(tuple)
    return st.builds(Call, st.just(name), args)


def _good_calls(children):
    return st.sampled_from(sorted(FUNCTIONS)).flatmap(lambda name: _good_call(children, name))


good_trees = st.recursive(st.one_of(literals, env_names, st.builds(Call, st.just("date"), st.tuples(
    st.builds(Str, st.sampled_from(["2024-02-29", "2023-02-29", "x"]))))),
    lambda children: _compound(children, _good_calls), max_leaves=25)

# ------------------------------------------------------------------------------------------ values

finite_decimals = st.decimals(allow_nan=False, allow_infinity=False)
scalars = st.one_of(
    st.none(), st.booleans(), finite_decimals, st.integers(), st.floats(), st.text(max_size=5),
    st.sampled_from(["yes", "no", "cash", ""]), st.dates(), st.datetimes(),
    st.builds(Money, st.decimals(min_value=-10**6, max_value=10**6, places=2), st.sampled_from(["MYR", "USD"])))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.lists(st.sampled_from(["yes", "cash"])).map(tuple))


def is_value(v):
    """Whether v is one of the evaluator's value types."""
    if isinstance(v, tuple):
        return all(is_value(x) for x in v)
    return v is None or type(v) in (bool, D, str, dt.date, Money)


# ---------------------------------------------------------------------------------------- round trip


@settings(max_examples=400)
@given(any_trees)
def test_to_text_round_trips(expr):
    text = expr.to_text()
    parsed = parse(text)
    assert parsed == expr
    assert parsed.to_text() == text
    assert hash(parsed) == hash(expr)


@settings(max_examples=400)
@given(st.text())
def test_parse_of_any_text_gives_a_tree_or_a_syntax_error(text):
    try:
        expr = parse(text)
    except ConditionSyntaxError as error:
        assert 0 <= error.position <= len(text)
        return
    assert isinstance(expr, Expr)
    assert parse(expr.to_text()) == expr


soup = st.lists(st.sampled_from([
    "a", "b.c", "1", "2.5", "'s'", '"t"', "(", ")", "[", "]", ",", "and", "or", "not", "in", "true", "null",
    "=", "==", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "f(", "count(", "if(", "\n"]),
    max_size=40).map(" ".join)


@settings(max_examples=600)
@given(soup)
def test_parse_of_token_soup_gives_a_tree_or_a_syntax_error(text):
    try:
        expr = parse(text)
    except ConditionSyntaxError as error:
        assert 0 <= error.position <= len(text)
        return
    assert parse(expr.to_text()) == expr


# ---------------------------------------------------------------------------------------- evaluation


@settings(max_examples=500)
@given(good_trees, st.fixed_dictionaries({n: values for n in ENV_NAMES}), values)
def test_evaluate_never_raises_on_well_formed_trees(expr, env_values, domain_result):
    assert all(problem.startswith("date() needs a valid") for problem in check_calls(expr))
    result = evaluate(expr, Env(env_values, domain_result))
    assert is_value(result)


three = st.sampled_from([True, False, None])
truthy = st.one_of(three, st.sampled_from([D(1), "yes", ()]))  # non-booleans behave as unknown


@given(truthy, truthy, truthy)
def test_kleene_laws(a, b, c):
    env = Env({"a": a, "b": b, "c": c})

    def same(left, right):
        assert evaluate(parse(left), env) is evaluate(parse(right), env)

    same("not (a and b)", "not a or not b")
    same("not (a or b)", "not a and not b")
    same("not not a", "a = true or (a != false and null)")
    same("a and b", "b and a")
    same("a or b", "b or a")
    same("(a and b) and c", "a and (b and c)")
    same("a and (b or c)", "(a and b) or (a and c)")
    same("a or (b and c)", "(a or b) and (a or c)")
    same("a and true", "a or false")
    same("if(a, true, false)", "a and true")


def _python(op, a, b):
    try:
        if op in "/%" and b == 0:
            return None
        return {"+": a + b, "-": a - b, "*": a * b}[op] if op in "+-*" else (a / b if op == "/" else a % b)
    except decimal.DecimalException:
        return None


@settings(max_examples=300)
@given(finite_decimals, finite_decimals, st.sampled_from(["+", "-", "*", "/", "%"]))
def test_arithmetic_matches_python_decimal(a, b, op):
    with decimal.localcontext(decimal.Context()):
        expected = _python(op, a, b)
    result = evaluate(parse(f"a {op} b"), Env({"a": a, "b": b}))
    assert result == expected and type(result) is type(expected)


@given(finite_decimals, finite_decimals, st.sampled_from(["+", "-", "*", "/", "%"]))
def test_arithmetic_with_null_is_null(a, b, op):
    assert evaluate(parse(f"a {op} b"), Env({"a": a, "b": None})) is None
    assert evaluate(parse(f"b {op} a"), Env({"a": a, "b": None})) is None


@given(finite_decimals, finite_decimals)
def test_comparisons_match_python(a, b):
    env = Env({"a": a, "b": b})
    for op, expected in (("=", a == b), ("!=", a != b), ("<", a < b), ("<=", a <= b), (">", a > b),
                         (">=", a >= b)):
        assert evaluate(parse(f"a {op} b"), env) is expected
    assert evaluate(parse("not (a < b) = (a >= b)"), env) is True


@given(st.lists(st.one_of(st.none(), finite_decimals), min_size=1, max_size=5))
def test_min_max_sum_ignore_nulls(xs):
    env = Env({f"x{i}": x for i, x in enumerate(xs)})
    args = ", ".join(f"x{i}" for i in range(len(xs)))
    known = [x for x in xs if x is not None]
    assume(all(abs(x.adjusted()) < 20 for x in known))
    assert evaluate(parse(f"min({args})"), env) == (min(known) if known else None)
    assert evaluate(parse(f"max({args})"), env) == (max(known) if known else None)
    with decimal.localcontext(decimal.Context()):
        total = sum(known[1:], known[0]) if known else None
    assert evaluate(parse(f"sum({args})"), env) == total


def test_domain_functions_are_declared():
    assert set(DOMAIN_FUNCTIONS) == {"lookup", "mismatch", "indicator_risk", "module_risk", "finding", "in_currency_of"}
