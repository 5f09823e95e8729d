"""The ``khabar`` command line: one module per command, assembled here.

Errors the user can fix (a missing file, a bad option) print one line on stderr and exit non-zero;
they never show a traceback.
"""

from __future__ import annotations

import sys

import typer

from khabar.cli import analyze as _analyze
from khabar.cli import export as _export
from khabar.cli import ingest as _ingest
from khabar.cli import normalize as _normalize
from khabar.cli import questions as _questions
from khabar.cli import search as _search
from khabar.cli import stories as _stories
from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    help="Raw Persian news in; clean, structured, searchable knowledge out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from khabar import __version__

        print(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Raw Persian news in; clean, structured, searchable knowledge out."""


app.command("analyze")(_analyze.analyze)
app.command("ingest")(_ingest.ingest)
app.command("search")(_search.search)
app.command("quotes")(_questions.quotes)
app.command("people")(_questions.people)
app.command("meetings")(_questions.meetings)
app.command("stories")(_stories.stories)
app.command("export")(_export.export)
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
