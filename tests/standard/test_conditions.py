"""Examples of the condition language: syntax, errors, three-valued semantics, Money and functions."""

import datetime as dt
import pickle
from decimal import Decimal as D

import pytest

from fldd.standard.conditions import (
    FUNCTIONS, MAX_DEPTH, And, Arith, Call, Compare, ConditionEvalError, ConditionSyntaxError, ListExpr, Money,
    Name, Neg, Not, Null, Num, Or, Str, check_calls, evaluate, parse, to_value)


class Env:
    """Answers from a dict; domain calls answered by `calls` and logged."""

    def __init__(self, calls=None, **values):
        self.values = values
        self.calls = calls or {}
        self.log = []

    def value(self, name):
        return self.values[name]

    def call(self, name, args):
        self.log.append((name, args))
        return self.calls[name](*args)


class Untouchable(Env):
    """Fails the test if `boom` is ever read: proves an operand was not evaluated."""

    def value(self, name):
        if name == "boom":
            raise AssertionError("boom was evaluated")
        return super().value(name)


def ev(text, **values):
    return evaluate(parse(text), Env(**values))


MYR = lambda amount: Money(D(amount), "MYR")  # noqa: E731
USD = lambda amount: Money(D(amount), "USD")  # noqa: E731


# ------------------------------------------------------------------------------------------ parse


@pytest.mark.parametrize("text, expected", [
    ("a = 1", Compare("=", Name("a"), Num(D(1)))),
    ("a == 1", Compare("=", Name("a"), Num(D(1)))),
    ("a <> 'x'", Compare("!=", Name("a"), Str("x"))),
    ("a != \"x\"", Compare("!=", Name("a"), Str("x"))),
    ("x not in [1, 2]", Compare("not in", Name("x"), ListExpr((Num(D(1)), Num(D(2)))))),
    ("not x in y", Not(Compare("in", Name("x"), Name("y")))),
    ("a or b and c", Or((Name("a"), And((Name("b"), Name("c")))))),
    ("(a or b) and c", And((Or((Name("a"), Name("b"))), Name("c")))),
    ("a and b and c", And((Name("a"), Name("b"), Name("c")))),
    ("not a = b", Not(Compare("=", Name("a"), Name("b")))),
    ("not not a", Not(Not(Name("a")))),
    ("1 + 2 * 3 - 4", Arith((Num(D(1)), Arith((Num(D(2)), Num(D(3))), ("*",)), Num(D(4))), ("+", "-"))),
    ("(1 + 2) + 3", Arith((Arith((Num(D(1)), Num(D(2))), ("+",)), Num(D(3))), ("+",))),
    ("-a * b % 2", Arith((Neg(Name("a")), Name("b"), Num(D(2))), ("*", "%"))),
    ("- -2.50", Neg(Neg(Num(D("2.50"))))),
    ("TRUE and Null or FaLsE", Or((And((parse("true"), Null())), parse("false")))),
    ("supplier.country = 'MY'", Compare("=", Name("supplier.country"), Str("MY"))),
    ("f()", Call("f", ())),
    ("[]", ListExpr(())),
    ("'it\\'s' = \"say \\\"hi\\\" \\\\\"", Compare("=", Str("it's"), Str('say "hi" \\'))),
    ("a\n  and\tb", And((Name("a"), Name("b")))),
])
def test_parse_builds_the_expected_tree(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", [
    "fees_any_paid = 'yes' and fee_workers_paid > 0",
    "not (docs_held_by in ['worker', 'worker_locker'])",
    "'cash' in wage_payment_methods",
    "fee_total_amount / monthly_base_wage * 100 >= 150",
    "count(a = 'yes', b = 'yes', c != 'no') >= 2",
    "if(workforce_total > 0, fee_workers_paid / workforce_total * 100, null)",
    "lookup('fee_severity', band(fee_wage_pct, 5, 100, 150), fee_affected_band)",
    "days_between(last_audit_date, as_of) > 365",
    "answer > 60",
    "declared = 'no' and answer > 0",
])
def test_the_briefs_examples_parse_and_round_trip(text):
    expr = parse(text)
    assert parse(expr.to_text()) == expr
    assert check_calls(expr) == []


