"""What `explorer app` runs: Streamlit's command line, after loading the YAML parser here.

yaml_rs (the read path's parser) brings its own memory allocator, which treats the
thread that loads it as its main thread. Streamlit runs the app's script in a new,
short-lived thread on every interaction; once the thread that first loaded the
parser has ended, parsing in later threads crashes the whole server (a segmentation
fault: reproduced in 5 of 5 runs of 200 parses, tests/test_app_serve.py). Loaded
here, it belongs to the process's main thread, which lives as long as the server.
"""

from __future__ import annotations

from streamlit.web.cli import main

from explorer import parse  # noqa: F401  (loads yaml_rs in this, the main, thread)

if __name__ == "__main__":
    main(prog_name="streamlit")
