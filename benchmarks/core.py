"""Speed of khabar's analysis core (normalize + structure + segment) against hazm, on one core.

Input: every article of ../shared/data/news (fars-news-*.json and varzesh3-*.json), read with
khabar's own reader, so each article's raw text is its title, abstract and paragraphs joined by
newlines. khabar and hazm process the identical list of raw texts in the same run:

- khabar: ``Normalizer`` (the default config, and once more with ``joiners=False`` so that the
  figure stays comparable before and after the joiner model lands) then ``Structure`` then
  ``Segmenter``, one document at a time;
- hazm: ``Normalizer().normalize`` then ``sent_tokenize`` then ``word_tokenize`` on each sentence,
  in a subprocess of hazm's own virtualenv (benchmarks/.venvs/hazm, created here when missing: hazm
  is never a khabar dependency). Only the processing is timed, not start-up or imports.

Each measurement is the best of ``--repeat`` runs; the process (and the hazm subprocess, which
inherits it) is pinned to one core. Prints characters per second and the ratio to hazm; the target
is at least 3x hazm.

    python benchmarks/core.py            # all 3,700 articles, best of 3
    python benchmarks/core.py --quick    # the first file of each outlet (800 articles)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "news"
HAZM_VENV = REPO_ROOT / "benchmarks" / ".venvs" / "hazm"
HAZM_REQUIREMENT = "hazm==0.10.0"  # pinned so that figures taken on different days compare
HAZM_WORKER = REPO_ROOT / "benchmarks" / "hazm_worker.py"
TARGET_RATIO = 3.0
FILE_PATTERNS = ("fars-news-*.json", "varzesh3-*.json")

sys.path.insert(0, str(REPO_ROOT / "src"))  # run from a checkout without installing, too

from khabar.model import Document  # noqa: E402
from khabar.normalize import NormalizeConfig, Normalizer  # noqa: E402
from khabar.readers import read_paths  # noqa: E402
from khabar.segment import Segmenter  # noqa: E402
from khabar.structure import Structure  # noqa: E402


@dataclass(frozen=True, slots=True)
class Measurement:
    """The seconds of each repeat of one tool over the whole input, and what it found."""

    label: str
    seconds: tuple[float, ...]
    sentences: int
    tokens: int

    @property
    def best(self) -> float:
        return min(self.seconds)


def input_files(data_dir: Path, quick: bool) -> list[Path]:
    """The news files to read: all of them, or the first of each outlet with ``quick``."""
    files: list[Path] = []
    for pattern in FILE_PATTERNS:
        matched = sorted(data_dir.glob(pattern))
        files.extend(matched[:1] if quick else matched)
    return files


def load_documents(files: Sequence[Path]) -> list[Document]:
    docs = [doc for doc in read_paths(files) if doc.rejection is None]
    if not docs:
        raise SystemExit(f"core.py: no articles read from {', '.join(map(str, files))}")
    return docs


def pin_to_one_core() -> int | None:
    """Pin this process (and its future children) to one core; the core, or None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def measure_khabar(label: str, docs: Sequence[Document], config: NormalizeConfig, repeats: int) -> Measurement:
    normalizer, structure, segmenter = Normalizer(config), Structure(), Segmenter()

    def analyze(doc: Document) -> Document:
        return segmenter(structure(normalizer(doc)))

    for doc in docs[:20]:  # warm up, as for hazm
        analyze(doc)
    seconds, results = _repeat(lambda: [analyze(doc) for doc in docs], repeats)
    return Measurement(
        label,
        seconds,
        sum(len(doc.sentences) for doc in results),
        sum(len(doc.tokens) for doc in results),
    )


def _repeat(run: Callable[[], list[Document]], repeats: int) -> tuple[tuple[float, ...], list[Document]]:
    seconds = []
    results: list[Document] = []
    for _ in range(repeats):
        results = []  # drop the previous results before collecting, so each run starts alike
        gc.collect()
        started = time.perf_counter()
        results = run()
        seconds.append(time.perf_counter() - started)
    return tuple(seconds), results


def hazm_python() -> Path:
    """The interpreter of hazm's virtualenv, created (python3 -m venv + pip install) when missing."""
    python = HAZM_VENV / "bin" / "python"
    if python.exists() and _has_hazm(python):
        return python
    print(f"creating {HAZM_VENV.relative_to(REPO_ROOT)} with {HAZM_REQUIREMENT} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(HAZM_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", HAZM_REQUIREMENT], check=True
    )
    return python


def _has_hazm(python: Path) -> bool:
    probe = subprocess.run(
        [str(python), "-c", "import hazm"], capture_output=True, check=False
    )
    return probe.returncode == 0


def measure_hazm(texts: Sequence[str], repeats: int) -> tuple[Measurement, str]:
    python = hazm_python()
    with tempfile.TemporaryDirectory() as folder:
        texts_path = Path(folder) / "texts.json"
        texts_path.write_text(json.dumps(list(texts), ensure_ascii=False), encoding="utf-8")
        completed = subprocess.run(
            [str(python), str(HAZM_WORKER), str(texts_path), str(repeats)],
            capture_output=True,
            text=True,
            check=False,
        )
    if completed.returncode != 0:
        raise SystemExit(f"core.py: the hazm worker failed:\n{completed.stderr.strip()}")
    result = json.loads(completed.stdout)
    version = str(result["version"])
    measurement = Measurement(
        f"hazm {version}",
        tuple(float(s) for s in result["seconds"]),
        int(result["sentences"]),
        int(result["tokens"]),
    )
    return measurement, version


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="the first file of each outlet only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best counts)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the news folder")
    parser.add_argument("--no-hazm", action="store_true", help="time khabar only (no ratio)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")
    if not args.data.is_dir():
        parser.error(f"no news folder at {args.data} (../shared/data/news beside the repository)")

    core = pin_to_one_core()
    files = input_files(args.data, args.quick)
    docs = load_documents(files)
    characters = sum(len(doc.raw) for doc in docs)
    print("khabar core benchmark: normalize + structure + segment")
    print(
        f"input:   {len(docs):,} articles, {characters:,} characters "
        f"from {len(files)} files in {args.data}"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, pinned to core {core}; "
        f"Python {platform.python_version()}; best of {args.repeat}"
    )

    measurements = [
        measure_khabar("khabar (default config)", docs, NormalizeConfig(), args.repeat),
        measure_khabar("khabar (joiners=False)", docs, NormalizeConfig(joiners=False), args.repeat),
    ]
    hazm: Measurement | None = None
    if not args.no_hazm:
        hazm, _version = measure_hazm([doc.raw for doc in docs], args.repeat)
        measurements.append(hazm)

    print()
    print(f"{'':28}{'best s':>9}{'M chars/s':>11}{'sentences':>11}{'tokens':>11}{'vs hazm':>9}")
    for m in measurements:
        ratio = f"{hazm.best / m.best:.2f}x" if hazm is not None else "-"
        print(
            f"{m.label:28}{m.best:9.3f}{characters / m.best / 1e6:11.3f}"
            f"{m.sentences:11,}{m.tokens:11,}{ratio:>9}"
        )
    if hazm is None:
        return 0
    ratio = min(hazm.best / m.best for m in measurements[:2])
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(f"\ntarget: khabar at least {TARGET_RATIO:.0f}x hazm; slower khabar line {ratio:.2f}x: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