def test_to_text_uses_only_needed_parentheses():
    assert parse("((a)) and (b or c)").to_text() == "a and (b or c)"
    assert parse("(a + b) * -(c - d)").to_text() == "(a + b) * -(c - d)"
    assert parse("(a < b) = (c in d)").to_text() == "(a < b) = (c in d)"
    assert parse("not (a and b)").to_text() == "not (a and b)"
    assert parse("- - 1").to_text() == "- -1"
    assert Str("a'b\\c").to_text() == "'a\\'b\\\\c'"


def test_names_and_calls():
    expr = parse("answered(q1) and mismatch(q2) and lookup('t', supplier.country, max(a, 2)) > b")
    assert expr.names() == {"q1", "q2", "supplier.country", "a", "b"}
    assert expr.calls() == {"answered", "mismatch", "lookup", "max"}


def test_parse_is_cached_and_the_tree_is_hashable_and_immutable():
    assert parse("a = 1 or b") is parse("a = 1 or b")
    assert len({parse("a = 1"), parse("a == 1"), parse("(a = 1)")}) == 1
    with pytest.raises(AttributeError):
        parse("a").name = "b"


def test_text_is_the_source_and_equality_ignores_it():
    expr = parse("  a  =  1 ")
    assert expr.text == "  a  =  1 "
    assert expr.right.text == "1"
    assert parse("(a  +  b) * c").operands[0].text == "a  +  b"
    assert Compare("=", Name("a"), Num(D(1))).text == "a = 1"


def test_nodes_reject_what_could_not_have_been_parsed():
    for build in (lambda: Num(D(-1)), lambda: Num(D("NaN")), lambda: Name("and"), lambda: Name("A"),
                  lambda: And((Name("a"),)), lambda: Arith((Name("a"), Name("b")), ("+", "+")),
                  lambda: Arith((Name("a"), Name("b"), Name("c")), ("+", "*")),
                  lambda: Compare("~", Null(), Null())):
        with pytest.raises(ValueError):
            build()


def test_parse_wants_a_string():
    with pytest.raises(TypeError):
        parse(True)


# -------------------------------------------------------------------------------------- syntax errors


@pytest.mark.parametrize("text, message, column", [
    ("a >", "unexpected end of expression", 4),
    ("(a", "unexpected end of expression, expected ')'", 3),
    ("a = = b", "unexpected '='", 5),
    ("'unterminated", "unterminated string", 1),
    ("a < b < c", "comparisons cannot be chained; combine them with 'and'", 7),
    ("1 +", "unexpected end of expression", 4),
    ("foo(", "unexpected end of expression", 5),
    ("x in", "unexpected end of expression", 5),
    ("and", "unexpected 'and'", 1),
    ("A = 1", "names are lower case: write 'a', not 'A'", 1),
    ("a = Supplier.country", "names are lower case: write 'supplier.country', not 'Supplier.country'", 5),
    ("fees_any_paid = 'yes' and )", "unexpected ')'", 27),
    ("", "empty expression", 1),
    ("   ", "empty expression", 1),
    ("a b", "unexpected name 'b'", 3),
    ("a = 1 2", "unexpected number 2", 7),
    ("f(a b)", "unexpected name 'b', expected ',' or ')'", 5),
    ("f(a,)", "unexpected ')'", 5),
    ("[1, 2", "unexpected end of expression, expected ',' or ']'", 6),
    ("a not b", "expected 'in' after 'not'", 7),
    ("a = not b", "'not' cannot stand here; put the 'not ...' in parentheses", 5),
    ("-not a", "'not' cannot stand here; put the 'not ...' in parentheses", 2),
    ("a ! b", "unexpected character '!'", 3),
    ("a & b", "unexpected character '&'", 3),
    (".5", "unexpected character '.'", 1),
    ("'a\\n'", "invalid escape '\\n' in string (only \\\\, \\' and \\\" are allowed)", 3),
    ("'a\\", "unterminated string", 1),
    ("true(1)", "unexpected '('", 5),
    ("x = 'a' 'b'", "unexpected string 'b'", 9),
    ("a\n>", "unexpected end of expression", 4),
])
def test_syntax_errors_say_what_and_where(text, message, column):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse(text)
    error = caught.value
    assert (error.message, error.position + 1, error.text) == (message, column, text)
    assert str(error) == f"{message} at column {column}"


