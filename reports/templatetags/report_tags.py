from django import template
from django.utils import formats

register = template.Library()


@register.filter
def figure(figures: dict, key: str) -> str:
    """One figure of a report row, formatted for the page (grouped thousands, a rate in %)."""
    value = figures.get(key)
    if value is None:
        return "—"
    if key == "no_show_rate":
        return f"{formats.number_format(value, 1, use_l10n=True)} %"
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


@register.filter
def billions(value) -> str:
    """A VND amount in billions with one decimal ("104,3")."""
    return formats.number_format((value or 0) / 1_000_000_000, 1, use_l10n=True)
