from django import forms, template
from django.utils import formats
from django.utils.http import urlencode

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def widget(field):
    """Render a bound field's widget with Bootstrap classes and ARIA ties to its errors."""
    w = field.field.widget
    if isinstance(w, _CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(w, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{w.attrs.get('class', '')} {css}".strip()}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_errors")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(field) -> bool:
    """Checkboxes or radio buttons for one question: a fieldset whose legend names them."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and sorting).

    A view may pass its own ``page_query`` (a QueryDict): the filters as its form cleaned them.
    """
    query = context.get("page_query")
    query = (context["request"].GET if query is None else query).copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + urlencode(sorted(query.lists()), doseq=True) if query else "?"


@register.filter
def score_percent(value) -> int:
    return round(float(value or 0) * 100)


@register.filter
def reason_text(reason) -> str:
    """A stored match reason worded in the visitor's language."""
    from matchmaking.reasons import render

    return render(reason)


@register.filter(name="money")
def money_filter(amount, currency: str = "VND") -> str:
    """``{{ deal.contract_value|money:deal.currency }}`` → "120.000.000 ₫" / "120,000,000 VND"."""
    from core.money import money

    return money(amount, currency or "VND")


@register.simple_tag
def money_range(low, high, currency: str) -> str:
    """``{% money_range offer.price_min offer.price_max offer.currency %}``."""
    from core.money import money_range

    return money_range(low, high, currency or "VND")


class GroupedInt(int):
    """An integer that prints with the active language's thousands separator ("12.345")."""

    def __str__(self) -> str:
        return formats.number_format(int(self), 0, use_l10n=True, force_grouping=True)


@register.filter
def grouped(value):
    """A count grouped by thousands, usable as the counter of ``{% blocktranslate count %}``.

    ``blocktranslate`` prints its counter as plain digits and refuses a string; this integer
    prints grouped, so "12.345 công nghệ" needs no new wording (the translated phrase stays).
    """
    if value is None or value == "":
        return value
    return GroupedInt(value)
