"""Any answers the supplier's fldd holds come back to the buyer as they are (a bounded property test over every
question type): the write-back and the buyer's import read the same cells the same way."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fldd.standard.answers import to_json
from fldd.usecases.assessments import AssessmentSession, assessment_json
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.received_workbook import open_received
from fldd.usecases.write_back import write_back
from tests.exchange.test_received_workbook import supplier_db  # noqa: F401 - a fixture

TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"), min_size=1, max_size=60).filter(str.strip)
FORMULA_LIKE = st.sampled_from(["=1+1", "+44 20 7946 0000", "-5", "@home", "=HYPERLINK(\"x\")", "0042", "1,200"])
MONEY = st.builds(lambda amount, currency: {"amount": amount, "currency": currency},
                  st.decimals(0, 10**7, places=2).map(lambda d: int(d) if d == d.to_integral_value() else float(d)),
                  st.sampled_from(["MYR", "USD", "CNY", "EUR"]))
ANSWERS = st.fixed_dictionaries({}, optional={
    "migrants": st.sampled_from(["yes", "no", "unknown"]),
    "holder": st.sampled_from(["worker", "company"]),
    "topics": st.one_of(st.just(["none"]),
                        st.lists(st.sampled_from(["fees", "contracts", "documents"]), min_size=1, unique=True)),
    "workers": st.integers(1, 100000),
    "hours": st.one_of(st.just("unknown"), st.decimals(0, 168, places=1).map(float)),
    "share": st.decimals(0, 100, places=2).map(lambda d: int(d) if d == d.to_integral_value() else float(d)),
    "wage": MONEY,
    "fee": st.one_of(MONEY, st.sampled_from(["unknown", "na"])),
    "audit_date": st.one_of(st.just("na"), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(str)),
    "languages": st.one_of(TEXT, FORMULA_LIKE),
    "note": st.one_of(TEXT, FORMULA_LIKE),
})
COMMENTS = st.dictionaries(st.sampled_from(["migrants", "topics", "workers", "wage", "audit_date", "note"]),
                           st.one_of(TEXT, FORMULA_LIKE), max_size=4)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answers=ANSWERS, comments=COMMENTS)
def test_whatever_the_supplier_holds_the_buyer_imports_the_same(  # noqa: F811 - supplier_db is the fixture
        every_ctx, every_supplier, supplier_db, tmp_path, answers, comments):
    sent = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "sent.xlsx").path
    opened = open_received(supplier_db, sent)
    session = AssessmentSession(supplier_db, opened.assessment_id)
    for qid, value in answers.items():
        session.answer(qid, value)
    for qid, text in comments.items():
        session.comment(qid, text)
    if not session.values and not any(t.strip() for t in session.comments.values()):
        return  # the workbook as it was sent: the buyer's import refuses an empty first file, as it should

    [report] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id, overwrite=True).path])

    assert report.outcome in ("accepted", "accepted_incomplete"), [str(e) for e in report.errors]
    held = assessment_json(every_ctx, report.assessment_id)
    assert held["answers"] == {qid: to_json(v) for qid, v in session.values.items()}
    assert held["comments"] == {qid: t.strip() for qid, t in session.comments.items() if t.strip()}
