"""`interventures demo load`: synthetic demo data, idempotently, for every domain that has some.

Each app may provide `interventures.apps.<app>.demo.load(*, out: TextIO) -> None`; they run in
DEMO_ORDER because later domains build on earlier ones (results need companies, analysis needs
survey responses)."""

from __future__ import annotations

import argparse
import importlib
import sys

DEMO_ORDER = [
    "accounts",
    "assessment",
    "keyplayers",
    "surveys",
    "analysis",
    "learning",
    "matchmaking",
    "actionplans",
]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="synthetic demo data")
    sub = p.add_subparsers(dest="demo_command", required=True)
    load = sub.add_parser("load", help="load the demo data (idempotent)")
    load.set_defaults(func=run_load)


def run_load(args: argparse.Namespace) -> int:
    from .main import django_setup

    django_setup()
    for app in DEMO_ORDER:
        try:
            module = importlib.import_module(f"interventures.apps.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"interventures.apps.{app}.demo":
                raise
            continue
        module.load(out=sys.stdout)
    return 0
