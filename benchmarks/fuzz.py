"""Mutation run: mutated real pacts through check and rendering, for a given time.

    python benchmarks/fuzz.py --minutes 10

Each mutant is a real pact of ``pactes/`` (and its programme) with a few strings rewritten hostile or one
structural mutation (tests/test_properties.py: mutate_real). Every mutant is checked; those that check clean
are rendered (HTML, and PDF one time in ten). Any exception other than a diagnostic is an internal error:
the run prints its seed and exits 1. Prints the counts at the end.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pactc.build import render_document  # noqa: E402
from pactc.documents import documents_for  # noqa: E402
from pactc.dossier import check_source  # noqa: E402
from pactc.project import Source  # noqa: E402
from tests.test_properties import REAL, mutate_real  # noqa: E402

COUNTS = {"mutants": 0, "propres": 0, "rendus_html": 0, "rendus_pdf": 0}


def one(folder: Path, data: st.DataObject, work: Path) -> None:
    target = Path(tempfile.mkdtemp(dir=work, prefix="mute-"))
    try:
        mutate_real(folder, data.draw, target)
        COUNTS["mutants"] += 1
        source = Source("mute", target, target / "pacte.yaml")
        result = check_source(source)
        if result.failed(False) or result.dossier is None:
            return
        COUNTS["propres"] += 1
        pdf = data.draw(st.integers(0, 9)) == 0
        for doc in documents_for(result.dossier):
            render_document(source, result.dossier, doc.name, work / "build", pdf)
            COUNTS["rendus_pdf" if pdf else "rendus_html"] += 1
    finally:
        shutil.rmtree(target, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    work = Path(tempfile.mkdtemp(prefix="pactc-fuzz-"))
    batch = 0
    try:
        while time.monotonic() < deadline:
            batch += 1

            @seed(batch)
            @settings(max_examples=50, deadline=None, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(st.sampled_from(REAL), st.data())
            def run(folder: Path, data: st.DataObject) -> None:
                one(folder, data, work)

            try:
                run()
            except Exception as exc:  # noqa: BLE001 — an internal error: report it and stop
                print(f"ERREUR INTERNE (graine {batch}) : {type(exc).__name__} : {exc}")
                print(COUNTS)
                return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.minutes:g} min, {batch} lots : {COUNTS['mutants']} mutants, {COUNTS['propres']} vérifiés sans "
          f"erreur, {COUNTS['rendus_html']} documents rendus en HTML, {COUNTS['rendus_pdf']} en PDF, "
          "0 erreur interne")
    return 0


if __name__ == "__main__":
    sys.exit(main())
