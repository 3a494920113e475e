"""Shared test helpers: regions, users of each role, logged-in clients. Every test module uses these
instead of building its own."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

_counter = itertools.count(1)


@pytest.fixture
def make_region(db: Any) -> Callable[..., Any]:
    from interventures.apps.common.models import Region
    from interventures.reference.files import read_yaml

    partners = {r["code"]: r for r in read_yaml("partnership.yaml")["regions"]}

    def make(code: str | None = None, name: str | None = None) -> Region:
        """A region; one of the partnership's codes gets its flag and chart colour as the reference
        data gives them."""
        n = next(_counter)
        code = code or f"test-region-{n}"
        partner = partners.get(code)
        region, _ = Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name or f"Test region {n}",
                "partner": partner is not None,
                "colour": partner["colour"] if partner else "",
            },
        )
        return region

    return make


@pytest.fixture
def make_company(db: Any, make_region: Callable[..., Any]) -> Callable[..., Any]:
    from interventures.apps.accounts.models import Company

    def make(region: Any = None, name: str | None = None, **kwargs: Any) -> Company:
        region = region or make_region()
        return Company.objects.create(
            name=name or f"Company {next(_counter)}", country="HU", region=region, **kwargs
        )

    return make


@pytest.fixture
def make_user(
    db: Any, make_region: Callable[..., Any], make_company: Callable[..., Any]
) -> Callable[..., Any]:
    """make_user(role, region=…, company=…): a user of that role; the binding is created if omitted."""
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.services import user_create

    def make(
        role: Role | str, *, region: Any = None, company: Any = None, password: str = "pw-Secret-123"
    ) -> Any:
        role = Role(role)
        if role in (Role.REGIONAL_PARTNER, Role.STAKEHOLDER) and region is None:
            region = make_region()
        if role == Role.SME and company is None:
            company = make_company(region=region)
        return user_create(
            username=f"{role.value}-{next(_counter)}",
            password=password,
            role=role,
            region_id=region.pk if region is not None else None,
            company=company,
        )

    return make


@pytest.fixture
def client_as(client: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """client_as(role, **binding) -> (client logged in as a new user of that role, the user)."""

    def login(role: Any, **kwargs: Any) -> tuple[Any, Any]:
        user = make_user(role, **kwargs)
        client.force_login(user)
        return client, user

    return login


@pytest.fixture(autouse=True)
def _empty_cache_between_tests() -> Any:
    """Built report sections and documents are cached by their content's keys; each test starts cold."""
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests() -> Any:
    """A request leaves its page's language active in the test's thread (as LocaleMiddleware does in a
    worker, where the next request activates its own); each test starts in English again."""
    yield
    from django.utils import translation

    translation.activate("en")


@pytest.fixture
def shared_database(transactional_db: Any, tmp_path: Any) -> Callable[[], str]:
    """shared_database() -> a DATABASE_URL another process (a worker, a server) reaches, holding what
    this test committed so far: on PostgreSQL the test database itself; on SQLite (an in-memory test
    database) a file copy of it made now with SQLite's backup API, in tmp_path (what the other
    process writes stays in the copy)."""
    import sqlite3

    from django.db import connection

    def url() -> str:
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
            return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"
        assert connection.vendor == "sqlite", connection.vendor
        connection.ensure_connection()
        path = tmp_path / f"shared-{next(_counter)}.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"

    return url
