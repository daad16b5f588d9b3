"""The launcher: loopback only, moto configured before start, clear start-up errors, no orphans."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

import pytest

from conftest import LAUNCHER, Sandbox, start_launcher


def non_loopback_address() -> str | None:
    """An address of this machine other than 127.x, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for a UDP connect
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_listens_on_loopback_only(sandbox: Sandbox) -> None:
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=2):
        pass
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to probe")
    with pytest.raises(OSError):
        socket.create_connection((address, sandbox.port), timeout=2).close()


def test_moto_is_configured_for_executions_without_docker(sandbox: Sandbox) -> None:
    config = sandbox.get("/moto-api/config")
    assert config["stepfunctions"] == {"execute_state_machine": True}
    assert config["lambda"] == {"use_docker": False}


def test_sandbox_settings_round_trip_through_moto_config(sandbox: Sandbox) -> None:
    sandbox.settings(cfn_resource_delay_ms=125)
    assert sandbox.get("/moto-api/config")["slipway"]["cfn_resource_delay_ms"] == 125
    sandbox.post("/moto-api/reset")  # reset keeps the config, as moto's own settings
    assert sandbox.get("/moto-api/config")["slipway"]["cfn_resource_delay_ms"] == 125


def test_port_in_use_is_reported_clearly() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run([sys.executable, str(LAUNCHER), "--port", str(port)],
                                capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert f"port 127.0.0.1:{port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_exits_when_its_parent_goes_away() -> None:
    """With --exit-on-stdin-eof (what sandbox.mjs passes), closing stdin stops the server."""
    process, ready = start_launcher(extra_args=("--exit-on-stdin-eof",))
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{ready['port']}/moto-api/config", timeout=5).read()
        assert process.stdin is not None
        process.stdin.close()
        assert process.wait(timeout=10) == 0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", ready["port"]), timeout=1).close()
    finally:
        if process.poll() is None:
            process.kill()


def test_ready_line_is_json_with_port_and_pid(sandbox: Sandbox) -> None:
    assert sandbox.process.pid > 0 and sandbox.port > 0
    started = time.monotonic()
    body: Any = json.loads(urllib.request.urlopen(f"{sandbox.endpoint}/moto-api/config", timeout=5).read())
    assert "slipway" in body and time.monotonic() - started < 2
