"""The content version changes with every write of a watched app's content, and only then."""

from __future__ import annotations

import pytest
from django.db import transaction

from interventures.apps.common import versions
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_save_or_delete_of_watched_content_gives_a_new_version() -> None:
    assert {"common", "partnership", "keyplayers", "learning"} <= versions.watched()
    before = versions.token()
    region = Region.objects.create(code="zz-test", name="Test region")
    after_create = versions.token()
    assert after_create not in {before, ""}
    org = Organisation.objects.create(region=region, name="Chamber of Test", slug="chamber-of-test")
    after_org = versions.token()
    assert after_org != after_create
    org.delete()
    assert versions.token() != after_org


def test_a_rolled_back_write_leaves_the_version_as_it_was() -> None:
    Region.objects.create(code="zz-one", name="One")
    before = versions.token()

    def undone() -> None:
        with transaction.atomic():
            Region.objects.create(code="zz-two", name="Two")
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError):
        undone()
    assert versions.token() == before


def test_writes_of_apps_nobody_watches_keep_the_version() -> None:
    from django.contrib.auth import get_user_model

    Region.objects.create(code="zz-three", name="Three")
    before = versions.token()
    get_user_model().objects.create_user(username="someone", password="x-long-password-1")
    assert "auth" not in versions.watched()
    assert versions.token() == before


def test_a_queryset_update_sends_no_signal_so_its_caller_says_so() -> None:
    region = Region.objects.create(code="zz-four", name="Four")
    before = versions.token()
    Region.objects.filter(pk=region.pk).update(name="Four, renamed")
    assert versions.token() == before  # what changed() is for
    versions.changed()
    assert versions.token() != before
