"""Generated documents (PDF, DOCX) are kept until what they show changes.

Laying out a report takes seconds; the same report is downloaded again and again in between analysis
runs. A document is stored in Django's cache under a key made of its kind and a fingerprint of
everything it shows (the caller passes the content, not an id), plus the version of the code that
lays it out (templates and compiled translations), so a changed figure, a changed text or a new
release can never serve an old file. The cache is the project's default one: memory in the embedded
set-up, Redis when CACHES points there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache

PACKAGE = Path(__file__).resolve().parents[2]
KEEP_SECONDS = 7 * 24 * 3600


@cache
def layout_version() -> str:
    """A digest of the files that decide how a document looks: templates, translations, styles."""
    digest = hashlib.sha256()
    for pattern in ("**/templates/**/*.html", "**/locale/**/*.mo", "static/interventures/*.css"):
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_document(*, kind: str, content: str, build: Callable[[], bytes]) -> bytes:
    """The document `build()` makes from `content`, built once per distinct content."""
    if not getattr(settings, "INTERVENTURES_DOCUMENT_CACHE", True):
        return build()
    fingerprint = hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"iv-doc:{kind}:{layout_version()}:{fingerprint}"
    found = django_cache.get(key)
    if isinstance(found, bytes):
        return found
    data = build()
    django_cache.set(key, data, KEEP_SECONDS)
    return data
