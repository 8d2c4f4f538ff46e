"""Inherent risk (country x goods) from public US government data in resources/risk/; pure Python."""

from fldd.risk.countries import UnknownCountryError, countries, country_name, is_country
from fldd.risk.goods import known_goods
from fldd.risk.inherent import InherentRisk, ListedGood, inherent_risk

__all__ = ["InherentRisk", "ListedGood", "UnknownCountryError", "countries", "country_name", "inherent_risk",
           "is_country", "known_goods"]
