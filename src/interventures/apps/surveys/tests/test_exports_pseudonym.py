"""Pseudonyms in microdata exports: keyed by their own rotatable secret, never by SECRET_KEY, and
labelled with the key generation that made them."""

from __future__ import annotations

import hashlib
import hmac

from interventures.apps.surveys import exports
from interventures.config.secrets import key_id

OLD_DEFAULT = "insecure-development-key-change-me-in-production"


def test_knowing_the_secret_key_does_not_reverse_a_pseudonym(settings):
    settings.SECRET_KEY = OLD_DEFAULT
    # The attack of the report: recompute the HMAC of guessable ids with the (known) SECRET_KEY.
    guesses = {
        hmac.new(OLD_DEFAULT.encode(), f"1:inv-{n}".encode(), hashlib.sha256).hexdigest()[:16]
        for n in range(50)
    }
    assert not any(exports.pseudonym(1, f"inv-{n}").split("-", 1)[1] in guesses for n in range(50))
    before = exports.pseudonym(1, "inv-1")
    settings.SECRET_KEY = OLD_DEFAULT + "-rotated"
    assert exports.pseudonym(1, "inv-1") == before  # a new SECRET_KEY leaves the pseudonyms alone


def test_rotating_the_pseudonym_key_changes_every_pseudonym_and_its_key_id(settings):
    before = [exports.pseudonym(7, f"k{n}") for n in range(20)]
    assert {p.split("-")[0] for p in before} == {key_id(settings.PSEUDONYM_KEY)}
    settings.PSEUDONYM_KEY = "another-pseudonym-key-" + "Zq4" * 15
    after = [exports.pseudonym(7, f"k{n}") for n in range(20)]
    assert not set(before) & set(after)
    assert {p.split("-")[0] for p in after} == {key_id(settings.PSEUDONYM_KEY)}
