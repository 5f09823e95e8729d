"""Benchmark joiner restoration against hazm, parsivar, python-negar, rishe and shekar.

    .venv/bin/python benchmarks/joiners.py [--only khabar] [--errors N] [--files A B]

Takes ../shared/data/text/ud-perdt-dev.txt and ud-seraji-dev.txt (never trained or tuned on),
normalizes their letters and spacing with khabar's rules (joiners off) so that every tool starts
from the same text, corrupts them two ways (every ZWNJ removed; every ZWNJ typed as a space),
restores them with khabar's ``joiners`` rule and with each competitor (each run in its own
virtualenv under benchmarks/.venvs/, created when missing), and prints word accuracy overall and by
category, ZWNJ precision and recall, and characters per second, side by side.

A competitor that cannot be installed or fails is printed as such, never given numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from joiner_scoring import CATEGORIES, Score, corrupt  # noqa: E402

from khabar.chars import ZWNJ  # noqa: E402
from khabar.normalize import run_text  # noqa: E402
from khabar.normalize.joiners import joiner_rule  # noqa: E402
from khabar.normalize.rules import default_rules  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "text"
VENVS = ROOT / "benchmarks" / ".venvs"
MODES = ("removed", "spaced")

# Each competitor: the pip package, and the code its virtualenv runs on a JSON list of lines
# (stdin) to print a JSON object {"lines": [...], "seconds": CPU time spent restoring}. Times are
# CPU seconds of the one process (time.process_time): the sandbox is shared, and wall-clock time
# there measures the neighbours' load as much as the tool.
_RUNNER = """
import json, sys, time
lines = json.load(sys.stdin)
{setup}
started = time.process_time()
out = [restore(line) for line in lines]
json.dump({{"lines": out, "seconds": time.process_time() - started}}, sys.stdout)
"""
_SPACING_ONLY = (
    "remove_diacritics=False, remove_specials_chars=False, decrease_repeated_chars=False, "
    "persian_style=False, persian_numbers=False, unicodes_replacement=False"
)
COMPETITORS: dict[str, tuple[str, str]] = {
    "hazm": ("hazm", f"import hazm\nrestore = hazm.Normalizer({_SPACING_ONLY}).normalize"),
    "parsivar": ("parsivar", "import parsivar\nrestore = parsivar.Normalizer().normalize"),
    "python-negar": (
        "python-negar",
        "from negar.virastar import PersianEditor\n"
        "restore = lambda line: PersianEditor(line).cleanup()",
    ),
    "rishe": ("rishe", f"import rishe\nrestore = rishe.Normalizer({_SPACING_ONLY}).normalize"),
    "shekar": ("shekar", "import shekar\nrestore = shekar.Normalizer()"),
}


def ensure_venv(name: str, package: str) -> Path | None:
    """The python of the competitor's virtualenv, created and installed when missing."""
    python = VENVS / name / "bin" / "python"
    if python.exists():
        return python
    VENVS.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENVS / name)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", package],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        print(f"  {name}: cannot install {package}: {exc}", file=sys.stderr)
        return None
    return python


