"""Speed of khabar's analysis core (normalize + structure + segment) against hazm, on one core.

Input: every article of ../shared/data/news (fars-news-*.json and varzesh3-*.json), read with
khabar's own reader, so each article's raw text is its title, abstract and paragraphs joined by
newlines. khabar and hazm process the identical list of raw texts in the same run:

- khabar: ``Normalizer`` (the default config, and once more with ``joiners=False`` so that the
  figure stays comparable before and after the joiner model lands) then ``Structure`` then
  ``Segmenter``, one document at a time, each result counted and dropped (a stream);
- hazm: ``Normalizer().normalize`` then ``sent_tokenize`` then ``word_tokenize`` on each sentence,
  in a worker process of hazm's own virtualenv (benchmarks/.venvs/hazm, created here when missing:
  hazm is never a khabar dependency). Start-up, imports and model loading are not timed.

The clock is CPU time (``time.process_time``), so that other processes sharing the machine do not
count against either tool. The three measurements take turns (khabar, khabar, hazm, then again) and
each keeps the best of ``--repeat`` runs. The process and the hazm worker (which inherits it) are
pinned to one core. Prints characters per second and the ratio to hazm; the target is 3x hazm.

    python benchmarks/core.py            # all 3,700 articles, best of 5
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
from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class Measurement:
    """The CPU seconds of each run of one tool over the whole input, and what it found."""

    label: str
    seconds: list[float] = field(default_factory=list)
    sentences: int = 0
    tokens: int = 0

    @property
    def best(self) -> float:
        return min(self.seconds)


class KhabarRunner:
    """khabar's normalize + structure + segment stages with one normalization config."""

    def __init__(self, label: str, config: NormalizeConfig, docs: Sequence[Document]) -> None:
        self.measurement = Measurement(label)
        self.stages = (Normalizer(config), Structure(), Segmenter())
        self.docs = docs
        for doc in docs[:20]:  # warm up, as the hazm worker does
            self.analyze(doc)

    def analyze(self, doc: Document) -> Document:
        normalizer, structure, segmenter = self.stages
        return segmenter(structure(normalizer(doc)))

    def run_once(self) -> None:
        analyze = self.analyze
        sentences = tokens = 0
        gc.collect()
        started = time.process_time()
        for doc in self.docs:
            analyzed = analyze(doc)
            sentences += len(analyzed.sentences)
            tokens += len(analyzed.tokens)
        self.measurement.seconds.append(time.process_time() - started)
        self.measurement.sentences, self.measurement.tokens = sentences, tokens


class HazmRunner:
    """hazm in a worker process of its own virtualenv, fed the same texts through a file."""

    def __init__(self, texts: Sequence[str], folder: Path) -> None:
        python = hazm_python()
        texts_path = folder / "texts.json"
        texts_path.write_text(json.dumps(list(texts), ensure_ascii=False), encoding="utf-8")
        self.worker = subprocess.Popen(
            [str(python), str(HAZM_WORKER), str(texts_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = self._read()
        self.measurement = Measurement(f"hazm {hello['version']}")

    def _read(self) -> dict[str, object]:
        assert self.worker.stdout is not None
        line = self.worker.stdout.readline()
        if not line:
            raise SystemExit(f"core.py: the hazm worker stopped (exit {self.worker.wait()})")
        result: dict[str, object] = json.loads(line)
        return result

    def run_once(self) -> None:
        assert self.worker.stdin is not None
        self.worker.stdin.write("run\n")
        self.worker.stdin.flush()
        result = self._read()
        self.measurement.seconds.append(float(str(result["seconds"])))
        self.measurement.sentences = int(str(result["sentences"]))
        self.measurement.tokens = int(str(result["tokens"]))

    def close(self) -> None:
        if self.worker.stdin is not None:
            self.worker.stdin.close()
        self.worker.wait()


def hazm_python() -> Path:
    """The interpreter of hazm's virtualenv, made (python3 -m venv, pip install) when missing."""
    python = HAZM_VENV / "bin" / "python"
    if python.exists() and _has_hazm(python):
        return python
    where = HAZM_VENV.relative_to(REPO_ROOT)
    print(f"creating {where} with {HAZM_REQUIREMENT} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(HAZM_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", HAZM_REQUIREMENT], check=True)
    return python


def _has_hazm(python: Path) -> bool:
    probe = subprocess.run([str(python), "-c", "import hazm"], capture_output=True, check=False)
    return probe.returncode == 0


def input_files(data_dir: Path, quick: bool) -> list[Path]:
    """The news files to read: all of them, or the first of each outlet with ``quick``."""
    files: list[Path] = []
    for pattern in FILE_PATTERNS:
        matched = sorted(data_dir.glob(pattern))
        files.extend(matched[:1] if quick else matched)
    return files


def pin_to_one_core() -> int | None:
    """Pin this process (and its future children) to one core; the core, or None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the first file of each outlet only")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best counts)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the news folder")
    parser.add_argument("--no-hazm", action="store_true", help="time khabar only (no ratio)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")
    if not args.data.is_dir():
        parser.error(f"no news folder at {args.data} (../shared/data/news beside the repository)")

    core = pin_to_one_core()
    files = input_files(args.data, args.quick)
    docs = [doc for doc in read_paths(files) if doc.rejection is None]
    if not docs:
        parser.error(f"no articles read from {args.data}")
    characters = sum(len(doc.raw) for doc in docs)
    print("khabar core benchmark: normalize + structure + segment")
    print(
        f"input:   {len(docs):,} articles, {characters:,} characters, "
        f"{len(files)} files of {args.data}"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, pinned to core {core}; "
        f"Python {platform.python_version()}; CPU time, best of {args.repeat}"
    )

    runners: list[KhabarRunner | HazmRunner] = [
        KhabarRunner("khabar (default config)", NormalizeConfig(), docs),
        KhabarRunner("khabar (joiners=False)", NormalizeConfig(joiners=False), docs),
    ]
    with tempfile.TemporaryDirectory() as folder:
        hazm = None if args.no_hazm else HazmRunner([doc.raw for doc in docs], Path(folder))
        if hazm is not None:
            runners.append(hazm)
        try:
            for _ in range(args.repeat):
                for runner in runners:
                    runner.run_once()
        finally:
            if hazm is not None:
                hazm.close()

    print()
    print(f"{'':28}{'best s':>9}{'M chars/s':>11}{'sentences':>11}{'tokens':>11}{'vs hazm':>9}")
    for runner in runners:
        m = runner.measurement
        versus = f"{hazm.measurement.best / m.best:.2f}x" if hazm is not None else "-"
        print(
            f"{m.label:28}{m.best:9.3f}{characters / m.best / 1e6:11.3f}"
            f"{m.sentences:11,}{m.tokens:11,}{versus:>9}"
        )
    if hazm is None:
        return 0
    slowest = max(runner.measurement.best for runner in runners[:2])
    ratio = hazm.measurement.best / slowest
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(
        f"\ntarget: khabar at least {TARGET_RATIO:.0f}x hazm; "
        f"slower khabar line {ratio:.2f}x: {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
