"""Reports fldd hands over: the assessment and closing-meeting PDFs, the Excel report, the portfolio report.

The only layer that imports reportlab (and, with exchange/, openpyxl). Renderers take plain data gathered by
the use cases (fldd/usecases/report_*.py) and never touch the database.
"""
