"""Columns for a portfolio picture from the free-text goods suppliers gave: each good joins the DOL good it names
(goods.py's rules: "garment" joins "Garments", "Bricks" joins "Bricks (clay)"), else the goods written the same
way once case, accents, hyphens and spaces are set aside ("T-shirts" and "t shirts" are one column)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fldd.risk.goods import fold, goods_match


@dataclass(frozen=True)
class GoodsGroup:
    """One column: its key, the name shown, and whether it is a good on the DOL list."""

    key: str
    label: str
    listed: bool


def group_goods(goods: Iterable[str], dol_names: Iterable[str]) -> dict[str, GoodsGroup]:
    """Every distinct text in goods -> its group. A text naming several DOL goods ("Cassava" against "Cassava"
    and "Manioc/Cassava") joins the first in dol_names order; an unlisted group is labelled with its most
    common spelling (ties: the first seen)."""
    names = list(dict.fromkeys(dol_names))
    by_fold: dict[str, str] = {}  # folded DOL name -> DOL name, for the exact cases (most goods)
    for name in names:
        by_fold.setdefault(fold(name), name)
    seen = Counter(goods)
    spellings: dict[str, Counter] = {}
    out: dict[str, GoodsGroup] = {}
    for text, times in seen.items():
        folded = fold(text)
        listed = by_fold.get(folded) or next((n for n in names if goods_match(text, n)), None)
        if listed is not None:
            out[text] = GoodsGroup("dol:" + listed, listed, True)
        else:
            spellings.setdefault(folded, Counter())[text] += times
    for folded, counted in spellings.items():
        label = counted.most_common(1)[0][0]
        for text in counted:
            out[text] = GoodsGroup("own:" + folded, label, False)
    return out
