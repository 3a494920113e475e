from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape

from ..translated import tr as _tr

register = template.Library()


@register.filter(name="tr")
def tr(obj: Any, field: str) -> str:
    """{{ region|tr:"name" }}: the field in the active language, falling back to the base text."""
    return _tr(obj, field)


@register.filter(name="before_full_stop")
def before_full_stop(text: Any) -> str:
    """A name that ends a sentence, without its own final full stop, so that the sentence's full stop
    is not doubled: Croatian and Hungarian ordinals end in one ("2014.–2020."), and a sentence that
    ends with such a name keeps a single stop ("… 2014.–2020.", not "2014.–2020..")."""
    value = str(text)
    return value[:-1] if value.endswith(".") and not value.endswith("..") else value


@register.filter(name="language_names")
def language_names(codes: Any) -> str:
    """{{ region.languages|language_names }}: "hu, hr" as the languages' names in the page's language
    ("mađarski, hrvatski"); a code Django does not know stays as it is."""
    from django.utils.translation import get_language_info

    names = []
    for code in codes or ():
        try:
            names.append(str(get_language_info(str(code))["name_translated"]))
        except KeyError:
            names.append(str(code))
    return ", ".join(names)


@register.filter(name="tr_marked", is_safe=True)
def tr_marked(obj: Any, field: str) -> str:
    """{{ instrument|tr_marked:"total_budget_stated" }}: the field in the active language; where it has
    no translation into it, the English base text marked as English (`lang="en"`), so that a screen
    reader reads it as English and the check for English left on a page knows it is a quotation."""
    from django.utils.html import format_html
    from django.utils.translation import get_language

    lang = (get_language() or "en").split("-")[0]
    text = _tr(obj, field)
    translated = ((getattr(obj, "translations", None) or {}).get(lang) or {}).get(field)
    if lang == "en" or translated or not text:
        return conditional_escape(text)
    return format_html('<span lang="en">{}</span>', text)
