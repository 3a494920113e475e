"""A document that takes a moment says it is being prepared, cannot be tapped twice, and arrives."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_result_pdf_download_gives_feedback_and_arrives_once(
    live_server: Any, page: Any, completed: Any
) -> None:
    requests: list[str] = []
    page.on(
        "request",
        lambda request: requests.append(request.url) if request.url.endswith("result.pdf") else None,
    )
    page.goto(f"{live_server.url}/hr/test/{completed.token}/result/")
    link = page.locator("a[data-preparing]").first
    with page.expect_download() as download:
        link.click()
        link.click(force=True)  # the impatient second tap, while the first is being prepared
        assert page.locator(".download-status").inner_text().startswith("Dokument se priprema")
    assert download.value.suggested_filename.endswith(".pdf")
    page.wait_for_function("() => document.querySelector('.download-status').textContent.includes('spreman')")
    assert len(requests) == 1, requests
    assert link.get_attribute("aria-disabled") is None


def test_the_resume_link_is_copied_with_one_tap(browser: Any, live_server: Any, completed: Any) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/hr/test/{completed.token}/result/")
        button = page.get_by_role("button", name="Kopiraj poveznicu")
        button.click()
        page.wait_for_function("() => document.querySelector('.copy-status').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()").endswith(f"/hr/test/{completed.token}/")
    finally:
        context.close()
