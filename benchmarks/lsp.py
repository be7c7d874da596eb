"""Latency of ``pactc lsp`` diagnostics on the largest pact: what an editor waits for after a pause in typing.

Drives the server over stdio as an editor does (tests/lsp_client.py): opens the
largest ``pacte.yaml`` of the repository, then, ten times, changes one partner
reference and measures the time from the change to the published diagnostics
that report it. The server waits ``DELAI`` seconds of quiet before checking:
the figures give the total and the check alone (total minus the pause).

    python benchmarks/lsp.py      # writes benchmarks/RESULTS-lsp.md
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pactc.lsp import DELAI  # noqa: E402
from tests.lsp_client import Client  # noqa: E402


def main() -> None:
    largest = max((ROOT / "pactes").glob("*/pacte.yaml"), key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        copy = tmp / "pactes" / largest.parent.name
        shutil.copytree(largest.parent, copy)
        pact = copy / "pacte.yaml"
        text = pact.read_text("utf-8")
        client = Client(tmp)
        client.start(tmp)
        uri = pact.resolve().as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                                "text": text}})
        client.diagnostics(uri)
        partner = text.split("partenaires:\n  - id: ", 1)[1].split("\n", 1)[0].strip()
        times = []
        for k in range(10):
            wrong = f"{partner}-faute{k}"
            changed = text.replace(f"partenaire: {partner}", f"partenaire: {wrong}", 1)
            start = time.monotonic()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 2},
                                                     "contentChanges": [{"text": changed}]})
            client.diagnostics(uri, where=lambda ds, w=wrong: any(w in d["message"] for d in ds))
            times.append(time.monotonic() - start)
        client.stop()
    total = statistics.median(times)
    lines = ["# Latence des diagnostics du serveur de langage", "",
             f"Mesuré le {datetime.now(UTC):%Y-%m-%d %H:%M} UTC par `python benchmarks/lsp.py`, sur le plus grand "
             f"pacte du dépôt (`{largest.relative_to(ROOT)}`, {largest.stat().st_size // 1024} Ko), dix modifications.",
             "", "| mesure | durée |", "|---|---|",
             f"| pause attendue avant de vérifier (`DELAI`) | {DELAI:.2f} s |",
             f"| de la modification aux diagnostics publiés (médiane) | {total:.3f} s |",
             f"| dont vérification du dossier entier (médiane, hors pause) | {total - DELAI:.3f} s |",
             f"| pire cas des dix | {max(times):.3f} s |", "",
             f"Objectif : diagnostics en moins d'une seconde après la pause — "
             f"{'atteint' if total - DELAI < 1 else 'non atteint'}."]
    (ROOT / "benchmarks" / "RESULTS-lsp.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
