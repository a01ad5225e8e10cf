"""Stored files: generated names on the way in, download views (never a media URL) on the way out.

Nothing under MEDIA_ROOT is published by a static location, because agreement documents sit
there too: brochures, logos and documents each go out through a view that checks who may see
them, as attachments whose type comes from their content.
"""

import hashlib
import uuid
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible

from core.uploads import EXTENSIONS, detect

# Even if a browser were ever made to render a download, it may run nothing and load nothing.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


@deconstructible
class GeneratedName:
    """``upload_to`` callable: ``<folder>/<year>/<uuid><ext>``.

    The extension is kept only when it is one of the types recognised by content
    (``core.uploads``), which renames every checked upload after its real type.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if suffix not in EXTENSIONS:
            suffix = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


def version_tag(field_file) -> str:
    """A short tag that changes with the stored file: lets its URL be cached for long."""
    return hashlib.sha256(field_file.name.encode()).hexdigest()[:10]


def download(field_file, *, filename: str, allowed: frozenset[str], public: bool = False):
    """A stored file as an attachment typed by its content; 404 when missing or of a type
    that is not ``allowed`` (e.g. a file stored before uploads were checked)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = detect(handle)
    if kind is None or kind.kind not in allowed:
        handle.close()
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}{kind.extension}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    if public:
        patch_cache_control(response, public=True, max_age=86400)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
