"""The consent an account holder gives to the processing of its data: the current text and its
version. Changing the text means giving it a new version here; accounts whose latest record is of an
older version are asked again on their account page (and told so when they log in)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12-04"

CONSENT_TEXT = _(
    "I agree that Inter Ventures stores my account (user name, e-mail address), my enterprise's name "
    "and country, and what I enter (preparedness tests and their answers, the partner-search profile, "
    "interests in meeting, comments) to provide the platform's services to me and my enterprise. A test "
    "result is shown to my region's partner only if I share it; completed tests are counted, without "
    "my name, in regional figures that never show fewer enterprises than the minimum cell. I can "
    "download all my data and delete my account at any time on my account page."
)
