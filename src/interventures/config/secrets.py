"""The platform's secrets: from the environment in production, generated once and kept in var/ in
development. Imported by settings.py before Django is set up, so it uses only the standard library and
Django's exception class.

A secret that is missing, short, too uniform or a known default stops the process in production: a
guessable SECRET_KEY lets anyone forge sessions and password-reset links, and a guessable pseudonym
key lets anyone with an export and a list of candidate ids (they are sequential) recompute the
pseudonyms and re-identify the respondents.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5
# Keys that were ever written in this repository or that Django itself generates as placeholders.
KNOWN_DEFAULTS = frozenset(
    {
        "insecure-development-key-change-me-in-production",
        "test-secret-key-not-for-production",
    }
)


def weakness(value: str) -> str | None:
    """Why `value` is not acceptable as a secret, or None when it is."""
    if value in KNOWN_DEFAULTS or value.startswith("django-insecure"):
        return "it is a published default"
    if len(value) < MIN_LENGTH:
        return f"it has {len(value)} characters, fewer than {MIN_LENGTH}"
    if len(set(value)) < MIN_UNIQUE_CHARACTERS:
        return f"it has fewer than {MIN_UNIQUE_CHARACTERS} different characters"
    return None


def key_id(value: str) -> str:
    """A short public name of a key (8 hex digits of its SHA-256), to tell key generations apart
    without revealing the key."""
    return hashlib.sha256(value.encode()).hexdigest()[:8]


def _kept_in(path: Path) -> str:
    """The key stored at `path`, created (mode 0600) with a new random key if there is none.

    Two processes starting at once (server and worker) must end up with the same key: the new key is
    written to a private temporary file and linked into place, which fails if another process won."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_urlsafe(64) + "\n")
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def secret(env_name: str, *, production: bool, var_dir: Path, filename: str) -> str:
    """The secret named `env_name`: the environment variable (required in production), otherwise in
    development the key kept in `var_dir / filename`."""
    value = os.environ.get(env_name, "")
    source = env_name
    if not value:
        if production:
            raise ImproperlyConfigured(
                f"{env_name} is not set. In production mode (INTERVENTURES_ENV=production or "
                f"DJANGO_DEBUG=0) it must hold a random secret of at least {MIN_LENGTH} characters, e.g. "
                '`python -c "import secrets; print(secrets.token_urlsafe(64))"`. See docs/security.md.'
            )
        path = var_dir / filename
        value = _kept_in(path)
        source = str(path)
    problem = weakness(value)
    if problem:
        raise ImproperlyConfigured(
            f"{env_name} (from {source}) is not a usable secret: {problem}. See docs/security.md."
        )
    return value
