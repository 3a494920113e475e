"""Secrets: a missing or weak key stops production; development generates one key, once."""

from __future__ import annotations

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from interventures.config.secrets import key_id, secret, weakness

STRONG = "k3Y-" + "x7Qp9vB2mZ" * 5


@pytest.fixture
def no_key(monkeypatch):
    monkeypatch.delenv("TEST_KEY", raising=False)


def test_production_without_the_variable_refuses_and_names_it(no_key, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="TEST_KEY is not set"):
        secret("TEST_KEY", production=True, var_dir=tmp_path, filename="k.txt")
    assert not (tmp_path / "k.txt").exists()  # production never falls back to a file


@pytest.mark.parametrize(
    "value",
    [
        "insecure-development-key-change-me-in-production",  # the old fallback
        "django-insecure-" + "a1b2c3d4e5" * 5,
        "short-but-random-9f8e7d",
        "ab" * 40,  # long, but two characters
    ],
)
def test_weak_keys_are_refused(monkeypatch, tmp_path, value):
    monkeypatch.setenv("TEST_KEY", value)
    assert weakness(value)
    for production in (True, False):
        with pytest.raises(ImproperlyConfigured, match="TEST_KEY .*not a usable secret"):
            secret("TEST_KEY", production=production, var_dir=tmp_path, filename="k.txt")


def test_a_strong_key_from_the_environment_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv("TEST_KEY", STRONG)
    assert secret("TEST_KEY", production=True, var_dir=tmp_path, filename="k.txt") == STRONG


def test_development_generates_a_private_key_once_and_reuses_it(no_key, tmp_path):
    first = secret("TEST_KEY", production=False, var_dir=tmp_path / "var", filename="k.txt")
    path = tmp_path / "var" / "k.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert weakness(first) is None
    assert secret("TEST_KEY", production=False, var_dir=tmp_path / "var", filename="k.txt") == first
    assert [p.name for p in path.parent.iterdir()] == ["k.txt"]  # no temporary file left behind


def test_a_key_id_names_the_key_without_revealing_it():
    assert len(key_id(STRONG)) == 8
    assert key_id(STRONG) not in STRONG
    assert key_id(STRONG) != key_id(STRONG + "x")
