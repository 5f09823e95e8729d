"""Fixtures shared by the whole suite (see tests/README.md).

``shared_dir``: the ../shared folder beside the repository (DESIGN.md, examples/, data/). When it
is missing the test is skipped, or fails when KHABAR_REQUIRE_SHARED=1 (as in CI).
``reference_page``: the raw text of ../shared/examples/rahnama-raisi-hasanov.txt.
``reference_gold``: its hand-written expected analysis (gold.json), parsed.
``pipeline``: the default analysis pipeline, built once per session.
``load_script``: imports a script of scripts/ by name (the training scripts' own tests).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

import khabar

# Property tests check invariants, not speed: no per-example deadline on a loaded 2-core CI machine.
settings.register_profile("khabar", deadline=None, derandomize=os.environ.get("CI") == "true")
settings.load_profile("khabar")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
EXAMPLES_DIR = REPO_ROOT / "examples"


def require_shared(path: Path = SHARED_DIR) -> Path:
    """``path`` inside ../shared, or skip (fail under KHABAR_REQUIRE_SHARED=1) when it is missing."""
    if not path.exists():
        message = f"{path} is missing (../shared beside the repository)"
        if os.environ.get("KHABAR_REQUIRE_SHARED") == "1":
            pytest.fail(message + " and KHABAR_REQUIRE_SHARED=1")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def reference_page(shared_dir: Path) -> str:
    return (shared_dir / "examples" / "rahnama-raisi-hasanov.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def reference_gold(shared_dir: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(
        (shared_dir / "examples" / "rahnama-raisi-hasanov.gold.json").read_text("utf-8")
    )
    return gold


@pytest.fixture(scope="session")
def pipeline() -> khabar.Pipeline:
    return khabar.Pipeline()


@pytest.fixture(scope="session")
def reference_stories(reference_page: str, pipeline: khabar.Pipeline) -> list[khabar.Document]:
    """The reference page cut into stories and analyzed by the default pipeline."""
    from khabar.structure import split_stories

    page = khabar.Document.from_text(reference_page, id="rahnama")
    return [pipeline(story) for story in split_stories(page)]


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """``load_script(name)``: the module of ``scripts/NAME.py`` (scripts import each other, so
    ``scripts/`` is on the path while it loads)."""
    scripts = REPO_ROOT / "scripts"

    def load(name: str) -> ModuleType:
        sys.path.insert(0, str(scripts))
        try:
            spec = importlib.util.spec_from_file_location(name, scripts / f"{name}.py")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(scripts))
        return module

    return load