def run_competitor(name: str, lines: list[str]) -> tuple[list[str], float] | str:
    package, setup = COMPETITORS[name]
    python = ensure_venv(name, package)
    if python is None:
        return "not installable"
    done = subprocess.run(
        [str(python), "-c", _RUNNER.format(setup=setup)],
        input=json.dumps(lines, ensure_ascii=False),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"failed: {last[:80]}"
    result = json.loads(done.stdout)
    out = result["lines"]
    if len(out) != len(lines):
        return "failed: wrong number of lines"
    return out, float(result["seconds"])


def run_khabar(lines: list[str], repeats: int = 3) -> tuple[list[str], float]:
    """Restore with khabar's rule; the time is the least CPU time of ``repeats`` first passes,
    each with a fresh rule (model loaded, cache of analysed words empty)."""
    text = "\n".join(lines)
    best = float("inf")
    out = text
    joiner_rule().apply("می شود")  # load the model before timing
    for _ in range(repeats):
        rule = joiner_rule()
        started = time.process_time()
        out = rule.apply(text)
        best = min(best, time.process_time() - started)
    warm = float("inf")
    for _ in range(repeats):  # the same rule again: every word already analysed
        started = time.process_time()
        rule.apply(text)
        warm = min(warm, time.process_time() - started)
    print(
        f"khabar: {len(text) / best / 1e6:.2f} M characters/s on a first pass, "
        f"{len(text) / warm / 1e6:.2f} M with its cache of analysed words filled"
    )
    return out.split("\n"), best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="tools to run (khabar and competitor names)")
    parser.add_argument("--errors", type=int, default=0, help="print khabar's N commonest errors")
    parser.add_argument(
        "--files",
        nargs="*",
        default=[str(DATA / "ud-perdt-dev.txt"), str(DATA / "ud-seraji-dev.txt")],
    )
    args = parser.parse_args()
    tools = args.only or ["khabar", *COMPETITORS]
    rules = default_rules(digits="keep")
    gold = [
        run_text(line, rules)
        for path in args.files
        for line in Path(path).read_text("utf-8").splitlines()
        if line.strip()
    ]
    characters = sum(len(line) + 1 for line in gold)
    word_count = sum(len(line.split()) for line in gold)
    print(f"{len(gold):,} sentences, {characters:,} characters, {word_count:,} words")
    results: dict[str, dict[str, Score | str]] = {"do nothing": {}}
    speed: dict[str, float] = {}
    for mode in MODES:
        corrupted = [corrupt(line, mode) for line in gold]
        baseline = Score()
        for gold_line, line in zip(gold, corrupted, strict=True):
            baseline.add(gold_line, line)
        results["do nothing"][mode] = baseline
        for tool in tools:
            outcome = run_khabar(corrupted) if tool == "khabar" else run_competitor(tool, corrupted)
            if isinstance(outcome, str):
                results.setdefault(tool, {})[mode] = outcome
                continue
            out, seconds = outcome
            speed[f"{tool} {mode}"] = characters / seconds
            score = Score()
            for gold_line, line in zip(gold, out, strict=True):
                score.add(gold_line, line, keep_errors=tool == "khabar")
            results.setdefault(tool, {})[mode] = score
            if tool == "khabar" and args.errors:
                print(f"khabar's commonest errors ({mode}):")
                for (word, got), count in score.errors.most_common(args.errors):
                    print(f"  {count} {word.replace(ZWNJ, '+')} -> {got.replace(ZWNJ, '+')}")
    print_table(results, speed)


def print_table(results: dict[str, dict[str, Score | str]], speed: dict[str, float]) -> None:
    names = list(results)
    width = max(12, *(len(n) + 1 for n in names))
    for mode in MODES:
        print(f"\nevery ZWNJ {'removed' if mode == 'removed' else 'made a space'}")
        print(f"{'':<22}" + "".join(f"{n:>{width}}" for n in names))
        rows = [("word accuracy", lambda s: s.accuracy())]
        rows += [(kind, lambda s, k=kind: s.accuracy(k)) for kind in CATEGORIES]
        rows += [
            ("words, plurals aside*", lambda s: s.accuracy(plurals_aside=True)),
            ("plain, plurals aside*", lambda s: s.accuracy("plain word", True)),
            ("ZWNJ precision", lambda s: s.precision),
            ("ZWNJ recall", lambda s: s.recall),
        ]
        for label, value in rows:
            cells = []
            for name in names:
                score = results[name].get(mode, "-")
                cells.append(
                    f"{value(score):.4f}" if isinstance(score, Score) else str(score)[: width - 1]
                )
            print(f"{label:<22}" + "".join(f"{c:>{width}}" for c in cells))
        cells = [
            f"{speed[f'{n} {mode}'] / 1e6:.2f}M" if f"{n} {mode}" in speed else "-" for n in names
        ]
        print(f"{'characters/s':<22}" + "".join(f"{c:>{width}}" for c in cells))
        if "khabar" in results and isinstance(results["khabar"].get(mode), Score):
            ours = results["khabar"][mode]
            assert isinstance(ours, Score)
            best = max(
                (
                    s.accuracy()
                    for n, r in results.items()
                    if n not in ("khabar", "do nothing")
                    for m, s in r.items()
                    if m == mode and isinstance(s, Score)
                ),
                default=0.0,
            )
            if best:
                ratio = (1 - ours.accuracy()) / (1 - best)
                print(f"khabar error rate / best competitor's: {ratio:.2f}")
            print(
                f"* {ours.plural_style} words the gold text writes as glued plurals (بانکهای) "
                'came out with the ZWNJ that the plural style (default plural="zwnj") writes '
                "for every glued plural; these rows count them as right"
            )


if __name__ == "__main__":
    main()
