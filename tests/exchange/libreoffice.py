"""Real LibreOffice (headless) for the exchange tests: re-save a workbook, or type answers into it with a macro.

Each run gets a throwaway user profile, so runs never share state. Without soffice a test is skipped with the
reason, except under CI (the environment variable CI set), where a missing LibreOffice is a failure:
./dev installs libreoffice-calc-nogui with the other test packages.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

TIMEOUT_S = 240  # a cold first start on a slow CI machine can take a minute; a conversion about 2 s
XLSX_FILTER = "Calc MS Excel 2007 XML"

# Runs inside LibreOffice: opens the workbook hidden, types each planned cell (text, number or date, as a
# person typing in Calc would make it), saves it as xlsx in LibreOffice's own dialect and quits.
# The plan is UTF-8, one cell a line: sheet TAB cell TAB kind TAB value, kind s (text), n (number), d (date
# YYYY-MM-DD) or f (a formula, as a person might type one); "\n" in a text is a line break.
_MACRO = r"""Sub Fill(sIn As String, sPlan As String, sOut As String)
  On Error GoTo Failed
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden" : aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, aLoad())
  Dim aLocale As New com.sun.star.lang.Locale
  nDate = oDoc.NumberFormats.queryKey("YYYY-MM-DD", aLocale, False)
  If nDate = -1 Then nDate = oDoc.NumberFormats.addNew("YYYY-MM-DD", aLocale)
  oText = createUnoService("com.sun.star.io.TextInputStream")
  oText.setInputStream(createUnoService("com.sun.star.ucb.SimpleFileAccess").openFileRead(ConvertToURL(sPlan)))
  oText.setEncoding("UTF-8")
  Do While Not oText.isEOF()
    sLine = oText.readLine()
    Do While Len(sLine) > 0 And (Right(sLine, 1) = Chr(10) Or Right(sLine, 1) = Chr(13))
      sLine = Left(sLine, Len(sLine) - 1)  ' the last line keeps its line end
    Loop
    If sLine <> "" Then
      a = Split(sLine, Chr(9))
      oCell = oDoc.Sheets.getByName(a(0)).getCellRangeByName(a(1))
      Select Case a(2)
        Case "n"
          oCell.setValue(Val(a(3)))
        Case "d"
          oCell.setValue(DateSerial(CInt(Left(a(3), 4)), CInt(Mid(a(3), 6, 2)), CInt(Right(a(3), 2))))
          oCell.NumberFormat = nDate
        Case "f"
          oCell.setFormula(a(3))
        Case Else
          oCell.setString(Join(Split(a(3), "\n"), Chr(10)))
      End Select
    End If
  Loop
  oText.closeInput()
  Dim aSave(0) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = "FilterName" : aSave(0).Value = "%s"
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
  StarDesktop.terminate()
  Exit Sub
Failed:
  ' a Basic error would otherwise leave soffice waiting for ever: say what failed, next to the output, and quit
  oOut = createUnoService("com.sun.star.ucb.SimpleFileAccess").openFileWrite(ConvertToURL(sOut & ".error"))
  oErr = createUnoService("com.sun.star.io.TextOutputStream")
  oErr.setOutputStream(oOut)
  oErr.writeString("line " & Erl & ": " & Error$ & " (" & sLine & ")")
  oErr.closeOutput()
  StarDesktop.terminate()
End Sub
""" % XLSX_FILTER

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
{source}</script:module>
"""


def soffice() -> str:
    """The soffice command; skips the test when LibreOffice is missing, fails it under CI."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is not installed, and CI must run the LibreOffice round trip: "
                    "./dev test installs libreoffice-calc-nogui")
    pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui (./dev test does)")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    command = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               *args]
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}  # never look for a display
    # soffice starts soffice.bin under it: a session of its own lets a timeout end both
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"soffice did not finish in {TIMEOUT_S} s: {' '.join(command)}") from None
    if process.returncode != 0:
        raise AssertionError(f"soffice failed ({process.returncode}): {out}\n{err}")
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def resave(source: Path, work: Path) -> Path:
    """The workbook as LibreOffice writes it: opened and saved again as xlsx in LibreOffice's own dialect."""
    out_dir = work / "resaved"
    out_dir.mkdir(parents=True, exist_ok=True)
    _run(["--convert-to", f"xlsx:{XLSX_FILTER}", "--outdir", str(out_dir), str(source)], work / "profile")
    result = out_dir / (source.stem + ".xlsx")
    assert result.is_file(), f"LibreOffice wrote no {result.name} in {out_dir}"
    return result


class Formula(str):
    """A cell value typed as a formula (e.g. Formula("=1+1")), not as text."""


def _plan_line(sheet: str, cell: str, value: object) -> str:
    if isinstance(value, Formula):
        kind, text = "f", str(value)
    elif isinstance(value, (dt.date,)):
        kind, text = "d", value.isoformat()
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        kind, text = "n", str(value)
    else:
        kind, text = "s", str(value).replace("\n", "\\n")
    if "\t" in sheet + cell + text:
        raise ValueError(f"a tab cannot be typed through the plan: {sheet}!{cell}")
    return f"{sheet}\t{cell}\t{kind}\t{text}\n"


def fill(source: Path, cells: dict[tuple[str, str], object], out: Path, work: Path) -> Path:
    """Type values into cells with LibreOffice itself and save as xlsx at `out`.

    cells: (sheet name, cell such as "D5") -> text, number, date or Formula, each typed as such.
    """
    profile = work / "macro-profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        resave(source, work / "first-start")  # a first start lays out the profile, with its Basic library
        shutil.copytree(work / "first-start" / "profile", profile)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    source_xml = _MACRO.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    module.write_text(_MODULE.format(source=source_xml), encoding="utf-8")
    plan = work / "plan.tsv"
    plan.write_text("".join(_plan_line(s, c, v) for (s, c), v in cells.items()), encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    args = ",".join(f'"{p.resolve()}"' for p in (source, plan, out))
    _run([f"macro:///Standard.Module1.Fill({args})"], profile)
    error = out.with_name(out.name + ".error")
    if error.is_file():
        raise AssertionError(f"the LibreOffice macro failed at {error.read_text(encoding='utf-8')}")
    assert out.is_file(), f"the LibreOffice macro wrote no {out}"
    return out