def test_syntax_error_pickles():
    error = pickle.loads(pickle.dumps(ConditionSyntaxError("unexpected ')'", 13, "x")))
    assert str(error) == "unexpected ')' at column 14" and error.position == 13


# --------------------------------------------------------------------------------------- nesting


def test_nesting_up_to_the_limit_parses():
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == Name("a")
    assert parse("not " * MAX_DEPTH + "a").names() == {"a"}


@pytest.mark.parametrize("text", [
    "(" * 200 + "a" + ")" * 200,
    "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1),
    "(" * 10_000,
    "-" * 200 + "1",
    "not " * 200 + "a",
    "f(" * 200 + ")" * 200,
    "[" * 200 + "]" * 200,
    "a + (" * 150 + "b" + ")" * 150,
    # each level adds or, and, =, + and *: five tree levels per parenthesis
    "(" * 30 + "a" + " * b + c = d and e or f)" * 30,
])
def test_deep_nesting_is_a_clean_syntax_error(text):
    with pytest.raises(ConditionSyntaxError, match=r"too deeply nested \(more than 100 levels\)"):
        parse(text)


def test_long_flat_chains_are_not_nesting():
    text = " or ".join(f"a{i} = {i}" for i in range(500)) + " or true and " + " + ".join(["1"] * 500) + " = 500"
    expr = parse(text)
    assert len(expr.operands) == 501
    assert evaluate(expr, Env(**{f"a{i}": D(-1) for i in range(500)})) is True


# -------------------------------------------------------------------------------------- check_calls


def test_check_calls_reports_every_problem():
    expr = parse("foo(1) or len(a, b) or round(1, 2, 3) or count() or answered(a + 1) or if(a, b)"
                 " or mismatch('q') or lookup(t, 1, 2) or date('2024-02-30') or date('2024-02-29') = x"
                 " or min(foo(2), 1) or band(x)")
    assert check_calls(expr) == [
        "unknown function 'foo'",
        "len() takes 1 argument, got 2",
        "round() takes 1 to 2 arguments, got 3",
        "count() takes at least 1 argument, got 0",
        "answered() takes a bare question name, not 'a + 1'",
        "if() takes 3 arguments, got 2",
        "mismatch() takes a bare question name, not \"'q'\"",
        "lookup() takes the table name as a quoted string, not 't'",
        "date() needs a valid 'YYYY-MM-DD' date, not '2024-02-30'",
        "unknown function 'foo'",
        "band() takes at least 2 arguments, got 1",
    ]


def test_functions_table_declares_builtins_and_domain_functions():
    assert FUNCTIONS["lookup"] == (3, 3) and FUNCTIONS["count"] == (1, None) and FUNCTIONS["round"] == (1, 2)
    assert {"mismatch", "indicator_risk", "module_risk", "answered", "if", "band"} <= set(FUNCTIONS)


# ------------------------------------------------------------------------------------ Kleene logic

T, F, N = True, False, None
AND_TABLE = {(T, T): T, (T, F): F, (T, N): N, (F, T): F, (F, F): F, (F, N): F, (N, T): N, (N, F): F, (N, N): N}
OR_TABLE = {(T, T): T, (T, F): T, (T, N): T, (F, T): T, (F, F): F, (F, N): N, (N, T): T, (N, F): N, (N, N): N}


@pytest.mark.parametrize("a, b", list(AND_TABLE))
def test_kleene_truth_tables(a, b):
    assert ev("a and b", a=a, b=b) is AND_TABLE[a, b]
    assert ev("a or b", a=a, b=b) is OR_TABLE[a, b]


@pytest.mark.parametrize("a, expected", [(T, F), (F, T), (N, N)])
def test_not(a, expected):
    assert ev("not a", a=a) is expected


@pytest.mark.parametrize("operand", [1, "yes", (), ("a",), MYR(1), dt.date(2024, 1, 1)])
def test_non_booleans_are_not_truth_values(operand):
    assert ev("a and true", a=operand) is None
    assert ev("a or false", a=operand) is None
    assert ev("not a", a=operand) is None
    assert ev("a and false", a=operand) is False
    assert ev("if(a, 1, 2)", a=operand) is None


