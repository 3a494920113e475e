"""The numerical core stays importable without Django, so analysts can use it from a notebook."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "src" / "interventures" / "core"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_modules_never_import_django_or_the_apps():
    offenders = {
        str(path.relative_to(CORE)): sorted(
            n for n in _imports(path) if n.split(".")[0] == "django" or n.startswith("interventures.apps")
        )
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_imports_in_a_process_without_django():
    modules = sorted(
        "interventures.core." + ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
        if "tests" not in p.parts
    )
    code = (
        "import sys\n"
        + "".join(f"import {m.rstrip('.')}\n" for m in modules)
        + ("assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))\n")
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter, no shell
