"""The worker's advocate: can anyone recover what a few interviewed workers said from what leaves fldd?

For 1 to 12 workers interviewed and a count at every edge of the disclosure rule (report_privacy), each case is
an on-site assessment made through the use cases; the full PDF, the closing summary, the Excel report and every
file of the dossier are written and read back (pypdf, every cell with openpyxl, every file of the zip). Two
counts the rule says must look alike must give the same texts, once dates, ids, hashes and file sizes are
removed, and once what is inherent is removed too: a finding's severity and its remedy and deadlines (one
worker's word opens a Minor lead to investigate, two a Priority finding), the rating and the score. Those are
listed in report_privacy's docstring as what stays.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from fldd.usecases.context import open_context
from fldd.usecases.dossier import write_dossier
from fldd.usecases.report_assessment import assessment_report_data, write_assessment_pdf
from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx
from tests.reports.report_builders import TODAY, onsite_with_counts

NAME = "Delta Sewing Ltd"


def outputs(tmp_path, counts: dict) -> dict[str, str]:
    """Every text that leaves fldd for one assessment with these interview answers, by file."""
    ctx = open_context(tmp_path / "fldd.sqlite3", user="rosa", role="auditor")
    ctx.today = lambda: TODAY
    try:
        aid = onsite_with_counts(ctx, {"wi_workforce_on_site": 300, **counts}, name=NAME)
        out = {"report.pdf": _pdf(write_assessment_pdf(ctx, aid, tmp_path / "r.pdf").read_bytes()),
               "closing.pdf": _pdf(write_assessment_pdf(ctx, aid, tmp_path / "c.pdf", closing=True).read_bytes()),
               "report.xlsx": _xlsx(write_assessment_xlsx(ctx, aid, tmp_path / "r.xlsx").read_bytes())}
        with zipfile.ZipFile(write_dossier(ctx, NAME, tmp_path / "d.zip")) as z:
            for name in z.namelist():
                if name.endswith(".sig"):  # the signature: bytes of the database's own key, checked elsewhere
                    continue
                data = z.read(name)
                key = "dossier/" + name.split("/", 1)[-1]
                out[key] = (_pdf(data) if name.endswith(".pdf") else _xlsx(data) if name.endswith(".xlsx")
                            else data.decode("utf-8", "replace"))
        out["data"] = json.dumps(assessment_report_data(ctx, aid), default=str)
        return out
    finally:
        ctx.close()


def _pdf(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _xlsx(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(f"{ws.title}!{c.coordinate}={c.value}" for ws in wb for row in ws.iter_rows() for c in row
                     if c.value is not None)


def _remedies() -> list[str]:
    from fldd.usecases.questionnaires import standard

    q = standard().get("fldd-onsite")
    return sorted({" ".join(t.remedy["en"].split()) for t in q.thresholds if t.remedy}, key=len, reverse=True)


REMEDIES = _remedies()
SEVERITY = re.compile(r"\b(Priority|Major|Minor|priority|major|minor)\b")
RATING = re.compile(r"\b(Low|Medium|High|Severe|low|medium|high|severe)( risk)?\b|No risk found")


def plain(text: str) -> str:
    """Without what differs from one run to the next: dates, ids, hashes, sizes, page furniture."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}(T[0-9:.]+Z?)?", "DATE", text)
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UID", text)
    text = re.sub(r"\b[0-9a-f]{16,}\b", "HASH", text)
    text = re.sub(r'"(size|bytes)": \d+', r'"\1": N', text)
    text = re.sub(r"Page \d+ of\s*\d+", "PAGE", text)
    # each database signs with a key of its own: its fingerprint, public key and signature differ by database
    text = re.sub(r"fldd-ed25519:[0-9a-f-]+", "KEY", text)
    text = re.sub(r"-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", "PEM", text, flags=re.S)
    return " ".join(text.split())


def alike(text: str) -> str:
    """Without what the rule accepts as inherent: severity, its remedy and deadlines, rating and score."""
    text = plain(text)
    for remedy in REMEDIES:
        text = text.replace(remedy, "REMEDY")
    text = SEVERITY.sub("SEV", text)
    text = RATING.sub("RATING", text)
    text = re.sub(r'"(due_days|closure_days|plan_days|score|percent)": [0-9.]+', r'"\1": N', text)
    text = re.sub(r"[Ss]core[^0-9]{0,12}[0-9.]+", "SCORE", text)
    return text


def differences(a: dict[str, str], b: dict[str, str], norm=alike) -> dict[str, tuple[str, str]]:
    """The files whose texts differ, with the first differing stretch of each."""
    out = {}
    for key in sorted(set(a) | set(b)):
        x, y = norm(a.get(key, "")), norm(b.get(key, ""))
        if x != y:
            i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            out[key] = (x[max(0, i - 80):i + 120], y[max(0, i - 80):i + 120])
    return out


# (workers interviewed, counts that must read alike): every group of the rule with more than one member, at
# its edges. 1-2 interviewed: nothing at all; 3-5: every count above 0; 6 and 12: 1-2, and the top 3.
ALIKE = [(1, [1]), (2, [1, 2]), (3, [1, 2, 3]), (4, [1, 2, 4]), (5, [1, 2, 5]), (6, [1, 2]), (6, [4, 5, 6]),
         (12, [1, 2]), (12, [10, 11, 12])]


