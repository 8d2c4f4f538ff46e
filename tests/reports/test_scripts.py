"""Supplier names, answers and comments in any script print readably and come back out of the PDF as text.

Each test builds a small PDF through fldd.reports.text, as the report renderers do, and reads it back with
pypdf. What comes back, per script:
- Latin with diacritics (Vietnamese too), Cyrillic, Greek, Hebrew, simplified and traditional Chinese: the
  text as typed;
- Thai: the text as typed after NFKC (shaping splits SARA AM into NIKHAHIT + SARA AA, NFKC's own split),
  except that a tone mark over SARA AM comes back after the NIKHAHIT, and that pypdf (like pdftotext)
  reads a space into a word where harfbuzz moved a mark sideways (over a tall consonant: "ฝั่ง");
- Korean, Amharic (Ethiopic), Lao, emoji (in black and white): the text as typed;
- Bengali, Devanagari (Hindi, Nepali), Tamil, Sinhala, Khmer, Burmese: test_scripts_drawing_order.py;
- Arabic (with or without vowel marks), Hebrew with vowel points: the text as typed after NFKC (letters are
  drawn as presentation forms; pypdf puts the words back in reading order);
- a line mixing Latin, numbers and Arabic: pypdf's plain extraction interleaves the two directions, so the
  test reads the line in drawing order (layout mode) and holds it to python-bidi's display order.
"""

import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from bidi import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from fldd.reports import arabic, direction, fonts, text

ROOT = Path(__file__).resolve().parents[2]
BODY = ParagraphStyle("body", fontName=text.SANS, fontSize=10, leading=14)
HEADING = ParagraphStyle("heading", fontName=text.SANS_BOLD, fontSize=13, leading=17)

AS_TYPED = {
    "simplified Chinese": "深圳市华强电子有限公司",
    "traditional Chinese": "臺灣製造股份有限公司：勞工權益與招募費用",
    "Russian": "ООО «Северная швейная фабрика»: рабочие заплатили сбор",
    "Vietnamese": "Công ty May mặc Việt Tiến",
    "Latin with diacritics": "Łódź, Ærøskøbing, São Paulo, Çatalhöyük, İstanbul, Dvořák",
    "Greek": "Οι εργαζόμενοι πλήρωσαν τέλη πρόσληψης",
    "Hebrew": "העובדים שילמו דמי גיוס",
    "Korean": "서울전자 주식회사: 근로자들이 채용 수수료를 냈다",
    "Amharic": "የአበባ እርሻ: ሠራተኞች የቅጥር ክፍያ ከፍለዋል።",
    "Lao": "ໂຮງງານຕັດຫຍິບ: ກຳມະກອນຈ່າຍຄ່າທຳນຽມ",
    "emoji": "OK 👍 ⚠ 😀 🏭 📦 ✅",
}
AFTER_NFKC = {
    "Thai": "คนงานต้องจ่ายค่าธรรมเนียมการจัดหางาน ทำงานที่นี่",
    "Arabic": "العمال دفعوا رسوم التوظيف",
    "Arabic with vowel marks": "مَرْحَبًا بِكُمْ",
    "Hebrew with vowel points": "שָׁלוֹם עוֹלָם",
}


def squeeze(value: str) -> str:
    """Whitespace runs made one space, ends trimmed."""
    return " ".join(value.split())


def nfkc(value: str) -> str:
    return squeeze(unicodedata.normalize("NFKC", value))


def build(flowables) -> pypdf.PdfReader:
    """A PDF of the flowables, as a report would be built, opened with pypdf."""
    text.register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out).build(list(flowables))
    return pypdf.PdfReader(out)


def page_text(reader: pypdf.PdfReader, **kwargs) -> str:
    return "\n".join(page.extract_text(**kwargs) for page in reader.pages)


def page_lines(reader: pypdf.PdfReader) -> list[str]:
    """The non-empty lines of every page, ends trimmed."""
    return [line.strip() for line in page_text(reader).split("\n") if line.strip()]


