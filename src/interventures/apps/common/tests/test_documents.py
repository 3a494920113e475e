from __future__ import annotations

from django.core.cache import cache
from django.test import override_settings

from interventures.apps.common.documents import cached_document, layout_version


def test_a_document_is_built_once_per_distinct_content():
    cache.clear()
    built: list[str] = []

    def build(text: str) -> bytes:
        built.append(text)
        return text.encode()

    assert cached_document(kind="t", content="a", build=lambda: build("a")) == b"a"
    assert cached_document(kind="t", content="a", build=lambda: build("a")) == b"a"
    assert cached_document(kind="t", content="b", build=lambda: build("b")) == b"b"
    assert cached_document(kind="other", content="a", build=lambda: build("a2")) == b"a2"
    assert built == ["a", "b", "a2"]


def test_the_cache_can_be_switched_off():
    cache.clear()
    built: list[int] = []
    with override_settings(INTERVENTURES_DOCUMENT_CACHE=False):
        for _ in range(2):
            cached_document(kind="t", content="same", build=lambda: bytes(built.append(1) or b"x"))
    assert len(built) == 2


def test_the_layout_version_covers_templates_and_translations():
    version = layout_version()
    assert len(version) == 16
    assert version == layout_version()
