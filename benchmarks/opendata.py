"""The open data and the national view at the scale of France: 101 synthetic départements.

    python benchmarks/opendata.py [--departements 101]

Measures, each in a fresh process (peak memory = ru_maxrss of that process):

- ``pactc build --no-pdf``: checks, HTML, each département's package, the national package and pages;
- ``pactc opendata``: the national package alone;
- the real ``frictionless validate`` of the national package (foreign keys included).

Writes the « Données ouvertes et vue nationale » section of benchmarks/RESULTS.md (the rest is run.py's).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PACTC = [sys.executable, "-m", "pactc"]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
DEBUT, FIN = "<!-- donnees-ouvertes: début -->", "<!-- donnees-ouvertes: fin -->"
PROBE = ("import resource, subprocess, sys, time\n"
         "start = time.perf_counter()\n"
         "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
         "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (Mo) of ``command`` run in a fresh process."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *command], cwd=ROOT, check=True, capture_output=True,
                          text=True)
    seconds, peak_kb = proc.stdout.split()
    return float(seconds), int(peak_kb) / 1024


def section(rows: list[str]) -> str:
    return "\n".join([DEBUT, *rows, FIN])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departements", type=int, default=101)
    args = parser.parse_args()
    n = args.departements
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus = tmp / "corpus"
        write_corpus(corpus, n)
        build_s, build_mb = measured([*PACTC, "build", "-q", "--no-pdf", "-j1", "--out", str(tmp / "build"),
                                      str(corpus)])
        pages = len(list((tmp / "build" / "themes").glob("*.html"))) + 2
        rows = {p.stem: p.read_text("utf-8").count("\n") - 1 for p in (tmp / "build" / "donnees").glob("*.csv")}
        noop_s, _ = measured([*PACTC, "build", "-q", "--no-pdf", "-j1", "--out", str(tmp / "build"), str(corpus)])
        opendata_s, opendata_mb = measured([*PACTC, "opendata", "--out", str(tmp / "paquet"), str(corpus)])
        frictionless = shutil.which("frictionless") or str(Path(sys.executable).parent / "frictionless")
        start = datetime.now(UTC)
        proc = subprocess.run([frictionless, "validate", "--json", "datapackage.json"], cwd=tmp / "paquet",
                              capture_output=True, text=True)
        validate_s = (datetime.now(UTC) - start).total_seconds()
        valid = json.loads(proc.stdout)["valid"] if proc.stdout.strip().startswith("{") else False
    lines = [
        "## Données ouvertes et vue nationale", "",
        f"Mesuré le {datetime.now(UTC):%Y-%m-%d %H:%M} UTC par `python benchmarks/opendata.py` sur {n} départements "
        "synthétiques (`benchmarks/corpus.py`, axes et engagements étiquetés par thème), un processus.", "",
        "| mesure | durée | pic mémoire |", "|---|---|---|",
        f"| `pactc build --no-pdf -j1` : vérification, HTML, paquet de chaque département, paquet national, "
        f"{pages} pages nationales | {build_s:.1f} s | {build_mb:.0f} Mo |",
        f"| même commande, sans changement | {noop_s:.2f} s | — |",
        f"| `pactc opendata` : le paquet national seul | {opendata_s:.1f} s | {opendata_mb:.0f} Mo |",
        f"| `frictionless validate` du paquet national (clés étrangères comprises) | {validate_s:.1f} s | — |", "",
        f"Paquet national : {', '.join(f'{k} {v}' for k, v in sorted(rows.items()))} lignes. "
        f"Validation frictionless : **{'valide' if valid else 'INVALIDE'}**.",
    ]
    text = RESULTS.read_text("utf-8") if RESULTS.is_file() else ""
    if DEBUT in text:
        text = text.split(DEBUT)[0] + section(lines) + text.split(FIN, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section(lines) + "\n"
    RESULTS.write_text(text, "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
