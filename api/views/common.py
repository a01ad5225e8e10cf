"""What the API views share."""

from django.db.models import OuterRef, Subquery
from rest_framework import status
from rest_framework.response import Response

from partners.models import Membership


def for_schema(view) -> bool:
    """True while drf-spectacular inspects the view (no real request, no user)."""
    return getattr(view, "swagger_fake_view", False)


def with_my_role(queryset, user):
    """Annotate organisations with the person's role in each (``my_role``, null if none)."""
    role = Membership.objects.filter(organization=OuterRef("pk"), user=user).values("role")[:1]
    return queryset.annotate(my_role=Subquery(role))


def single_organization(user):
    """The person's organisation when there is exactly one, else None."""
    ids = list(Membership.objects.filter(user=user).values_list("organization_id", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def created(serializer_class, instance, request) -> Response:
    return Response(
        serializer_class(instance, context={"request": request}).data,
        status=status.HTTP_201_CREATED,
    )
