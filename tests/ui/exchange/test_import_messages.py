"""Import messages name answer options as the supplier saw them in the workbook (the option's label in the
questionnaire's language), never by fldd's internal codes such as 'no_peaks'."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import exchange as store_exchange
from fldd.ui.exchange.import_dialog import ImportDialog
from fldd.ui.exchange.report_model import HEADERS
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import list_assessments
from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import ctx, fill  # noqa: F401 - shared fixture
from tests.ui.exchange.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
WAIT_MS = 30_000


@pytest.mark.parametrize("lang, label", [("en", "We have no busy season"), ("es", "No tenemos temporada alta")])
def test_a_rejected_tick_is_explained_with_the_options_label(qtbot, ctx, tmp_path, lang, label):  # noqa: F811 - fixture
    supplier = add_supplier(ctx, "Penang Latex", "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "sent.xlsx", lang=lang).path
    returned = fill(sent, {"hrs_peak_measures": ["no_peaks", "longer_days"]}, out=tmp_path / "Penang Latex.xlsx")
    dialog = ImportDialog(ctx, ScriptedPrompter(files=[str(returned)]))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()

    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.add_files_button, Qt.MouseButton.LeftButton)

    model = dialog.table.model()
    row = {HEADERS[c]: model.index(0, c).data() or "" for c in range(model.columnCount())}
    assert row["Outcome"] == "Will be rejected" and not dialog.import_button.isEnabled()
    dialog.table.selectRow(0)
    shown = row["Details"] + "\n" + dialog.details.toPlainText()
    assert f"'{label}'" in shown
    assert "no_peaks" not in shown
    assert list_assessments(ctx) == [] and store_exchange.imports(ctx.store) == []  # the preview writes nothing


def test_a_short_sample_is_named_in_the_import_details(qtbot, ctx, tmp_path):  # noqa: F811 - fixture
    from fldd.usecases.assessments import AssessmentSession, start_assessment
    from tests.usecases.test_onsite_sampling import fill_onsite

    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    audit = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-onsite"))
    fill_onsite(audit, wi_workforce_on_site=900, wi_interviewed=3, dr_files_sampled=30)
    sent = export_workbook(ctx, supplier, "fldd-onsite", tmp_path / "onsite.xlsx", assessment_id=audit.id).path
    fill(sent, {"wi_interviewed": 4})
    dialog = ImportDialog(ctx, ScriptedPrompter(files=[str(sent)]))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()

    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.add_files_button, Qt.MouseButton.LeftButton)
    dialog.table.selectRow(0)
    qtbot.waitUntil(lambda: "wi_interviewed" in dialog.details.toPlainText())
    assert ("question 4.2 (wi_interviewed): sample below the protocol's minimum (4 of 30 workers interviewed for "
            "a site of 900 workers)") in dialog.details.toPlainText()
