"""Text in any script, ready for reportlab: the one door every user-supplied string goes through.

reportlab has no font fallback, so a string is cut into runs by script and each run gets a font that has its
glyphs; Arabic and Hebrew runs are put in visual order; Thai needs shaping. Every function escapes the
mini-markup reportlab's Paragraph parses, so a supplier's "<b>" or "&" prints as typed.

(Interface first: the font work fills these in without changing their signatures.)
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

SANS = "Helvetica"  # the family body text is set in; bold is SANS_BOLD
SANS_BOLD = "Helvetica-Bold"


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent; cheap after the first call)."""


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for text: escaped, cut into font runs by script, right-to-left runs reordered."""
    body = escape(str(text)).replace("\n", "<br/>")
    return f"<b>{body}</b>" if bold else body


def para(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A Paragraph of user text in style (shaping switched on when the text needs it)."""
    return Paragraph(markup(text, bold=bold), style)


def needs_shaping(text: str) -> bool:
    """Whether text holds a script that must be shaped to be readable (Thai, Arabic...)."""
    return False


def draw_string(canvas, x: float, y: float, text: str, size: float, *, bold: bool = False,
                align: str = "left") -> None:
    """Draw one line of user text on a canvas (page headers and footers), in runs like markup."""
    canvas.setFont(SANS_BOLD if bold else SANS, size)
    {"left": canvas.drawString, "right": canvas.drawRightString, "centre": canvas.drawCentredString}[align](
        x, y, str(text))
