"""Open documents in LibreOffice (headless, over UNO), update their indexes as a reader would (Outils ›
Mettre à jour › Tout), and export each to PDF. Run by Debian's python3 (python3-uno), not the test venv:

    /usr/bin/python3 tests/lo_sommaire.py PORT PROFILE SOURCE PDF [SOURCE PDF …]
"""

import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):  # type: ignore[no-untyped-def]
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


port, profile, *pairs = sys.argv[1:]
office = subprocess.Popen(["soffice", "--headless", "--invisible", f"-env:UserInstallation={profile}",
                           f"--accept=socket,host=127.0.0.1,port={port};urp;"])
ctx = None
for _ in range(120):
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        break
    except Exception:  # noqa: BLE001 — LibreOffice is still starting
        time.sleep(0.5)
if ctx is None:
    office.kill()
    sys.exit("LibreOffice ne répond pas")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
try:
    for src, out in zip(pairs[::2], pairs[1::2], strict=True):
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:  # noqa: BLE001 — the connection closes as LibreOffice quits
        pass
    office.wait(60)
