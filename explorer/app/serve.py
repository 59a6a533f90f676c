"""What `explorer app` runs: the Streamlit server, answering only its own address.

`explorer app` replaces its own process with this one (`os.execv`), so the
process the analyst started *is* the server: Ctrl-C and `kill PID` reach it
directly and nothing is left serving the port.

The server listens on 127.0.0.1 only. A page on another site can still reach
it through DNS rebinding (a name such as evil.example that resolves to
127.0.0.1): the browser then sends `Host: evil.example:PORT` and, on the
websocket, `Origin: http://evil.example:PORT`. `LocalOnly` refuses every
request whose Host is not the address and port served (or `localhost` on that
port), and every request or websocket whose Origin is not one of those.

yaml_rs (the read path's parser) brings its own memory allocator, which treats
the thread that loads it as its main thread. Streamlit runs the app's script in
a new, short-lived thread on every interaction; once the thread that first
loaded the parser has ended, parsing in later threads crashes the whole server
(a segmentation fault: reproduced in 5 of 5 runs of 200 parses,
tests/test_app_serve.py). Loaded here, it belongs to the process's main thread,
which lives as long as the server.

As it starts, the server reads the data file and makes the default drawing in
the background (`prepare`), so that the first page opens as fast as any other.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from explorer import parse  # noqa: F401  (loads yaml_rs in this, the main, thread)

__all__ = ["ADDRESS", "LocalOnly", "config", "main", "prepare"]

ADDRESS = "127.0.0.1"
ENTRY = Path(__file__).parent / "main.py"

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def config(port: int) -> dict[str, Any]:
    """The server's settings: localhost only, no telemetry, no error details shown."""
    return {
        "server.address": ADDRESS, "server.port": port, "server.headless": True,
        "server.fileWatcherType": "none", "server.allowedHosts": [ADDRESS, "localhost"],
        "browser.gatherUsageStats": False, "browser.serverAddress": ADDRESS,
        "client.showErrorDetails": "none", "client.toolbarMode": "minimal",
        "global.developmentMode": False, "runner.magicEnabled": False,
        # a closed tab's session (and the data it shows) goes after 30 s, not 2 minutes
        "server.disconnectedSessionTTL": 30,
    }


class LocalOnly:
    """ASGI middleware: answer only requests addressed to this server by its own name.

    A request (HTTP or websocket) passes when its Host is `127.0.0.1:PORT` or
    `localhost:PORT`, and its Origin, when it sends one, is `http://` + such a
    host. Anything else gets 403 and never reaches Streamlit.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], port: int) -> None:
        self.app = app
        self.port = port
        self.hosts = {f"{ADDRESS}:{port}", f"localhost:{port}"}
        if port == 80:
            self.hosts |= {ADDRESS, "localhost"}
        self.origins = {f"http://{h}" for h in self.hosts}

    def refusal(self, scope: Scope) -> str | None:
        """Why the request is refused, or None when it may pass."""
        headers: dict[bytes, bytes] = {}
        for name, value in scope.get("headers", ()):
            headers.setdefault(name.lower(), value)
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if host not in self.hosts:
            return f"Host {host!r} is not this server's address"
        origin = headers.get(b"origin")
        if origin is not None and origin.decode("latin-1").strip().lower() not in self.origins:
            return f"Origin {origin.decode('latin-1')!r} is not this server's address"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        reason = self.refusal(scope)
        if reason is None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # refused before accept: 403
            return
        body = f"Refused: {reason}. Open the app at http://{ADDRESS}:{self.port}/\n".encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def prepare() -> None:
    """Do once, as the server starts, what the first page would otherwise wait for:
    import what the pages use, read the data file, build the default view, and make
    its drawing at the kept positions (each cached as every page's run caches them).
    A problem here is left for the first page to show."""
    try:
        import explorer.analysis.actors
        import explorer.app.charts
        import explorer.app.events_layer
        import explorer.app.filters
        import explorer.app.panels
        import explorer.app.writing  # noqa: F401  (imported once, here, not by a page)
        from explorer.app import data, network, state
        from explorer.graph import make_view

        loaded = data.load()
        if loaded.dataset is not None:
            network.prepare(make_view(loaded.dataset, state.APP_DEFAULT), loaded.path)
    except Exception:  # the page will meet it again, and say so
        logging.getLogger("explorer.app").exception("preparing the first page failed")


def main(argv: list[str] | None = None) -> None:
    """Serve the app on 127.0.0.1:PORT until interrupted (the data file: EXPLORER_DATA)."""
    import streamlit as st
    from starlette.middleware import Middleware

    parser = argparse.ArgumentParser(prog="explorer app")
    parser.add_argument("--port", type=int, default=8501)
    port = parser.parse_args(argv).port
    app = st.App(ENTRY, middleware=[Middleware(LocalOnly, port=port)])
    # caches used outside a page's run say so on every call: nothing to act on there
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: record.threadName != "explorer-prepare")
    threading.Thread(target=prepare, name="explorer-prepare", daemon=True).start()
    app.run(config=config(port))


if __name__ == "__main__":
    main()
