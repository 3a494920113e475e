"""Small helpers shared by the apps' forms."""

from __future__ import annotations

from django import forms


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name` as the ChoiceField it is declared as (a form's `fields` is typed as a
    mapping of plain Fields), so that its choices can be set in `__init__`."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a ChoiceField")
    return field
