"""The shipped table of exchange rates (questionnaires/exchange_rates.yaml): one dated day of a public
source, so that a fee paid in one currency can be graded against a wage paid in another, offline and the
same way on every machine. A conversion always says which rate, source and day it used."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from fldd.standard.conditions import Money
from fldd.standard.conditions_eval import CURRENCY_CODE
from fldd.standard.conditions_parse import parse_date

FILE_NAME = "exchange_rates.yaml"


class RatesError(ValueError):
    """The rates file is missing a field or holds a value that is not a positive number."""


@dataclass(frozen=True)
class ExchangeRates:
    """Units of each currency that one unit of `base` bought on `date`, per `source`."""

    source: str
    edition: str
    date: str
    base: str
    rates: dict[str, Decimal]

    def rate(self, from_currency: str, to_currency: str) -> Decimal | None:
        """Units of `to_currency` for one unit of `from_currency`, or None when either has no rate."""
        if from_currency not in self.rates or to_currency not in self.rates:
            return None
        return self.rates[to_currency] / self.rates[from_currency]

    def convert(self, money: Money, to_currency: str) -> Money | None:
        """`money` in `to_currency` (unchanged when already in it), or None when there is no rate."""
        if money.currency == to_currency:
            return money
        rate = self.rate(money.currency, to_currency)
        return None if rate is None else Money(money.amount * rate, to_currency)

    def describe(self, from_currency: str, to_currency: str) -> str:
        """How a conversion was made, in words a reader can check: rate, source and its day."""
        rate = self.rate(from_currency, to_currency)
        shown = f"{rate:.6g}" if rate is not None else "no rate"
        return (f"converted {from_currency} to {to_currency} at 1 {from_currency} = {shown} {to_currency} "
                f"({self.source}, {self.date})")


def read(path: Path) -> ExchangeRates:
    """The rates in `path`; RatesError when the file does not hold a usable table."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RatesError(f"{path}: cannot read the exchange rates: {exc}") from exc
    if not isinstance(data, dict):
        raise RatesError(f"{path}: expected a mapping with source, edition, date, base and rates")
    for key in ("source", "edition", "date", "base"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RatesError(f"{path}: '{key}' must be given as text")
    if parse_date(data["date"]) is None:
        raise RatesError(f"{path}: 'date' must be YYYY-MM-DD, not {data['date']!r}")
    raw = data.get("rates")
    if not isinstance(raw, dict) or not raw:
        raise RatesError(f"{path}: 'rates' must map currency codes to rates")
    rates = {}
    for code, value in raw.items():
        if not isinstance(code, str) or not CURRENCY_CODE.fullmatch(code):
            raise RatesError(f"{path}: {code!r} is not an ISO 4217 currency code")
        try:
            rate = Decimal(str(value))
        except InvalidOperation:
            rate = Decimal(0)
        if not rate.is_finite() or rate <= 0:
            raise RatesError(f"{path}: the rate of {code} must be a positive number, not {value!r}")
        rates[code] = rate
    if rates.get(data["base"]) != 1:
        raise RatesError(f"{path}: the base currency {data['base']} must have the rate 1")
    return ExchangeRates(data["source"].strip(), data["edition"].strip(), data["date"], data["base"], rates)


@functools.lru_cache(maxsize=1)
def shipped() -> ExchangeRates:
    """The table shipped with the standard (read once per process)."""
    from fldd.paths import questionnaires_dir

    return read(questionnaires_dir() / FILE_NAME)


def in_currency_of(money: object, other: object, rates: ExchangeRates | None = None) -> tuple[Money | None, str | None]:
    """The condition function in_currency_of(money, other): `money` in the currency of `other`, and the note
    a result shows about it (which rate, source and day; or that no rate covers the currency). Anything
    but two amounts gives (None, None); an amount already in that currency comes back unchanged."""
    if not isinstance(money, Money) or not isinstance(other, Money):
        return None, None
    if money.currency == other.currency:
        return money, None
    table = rates or shipped()
    converted = table.convert(money, other.currency)
    if converted is None:
        return None, (f"no exchange rate from {money.currency} to {other.currency} in the table shipped with "
                      f"fldd ({table.source}, {table.date}): the amount could not be converted")
    return converted, table.describe(money.currency, other.currency)
