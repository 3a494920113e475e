"""Every schema of the API has a name of its own: the OpenAPI document names its components by class
name, so two routers' `RegionOut` would leave one of them described by the other's schema."""

from __future__ import annotations

import importlib
import inspect
from collections import defaultdict

from ninja import Schema

from interventures.apps.api.api import ROUTERS


def test_no_two_routers_define_a_schema_of_the_same_name() -> None:
    defined: dict[str, list[str]] = defaultdict(list)
    for _prefix, dotted in ROUTERS:
        module = importlib.import_module(dotted.rsplit(".", 1)[0])
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, Schema) and obj.__module__ == module.__name__:
                defined[name].append(module.__name__)
    assert len(defined) > 30
    assert {n: m for n, m in defined.items() if len(m) > 1} == {}


def test_an_offset_past_any_list_is_refused_not_a_server_error(client: object, db: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    too_far = client.get("/api/v1/reference/nace", {"offset": 74716801204650570514694144})
    assert too_far.status_code == 422
    assert client.get("/api/v1/reference/nace", {"offset": 10**9}).status_code == 200
