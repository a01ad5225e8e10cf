"""Upload naming: files are stored under generated names, never under the name the user sent."""

import uuid
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    """``upload_to`` callable: ``<folder>/<year>/<uuid><ext>`` keeping only a safe extension."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if not suffix[1:].isalnum() or len(suffix) > 6:
            suffix = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