def fonts_in(reader: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    """Every font named by any page, by its BaseFont."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


@pytest.mark.parametrize("script", sorted(AS_TYPED))
def test_text_comes_back_as_typed(script):
    typed = AS_TYPED[script]
    reader = build([text.para(typed, BODY), text.para(typed, HEADING)])

    assert page_lines(reader) == [typed, typed]


@pytest.mark.parametrize("script", sorted(AFTER_NFKC))
def test_shaped_and_joined_text_comes_back_after_nfkc(script):
    typed = AFTER_NFKC[script]
    reader = build([text.para(typed, BODY)])

    assert nfkc(page_text(reader)) == nfkc(typed)


def test_thai_tone_marks_over_upper_vowels_come_back():
    # harfbuzz draws these tone marks with glyphs the font's cmap does not reach; without a corrected
    # ToUnicode map the PDF says U+E000 where the page shows "่"
    reader = build([text.para("ที่นี่ ปี่ ฝั่ง", BODY)])

    extracted = page_text(reader)
    assert not re.search("[\ue000-\uf8ff]", extracted)
    # where harfbuzz moves a mark sideways (over a tall consonant) pypdf, like pdftotext, reads the jump
    # back as a space inside the word: the letters all come back, the spaces are not compared
    assert nfkc(extracted).replace(" ", "") == nfkc("ที่นี่ ปี่ ฝั่ง").replace(" ", "")


def test_thai_in_a_right_to_left_paragraph_keeps_its_tone_marks():
    # such a paragraph is broken into lines before it is reordered: that first pass must not shape, or the
    # tone marks' glyph codes come back as characters no font has
    reader = build([text.para("العمال ทำงานที่นี่ ปี่", BODY, bold=True)])

    extracted = page_text(reader)
    assert not re.search("[\ue000-\uf8ff\x00]", extracted)
    assert nfkc("ทำงานที่นี่ ปี่") in nfkc(extracted)


def test_characters_no_bundled_font_has_print_as_replacement_marks():
    # Gujarati and Telugu have no bundled font (yet): a reader sees that something could not be shown
    reader = build([text.para("ગુજરાત Ltd, తెలుగు", BODY)])

    assert page_lines(reader) == ["\ufffd" * 6 + " Ltd, " + "\ufffd" * 6]


def test_an_emoji_prints_whatever_style_it_asks_for():
    # U+FE0F asks for the colour style, U+FE0E for the text style: neither has a glyph, and a PDF font
    # reportlab embeds has no colour, so both are dropped rather than shown as U+FFFD
    reader = build([text.para("Done \u2705\ufe0f, fee \U0001f4b0\ufe0e repaid \U0001f44d", BODY)])

    assert page_lines(reader) == ["Done \u2705, fee \U0001f4b0 repaid \U0001f44d"]
    assert any("Symbola" in name for name in fonts_in(reader))


def test_a_mixed_line_is_drawn_in_bidi_display_order():
    typed = "Supplier Acme Ltd: العمال دفعوا 1,200 دولار في 2024."
    reader = build([text.para(typed, BODY)])

    drawn = reader.pages[0].extract_text(extraction_mode="layout")
    assert squeeze(drawn) == squeeze(get_display(arabic.join(typed)))
    assert drawn.startswith("Supplier Acme Ltd: 2024 ")  # the Arabic stretch runs right to left after it


def test_brackets_in_arabic_face_the_way_they_are_read():
    typed = "دفع العمال رسوما (1,500 USD) للوكيل"
    reader = build([text.para(typed, BODY)])

    drawn = nfkc(reader.pages[0].extract_text(extraction_mode="layout"))
    # python-bidi, like a browser, sets the amount and currency right to left inside Arabic; the
    # brackets are mirrored, so the pair still opens towards the amount
    assert drawn.startswith("ليكولل (USD 1,500) ")


def test_a_long_arabic_comment_reads_from_its_first_line_down():
    words = ("قال العمال إنهم دفعوا رسوم التوظيف إلى وكيل في بلدهم قبل السفر"
             " ولم تسدد الشركة هذه الرسوم حتى الآن").split()
    table = Table([[text.para(" ".join(words), BODY)]], colWidths=[150])
    reader = build([table])

    lines = [nfkc(line) for line in page_lines(reader)]
    assert len(lines) >= 3
    assert " ".join(lines) == " ".join(words)


def test_an_arabic_comment_measured_at_one_width_and_drawn_at_another_still_reads_in_order():
    words = ("قال العمال إنهم دفعوا رسوم التوظيف إلى وكيل في بلدهم قبل السفر"
             " ولم تسدد الشركة هذه الرسوم حتى الآن").split()
    comment = text.para(" ".join(words), BODY)
    comment.wrap(450, 1000)  # a table measures its cells before it settles their widths
    reader = build([Table([[comment]], colWidths=[150])])

    lines = [nfkc(line) for line in page_lines(reader)]
    assert len(lines) >= 3
    assert " ".join(lines) == " ".join(words)


def test_right_to_left_paragraphs_start_at_the_right_margin():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    assert text.para("العمال دفعوا", BODY).style.alignment == TA_RIGHT
    assert text.para("Workers paid العمال دفعوا", BODY).style.alignment == TA_LEFT
    assert BODY.alignment == TA_LEFT  # the caller's style is left as it was


@pytest.mark.parametrize("font", ["Helvetica", text.SANS])
def test_markup_in_a_style_of_the_renderers_own_still_reads(font):
    # markup() may land in any Paragraph: shaping is switched on for it, in a font reportlab can shape
    style = ParagraphStyle("own", fontName=font, fontSize=10, leading=14)
    typed = "العمال دفعوا رسوم ทำงานที่นี่"
    reader = build([Paragraph(text.markup(typed), style)])

    assert nfkc(page_text(reader)) == nfkc("ทำงานที่นี่ العمال دفعوا رسوم")  # pypdf reads right to left last
    assert not any("Helvetica" in name for name in fonts_in(reader))


def test_a_word_mixing_fonts_in_a_shaped_paragraph_prints():
    # reportlab alone shapes "(ทำงาน)" with the Thai font and fails on the brackets the Sans font draws
    typed = "(ทำงาน) ABC深圳 500บาท"
    reader = build([text.para(typed, BODY)])

    assert nfkc(page_text(reader)) == nfkc(typed)


def test_markup_typed_by_a_supplier_prints_literally():
    typed = '<b>not bold</b> & <font name="Courier">x</font> &amp; <br/> <para>'
    reader = build([text.para(typed, BODY), text.para(typed, BODY, bold=True)])

    assert page_lines(reader)[:1] == [typed]
    assert squeeze(page_text(reader)) == squeeze(f"{typed} {typed}")
    used = set(fonts_in(reader))
    assert not any("Courier" in name for name in used)


def test_bold_reaches_every_script():
    reader = build([text.para("Acme ทำงาน العمال", BODY, bold=True), text.para("ทำงาน", HEADING)])

    used = {name.split("+")[-1] for name in fonts_in(reader)}
    assert {"NotoSans-Bold", "NotoSansThai-Bold", "NotoSansArabic-Bold"} <= used
    assert "NotoSansThai-Regular" not in used


def test_every_font_in_the_pdf_is_embedded_truetype():
    flowables = [text.para(value, BODY) for value in [*AS_TYPED.values(), *AFTER_NFKC.values()]]
    reader = build(flowables)

    used = fonts_in(reader)
    assert len(used) == 9  # Sans, CJK, Thai, Arabic, Hebrew, Korean, Ethiopic, Lao, emoji; no Helvetica
    for name, font in used.items():
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"], name
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), f"{name} is not a subset"


def test_headers_drawn_on_the_canvas_read_back_in_embedded_fonts():
    text.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out)
    text.draw_string(canvas, 72, 800, "深圳市华强电子有限公司 · Công ty Việt Tiến", 9)
    text.draw_string(canvas, 520, 780, "العمال دفعوا رسوم", 9, align="right")
    text.draw_string(canvas, 300, 760, "ทำงานที่นี่ <b>&amp;", 9, bold=True, align="centre")
    canvas.save()
    reader = pypdf.PdfReader(out)

    lines = page_lines(reader)
    assert lines[0] == "深圳市华强电子有限公司 · Công ty Việt Tiến"
    assert nfkc(lines[1]) == nfkc("العمال دفعوا رسوم")
    assert nfkc(lines[2]) == nfkc("ทำงานที่นี่ <b>&amp;")
    for name, font in fonts_in(reader).items():
        assert "/FontFile2" in font["/FontDescriptor"], name


def test_right_aligned_header_ends_at_its_x():
    text.register_fonts()
    ends = []
    canvas = Canvas(io.BytesIO())
    canvas.drawText = lambda line: ends.append(line.getX())  # where the text cursor stops
    text.draw_string(canvas, 500, 700, "Acme 深圳 Ltd", 9, align="right")
    text.draw_string(canvas, 300, 700, "Acme 深圳 Ltd", 9, align="centre")
    text.draw_string(canvas, 100, 700, "Acme 深圳 Ltd", 9)

    width = ends[2] - 100
    assert width > 0
    assert ends == pytest.approx([500, 300 + width / 2, 100 + width])


def test_our_bidi_order_matches_python_bidi():
    samples = [
        "Supplier: العمال دفعوا رسوم 2024 (Acme Ltd) التوظيف.",
        "العمال دفعوا 500 دولار (USD) في 2024.",
        "שלום עולם 12.5% ok",
        "رسوم 1,200.50 ريال",
        "التوظيف (1,500 USD) and the company",
        "١٢٣ و 456",
        "  العمال  ",
        "ب [a (ج) d] e",
    ]
    for sample in samples:
        levels = direction.levels(sample, direction.base_level(sample))
        assert "".join(sample[i] for i in direction.visual_order(levels)) == get_display(sample), sample


def test_arabic_letters_take_their_joined_forms():
    joined = arabic.join("سلام")

    assert [unicodedata.name(char) for char in joined] == [
        "ARABIC LETTER SEEN INITIAL FORM", "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "ARABIC LETTER MEEM ISOLATED FORM"]
    assert unicodedata.normalize("NFKC", arabic.join("مَرْحَبًا بِكُمْ")) == "مَرْحَبًا بِكُمْ"


def test_registering_again_changes_nothing():
    from reportlab.pdfbase import pdfmetrics

    text.register_fonts()
    first = pdfmetrics.getFont(text.SANS)
    text.register_fonts()
    assert pdfmetrics.getFont(text.SANS) is first


def test_every_bundled_font_and_its_licence_is_in_resources():
    folder = fonts.fonts_dir()
    assert folder == ROOT / "resources" / "fonts"
    for face in fonts.FACES:
        for name in filter(None, (face.regular_file, face.bold_file)):
            assert (folder / name).read_bytes()[:4] == b"\x00\x01\x00\x00", f"{name} is not TrueType (glyf)"
    assert {"LICENSE-Noto.txt", "LICENSE-DroidSansFallback.txt", "README.md"} <= {p.name for p in folder.iterdir()}


def test_reports_read_fonts_only_from_the_project():
    # a fresh interpreter, so the fonts are registered (and their files opened) while we watch
    script = """
import io, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate
from fldd.reports import text
style = ParagraphStyle("b", fontName=text.SANS)
SimpleDocTemplate(io.BytesIO()).build([text.para(s, style) for s in (
    "深圳 ทำงาน العمال Việt", "עובדים", "서울 ঢাকা दिया திருப்பூர் ශ්‍රී រោង ကုမ္ပဏီ ໂຮງງານ የአበባ 👍")])
print("\\n".join(p for p in opened if p.lower().endswith((".ttf", ".ttc", ".otf", ".pfb", ".afm"))))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    opened = [Path(line) for line in result.stdout.split("\n") if line]
    assert {path.name for path in opened} == {name for face in fonts.FACES
                                              for name in (face.regular_file, face.bold_file) if name}
    assert all(path.resolve().parent == (ROOT / "resources" / "fonts").resolve() for path in opened), opened


def test_a_report_in_latin_letters_reads_no_other_font():
    # the other scripts' 12 MB of fonts are parsed only when a run needs them: a Latin report pays nothing
    script = """
import io, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate
from fldd.reports import text
style = ParagraphStyle("b", fontName=text.SANS)
SimpleDocTemplate(io.BytesIO()).build([text.para("Café Łódź – 1,200 € • «fee» repaid: 93 %", style, bold=True)])
print("\\n".join(p for p in opened if p.lower().endswith(".ttf")))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert {Path(line).name for line in result.stdout.split("\n") if line} == {
        fonts.SANS.regular_file, fonts.SANS.bold_file}


def test_nothing_in_fldd_reports_names_a_system_font_folder():
    for path in (ROOT / "fldd" / "reports").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for needle in ("/usr/share", "fonts-", "C:\\\\Windows", "~/.fonts", "fc-match", "TTFSearchPath"):
            assert needle not in source, f"{path.name} mentions {needle}"
