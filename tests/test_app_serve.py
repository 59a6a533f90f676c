"""`explorer app` and its server (explorer/app/serve.py), as real processes: the
server survives many interactions that each parse the data file in a new thread, as
Streamlit runs them; a signal to `explorer app` stops it and frees the port; it
answers only requests addressed to its own address."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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


# ------------------------------------------- the server `explorer app` starts
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
            return True
    except OSError:
        return False


@contextmanager
def _explorer_app() -> Iterator[tuple[subprocess.Popen, int]]:
    """`explorer app` as an analyst starts it, in its own process group (for cleanup)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer.cli", "app", "--data", str(DATA), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield process, port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_a_signal_to_explorer_app_stops_the_server(sig):
    with _explorer_app() as (process, port):
        os.kill(process.pid, sig)  # `kill PID`, or Ctrl-C's SIGINT to the process itself
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while (_group_alive(process.pid) or _answers(port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(process.pid), "a process of `explorer app` outlived it"
        assert not _answers(port), "the port is still served after `explorer app` ended"


def _request(port: int, lines: list[str]) -> str:
    """Send one raw HTTP/1.1 request (headers as given) and return the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        reply = b""
        while b"\r\n" not in reply:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n", 1)[0].decode()


def _websocket(port: int, host: str, origin: str | None) -> str:
    lines = ["GET /_stcore/stream HTTP/1.1", f"Host: {host}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
             "Sec-WebSocket-Version: 13"]
    if origin:
        lines.append(f"Origin: {origin}")
    return _request(port, lines)


def test_the_server_answers_only_its_own_address():
    """DNS rebinding: a page on evil.example, resolved to 127.0.0.1, sends its own name
    as Host (and Origin); the server refuses it, over HTTP and on the websocket."""
    with _explorer_app() as (_, port):
        own, local, evil = f"127.0.0.1:{port}", f"localhost:{port}", f"evil.example:{port}"
        for host in (own, local):
            assert " 200 " in _request(port, ["GET / HTTP/1.1", f"Host: {host}"])
            assert " 101 " in _websocket(port, host, f"http://{host}")
        assert " 101 " in _websocket(port, own, None)  # a non-browser client sends no Origin
        for host in (evil, f"127.0.0.1:{port + 1}", "127.0.0.1"):
            assert " 403 " in _request(port, ["GET / HTTP/1.1", f"Host: {host}"]), host
            assert " 403 " in _request(port, ["GET /_stcore/health HTTP/1.1",
                                              f"Host: {host}"]), host
        assert " 101 " not in _websocket(port, evil, f"http://{evil}")
        assert " 101 " not in _websocket(port, own, f"http://{evil}")
        assert " 403 " in _request(port, ["GET / HTTP/1.1", f"Host: {own}",
                                          f"Origin: http://{evil}"])
