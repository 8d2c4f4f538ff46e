"""The safe condition language of questionnaire files (show_if, thresholds, derived values, rules).

Text is tokenized and parsed by hand into an immutable AST and evaluated with three-valued logic;
nothing is ever run as Python. The tree lives in conditions_ast, syntax in conditions_parse, evaluation in
conditions_eval.
"""

from fldd.standard.conditions_eval import ConditionEvalError, Money, evaluate, to_value
from fldd.standard.conditions_ast import (
    KEYWORDS, And, Arith, Bool, Call, Compare, Expr, ListExpr, Name, Neg, Not, Null, Num, Or, Str)
from fldd.standard.conditions_parse import (
    BUILTIN_FUNCTIONS, DOMAIN_FUNCTIONS, FUNCTIONS, MAX_DEPTH, NAME_ARG_FUNCTIONS, ConditionSyntaxError,
    check_calls, parse)

__all__ = [
    "BUILTIN_FUNCTIONS", "DOMAIN_FUNCTIONS", "FUNCTIONS", "KEYWORDS", "MAX_DEPTH", "NAME_ARG_FUNCTIONS",
    "And", "Arith", "Bool", "Call", "Compare", "ConditionEvalError", "ConditionSyntaxError", "Expr",
    "ListExpr", "Money", "Name", "Neg", "Not", "Null", "Num", "Or", "Str", "check_calls", "evaluate",
    "parse", "to_value",
]
