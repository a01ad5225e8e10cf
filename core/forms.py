from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form with the portal's field template (labels, help and errors tied)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def add_service_errors(form, exc) -> None:
    """Show a service's ``ValidationError`` on a form: on the field it names, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
