"""Settings for the test suite: the base settings with fast password hashing (hashing is not under test)
and fixed keys, so that pseudonyms are the same in every run."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - tests only
PSEUDONYM_KEY = "test-pseudonym-key-not-for-production"
CELERY_TASK_ALWAYS_EAGER = True