@pytest.mark.parametrize("question", ["wi_threatened", "wi_paid_fees"])
@pytest.mark.parametrize(("interviewed", "counts"), ALIKE)
def test_counts_the_rule_joins_cannot_be_told_apart_in_any_file(tmp_path, question, interviewed, counts):
    texts = [outputs(tmp_path / str(n), {"wi_interviewed": interviewed, question: n}) for n in counts]
    for n, other in zip(counts[1:], texts[1:]):
        assert differences(texts[0], other) == {}, f"{counts[0]} and {n} of {interviewed} can be told apart"


@pytest.mark.parametrize("interviewed", [1, 2])
def test_from_fewer_than_three_interviews_not_even_a_zero_is_told(tmp_path, interviewed):
    """0 against 1 differs only through the rating and the score (inherent, with the score's own trigger): every
    interview figure, finding, row and the whole closing summary read the same."""
    nobody, someone = (outputs(tmp_path / str(n), {"wi_interviewed": interviewed, "wi_threatened": n})
                       for n in (0, 1))
    data = [json.loads(t["data"]) for t in (nobody, someone)]
    for part in ("findings", "answers", "onsite", "evidence"):
        assert data[0][part] == data[1][part], part
    assert [t["title"] for t in data[0]["triggers"]] == [t["title"] for t in data[1]["triggers"]
                                                         if t["id"] != "thr_os_low_score"]
    assert alike(nobody["closing.pdf"]) == alike(someone["closing.pdf"])
    dossier = [json.loads(t["dossier/" + _one(t, "assessment.json")]) for t in (nobody, someone)]
    assert dossier[0]["answers"] == dossier[1]["answers"]
    assert dossier[0]["findings"] == dossier[1]["findings"] == []


def _one(texts: dict, ending: str) -> str:
    return next(k for k in texts if k.endswith(ending)).removeprefix("dossier/")


@pytest.mark.parametrize(("interviewed", "n", "told"), [
    (4, 0, "0"), (4, 3, "not shown (small group)"), (6, 3, "3"), (6, 4, "more than 3"), (6, 2, "fewer than 3"),
    (12, 9, "9"), (12, 10, "more than 9"), (12, 3, "3")])
def test_each_count_reads_as_the_rule_says_everywhere(tmp_path, interviewed, n, told):
    texts = outputs(tmp_path, {"wi_interviewed": interviewed, "wi_no_rest_day": n})
    data = json.loads(texts["data"])
    rows = {r["question"]: r["value"] for r in data["onsite"]["interviews"]["rows"]}
    assert rows["wi_no_rest_day"] in (told, f"{told} workers")
    dossier = json.loads(texts["dossier/" + _one(texts, "assessment.json")])
    assert str(dossier["answers"]["wi_no_rest_day"]) == told
    assert str(dossier["answers"]["wi_interviewed"]) == str(interviewed)  # a sample size, as it is
    assert f"Workers interviewed {interviewed}" in plain(texts["report.pdf"])


def test_a_finding_is_titled_by_its_fact_and_seen_in_the_worker_interviews(tmp_path):
    texts = outputs(tmp_path, {"wi_interviewed": 12, "wi_threatened": 1})
    for key, text in texts.items():
        assert "One worker" not in text, key
        assert "wi_threatened = 1" not in text and "thr_os_wi_threats_single" not in text, key
    assert "Workers are threatened" in plain(texts["closing.pdf"])


def test_follow_ups_are_listed_whatever_the_count_they_follow(tmp_path):
    """The fee follow-ups appear whether or not anyone paid; with a hidden count they read 'not shown'."""
    none = json.loads(outputs(tmp_path / "a", {"wi_interviewed": 4, "wi_paid_fees": 0})["data"])
    some = json.loads(outputs(tmp_path / "b", {"wi_interviewed": 4, "wi_paid_fees": 2, "wi_fee_repaid": 1})["data"])
    rows = [[r["question"] for r in d["onsite"]["interviews"]["rows"]] for d in (none, some)]
    assert rows[0] == rows[1] and "wi_fee_repaid" in rows[0]
    told = {r["question"]: r["value"] for r in some["onsite"]["interviews"]["rows"]}
    assert told["wi_fee_repaid"] == told["wi_paid_fees"] == "not shown (small group)"
    assert told["wi_fee_typical_months"] == "not shown (small group)"


@pytest.mark.xfail(strict=True, reason="known leak: a threshold on a share (over 20% do not know how to raise a "
                   "grievance) fires at 2 of 5 but not at 1 of 5, both 'not shown'; fixing it means changing the "
                   "standard's thresholds, not the reports")
def test_a_threshold_on_a_share_does_not_split_a_hidden_group(tmp_path):
    one, two = (outputs(tmp_path / str(n), {"wi_interviewed": 5, "wi_grievance_unknown": n}) for n in (1, 2))
    assert differences(one, two) == {}
