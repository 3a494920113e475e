"""Fixtures of the attack tests: the world of world.py, built once per module in a transaction that is
rolled back at the module's end; each test runs in a savepoint inside it (pytest-django's `db`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from .world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def cell(world: World, db: Any) -> World:
    """The world, inside a savepoint of this test (pytest-django's `db`) that is rolled back after it."""
    return world


@pytest.fixture(autouse=True)
def quiet_refusals() -> Iterator[None]:
    """The matrix is refused thousands of times on purpose: Django's warning (with its traceback) for
    each 403 and 404 is noise, and formatting them doubles the run time. Errors (500) still log."""
    import logging

    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)
