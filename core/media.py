"""Uploaded files served by Django itself: only with DEBUG on (development and the demo)."""

import posixpath

from django.http import Http404
from django.views.static import serve

# Folders whose files are only handed out by a view that checks who asks (agreements: officials).
PRIVATE_FOLDERS = ("agreements/",)


def serve_public_media(request, path: str, document_root=None):
    if posixpath.normpath(path).lstrip("/").startswith(PRIVATE_FOLDERS):
        raise Http404
    return serve(request, path, document_root=document_root)
