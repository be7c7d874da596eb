"""``python -m tests.fidelity [document…] [--out build]``: the fidelity report, readable."""

from __future__ import annotations

import sys
from pathlib import Path

from . import DOCUMENTS, compare, seed_text


def main(argv: list[str]) -> int:
    out = Path("build")
    if "--out" in argv:
        i = argv.index("--out")
        out = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    names = argv or sorted(DOCUMENTS)
    dirty = 0
    for name in names:
        _, folder, html = DOCUMENTS[name]
        report = compare(seed_text(name), (out / folder / html).read_text("utf-8"))
        print(f"== {name}: {len(report.missing)} absentes, {len(report.added)} ajoutées, "
              f"{len(report.repeated)} répétées")
        for s in report.missing:
            print(f"  ABSENTE   {s}")
        for s in report.added:
            print(f"  AJOUTÉE   {s}")
        for s, signed, printed in report.repeated:
            print(f"  RÉPÉTÉE   ({signed} → {printed}) {s}")
        dirty += not report.clean
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
