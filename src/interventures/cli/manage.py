"""`interventures manage ARGS…`: Django's manage.py, for migrations and the development server."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("manage", help="run a Django management command", add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os

    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interventures.config.settings")
    execute_from_command_line(["interventures manage", *args.args])
    return 0
