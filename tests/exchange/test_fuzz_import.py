"""Mutation fuzzing of the import: damaged copies of a filled workbook and of an answer pack, each imported into a
database that holds their assessment. Whatever a mutant is, the import never raises, rejects it with messages
naming the file or applies it, leaves the data as they were when it rejects, and the database stays sound.

A fixed seed and a bounded count keep this to a few seconds in the suite; FLDD_FUZZ_COUNT=2000 (and
FLDD_FUZZ_SEED) run a longer campaign. A failing mutant is kept in the test's temporary folder, named by seed and
number, to replay with `fldd workbook import`.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fldd.exchange.answer_pack import seal
from fldd.exchange.outcome import OUTCOMES, REJECTED
from fldd.store import exchange as store_exchange
from fldd.store.connection import integrity_problems
from fldd.usecases.answer_pack import export_pack
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill

COUNT = int(os.environ.get("FLDD_FUZZ_COUNT", "40"))
SEED = int(os.environ.get("FLDD_FUZZ_SEED", "20261206"))
NASTY = ["", "0", "-1", "1e400", "NaN", "XFD1048576", "A0", "ZZZZ99999", "#DIV/0!", "=1+1", "\t=1+1", "@SUM(A1)",
         "&#0;", "&#x110000;", "&amp;&lt;", "\u202e", "\x00", "🙂" * 40, "9" * 40, "x" * 5000, "e", "s", "str",
         "inlineStr", "b", "n", "d", "rId1", "/xl/worksheets/sheet3.xml", "../../../etc/passwd", "Site profile",
         "_fldd", "true", "2026-02-30", "99999999999999999999"]


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    """A database holding an assessment from a returned workbook, the next file of that export, and an answer
    pack of another assessment."""
    from fldd.usecases.assessments import start_assessment
    from fldd.usecases.context import open_context
    from tests.exchange.conftest import TODAY

    folder = tmp_path_factory.mktemp("fuzz")
    ctx = open_context(folder / "fldd.sqlite3", user="fuzz", role="buyer")
    ctx.today = lambda: TODAY
    supplier = add_supplier(ctx, "Fuzzy Garments Ltd", "BD", goods=["Garments"])
    sent = export_workbook(ctx, supplier, "fldd-desktop", folder / "sent.xlsx").path
    first = fill(sent, {"pr_workers_total": 120, "gov_policy_exists": "Yes"}, out=folder / "first.xlsx")
    assert import_paths(ctx, [first])[0].outcome == "accepted_incomplete"
    second = fill(first, {"pr_workers_total": 130, "fee_any_paid": "No", "pr_languages": "Bengali"},
                  comments={"pr_workers_total": "peak season"}, out=folder / "second.xlsx")
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    session.answer("pr_workers_total", 80, "a comment")
    session.answer("gov_policy_exists", "yes")
    pack = export_pack(ctx, session.id, folder / "pack.json")
    yield ctx, second, pack
    ctx.close()


def _logged(ctx) -> int:
    return ctx.store.conn.execute("SELECT count(*) FROM imports").fetchone()[0]


def _import_one(ctx, path: Path, label: str) -> None:
    """Import one mutant and check every promise of the import about it."""
    before = store_exchange.data_checksum(ctx.store)
    logged = _logged(ctx)
    reports = import_paths(ctx, [path])  # must not raise, whatever the file holds
    assert len(reports) == 1, label
    [report] = reports
    assert report.outcome in OUTCOMES, label
    if report.outcome == REJECTED:
        assert report.errors, label
        assert all(str(e).startswith(f"{path.name}: ") for e in report.errors), (label, report.errors)
        assert store_exchange.data_checksum(ctx.store) == before, label
    assert _logged(ctx) == logged + 1, label


# ------------------------------------------------------------------------------------------------ workbooks


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info.filename)) for info in zf.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _in_part(rng: random.Random, data: bytes, change: Callable[[random.Random, bytes], bytes]) -> bytes:
    """A member's inflated bytes changed, the archive written again (so the change reaches the XML parsers)."""
    members = [(info.filename, body) for info, body in _members(data)]
    index = rng.randrange(len(members))
    members[index] = (members[index][0], change(rng, members[index][1]))
    return _zip(members)


def _nasty_value(rng: random.Random, xml: bytes) -> bytes:
    """An attribute value or a text node replaced by a value readers have choked on."""
    spots = [m.span(1) if m.group(1) is not None else m.span(2)
             for m in re.finditer(rb'="([^"]*)"|>([^<]{1,200})<', xml)]
    if not spots:
        return xml
    start, end = rng.choice(spots)
    value = rng.choice(NASTY).encode("utf-8", "surrogatepass")
    return xml[:start] + value + xml[end:]


