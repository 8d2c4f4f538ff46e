"""Text from someone else's file, printed to a terminal: overrides and controls shown, scripts left readable."""

import json

from fldd.terminal_text import json_shown, shown


def test_controls_and_bidi_marks_are_shown_and_every_script_stays_readable():
    assert shown("invoice\u202efdp.exe") == "invoice<U+202E>fdp.exe"
    assert shown("\x1b[2J\u2066x\u2069\u200b") == "<U+001B>[2J<U+2066>x<U+2069><U+200B>"
    assert shown("苏州纺织 ไทย Đà Nẵng ООО e\u0301") == "苏州纺织 ไทย Đà Nẵng ООО e\u0301"


def test_json_for_the_terminal_escapes_them_and_still_means_the_same():
    data = {"name": "a\u202eb\u2028c\U000e0041", "lines": ["中文", "x\ty"]}
    text = json_shown(data)
    assert not any(ch in text for ch in "\u202e\u2028\U000e0041\t") and "中文" in text
    assert json.loads(text) == data
