"""Scripts drawn through harfbuzz with their letters moved about (Indic, Sinhala, Khmer, Burmese): they print,
in embedded fonts, and text extraction gives back every character typed, in the order it is drawn.

A PDF maps each glyph, not each word, to text, and pypdf reads glyphs in the order they are drawn. So what
pypdf returns for these scripts differs from what was typed exactly where the script draws a letter
elsewhere than it is typed, and nowhere else:
- a vowel sign drawn before its consonant comes back before it (Devanagari and Bengali "ि", Bengali "ে",
  Tamil "ெ" "ை", Sinhala "ෙ", Burmese "ေ", Khmer "េ" "ៃ"): "दिया" -> "िदया";
- a reph (Devanagari "र्", Bengali "র্", drawn over the end of its syllable) comes back after the letters it
  sits on: "भर्ती" -> "भतर्ी", "कार्पेट" -> "कापर्ेट";
- a vowel drawn in two parts comes back as its parts, one before and one after the consonant: Bengali
  "ো" as "ে" ... "া" (its canonical decomposition), Khmer "ោ" as "េ" ... "ា" and "ើ" as "េ" ... "ី" (Unicode
  gives these no decomposition);
- Sinhala "ශ්‍රී" comes back "ශී්‍ර" (the vowel sign before the touching "්‍ර"); Burmese "ုံ" as "ံု".
Conjuncts ("क्ष", "ஸ்ரீ"), stacked letters ("ကုမ္ပဏီ") and half forms read back as their letters: the ToUnicode
map (fldd/reports/extractable.py) says what each glyph draws, learnt from harfbuzz's clusters where the
glyph's name does not spell it.
"""

import io
import unicodedata

import pypdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from fldd.reports import text

BODY = ParagraphStyle("body", fontName=text.SANS, fontSize=10, leading=14)
HEADING = ParagraphStyle("heading", fontName=text.SANS_BOLD, fontSize=13, leading=17)

# script: ((supplier name, comment) as typed, (the same) as pypdf returns them)
DRAWN = {
    "Bengali": (("ঢাকা গার্মেন্টস লিমিটেড", "শ্রমিকরা নিয়োগ ফি দিয়েছেন।"),
        ("ঢাকা গােমর্ন্টস িলিমেটড", "শ্রিমকরা িনেয়াগ িফ িদেয়েছন।")),
    "Hindi": (("दिल्ली वस्त्र उद्योग प्राइवेट लिमिटेड", "श्रमिकों ने भर्ती शुल्क दिया"),
        ("िदल्ली वस्त्र उद्योग प्राइवेट िलिमटेड", "श्रिमकों ने भतर्ी शुल्क िदया")),
    "Nepali": (("काठमाडौं कार्पेट उद्योग", "कामदारहरूले भर्ना शुल्क तिरेका छन्"),
        ("काठमाडौं कापर्ेट उद्योग", "कामदारहरूले भनार् शुल्क ितरेका छन्")),
    "Tamil": (("திருப்பூர் பருத்தி ஆலை", "தொழிலாளர்கள் கட்டணம் செலுத்தினர்"),
        ("திருப்பூர் பருத்தி ஆைல", "ெதாழிலாளர்கள் கட்டணம் ெசலுத்தினர்")),
    "Sinhala": (("ශ්\u200dරී ලංකා ඇඟලුම් කම්හල", "කම්කරුවන් බඳවා ගැනීමේ ගාස්තු ගෙව්වා"),
        ("ශී්\u200dර ලංකා ඇඟලුම් කම්හල", "කම්කරුවන් බඳවා ගැනීෙම් ගාස්තු ෙගව්වා")),
    "Khmer": (("រោងចក្រកាត់ដេរ", "កម្មករបានបង់ថ្លៃជ្រើសរើស"),
        ("េរាងច្រកកាត់េដរ", "កម្មករបានបង់ៃថ្លេ្រជីសេរីស")),
    "Burmese": (("ရန်ကုန် အထည်ချုပ်စက်ရုံ", "အလုပ်သမားများ ပွဲခ ပေးခဲ့ရသည်"),
        ("ရန်ကုန် အထည်ချုပ်စက်ရံု", "အလုပ်သမားများ ပွဲခ ေပးခဲ့ရသည်")),
}
# Khmer's two-part vowels, which Unicode does not decompose, as the parts they are drawn with
KHMER_PARTS = str.maketrans({"ោ": "េា", "ើ": "េី"})
FACES = {"Bengali": "NotoSansBengali", "Hindi": "NotoSansDevanagari", "Nepali": "NotoSansDevanagari",
         "Tamil": "NotoSansTamil", "Sinhala": "NotoSansSinhala", "Khmer": "NotoSansKhmer",
         "Burmese": "NotoSansMyanmar"}


