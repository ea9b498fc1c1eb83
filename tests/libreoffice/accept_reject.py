"""Accept and reject every tracked change of a .docx in LibreOffice, over UNO.

Run with the Python that has LibreOffice's ``uno`` module (Debian: /usr/bin/python3 with
python3-uno), not the project's virtual environment:

    python3 accept_reject.py IN.docx ACCEPTED.docx REJECTED.docx PROFILE_DIR

Starts a headless soffice with its own profile in PROFILE_DIR, dispatches
.uno:AcceptAllTrackedChanges (then, on a fresh copy, .uno:RejectAllTrackedChanges) and saves
each result as Word 2007 XML. Exits non-zero if LibreOffice cannot be reached.
"""

import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

PIPE = "docx_tracked_changes"
COMMANDS = (".uno:AcceptAllTrackedChanges", ".uno:RejectAllTrackedChanges")


def prop(name, value):
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def connect(resolver):
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={PIPE};urp;StarOffice.ComponentContext")
        except Exception:  # LibreOffice is still starting
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not answer over UNO")


def main(source, accepted, rejected, profile):
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            f"--accept=pipe,name={PIPE};urp;",
        ]
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    context = connect(resolver)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    dispatcher = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", context
    )
    try:
        for command, target in zip(COMMANDS, (accepted, rejected), strict=True):
            url = uno.systemPathToFileUrl(str(Path(source).resolve()))
            document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            frame = document.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, command, "", 0, ())
            out = uno.systemPathToFileUrl(str(Path(target).resolve()))
            document.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
            document.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # the bridge closes as soffice quits
            pass
        office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:5])
