"""Settings for the test suite: the base settings with fast password hashing (hashing is not under test)
and fixed keys, so that pseudonyms are the same in every run."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - tests only
PSEUDONYM_KEY = "test-pseudonym-key-not-for-production"
CELERY_TASK_ALWAYS_EAGER = True
# The matrix and the i18n walk call the API thousands of times from one address; the limits
# themselves are tested with their own rates (apps/api/tests/test_limits.py).
API_RATE_ANONYMOUS = "100000/m"
API_RATE_USER = "100000/m"