def test_short_circuit_skips_what_cannot_matter():
    env = Untouchable(f=False, t=True, n=None)
    assert evaluate(parse("false and 1/0 > 1"), env) is False
    assert evaluate(parse("1/0 > 1"), env) is None
    assert evaluate(parse("f and boom > 1"), env) is False
    assert evaluate(parse("n and f and boom"), env) is False
    assert evaluate(parse("t or boom"), env) is True
    assert evaluate(parse("n or t or boom"), env) is True
    assert evaluate(parse("if(t, 1, boom)"), env) == 1
    assert evaluate(parse("if(f, boom, 2)"), env) == 2
    assert evaluate(parse("if(n, boom, boom)"), env) is None
    assert evaluate(parse("coalesce(n, 3, boom)"), env) == 3
    with pytest.raises(AssertionError):
        evaluate(parse("n and boom"), env)


# ---------------------------------------------------------------------------------------- comparisons


@pytest.mark.parametrize("text, values, expected", [
    ("a = 1", {"a": D("1.0")}, T),
    ("a = 1", {"a": 1}, T),
    ("a = 1", {"a": 1.5}, F),
    ("a = 1", {"a": "1"}, F),
    ("a != 1", {"a": "1"}, T),
    ("a = true", {"a": D(1)}, F),
    ("a = 1", {"a": True}, F),
    ("a = 1", {"a": None}, N),
    ("a != 1", {"a": None}, N),
    ("a = b", {"a": None, "b": None}, N),
    ("a = null", {"a": None}, T),
    ("a = null", {"a": ()}, F),
    ("a != null", {"a": None}, F),
    ("a <> null", {"a": ""}, T),
    ("null = a", {"a": 0}, F),
    ("null = null", {}, T),
    ("a > null", {"a": 1}, N),
    ("a < 2", {"a": 1}, T),
    ("a >= 2", {"a": 2}, T),
    ("a > b", {"a": "b", "b": "a"}, T),
    ("a < b", {"a": dt.date(2024, 1, 1), "b": dt.date(2024, 1, 2)}, T),
    ("a < b", {"a": dt.datetime(2024, 1, 1, 23), "b": dt.date(2024, 1, 2)}, T),
    ("a < 'x'", {"a": 1}, N),
    ("a < b", {"a": True, "b": False}, N),
    ("a < b", {"a": (1,), "b": (2,)}, N),
    ("a = [1, 'x']", {"a": [1, "x"]}, T),
    ("a = [1, 'x']", {"a": ["x", 1]}, F),
    ("a = [1, 'x']", {"a": [1]}, F),
    ("[a, 1] = [null, 1]", {"a": None}, N),
    ("[a, 1] = [null, 2]", {"a": None}, F),
    ("a = 'yes'", {"a": ("yes",)}, F),
])
def test_comparisons(text, values, expected):
    assert ev(text, **values) is expected


@pytest.mark.parametrize("text, values, expected", [
    ("'cash' in a", {"a": ["cash", "bank"]}, T),
    ("'cash' in a", {"a": ()}, F),
    ("'cash' not in a", {"a": ("bank",)}, T),
    ("'cash' in a", {"a": None}, N),
    ("'cash' not in a", {"a": None}, N),
    ("a in ['x', 'y']", {"a": None}, N),
    ("null in ['x']", {}, N),
    ("1 in a", {"a": [D("1.00")]}, T),
    ("1 in a", {"a": ["1"]}, F),
    ("'x' in [a, 'y']", {"a": None}, N),
    ("'x' in [a, 'x']", {"a": None}, T),
    ("'x' not in [a, 'y']", {"a": None}, N),
    ("'ash' in a", {"a": "cash"}, T),
    ("'ash' in a", {"a": "bank"}, F),
    ("1 in a", {"a": "123"}, N),
    ("1 in a", {"a": 123}, N),
    ("[1] in a", {"a": [[1], [2]]}, T),
])
def test_membership(text, values, expected):
    assert ev(text, **values) is expected


# ----------------------------------------------------------------------------------------- arithmetic


