"""Amounts of money as each language writes them.

Vietnamese: grouped with "." and the đồng sign after the number ("120.000.000 ₫"), other
currencies by their ISO code ("150.000,00 USD"). English: grouped with "," and always the ISO
code after the number ("120,000,000 VND", "150,000.00 USD"): the portal deals in won, dollars
of three countries and yen, so "$" alone would be ambiguous. Currencies without minor units in
practice (đồng, won, yen) show no decimals; the others show two. The number and its currency
are held together by a no-break space so a line never separates them.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NBSP = "\u00a0"
WITHOUT_DECIMALS = frozenset({"VND", "KRW", "JPY"})
_SIGNS = {"vi": {"VND": "₫"}}


def currency_sign(currency: str, language: str | None = None) -> str:
    language = (language or get_language() or "vi").split("-")[0]
    return _SIGNS.get(language, {}).get(currency, currency)


def amount_number(amount, currency: str) -> str:
    """The number alone, grouped and with the currency's decimals, in the active language."""
    places = 0 if currency in WITHOUT_DECIMALS else 2
    value = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places))
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def money(amount, currency: str) -> str:
    """One amount with its currency ("120.000.000 ₫"); empty for no amount."""
    if amount is None or amount == "":
        return ""
    return f"{amount_number(amount, currency)}{NBSP}{currency_sign(currency)}"


def money_range(low, high, currency: str) -> str:
    """A price or budget range: "50.000.000 – 120.000.000 ₫", "from …", "up to …" or ""."""
    low = None if low == "" else low
    high = None if high == "" else high
    if low is None and high is None:
        return ""
    if low is None:
        return _("up to %(amount)s") % {"amount": money(high, currency)}
    if high is None:
        return _("from %(amount)s") % {"amount": money(low, currency)}
    if Decimal(str(low)) == Decimal(str(high)):
        return money(low, currency)
    low_text, high_text = amount_number(low, currency), amount_number(high, currency)
    return f"{low_text} – {high_text}{NBSP}{currency_sign(currency)}"
