#!/usr/bin/env python3
"""Slipway's sandbox AWS account: a moto server on 127.0.0.1 with Slipway's extensions.

    .sandbox/venv/bin/python sandbox/aws/launcher.py --port 4566 [--exit-on-stdin-eof]

Prints one JSON line ``{"event": "ready", "port": N, "pid": P}`` on stdout once it answers HTTP,
then serves until SIGTERM or SIGINT (or, with --exit-on-stdin-eof, until its parent goes away and
stdin closes: the Node orchestrator uses that so a killed parent leaves no orphan behind).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

HOST = "127.0.0.1"  # never 0.0.0.0: the sandbox account is for this machine only


class LauncherError(Exception):
    """A start-up problem the user can act on; printed without a stack trace."""


def configure_moto(port: int) -> None:
    """Must run before any resource exists: execution mode keeps state machines in a separate store."""
    # Step Functions task integrations call back to localhost:$MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)
    from moto.core.config import default_user_config

    default_user_config["stepfunctions"] = {"execute_state_machine": True}
    default_user_config["lambda"] = {"use_docker": False}


def check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise LauncherError(f"port {HOST}:{port} is already in use ({exc.strerror}); "
                                "stop whatever listens there or choose another SANDBOX_AWS_PORT")


def start_server(port: int):
    from moto.server import ThreadedMotoServer

    class ReportingServer(ThreadedMotoServer):
        """moto's ThreadedMotoServer waits forever when the socket cannot be bound; this one reports it."""

        startup_error: BaseException | None = None

        def _server_entry(self) -> None:
            try:
                super()._server_entry()
            except BaseException as exc:  # noqa: BLE001 - reported to the main thread
                self.startup_error = exc
                self._server_ready_event.set()

    server = ReportingServer(ip_address=HOST, port=port, verbose=False)
    server.start()
    if server.startup_error is not None:
        raise LauncherError(f"moto could not listen on {HOST}:{port}: {server.startup_error}")
    return server


def wait_for_http(port: int, timeout: float = 10.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/moto-api/config", timeout=1) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise LauncherError(f"moto did not answer on {HOST}:{port} within {timeout:.0f} s")
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SANDBOX_AWS_PORT", "4566")),
                        help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="exit when stdin closes (the parent process died)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    port = args.port
    if port == 0:
        with socket.socket() as s:
            s.bind((HOST, 0))
            port = s.getsockname()[1]
    try:
        check_port_free(port)
        configure_moto(port)
        from slipway_sandbox import apply_extensions, describe_extensions

        apply_extensions()
        server = start_server(port)
        wait_for_http(port)
    except LauncherError as exc:
        print(f"sandbox-aws: {exc}", file=sys.stderr, flush=True)
        return 2

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        def watch_stdin() -> None:
            # The raw fd, not sys.stdin: a daemon thread blocked in the buffered reader makes
            # interpreter shutdown abort ("could not acquire lock for <stdin>").
            try:
                while os.read(0, 4096):
                    pass
            except OSError:
                pass
            stop.set()

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    for name, summary in describe_extensions():
        print(f"sandbox-aws: extension {name}: {summary}", file=sys.stderr)
    print(json.dumps({"event": "ready", "port": port, "pid": os.getpid()}), flush=True)

    while not stop.wait(3600):
        pass
    print("sandbox-aws: stopping", file=sys.stderr, flush=True)
    # Shutting the server down first lets an in-flight request finish; the daemon threads (HTTP
    # handlers, stack workers, the stdin watcher) then die with the process.
    threading.Thread(target=server.stop, daemon=True).start()
    time.sleep(0.2)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter finalisation: with daemon threads still running it can abort the process.
    os._exit(code)
