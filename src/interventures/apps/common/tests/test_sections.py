"""Report sections registered by domain apps: one owner per number, replaced on re-registration."""

from __future__ import annotations

from typing import Any

import pytest

from interventures.apps.common import sections
from interventures.apps.common.sections import (
    Paragraph,
    SectionContext,
    SectionTaken,
    build_section,
    register_section,
    section_provider,
)


@pytest.fixture
def empty_registry(monkeypatch: Any) -> None:
    monkeypatch.setattr(sections, "_PROVIDERS", {})


def _one(context: SectionContext) -> list[Any]:
    return [Paragraph(f"{context.region} in {context.lang}: {len(context.figures)} figures")]


@pytest.mark.usefixtures("empty_registry")
def test_a_registered_section_is_built_for_the_region_and_language() -> None:
    assert section_provider(42) is None
    register_section(42, "extra", "Extra", build=_one, app="keyplayers")
    provider = section_provider(42)
    assert provider is not None
    section = build_section(provider, SectionContext(region="hu-hr", lang="hr", figures={"a": 1}))
    assert section.heading == "42. Extra"
    assert section.anchor == "extra"
    assert [b.text for b in section.blocks if isinstance(b, Paragraph)] == ["hu-hr in hr: 1 figures"]


@pytest.mark.usefixtures("empty_registry")
def test_a_number_belongs_to_one_app() -> None:
    register_section(42, "extra", "Extra", build=_one, app="keyplayers")
    register_section(42, "extra", "Extra again", build=_one, app="keyplayers")
    provider = section_provider(42)
    assert provider is not None
    assert provider.title == "Extra again"
    with pytest.raises(SectionTaken, match="already registered by keyplayers"):
        register_section(42, "other", "Other", build=_one, app="learning")
