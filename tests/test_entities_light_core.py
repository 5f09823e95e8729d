"""The core install (``pip install khabar``, no numpy) runs the default CRF and names the extra
that ``--entities ensemble`` needs; ``make test`` installs numpy, so these tests hide it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.entities.recognizer import packaged_tagger
from khabar.errors import ConfigError


@pytest.fixture()
def without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """numpy cannot be imported (the modules that import it are forgotten for the test)."""
    for name in ("khabar.entities.ensemble", "khabar.entities.neural", "threadpoolctl"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "numpy", None)


@pytest.mark.usefixtures("without_numpy")
def test_the_ensemble_without_numpy_names_the_extra_to_install() -> None:
    with pytest.raises(ConfigError, match=r"needs numpy: pip install 'khabar\[neural\]'"):
        packaged_tagger("ensemble")


@pytest.mark.usefixtures("without_numpy")
def test_cli_ensemble_without_numpy_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("هیئتی از ژاپن روز دوشنبه وارد تهران شد.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(page), "--entities", "ensemble"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "khabar: the ensemble entity tagger needs numpy: pip install 'khabar[neural]'"
    ]


def test_the_default_analysis_never_imports_numpy() -> None:
    code = (
        "import sys, khabar\n"
        "doc = khabar.analyze('هیئتی از ژاپن روز دوشنبه وارد تهران شد.')\n"
        "assert [e.label for e in doc.entities][:1] == ['LOC'], doc.entities\n"
        "print('numpy' in sys.modules, 'threadpoolctl' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