def build(flowables) -> pypdf.PdfReader:
    text.register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out).build(list(flowables))
    return pypdf.PdfReader(out)


def lines_of(reader: pypdf.PdfReader) -> list[str]:
    return [line.strip() for page in reader.pages for line in page.extract_text().split("\n") if line.strip()]


def letters(value: str) -> list[str]:
    """The characters of value, decomposed, without spaces, in code point order."""
    return sorted(unicodedata.normalize("NFD", value.translate(KHMER_PARTS)).replace(" ", ""))


def fonts_in(reader: pypdf.PdfReader) -> dict:
    return {str(ref.get_object()["/BaseFont"]): ref.get_object()
            for page in reader.pages for ref in page["/Resources"]["/Font"].values()}


@pytest.mark.parametrize("script", sorted(DRAWN))
@pytest.mark.parametrize("style", [BODY, HEADING], ids=["regular", "bold"])
def test_text_comes_back_in_drawing_order(script, style):
    typed, drawn = DRAWN[script]
    reader = build([text.para(value, style) for value in typed])

    assert lines_of(reader) == list(drawn)
    for value, back in zip(typed, drawn):
        assert letters(back) == letters(value)  # every letter typed, none added: only their order differs
    assert not any("\ue000" <= char <= "\uf8ff" for line in lines_of(reader) for char in line)


@pytest.mark.parametrize("script", sorted(DRAWN))
def test_each_script_is_set_in_its_own_embedded_font(script):
    reader = build([text.para(DRAWN[script][0][0], BODY), text.para(DRAWN[script][0][1], BODY, bold=True)])

    used = fonts_in(reader)
    names = {name.split("+")[-1] for name in used}
    assert {f"{FACES[script]}-Regular", f"{FACES[script]}-Bold"} <= names
    for name, font in used.items():
        assert font["/Subtype"] == "/TrueType" and "/FontFile2" in font["/FontDescriptor"], name


def test_headers_drawn_on_the_canvas_read_back_like_paragraphs():
    from reportlab.pdfgen.canvas import Canvas

    text.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out)
    for n, script in enumerate(sorted(DRAWN)):
        text.draw_string(canvas, 72, 800 - 20 * n, DRAWN[script][0][1], 9)
    canvas.save()

    assert lines_of(pypdf.PdfReader(out)) == [DRAWN[script][1][1] for script in sorted(DRAWN)]


def test_a_danda_stays_in_the_font_of_its_sentence():
    # U+0964 ends Bengali sentences too: it belongs to no one script's range, so it is not sent to Devanagari
    reader = build([text.para("শ্রমিকরা ফি দিয়েছেন। Acme", BODY)])

    assert not any("Devanagari" in name for name in fonts_in(reader))
    assert "।" in lines_of(reader)[0]


@pytest.mark.parametrize("typed", [
    "រោងចក្រកាត់ដេរកម្មករបានបង់ថ្លៃជ្រើសរើសរោងចក្រកាត់ដេរកម្មករបានបង់ថ្លៃជ្រើសរើស",
    "श्रमिकोंनेभर्तीशुल्कदियाश्रमिकोंनेभर्तीशुल्कदिया",
    "ကုမ္ပဏီအလုပ်သမားများပွဲခပေးခဲ့ရသည်အလုပ်သမားများပွဲခပေးခဲ့ရသည်",
], ids=["Khmer", "Devanagari", "Burmese"])
def test_a_run_longer_than_its_cell_is_cut_between_letters_and_keeps_its_glyphs(typed):
    # Khmer and Burmese put no spaces between words: a comment is cut where the line is full. reportlab
    # cut the shaped run glyph code by glyph code and shaped the codes again: boxes, vowel signs lost
    from reportlab.platypus import Table

    reader = build([Table([[text.para(typed, BODY)]], colWidths=[120])])

    lines = lines_of(reader)
    assert len(lines) >= 2
    assert letters("".join(lines)) == letters(typed)
    assert not any("\ue000" <= char <= "\uf8ff" for char in "".join(lines))
