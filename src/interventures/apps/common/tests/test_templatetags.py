from __future__ import annotations

import pytest
from django.template import Context, Template

SENTENCE = Template("{% load translated %}Instrument: {{ name|before_full_stop }}.")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020.",
            "Instrument: Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020.",
        ),
        ("Interreg V-A Hungary–Croatia", "Instrument: Interreg V-A Hungary–Croatia."),
        ("Wait...", "Instrument: Wait...."),  # an ellipsis is not an ordinal's stop: left alone
    ],
)
def test_a_name_that_ends_a_sentence_keeps_one_full_stop(name, expected):
    """Croatian ordinals end in a full stop; the sentence's own stop is not added to it."""
    assert SENTENCE.render(Context({"name": name})) == expected
