import logging
import subprocess
import sys

import khabar


def test_public_api_all_is_sorted_and_complete() -> None:
    assert khabar.__all__ == sorted(khabar.__all__, key=lambda n: (not n.isupper(), n))
    public = {name for name in dir(khabar) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(khabar, name)).__name__ == "module"}
    assert set(khabar.__all__) == public - modules - {"annotations", "logging", "Path"}


def test_public_api_import_has_no_side_effects() -> None:
    code = (
        "import logging, sys; import khabar; "
        "h = logging.getLogger('khabar').handlers; "
        "assert all(isinstance(x, logging.NullHandler) for x in h), h; "
        "assert not logging.getLogger().handlers; "
        "assert 'trafilatura' not in sys.modules; assert 'khabar.cli' not in sys.modules; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_public_api_logger_has_only_a_null_handler() -> None:
    assert all(isinstance(h, logging.NullHandler) for h in logging.getLogger("khabar").handlers)
