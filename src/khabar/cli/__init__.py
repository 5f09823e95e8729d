"""The ``khabar`` command line: one module per command, assembled here.

Errors the user can fix (a missing file, a bad option) print one line on stderr and exit non-zero;
they never show a traceback.
"""

from __future__ import annotations

import sys

import typer

from khabar.cli import analyze as _analyze
from khabar.cli import normalize as _normalize
from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    help="Raw Persian news in; clean, structured, searchable knowledge out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Raw Persian news in; clean, structured, searchable knowledge out."""


app.command("analyze")(_analyze.analyze)
app.command("normalize")(_normalize.normalize)


def main() -> None:
    """Entry point of the ``khabar`` script."""
    try:
        app()
    except KhabarError as exc:
        print(f"khabar: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except BrokenPipeError:  # `khabar analyze ... | head`
        sys.stderr.close()
        raise SystemExit(0) from None
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
