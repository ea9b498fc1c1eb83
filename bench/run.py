"""Run every benchmark module ``bench/bench_*.py`` and print one line per figure.

Each module exposes ``run() -> list[tuple[str, float, str]]`` (name, value, unit). Figures
that compare two things are measured in the same run, since these machines are shared.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    only = sys.argv[1:]
    rows: list[tuple[str, float, str]] = []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        print(f"# {path.stem}", file=sys.stderr, flush=True)
        rows.extend(module.run())
    width = max((len(name) for name, _, _ in rows), default=10)
    print(f"{'name':<{width}}  {'value':>10}  unit")
    for name, value, unit in rows:
        print(f"{name:<{width}}  {value:>10.2f}  {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
