"""What the event views share: finding rows the visitor may touch, showing service errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from events import selectors
from events.models import Event, Registration


def event_or_404(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("host"), pk=pk)


def registration_or_404(request, event_pk: int, pk: int) -> Registration:
    """The registration if the visitor belongs to its organisation (or is an official).

    404 rather than 403: another participant's registration is not admitted to exist.
    """
    registration = selectors.registration_for_member(request.user, event_pk, pk)
    if registration is None:
        raise Http404
    return registration


def show_error(form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if form is not None and field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def flash_error(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
