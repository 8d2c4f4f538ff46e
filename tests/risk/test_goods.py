"""Goods matching forgives case, accents, spacing, plurals, bracketed notes and alternatives, and nothing more."""

import pytest

from fldd.risk.data import GoodListing
from fldd.risk.goods import fold, goods_match, is_known_good, known_goods, matching_listings


@pytest.mark.parametrize("mine, theirs", [
    ("Garments", "Garments"),
    ("garment", "Garments"),
    ("  GARMENTS ", "Garments"),
    ("rubber glove", "Rubber Gloves"),
    ("tomato", "Tomatoes"),
    ("strawberry", "Strawberries"),
    ("acai berries", "Açaí Berries"),
    ("lithium ion battery", "Lithium-Ion Batteries"),
    ("Bricks", "Bricks (clay)"),
    ("brick (clay)", "Bricks (clay)"),
    ("cassava", "Manioc/Cassava"),
    ("Manioc", "Manioc/Cassava"),
    ("yarn", "Thread/Yarn"),
    ("Stones (granite)", "Stones"),
    ("Garments/Textiles", "Textiles"),
])
def test_matches(mine, theirs):
    assert goods_match(mine, theirs)


@pytest.mark.parametrize("mine, theirs", [
    ("Palm Oil", "Palm Fruit"),  # different good: no synonyms
    ("Fish", "Dried Fish"),  # no partial names
    ("Garmnets", "Garments"),  # no spelling correction
    ("Gloves", "Rubber Gloves"),
    ("Fish", "Nile Perch (fish)"),  # a bracketed note is not a name of its own
    ("", "Garments"),
])
def test_does_not_match(mine, theirs):
    assert not goods_match(mine, theirs)


def test_fold():
    assert fold("  Côte-d'Ivoire   COCOA ") == "cote d'ivoire cocoa"


def test_matching_listings_pairs_the_supplier_text_with_each_listing():
    listings = [GoodListing("Palm Fruit", "Agriculture", "MY", True, True, False),
                GoodListing("Rubber Gloves", "Manufacturing", "MY", False, True, False),
                GoodListing("Electronics", "Manufacturing", "MY", False, True, False)]
    found = matching_listings(["rubber glove", " ", "palm fruits"], listings)
    assert [(mine, listing.good) for mine, listing in found] == [("palm fruits", "Palm Fruit"),
                                                                 ("rubber glove", "Rubber Gloves")]


def test_known_goods_are_the_sorted_dol_names():
    goods = known_goods()
    assert len(goods) == 200  # the 2024 edition as shipped (a partial reconstruction: DOL lists 204)
    assert goods == sorted(goods, key=fold)
    assert len(set(goods)) == len(goods)
    assert {"Garments", "Palm Fruit", "Cotton", "Açaí Berries", "Polysilicon"} <= set(goods)


def test_is_known_good():
    assert is_known_good("garment")
    assert is_known_good("cocoa")
    assert not is_known_good("palm oil")
    assert not is_known_good("widgets")