@pytest.mark.parametrize("text, values, expected", [
    ("1 + 2 * 3", {}, D(7)),
    ("(1 + 2) * 3", {}, D(9)),
    ("10 - 4 - 3", {}, D(3)),
    ("1 / 4", {}, D("0.25")),
    ("1 / 3", {}, D(1) / D(3)),
    ("a / 0", {"a": 5}, N),
    ("a % 0", {"a": 5}, N),
    ("7 % 3", {}, D(1)),
    ("-7 % 3", {}, D(-1)),
    ("-a", {"a": 2.5}, D("-2.5")),
    ("-a", {"a": "x"}, N),
    ("a + 1", {"a": None}, N),
    ("a + 1", {"a": "1"}, N),
    ("a + b", {"a": "x", "b": "y"}, N),
    ("a * 2", {"a": True}, N),
    ("a - b", {"a": dt.date(2024, 3, 1), "b": dt.date(2024, 2, 1)}, D(29)),
    ("a + 30", {"a": dt.date(2024, 1, 1)}, dt.date(2024, 1, 31)),
    ("30 + a", {"a": dt.date(2024, 1, 1)}, dt.date(2024, 1, 31)),
    ("a - 1", {"a": dt.date(2024, 1, 1)}, dt.date(2023, 12, 31)),
    ("a + 1.5", {"a": dt.date(2024, 1, 1)}, N),
    ("a + 1000000000", {"a": dt.date(2024, 1, 1)}, N),
    ("a * 2", {"a": dt.date(2024, 1, 1)}, N),
    ("1 - a", {"a": dt.date(2024, 1, 1)}, N),
    ("a * a", {"a": D("1E+999998")}, N),
    ("a % b", {"a": D("1E+40"), "b": D(7)}, N),
    ("a + 1", {"a": float("nan")}, N),
])
def test_arithmetic(text, values, expected):
    result = ev(text, **values)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("text, values, expected", [
    ("a + b", {"a": MYR("1.50"), "b": MYR(2)}, MYR("3.50")),
    ("a - b", {"a": MYR(5), "b": MYR(2)}, MYR(3)),
    ("a + b", {"a": MYR(5), "b": USD(2)}, N),
    ("a + 1", {"a": MYR(5)}, N),
    ("a * 3", {"a": MYR(5)}, MYR(15)),
    ("3 * a", {"a": MYR(5)}, MYR(15)),
    ("a * a", {"a": MYR(5)}, N),
    ("a / 2", {"a": MYR(5)}, MYR("2.5")),
    ("2 / a", {"a": MYR(5)}, N),
    ("a / 0", {"a": MYR(5)}, N),
    ("a / b", {"a": MYR(3000), "b": MYR(1500)}, D(2)),
    ("a / b", {"a": MYR(3000), "b": USD(1500)}, N),
    ("a / b", {"a": MYR(3000), "b": MYR(0)}, N),
    ("a % 2", {"a": MYR(5)}, N),
    ("-a", {"a": MYR(5)}, MYR(-5)),
    ("a = b", {"a": MYR("5.0"), "b": MYR(5)}, T),
    ("a = b", {"a": MYR(5), "b": USD(5)}, F),
    ("a = 5", {"a": MYR(5)}, F),
    ("a < b", {"a": MYR(4), "b": MYR(5)}, T),
    ("a < b", {"a": MYR(4), "b": USD(5)}, N),
    ("a < 5", {"a": MYR(4)}, N),
    ("a / b * 100 >= 150", {"a": MYR(3000), "b": MYR(1500)}, T),
    ("amount(a)", {"a": MYR("1.5")}, D("1.5")),
    ("amount(a)", {"a": 2}, D(2)),
    ("amount(a)", {"a": "2"}, N),
    ("currency(a)", {"a": MYR(1)}, "MYR"),
    ("currency(a)", {"a": 1}, N),
])
def test_money(text, values, expected):
    result = ev(text, **values)
    assert result == expected and type(result) is type(expected)


