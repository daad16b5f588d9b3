"""Every extension is registered in one list, says which moto gap it closes, and is documented."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from slipway_sandbox.extensions import EXTENSIONS  # noqa: E402


def extension_modules_on_disk() -> set[str]:
    folder = HERE / "slipway_sandbox" / "extensions"
    files = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    return files | packages


def test_every_extension_module_is_registered_once() -> None:
    assert sorted(EXTENSIONS) == sorted(set(EXTENSIONS)), "an extension is listed twice"
    assert set(EXTENSIONS) == extension_modules_on_disk()


def test_every_extension_names_its_moto_gap_and_has_apply() -> None:
    for name in EXTENSIONS:
        module = importlib.import_module(f"slipway_sandbox.extensions.{name}")
        assert module.__doc__ and "moto gap" in module.__doc__, f"{name}: docstring must say which moto gap it closes"
        assert callable(getattr(module, "apply", None)), f"{name}: no apply()"


def test_every_extension_is_listed_in_extensions_md() -> None:
    document = (HERE / "EXTENSIONS.md").read_text()
    missing = [name for name in EXTENSIONS if f"`{name}`" not in document]
    assert missing == [], f"EXTENSIONS.md does not list {missing}"
