"""`explorer app`'s launcher (explorer/app/serve.py): the server survives many
interactions that each parse the data file in a new thread, as Streamlit runs them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

DATA = Path(__file__).parent / "data" / "valid-minimal.yaml"

SCRIPT = textwrap.dedent("""
    import sys, threading
    if sys.argv[1] == "launcher":
        import explorer.app.serve  # what `explorer app` runs in the main thread
    text = open(sys.argv[2], encoding="utf-8").read()

    def interaction():  # Streamlit runs the app's script in a new thread each time
        from explorer import store
        store.load_text(text, "relations.yaml")

    for _ in range(200):
        thread = threading.Thread(target=interaction)
        thread.start()
        thread.join()
    print("ok")
""")


def test_parsing_in_short_lived_threads_after_the_launcher():
    done = subprocess.run([sys.executable, "-c", SCRIPT, "launcher", str(DATA)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == "ok"