def test_money_value_and_text():
    assert str(MYR(1200)) == "1200.00 MYR"
    assert str(MYR("1200.5")) == "1200.50 MYR"
    assert str(Money(D("1.005"), "KWD")) == "1.005 KWD"
    assert str(Money(D("1E+3"), "JPY")) == "1000.00 JPY"
    assert str(MYR("-3")) == "-3.00 MYR"
    assert Money(12, "MYR") == Money("12.00", "MYR") == MYR(12)
    assert hash(MYR("1.0")) == hash(MYR(1))
    for amount, currency in ((D("NaN"), "MYR"), (1.5, "MYR"), (D(1), "myr"), (D(1), "MYRR"), (True, "MYR")):
        with pytest.raises(ValueError):
            Money(amount, currency)


# ------------------------------------------------------------------------------------------ functions


@pytest.mark.parametrize("text, values, expected", [
    ("answered(a)", {"a": "x"}, T),
    ("answered(a)", {"a": 0}, T),
    ("answered(a)", {"a": False}, T),
    ("answered(a)", {"a": None}, F),
    ("answered(a)", {"a": ""}, F),
    ("answered(a)", {"a": []}, F),
    ("count(a = 'yes', b = 'yes', c != 'no')", {"a": "yes", "b": None, "c": "x"}, D(2)),
    ("count(a, b, c)", {"a": 1, "b": True, "c": "yes"}, D(1)),
    ("len(a)", {"a": ["x", "y"]}, D(2)),
    ("len(a)", {"a": "abc"}, D(3)),
    ("len(a)", {"a": None}, N),
    ("len(a)", {"a": 12}, N),
    ("min(a, 3, b)", {"a": 5, "b": None}, D(3)),
    ("max(a, 3, b)", {"a": 5, "b": None}, D(5)),
    ("max(a, b)", {"a": None, "b": None}, N),
    ("max(a, b)", {"a": MYR(1), "b": MYR(2)}, MYR(2)),
    ("max(a, b)", {"a": MYR(1), "b": USD(2)}, N),
    ("min(a, 'x')", {"a": 1}, N),
    ("min(a)", {"a": True}, N),
    ("max(a, b)", {"a": dt.date(2024, 1, 1), "b": dt.date(2023, 1, 1)}, dt.date(2024, 1, 1)),
    ("sum(a, b, 1)", {"a": 2, "b": None}, D(3)),
    ("sum(a, b)", {"a": None, "b": None}, N),
    ("sum(a, b)", {"a": MYR(1), "b": MYR(2)}, MYR(3)),
    ("sum(a, b)", {"a": MYR(1), "b": 2}, N),
    ("sum(a)", {"a": "x"}, N),
    ("abs(a)", {"a": -2}, D(2)),
    ("abs(a)", {"a": MYR(-2)}, MYR(2)),
    ("abs(a)", {"a": "x"}, N),
    ("round(a)", {"a": D("2.5")}, D(3)),
    ("round(a)", {"a": D("-2.5")}, D(-3)),
    ("round(a, 2)", {"a": D("1.005")}, D("1.01")),
    ("round(a, -2)", {"a": 1250}, D(1300)),
    ("round(a, 1.5)", {"a": 1}, N),
    ("round(a, b)", {"a": 1, "b": None}, N),
    ("round(a, 40)", {"a": D("1E+10")}, N),
    ("round(a, 1000000000000)", {"a": 1}, N),
    ("round(a, 1)", {"a": MYR("2.25")}, MYR("2.3")),
    ("if(a > 0, b / a * 100, null)", {"a": 0, "b": 1}, N),
    ("if(a > 0, b / a * 100, null)", {"a": 4, "b": 1}, D(25)),
    ("coalesce(a, b, 0)", {"a": None, "b": None}, D(0)),
    ("coalesce(a, b)", {"a": None, "b": None}, N),
    ("band(a, 5, 100, 150)", {"a": 4}, D(0)),
    ("band(a, 5, 100, 150)", {"a": 5}, D(1)),
    ("band(a, 5, 100, 150)", {"a": D("149.99")}, D(2)),
    ("band(a, 5, 100, 150)", {"a": 150}, D(3)),
    ("band(a, 5, 100, 150)", {"a": None}, N),
    ("band(a, 5, b)", {"a": 7, "b": None}, N),
    ("band(a, 5)", {"a": "x"}, N),
    ("percent(a, b)", {"a": 1, "b": 4}, D(25)),
    ("percent(a, b)", {"a": 1, "b": 0}, N),
    ("percent(a, b)", {"a": None, "b": 4}, N),
    ("percent(a, b)", {"a": MYR(1), "b": MYR(4)}, D(25)),
    ("percent(a, b)", {"a": MYR(1), "b": 4}, N),
    ("days_between(a, b)", {"a": dt.date(2024, 1, 1), "b": dt.date(2025, 1, 1)}, D(366)),
    ("days_between(a, b)", {"a": dt.date(2024, 1, 2), "b": dt.date(2024, 1, 1)}, D(-1)),
    ("days_between(a, b)", {"a": None, "b": dt.date(2024, 1, 1)}, N),
    ("days_between(a, b) > 365", {"a": dt.date(2020, 1, 1), "b": dt.date(2024, 1, 1)}, T),
    ("date('2024-02-29')", {}, dt.date(2024, 2, 29)),
    ("date(a)", {"a": "2024-02-30"}, N),
    ("date(a)", {"a": "2024-2-3"}, N),
    ("date(a)", {"a": 5}, N),
    ("date(a)", {"a": dt.date(2024, 1, 1)}, dt.date(2024, 1, 1)),
    ("a < date('2024-01-01')", {"a": dt.date(2023, 6, 1)}, T),
])
def test_builtin_functions(text, values, expected):
    result = ev(text, **values)
    assert result == expected and type(result) is type(expected)


