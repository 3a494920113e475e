"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("INTERVENTURES_SKIP_BROWSER") == "1":
        pytest.skip("INTERVENTURES_SKIP_BROWSER=1")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A phone-sized window (iPhone SE-like: 375 × 667, touch)."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def completed(transactional_db: Any) -> Any:
    """A completed test of a small Hungary–Croatia manufacturer, with the reference data loaded."""
    from interventures.apps.assessment import services
    from interventures.apps.classifications.services import nace_load
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_reference_load
    from interventures.core import capacity

    partnership_reference_load()
    nace_load()
    model = capacity.load_model()
    assessment = services.assessment_start(
        region=Region.objects.get(code="hu-hr"), size_class="small", sector="C", language="en"
    )
    services.answers_save(
        assessment=assessment, answers={item.id: item.options[1].id for item in model.items}
    )
    return services.assessment_complete(assessment=assessment)
