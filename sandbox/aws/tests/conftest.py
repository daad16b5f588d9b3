"""One sandbox launcher per test session; every test starts from a reset account.

The launcher runs as a real subprocess on a free port, exactly as ``sandbox.mjs`` starts it, and
the tests talk to it with boto3 over HTTP.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

LAUNCHER = Path(__file__).resolve().parents[1] / "launcher.py"
# Tests that call the extensions' code directly import slipway_sandbox from beside the launcher,
# whichever test module pytest collects first.
sys.path.insert(0, str(LAUNCHER.parent))
REGION = "us-east-1"
ACCOUNT = "123456789012"
TERMINAL = {
    "CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_COMPLETE",
    "DELETE_FAILED", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED",
}


class Sandbox:
    def __init__(self, process: subprocess.Popen[str], port: int):
        self.process = process
        self.port = port
        self.endpoint = f"http://127.0.0.1:{port}"

    def client(self, service: str, config: Config | None = None) -> Any:
        # Unimplemented operations answer HTTP 500 and SDKs retry 5xx: one attempt keeps failures fast
        # (botocore's "max_attempts" counts retries, "total_max_attempts" every attempt).
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id="test",
            aws_secret_access_key="test", config=config or Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        )

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else b""
        request = urllib.request.Request(self.endpoint + path, data=data, method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.endpoint + path, timeout=10) as response:
            return json.loads(response.read().decode())

    def settings(self, **changes: Any) -> None:
        self.post("/moto-api/config", {"slipway": changes})


def start_launcher(port: int = 0, extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None,
                   timeout: float = 30.0) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    # --exit-on-stdin-eof: if this test process dies, the launcher notices stdin closing and exits.
    args = ["--exit-on-stdin-eof", *[a for a in extra_args if a != "--exit-on-stdin-eof"]]
    process = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "--port", str(port), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=5)
        raise RuntimeError(f"launcher exited ({process.returncode}): {process.stderr.read() if process.stderr else ''}")
    ready = json.loads(line)
    assert ready["event"] == "ready" and time.monotonic() < deadline
    return process, ready


def stop_launcher(process: subprocess.Popen[str]) -> int:
    process.terminate()
    try:
        return process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    process, ready = start_launcher()
    try:
        yield Sandbox(process, ready["port"])
    finally:
        stop_launcher(process)


# Change sets complete at once unless a test asks for AWS's asynchronous creation.
DEFAULT_SETTINGS = {"cfn_resource_delay_ms": 0, "cfn_unsupported_resources": "fail", "cfn_change_set_delay_ms": 0, "throttle": {}}


@pytest.fixture(autouse=True)
def fresh_account(request: pytest.FixtureRequest) -> Iterator[None]:
    if "sandbox" not in request.fixturenames:
        yield
        return
    box: Sandbox = request.getfixturevalue("sandbox")
    box.post("/moto-api/reset")
    box.settings(**DEFAULT_SETTINGS)
    yield
    box.settings(**DEFAULT_SETTINGS)


@pytest.fixture
def cfn(sandbox: Sandbox) -> Any:
    return sandbox.client("cloudformation")


def wait_for_stack(cfn: Any, name_or_id: str, timeout: float = 30.0,
                   until: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """Poll DescribeStacks until the stack reaches a terminal status (or ``until`` says so)."""
    done = until or (lambda status: status in TERMINAL)
    deadline = time.monotonic() + timeout
    while True:
        stack = cfn.describe_stacks(StackName=name_or_id)["Stacks"][0]
        if done(stack["StackStatus"]):
            return stack
        if time.monotonic() > deadline:
            raise AssertionError(f"stack {name_or_id} still {stack['StackStatus']} after {timeout} s")
        time.sleep(0.02)


def stack_events(cfn: Any, name_or_id: str) -> list[dict[str, Any]]:
    """Events oldest first (the API returns newest first)."""
    events: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {"StackName": name_or_id}
    while True:
        page = cfn.describe_stack_events(**kwargs)
        events.extend(page["StackEvents"])
        if not page.get("NextToken"):
            break
        kwargs["NextToken"] = page["NextToken"]
    return list(reversed(events))


def event_trail(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["LogicalResourceId"], e["ResourceStatus"]) for e in events]


def deploy(cfn: Any, name: str, template: dict[str, Any] | str, parameters: dict[str, str] | None = None,
           **kwargs: Any) -> dict[str, Any]:
    """CreateStack and wait; returns the final DescribeStacks entry."""
    body = template if isinstance(template, str) else json.dumps(template)
    cfn.create_stack(
        StackName=name, TemplateBody=body,
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in (parameters or {}).items()],
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"], **kwargs,
    )
    return wait_for_stack(cfn, name)


def outputs_of(stack: dict[str, Any]) -> dict[str, str]:
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs") or []}


LAMBDA_ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
                           "Action": "sts:AssumeRole"}],
        },
    },
}