def test_domain_functions_go_to_the_env():
    env = Env(calls={"lookup": lambda table, row, col: 3, "mismatch": lambda name: True,
                     "indicator_risk": lambda n: None, "module_risk": lambda m: 2.5},
              fee_wage_pct=120, fee_affected_band=D(2), q1="x")
    expr = parse("lookup('fee_severity', band(fee_wage_pct, 5, 100, 150), fee_affected_band)")
    assert evaluate(expr, env) == D(3)
    assert evaluate(parse("mismatch(q1)"), env) is True
    assert evaluate(parse("indicator_risk(4)"), env) is None
    assert evaluate(parse("module_risk('recruitment')"), env) == D("2.5")
    assert env.log == [("lookup", ["fee_severity", D(2), D(2)]), ("mismatch", ["q1"]),
                       ("indicator_risk", [D(4)]), ("module_risk", ["recruitment"])]


# --------------------------------------------------------------------------- programming errors raise


@pytest.mark.parametrize("text, message", [
    ("a = 1", "unknown name 'a'"),
    ("true or a", None),
    ("answered(a)", "unknown name 'a'"),
    ("false and a", None),
    ("a = null", "unknown name 'a'"),
    ("0 * a", "unknown name 'a'"),
    ("foo(1)", "unknown function 'foo'"),
    ("len(1, 2)", "len() takes 1 argument, got 2"),
    ("answered('a')", "answered() takes a bare question name, not \"'a'\""),
    ("mismatch(1 + 1)", "mismatch() takes a bare question name, not '1 + 1'"),
])
def test_programming_errors_raise(text, message):
    if message is None:
        assert evaluate(parse(text), Env()) in (True, False)
        return
    with pytest.raises(ConditionEvalError) as caught:
        evaluate(parse(text), Env())
    assert str(caught.value) == message


def test_domain_function_without_env_call():
    class ValuesOnly:
        def value(self, name):
            raise KeyError(name)

    with pytest.raises(ConditionEvalError, match=r"indicator_risk\(\) needs an env with a call\(\) method"):
        evaluate(parse("indicator_risk(1)"), ValuesOnly())


def test_env_values_are_normalised():
    assert to_value(3, "x") == D(3) and type(to_value(3, "x")) is D
    assert to_value(0.1, "x") == D("0.1")
    assert to_value(float("inf"), "x") is None and to_value(D("NaN"), "x") is None
    assert to_value(["a", 1, [2.5]], "x") == ("a", D(1), (D("2.5"),))
    assert to_value(dt.datetime(2024, 1, 2, 3, 4), "x") == dt.date(2024, 1, 2)
    assert to_value(True, "x") is True
    with pytest.raises(ConditionEvalError, match="the value of 'a' is a dict, which conditions cannot use"):
        ev("a = 1", a={})


def test_evaluate_accepts_text():
    assert evaluate("a + 1", Env(a=1)) == D(2)