def _xml_bytes(rng: random.Random, xml: bytes) -> bytes:
    out = bytearray(xml)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(max(len(out), 1))
        choice = rng.randrange(3)
        if choice == 0 and out:
            del out[at:at + rng.randint(1, 20)]
        elif choice == 1:
            out[at:at] = rng.choice([b"<", b">", b'"', b"&", b"<c r=\"D2\">", b"</row>", b"<!--", b"\xff"])
        elif out:
            out[at] = rng.randrange(256)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def workbook_mutant(rng: random.Random, data: bytes) -> bytes:
    """One of the ways a file gets damaged or built to break readers."""
    kind = rng.randrange(6)
    if kind == 0:
        return _flip_bytes(rng, data)
    if kind == 1:
        return _truncate(rng, data)
    if kind in (2, 3):
        return _in_part(rng, data, _nasty_value)
    if kind == 4:
        return _in_part(rng, data, _xml_bytes)
    return _members_changed(rng, data)


def _members_changed(rng: random.Random, data: bytes) -> bytes:
    """A member removed, doubled or renamed."""
    members = [(info.filename, body) for info, body in _members(data)]
    action = rng.randrange(3)
    index = rng.randrange(len(members))
    if action == 0:
        del members[index]
    elif action == 1:
        members.append((members[index][0], members[rng.randrange(len(members))][1]))
    else:
        members[index] = (rng.choice(["xl/worksheets/sheet99.xml", "xl/../evil.xml", "XL/Workbook.xml",
                                      "xl/styles.xml", "xl/workbook.xml"]), members[index][1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a name written twice: that is the point
        return _zip(members)


def test_mutated_workbooks_are_imported_or_rejected_naming_the_file_and_never_half_written(held, tmp_path):
    ctx, good, _ = held
    rng = random.Random(SEED)
    data = good.read_bytes()
    for n in range(COUNT):
        path = tmp_path / f"wb-{SEED}-{n:05d}.xlsx"
        path.write_bytes(workbook_mutant(rng, data))
        _import_one(ctx, path, path.name)
        path.unlink()
    assert integrity_problems(ctx.store) == []


# ------------------------------------------------------------------------------------------------ packs


def _nasty_json(rng: random.Random) -> object:
    return rng.choice([None, True, 0, -1, 1e308, 10 ** 30, "", "x" * 20_000, "\t=1+1", [], [[[[[]]]]],
                       ["yes", "yes"], {"amount": -5, "currency": "usd"}, {"amount": "1", "currency": "USD", "x": 1},
                       {}, "2026-02-30", "unknown", "na", {"a" * 60: 1}, list(range(300))])


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, prefix + (index,))
    return found


QUESTIONS = ("pr_workers_total", "gov_policy_exists", "gov_policy_topics", "pr_languages", "pr_monthly_base_wage",
             "hrs_peak_weekly_max", "pr_workers_migrant", "fee_any_paid", "zz_no_such_question")


def pack_mutant(rng: random.Random, text: str, secret: str) -> bytes:
    """A pack changed in its JSON text, or in its content and then sealed again (signed by this database or not
    signed), so that the checks past the digest and the signature see it: most such changes go to answers and
    comments."""
    kind = rng.randrange(5)
    if kind == 0:
        out = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] = rng.randrange(32, 127)
        return bytes(out)
    if kind == 1:
        at = rng.randrange(len(text))
        return (text[:at] + rng.choice(['"', "{", "}", ",", ":", "NaN", "1e999", '"a":1,"a":2,', "\\u0000", "[" * 50])
                + text[at:]).encode("utf-8")
    pack = json.loads(text)
    for _ in range(rng.randint(1, 3)):
        if kind >= 3:  # an answer or a comment
            held = pack.setdefault(rng.choice(["answers", "answers", "comments"]), {})
            if isinstance(held, dict):
                held[rng.choice(QUESTIONS)] = _nasty_json(rng) if rng.random() < 0.7 else rng.choice(
                    ["yes", "no", 45, 130, ["fees"], {"amount": 1200, "currency": "MYR"}, "2026-01-31"])
            continue
        path = rng.choice([p for p in _paths(pack) if p])
        parent = pack
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and rng.random() < 0.3:
            del parent[path[-1]]
        else:
            parent[path[-1]] = _nasty_json(rng)
    pack = seal(pack, secret if rng.random() < 0.5 else None)
    return json.dumps(pack, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def test_mutated_answer_packs_are_imported_or_rejected_naming_the_file_and_never_half_written(held, tmp_path):
    ctx, _, pack = held
    rng = random.Random(SEED + 1)
    text = pack.read_text(encoding="utf-8")
    secret = workbook_secret(ctx)
    for n in range(COUNT * 2):
        path = tmp_path / f"pack-{SEED}-{n:05d}.json"
        try:
            path.write_bytes(pack_mutant(rng, text, secret))
        except (TypeError, ValueError):  # a mutant the mutator itself cannot write (e.g. NaN with allow_nan)
            continue
        _import_one(ctx, path, path.name)
        path.unlink()
    assert integrity_problems(ctx.store) == []
