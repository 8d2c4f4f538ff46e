"""Entity-list entries written the way the lists write them, and names made of common words, as the people who
would dispute the result see it: the buyer who missed a listed entity because the entry reads "... and
subsidiaries" or gives the acronym in brackets, and the supplier in another country flagged because its name is
as plain as a listed one. The entries echo how the UFLPA Entity List writes names (see sources.yaml, us-uflpa-el);
the suppliers are invented."""

from __future__ import annotations

from fldd.risk.data import Entity
from fldd.risk.screening import EntityIndex, distinctive, screen_names

UFLPA = "UFLPA Entity List"
HOSHINE = Entity(UFLPA, "Hoshine Silicon Industry (Shanshan) Co. Ltd and subsidiaries", (), "CN")
XPCC = Entity(UFLPA, "Xinjiang Production and Construction Corps (XPCC) and its subordinate and affiliated entities",
              (), "CN")
MEIXIN = Entity(UFLPA, "Meixin Hair Products", (), "CN")
NINESTAR = Entity(UFLPA, "Zhuhai Ninestar Information Technology Co Ltd", (), "CN")
TEXTILE = Entity(UFLPA, "Textile Co. Ltd.", (), "CN")
HONG_KONG = Entity(UFLPA, "Hong Kong Group Limited", (), "CN")
BRIGHT = Entity(UFLPA, "Bright Electronics Ltd", ("Shenzhen Bright Electronics",), "CN")
COUNTRIES = {"CN": "China", "BD": "Bangladesh", "VN": "Viet Nam", "HK": "Hong Kong"}
ALL = (HOSHINE, XPCC, MEIXIN, NINESTAR, TEXTILE, HONG_KONG, BRIGHT)


def found(names: list[str], country: str | None = "CN", *entities: Entity):
    return screen_names(names, EntityIndex(entities or ALL), country=country, country_names=COUNTRIES)


def test_an_entry_ending_and_subsidiaries_is_the_company_it_names():
    [match] = found(["Hoshine Silicon Industry (Shanshan) Co., Ltd."])
    assert (match.entity, match.strength) == (HOSHINE, 100)
    [match] = found(["Bright Electronics Limited and its affiliates"])
    assert (match.entity, match.strength) == (BRIGHT, 100)


def test_a_bracketed_acronym_in_an_entry_is_one_of_its_names():
    for name in ("XPCC", "Xinjiang Production and Construction Corps"):
        [match] = found([name])
        assert (match.entity, match.strength) == (XPCC, 100), name
    assert found(["XPCC"])[0].matched_to == "XPCC"
    assert not found(["XPC Trading"])  # an acronym is a name like any other: one letter off is not it


def test_a_listed_name_inside_a_longer_supplier_name_is_asked_about_weaker():
    [match] = found(["Lop County Meixin Hair Products Co., Ltd."])
    assert match.entity == MEIXIN
    assert 50 <= match.strength < 70  # weaker than any same-name match, still put to a person
    assert "Meixin Hair Products" in match.how


def test_a_suppliers_distinctive_words_inside_a_listed_name_are_asked_about_weaker():
    [match] = found(["Ninestar Corporation", "Zhuhai Ninestar"])
    assert match.entity == NINESTAR
    assert 50 <= match.strength < 70
    assert "Ninestar" in match.how


def test_distinctive_words_are_not_legal_forms_trade_words_or_places():
    assert distinctive("Zhuhai Ninestar Information Technology Co Ltd") == ("ninestar",)
    assert distinctive("Hong Kong Group Limited") == ()
    assert distinctive("Textile Co. Ltd.") == ()
    assert distinctive("Lop County Meixin Hair Products") == ("meixin",)
    assert "corp" in distinctive("Xinjiang Production and Construction Corps")


def test_a_name_of_common_words_alone_never_flags_a_supplier_abroad():
    assert not found(["Textile Ltd"], "BD")
    assert not found(["Hong Kong Ltd"], "HK")
    assert not found(["Textiles Limited"], "BD")
    assert not found(["Hong Kong Trading Ltd"], "HK")
    assert not found(["Lop County Hair Products"], "CN")  # the place and trade of Meixin, not Meixin


def test_a_name_of_common_words_in_the_same_country_is_put_to_a_person_weakly():
    [match] = found(["Textile Co., Ltd."], "CN")
    assert match.entity == TEXTILE and match.strength <= 50
    assert "common words" in match.how and "China" in match.how
    assert not found(["Textile Co., Ltd."], None)  # no country given: nothing to hold the plain name up


def test_another_country_lowers_the_strength_and_says_so_but_never_hides_an_alias():
    [same] = found(["Shenzhen Bright Electronics"], "CN")
    [abroad] = found(["Shenzhen Bright Electronics"], "VN")
    assert same.strength == 100 and 70 <= abroad.strength < 100
    assert "Viet Nam" in abroad.how and "China" in abroad.how
    assert same.supplier_country == "CN" and abroad.supplier_country == "VN" and abroad.entity_country == "CN"
    assert "China" in same.how  # the countries are shown either way


def test_a_weak_resemblance_abroad_is_not_put_to_a_person():
    assert found(["Ninestar"], "CN")
    assert not found(["Ninestar"], "BD")


def test_an_entry_without_a_country_is_matched_on_names_alone():
    own = Entity("Buyer's own list", "Sunrise Knit Composite", ())
    [match] = found(["Sunrise Knit Composite Ltd"], "BD", own)
    assert match.strength == 100 and match.entity_country is None


def test_an_entry_of_legal_forms_or_trade_words_alone_flags_no_supplier_of_the_same_country():
    """The second review: an own-list entry "Sdn Bhd" (Malaysia's private-company form) flagged every Malaysian
    "... Sdn Bhd" supplier, and "Fisheries Co." every fishery; such an entry names no company."""
    own = "Our watch list"
    legal = Entity(own, "Sdn Bhd", (), "MY")
    fishery = Entity(own, "Fisheries Co.", (), "TH")
    trade = Entity(own, "Precision Electronics", (), "MY")
    assert not found(["Johor Components Sdn Bhd", "Klang Valley Gloves Sdn Bhd"], "MY", legal, trade)
    assert not found(["Songkhla Fisheries Co."], "TH", fishery)
    assert not found(["Penang Precision Electronics", "PPE Sdn Bhd"], "MY", legal, trade)
    assert distinctive("Klang Valley Gloves Sdn Bhd") == ("klang", "valley")
