from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import strict

COUNTRY_CODES = [code for code, _name in countries]


class CountryCodeField(strict.ChoiceField):
    """An ISO 3166-1 alpha-2 code (only codes: names are not guessed)."""

    def __init__(self, **kwargs):
        super().__init__(choices=COUNTRY_CODES, **kwargs)

    def to_representation(self, value):
        return str(value) if value not in (None, "") else value


def countries_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=CountryCodeField(), max_length=len(COUNTRY_CODES), **kwargs)


class KeywordsField(serializers.ListField):
    """Up to 20 keywords; blanks dropped, duplicates kept once (as the HTML form does)."""

    def __init__(self, **kwargs):
        super().__init__(
            child=strict.CharField(max_length=100), max_length=20, required=False, **kwargs
        )

    def to_internal_value(self, data):
        words = super().to_internal_value(data)
        return list(dict.fromkeys(word.strip() for word in words if word.strip()))


@extend_schema_field(OpenApiTypes.URI)
class DownloadUrlField(serializers.ReadOnlyField):
    """The absolute URL of a stored file's download view (``source`` names the model property
    that gives its path), or null when there is no file: media files have no public URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request is not None else value
