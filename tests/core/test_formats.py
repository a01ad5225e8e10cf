"""Numbers, amounts and dates as each language writes them: 120.000.000 ₫ and 120,000,000 VND."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from reports.templatetags.report_tags import figure
from tests.factories import NeedFactory, OfferFactory
from tests.spreadsheets import technology_rows, xlsx_bytes

NBSP = "\u00a0"


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load i18n humanize portal %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "vnd", "usd", "krw"),
    [
        ("vi", f"120.000.000{NBSP}₫", f"150.000,50{NBSP}USD", f"3.500.000{NBSP}KRW"),
        ("en", f"120,000,000{NBSP}VND", f"150,000.50{NBSP}USD", f"3,500,000{NBSP}KRW"),
    ],
)
def test_money_writes_each_currency_the_languages_way(language, vnd, usd, krw):
    rendered = _render(
        "{{ a|money:'VND' }}|{{ b|money:'USD' }}|{{ c|money:'KRW' }}|{{ none|money:'VND' }}",
        language,
        a=Decimal("120000000.00"),
        b=Decimal("150000.5"),
        c=3500000,
        none=None,
    )
    assert rendered.split("|") == [vnd, usd, krw, ""]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "vi",
            [
                f"50.000.000 – 120.000.000{NBSP}₫",
                f"từ 2.000,00{NBSP}USD",
                f"tối đa 900.000{NBSP}₫",
                f"7.000{NBSP}₫",
                "",
            ],
        ),
        (
            "en",
            [
                f"50,000,000 – 120,000,000{NBSP}VND",
                f"from 2,000.00{NBSP}USD",
                f"up to 900,000{NBSP}VND",
                f"7,000{NBSP}VND",
                "",
            ],
        ),
    ],
)
def test_money_range_names_the_currency_once(language, expected):
    rendered = _render(
        "{% money_range 50000000 120000000 'VND' %}|{% money_range 2000 None 'USD' %}|"
        "{% money_range None 900000 'VND' %}|{% money_range 7000 7000 'VND' %}|"
        "{% money_range None None 'VND' %}",
        language,
    )
    assert rendered.split("|") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "12.345 công nghệ · 1 công nghệ"), ("en", "12,345 technologies · 1 technology")],
)
def test_counts_are_grouped_inside_translated_phrases(language, expected):
    # The catalogue's own phrase, so the Vietnamese translation already in place still applies.
    phrase = (
        "{% blocktranslate count counter=n|grouped %}{{ counter }} technology{% plural %}"
        "{{ counter }} technologies{% endblocktranslate %}"
    )
    rendered = _render(phrase + " · " + phrase.replace("=n|", "=one|"), language, n=12345, one=1)
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "1.234.567|2.345,7|5 tháng 3, 2030|05/03/2030|14:30 05/03/2030"),
        ("en", "1,234,567|2,345.7|5 March 2030|05/03/2030|05/03/2030 14:30"),
    ],
)
def test_numbers_and_dates_follow_the_language(language, expected):
    from datetime import datetime

    rendered = _render(
        "{{ n|intcomma }}|{{ f|floatformat:'1g' }}|{{ d|date:'DATE_FORMAT' }}|"
        "{{ d|date:'SHORT_DATE_FORMAT' }}|{{ t|date:'SHORT_DATETIME_FORMAT' }}",
        language,
        n=1234567,
        f=2345.67,
        d=date(2030, 3, 5),
        t=datetime(2030, 3, 5, 14, 30),
    )
    assert rendered == expected


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_typed_date_is_read_day_first(language):
    with translation.override(language):
        assert forms.DateField().clean("05/03/2030") == date(2030, 3, 5)
        assert forms.DateField().clean("2030-03-05") == date(2030, 3, 5)


@pytest.mark.parametrize(("language", "expected"), [("vi", "123.456.789"), ("en", "123,456,789")])
def test_report_figures_are_grouped(language, expected):
    with translation.override(language):
        assert figure({"deals": 123456789}, "deals") == expected


def _get(client, name, *args, language):
    with translation.override(language):
        return client.get(reverse(name, args=args)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "vnd", "usd"),
    [
        ("vi", f"50.000.000 – 120.000.000{NBSP}₫", f"150.000,00 – 400.000,00{NBSP}USD"),
        ("en", f"50,000,000 – 120,000,000{NBSP}VND", f"150,000.00 – 400,000.00{NBSP}USD"),
    ],
)
def test_offer_prices_on_the_offer_page_and_in_the_catalogue(client, language, vnd, usd):
    local = OfferFactory(price_min=50_000_000, price_max=120_000_000, currency="VND")
    foreign = OfferFactory(price_min=150_000, price_max=400_000, currency="USD")
    assert f'data-testid="price">{vnd}</dd>' in _get(
        client, "matchmaking:offer_detail", local.reference, language=language
    )
    assert f'data-testid="price">{usd}</dd>' in _get(
        client, "matchmaking:offer_detail", foreign.reference, language=language
    )
    catalogue = _get(client, "matchmaking:offer_list", language=language)
    assert (catalogue.count(vnd), catalogue.count(usd)) == (1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "budget", "deadline"),
    [
        ("vi", f"từ 800.000.000{NBSP}₫", "30 tháng 6, 2031"),
        ("en", f"from 800,000,000{NBSP}VND", "30 June 2031"),
    ],
)
def test_need_page_shows_budget_and_deadline_per_language(client, language, budget, deadline):
    need = NeedFactory(budget_min=800_000_000, currency="VND", deadline=date(2031, 6, 30))
    page = _get(client, "matchmaking:need_detail", need.reference, language=language)
    assert f'data-testid="budget">{budget}</dd>' in page
    assert f"<dd>{deadline}</dd>" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "first_price"),
    [("vi", f"10.000,00 – 20.000,00{NBSP}USD"), ("en", f"10,000.00 – 20,000.00{NBSP}USD")],
)
def test_import_preview_shows_prices_per_language(client, owner, org_a, language, first_price):
    client.force_login(owner)
    with translation.override(language):
        uploaded = client.post(
            reverse("matchmaking:offer_import"),
            {
                "organization": org_a.pk,
                "file": SimpleUploadedFile("d.xlsx", xlsx_bytes(technology_rows(2))),
            },
        )
    preview = client.get(uploaded.url).content.decode()
    assert f'<td class="small text-nowrap">{first_price}</td>' in preview
