"""Files people upload, good and bad, for the upload tests."""

import io

from PIL import Image

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    """A real (tiny) PNG picture."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 110, 180)).save(buffer, format="PNG")
    return buffer.getvalue()


# Starts like a PNG (so a check of the first bytes takes it for one), then an HTML page.
PNG_HEADER_THEN_HTML = b"\x89PNG\r\n\x1a\n" + HTML
# A real picture with a page appended: Pillow reads it, browsers could sniff the markup.
PNG_THEN_HTML = png_bytes() + HTML
