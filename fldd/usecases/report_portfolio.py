"""Write the portfolio report (`fldd report portfolio`, and Home in the app): PDF or Excel by the file's suffix.

The whole file is rendered in memory and then written atomically, so a cancelled or failed job leaves no half
file behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.output_files import refuse_unwritable, write_bytes_atomically

FORMATS = (".pdf", ".xlsx")
_STEPS = 3  # figures, rendering, writing


def write_portfolio_report(ctx: AppContext, target: Path | str, *, since: str | None = None,
                           until: str | None = None, progress: Callable[[int, int, str], None] | None = None,
                           cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write the report to target (.pdf or .xlsx); None, with nothing written, when cancelled."""
    from fldd.usecases.portfolio_report_data import portfolio_report_data

    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise Rejected([f"{target}: the portfolio report is written as .pdf or .xlsx; give a file name ending "
                        f"in one of them"])
    check_period(ctx, since, until)
    refuse_unwritable(target)
    stop = cancelled or (lambda: False)
    tell = progress or (lambda done, total, what: None)
    tell(0, _STEPS, "Counting the portfolio figures")
    data = portfolio_report_data(ctx, since=since, until=until)
    if stop():
        return None
    tell(1, _STEPS, "Writing the PDF" if suffix == ".pdf" else "Writing the Excel tables")
    if suffix == ".pdf":
        from fldd.reports.portfolio_pdf import render_portfolio_pdf

        body = render_portfolio_pdf(data, cancelled=stop)
    else:
        from fldd.reports.portfolio_xlsx import render_portfolio_xlsx

        body = render_portfolio_xlsx(data)
    if body is None or stop():
        return None
    tell(2, _STEPS, f"Saving {target.name}")
    write_bytes_atomically(target, body)
    tell(3, _STEPS, "Done")
    return target


def check_period(ctx: AppContext, since: str | None, until: str | None) -> None:
    """Rejected, naming the option, for a day that is not YYYY-MM-DD, out of range or after today, or a period
    that ends before it starts (portfolio_figures.period: one check, one wording)."""
    from fldd.usecases.portfolio_figures import period

    period(ctx.today(), since, until)
