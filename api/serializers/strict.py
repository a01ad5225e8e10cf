"""JSON types taken at their word.

DRF is lenient by default: ``"5"`` passes as an integer, ``5`` as a string, ``"yes"`` as a
boolean. The API documents exact JSON types (OpenAPI), so it accepts exactly those: a client
sending the wrong type learns it at once (400), and the schema tells the truth (the fuzzing in
CI checks that schema-violating input is refused).
"""

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import relations, serializers

_TYPE_NAMES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _strict(field_class, types: tuple):
    expected = _TYPE_NAMES[types[-1]]

    class Strict(field_class):
        def to_internal_value(self, data):
            if (isinstance(data, bool) and bool not in types) or not isinstance(data, types):
                raise serializers.ValidationError(
                    _("Expected a JSON %(type)s.") % {"type": expected}, code="invalid_type"
                )
            return super().to_internal_value(data)

    Strict.__name__ = Strict.__qualname__ = f"Strict{field_class.__name__}"
    return Strict


CharField = _strict(serializers.CharField, (str,))
EmailField = _strict(serializers.EmailField, (str,))
URLField = _strict(serializers.URLField, (str,))
IntegerField = _strict(serializers.IntegerField, (int,))
FloatField = _strict(serializers.FloatField, (int, float))  # 1 is a JSON number too
BooleanField = _strict(serializers.BooleanField, (bool,))
DecimalField = _strict(serializers.DecimalField, (str,))
ChoiceField = _strict(serializers.ChoiceField, (str,))
DateField = _strict(serializers.DateField, (str,))
TimeField = _strict(serializers.TimeField, (str,))
DateTimeField = _strict(serializers.DateTimeField, (str,))
PrimaryKeyRelatedField = _strict(relations.PrimaryKeyRelatedField, (int,))
SlugRelatedField = _strict(relations.SlugRelatedField, (str,))


class ModelSerializer(serializers.ModelSerializer):
    """ModelSerializer whose generated fields accept only their documented JSON type."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.BigIntegerField: IntegerField,
        models.BooleanField: BooleanField,
        models.CharField: CharField,
        models.DateField: DateField,
        models.DateTimeField: DateTimeField,
        models.DecimalField: DecimalField,
        models.EmailField: EmailField,
        models.FloatField: FloatField,
        models.IntegerField: IntegerField,
        models.PositiveBigIntegerField: IntegerField,
        models.PositiveIntegerField: IntegerField,
        models.PositiveSmallIntegerField: IntegerField,
        models.SlugField: CharField,
        models.SmallIntegerField: IntegerField,
        models.TextField: CharField,
        models.TimeField: TimeField,
        models.URLField: URLField,
    }
    serializer_related_field = PrimaryKeyRelatedField
    serializer_choice_field = ChoiceField
