"""Reading a JSON request body within bounds: size, nesting depth, and a clear message when it is
not what an API expects. A 100,000-deep body once crashed the API with RecursionError; here it is
refused before the parser sees it."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32


class JsonBodyError(ValueError):
    """The body cannot be accepted; the message says why (in English, as API errors are)."""


def nesting_depth(text: str, limit: int) -> int:
    """The deepest nesting of arrays and objects in JSON text, counted up to `limit` + 1 (strings,
    with their escapes, are skipped). Linear in the text, no recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def json_body(request: HttpRequest, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The request's JSON body, or JsonBodyError naming what is wrong (empty body: an empty object)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > max_bytes:
        raise JsonBodyError(f"the body is larger than {max_bytes} bytes")
    try:
        raw = request.body
    except RequestDataTooBig as exc:
        raise JsonBodyError(f"the body is larger than {max_bytes} bytes") from exc
    if len(raw) > max_bytes:
        raise JsonBodyError(f"the body is larger than {max_bytes} bytes")
    if not raw.strip():
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonBodyError("the body is not UTF-8 text") from exc
    if nesting_depth(text, max_depth) > max_depth:
        raise JsonBodyError(f"the body is nested more than {max_depth} levels deep")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise JsonBodyError(f"the body is not valid JSON ({exc})") from exc
