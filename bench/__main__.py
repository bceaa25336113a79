"""`make bench`: runs every bench/bench_*.py that exposes run(), prints and saves the figures."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = set(argv)
    results = {}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(HERE.parent))
        spec.loader.exec_module(module)
        print(f"== {name}", flush=True)
        results[name] = module.run()
        print(json.dumps(results[name], ensure_ascii=False, indent=1), flush=True)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "all.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
