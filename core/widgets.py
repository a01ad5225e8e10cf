"""Select widgets rendered in Python.

Django renders every <option> through its own template: about 0.3 ms each, so a country list
(250 options) costs 75 ms a page. These widgets build the same HTML directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"] if option["value"] is not None else "",
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    pass


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkbox groups as Bootstrap .form-check rows (the markup of
    templates/django/forms/widgets/multiple_input.html), built without per-option templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        group_id = widget["attrs"].get("id")
        parts = [
            format_html(
                '<div{} class="check-group">',
                flatatt({"id": group_id} if group_id else {}),
            )
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(
                    format_html('<div class="mt-1"><div class="small fw-semibold">{}</div>', group)
                )
            for option in options:
                attrs = {**option["attrs"], "type": option["type"], "name": option["name"]}
                if option["value"] is not None:
                    attrs["value"] = option["value"]
                parts.append(
                    format_html(
                        '<div class="form-check"><label{}><input{}> {}</label></div>',
                        flatatt(
                            {"for": option["attrs"]["id"]} if option["attrs"].get("id") else {}
                        ),
                        flatatt(attrs),
                        option["label"],
                    )
                )
            if group:
                parts.append("</div>")
        parts.append("</div>")
        return mark_safe("".join(parts))
