"""Name matching against entity lists, as the buyer would dispute it: a supplier flagged on a common word, an
alias the list gives that was missed, the supplier's own Latin-script alias against an entity's alias. Every
name here is invented."""

from __future__ import annotations

from fldd.risk.data import Entity
from fldd.risk.screening import EntityIndex, normalise, screen_names

LISTED = Entity("Test Entity List", "Kashgar Brightway Textile Co., Ltd.",
                ("Brightway Textiles Kashgar", "喀什明途纺织有限公司", "Kashi Mingtu Fangzhi Youxian Gongsi"), "CN")
OTHER = Entity("Test Entity List", "Hetian Lantern Apparel Company Limited", ("Lantern Apparel (Group)",), "CN")
GENERIC = Entity("Buyer's own list", "Garments Ltd")


def index(*entities: Entity) -> EntityIndex:
    return EntityIndex(entities or (LISTED, OTHER, GENERIC))


def found(names: list[str], *entities: Entity):
    return screen_names(names, index(*entities))


def test_legal_form_words_case_accents_and_punctuation_are_set_aside():
    assert normalise("KASHGAR BRIGHTWAY TEXTILE CO.,LTD") == normalise("Kashgar Brightway Textile Company Limited")
    assert normalise("Téxtiles Añil S.A. de C.V.") == normalise("Textiles Anil")
    assert normalise("Smith & Sons GmbH") == normalise("smith and  sons")
    assert normalise("PT Sinar Mulia Tbk") == "sinar mulia"
    assert normalise("Oriental Knit (Group) Pvt. Ltd.") == "oriental knit"
    assert normalise("Kashi Mingtu Fangzhi Youxian Gongsi") == "kashi mingtu fangzhi"  # pinyin of 有限公司


def test_place_names_are_kept_so_two_sites_in_two_provinces_differ():
    assert normalise("Xinjiang Hualing Cotton Co., Ltd.") == "xinjiang hualing cotton"
    assert normalise("Xinjiang Hualing Cotton") != normalise("Gansu Hualing Cotton")
    assert not found(["Gansu Hualing Cotton"], Entity("L", "Xinjiang Hualing Cotton Co., Ltd."))


def test_a_name_made_only_of_legal_form_words_is_kept_as_it_is():
    assert normalise("Group Company Ltd") == "group company ltd"


def test_same_name_with_another_legal_form_is_found_as_the_same_name():
    [match] = found(["Kashgar Brightway Textile Limited"])
    assert match.entity == LISTED
    assert match.matched_to == LISTED.name
    assert match.strength == 100
    assert "same name" in match.how


def test_a_listed_alias_is_found_even_when_the_main_name_differs():
    [match] = found(["Brightway Textiles (Kashgar) Co Ltd"])
    assert match.entity == LISTED
    assert match.matched_to == "Brightway Textiles Kashgar"


def test_the_suppliers_own_latin_alias_matches_the_entitys_latin_alias():
    # the register holds the supplier as "Mingtu Weaving" with its registered pinyin name as an alias
    [match] = found(["Mingtu Weaving", "Kashi Mingtu Fangzhi Youxian Gongsi"])
    assert match.matched_on == "Kashi Mingtu Fangzhi Youxian Gongsi"
    assert match.matched_to == "Kashi Mingtu Fangzhi Youxian Gongsi"


def test_chinese_characters_compare_as_written_once_the_company_words_are_set_aside():
    [match] = found(["喀什明途纺织（集团）有限公司"])
    assert match.matched_to == "喀什明途纺织有限公司"
    assert not found(["喀什明途服装有限公司"])


def test_same_words_in_another_order():
    [match] = found(["Brightway Kashgar Textile"])
    assert match.entity == LISTED
    assert "order" in match.how
    assert match.strength < 100


def test_singular_for_plural_is_a_close_match():
    [match] = found(["Hetian Lantern Apparels Co"])
    assert match.entity == OTHER
    assert "plural" in match.how


def test_one_typing_slip_in_a_long_name_is_a_close_match():
    [match] = found(["Kashgar Brigthway Textile Co"])
    assert match.entity == LISTED
    assert "typing" in match.how
    assert match.strength < 90


def test_a_descriptive_word_left_out_is_a_close_match_but_a_distinctive_one_is_not():
    [match] = found(["Hetian Lantern"])  # "Apparel" says what it makes, not who it is
    assert match.entity == OTHER
    assert "Apparel" in match.how
    assert not found(["Hetian Apparel"])  # "Lantern" is who it is: another company


def test_a_common_word_does_not_flag_every_supplier():
    # the buyer's own list names a "Garments Ltd": suppliers with garments in their name are not it
    for name in ("Dhaka Garments Ltd", "Garments Export House", "Sunrise Garments", "Textile Ltd", "Apparel Co"):
        assert not found([name]), name
    # a plain name alone is no reason to ask: only word for word and with the same country given on both sides
    assert not found(["GARMENTS LIMITED"])
    placed = Entity("Buyer's own list", "Garments Ltd", (), "BD")
    [match] = screen_names(["GARMENTS LIMITED"], index(placed), country="BD")
    assert match.entity == placed and match.strength == 50
    assert not screen_names(["GARMENTS LIMITED"], index(placed), country="IN")


def test_a_short_name_does_not_match_on_one_letter():
    short = Entity("L", "Lida Knit")
    assert not found(["Lina Knit"], short)  # one letter in a short name: too weak to ask a person about
    assert found(["Lida Knit Co"], short)


def test_only_the_best_reason_per_entity_is_kept():
    matches = found(["Kashgar Brightway Textile", "Brightway Kashgar Textiles", "Brightway Textiles Kashgar"])
    assert len(matches) == 1
    assert matches[0].strength == 100


def test_two_entities_matched_by_one_supplier_are_both_shown():
    matches = found(["Kashgar Brightway Textile", "Lantern Apparel"])
    assert {m.entity.name for m in matches} == {LISTED.name, OTHER.name}
