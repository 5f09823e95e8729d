"""The statistical model behind joiner restoration, and how a word is analysed with it.

The model is a compact lexicon built by ``scripts/build_joiners.py`` from ../shared/data (see
``docs/models/joiners.md``): which glued words take a zero-width non-joiner (ZWNJ, U+200C) or a
space, which spaced word pairs and triples are one word, which pairs stay apart, a vocabulary with
log-frequency buckets, and the verb bodies that follow the prefix می. It is read once, on first
use, from ``khabar/data/joiners.json.gz``; nothing is downloaded.

Words the model has not seen are analysed by :meth:`JoinerModel.analyse`: verb prefix + known verb
body, known word + suffix, or two known words glued together.

>>> from khabar.chars import ZWNJ
>>> model = JoinerModel(vocabulary={"کتاب": 20, "کشور": 20, "در": 25}, verb_bodies={"خوانند"})
>>> model.analyse("کتابها") == "کتاب" + ZWNJ + "ها"
True
>>> model.analyse("میخوانند") == "می" + ZWNJ + "خوانند"
True
>>> model.analyse("کشوردر")
'کشور در'
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from khabar.chars import HAMZA_ABOVE, NON_JOINING, ZWNJ
from khabar.errors import ResourceError

MODEL_RESOURCE = "joiners.json.gz"
FORMAT_VERSION = 1

VERB_PREFIXES = ("نمی", "می")
PREVERBS = ("باز", "فرو", "فرا", "بر", "در", "وا")  # written glued to می: برمی‌گردد، فرومی‌ریزد
# What a verb's body follows (longest first): می, نمی, and both after a preverb.
VERB_HEADS = tuple(
    sorted((pre + prefix for pre in ("", *PREVERBS) for prefix in VERB_PREFIXES), key=len)[::-1]
)
VERB_ENDINGS = ("ند", "ید", "یم", "م", "د")  # personal endings of a present or past verb
# What may follow a verb stem after می: a personal ending (ی: you), nothing (a past stem: می‌نوشت),
# or the ه of a participle (می‌گشته).
STEM_ENDINGS = ("ند", "ید", "یم", "ی", "م", "د", "ه", "")
PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ها")
# Suffixes that open with alef (copula and pronoun endings) attach with a ZWNJ after final heh or
# yeh: داده‌اند، خانه‌ای، توانایی‌ام. After other letters they are spelled glued (کردند), not split.
ALEF_SUFFIXES = ("اشان", "اتان", "امان", "اند", "ایم", "اید", "ام", "ای", "اش", "ات")
COMPARATIVE_SUFFIXES = ("ترین", "تری", "تر")
# How a past stem ends (نوشت، پذیرفت، نگریست، دوخت، نالید، آزمود، فرستاد), and the personal endings
# of the past tense (the third person singular has none): an unseen می + known past stem +
# ending is a past continuous verb (مینوشت → می‌نوشت, نمیآزمودی → نمی‌آزمودی).
PAST_STEM_ENDS = ("خت", "شت", "ست", "فت", "ید", "اد", "ود")
PAST_ENDINGS = ("ند", "ید", "یم", "ی", "م", "")
# Copulas that make a present perfect after a participle, even one never seen: قاپیده‌اند.
PERFECT_ENDINGS = ("اند", "ایم", "اید", "ام")
# Suffixes that the pair rule joins to the word before when a ZWNJ was typed as a space.
ATTACHING_SUFFIXES = frozenset(PLURAL_SUFFIXES + ALEF_SUFFIXES + COMPARATIVE_SUFFIXES + ("ی",))
# Pronoun clitics are written glued (کتابشان), so a glued word is never split before one.
CLITICS = frozenset(("شان", "تان", "مان", "ش", "م", "ت", "یش", "یم", "یت"))
STRONG, WEAK, SEPARATE = 0, 1, 2  # kinds of spaced windows in ``JoinerModel.pair_kinds``
# A plural in its ezafe form (کتاب‌های, کتاب‌هایم) never ends a phrase: a glued word that ends one
# reads as a word in ه and a copula or indefinite ending (شکسته‌ای., دریافته‌ایم.), not as a plural
# (شکست‌های, دریافت‌هایم). In edited text and careful news no plural here stands before
# punctuation or a line's end (of 6,800), against 136 of the other readings.
PHRASE_FINAL_ENDINGS = (("هایم", "ایم"), ("های", "ای"))
_PREVERB_FUTURES = tuple(preverb + "خواه" for preverb in PREVERBS)  # درخواهند
_PART_BUCKET = 12  # least frequency bucket of each part of a word read as two known words
_PAIRING = ATTACHING_SUFFIXES | frozenset(VERB_HEADS) | CLITICS


def ends_in_mark(text: str) -> bool:
    """Whether ``text`` ends with a diacritic or hamza above: no ZWNJ may follow (the normalizer
    only keeps a ZWNJ between two letters), so nothing is joined there.

    >>> ends_in_mark("خانهٔ"), ends_in_mark("خانه")
    (True, False)
    """
    return "\u064b" <= text[-1] <= "\u0655" or text[-1] == "\u0670"


def joiner_between(left: str) -> str:
    """The joiner to write after ``left``: a ZWNJ, or nothing after a non-joining letter.

    After ا د ذ ر ز ژ و a ZWNJ changes nothing visible, so the glued form is kept there.

    >>> joiner_between("کتاب") == ZWNJ, joiner_between("نیرو")
    (True, '')
    """
    return "" if left[-1] in NON_JOINING else ZWNJ


def suffix_fits(base: str, suffix: str) -> bool:
    """Whether ``suffix`` may follow ``base`` as a separate morpheme (not part of a plain word).

    >>> suffix_fits("داده", "اند"), suffix_fits("کرد", "اند"), suffix_fits("خانه", "ی")
    (True, False, True)
    """
    if suffix in ALEF_SUFFIXES:
        return base[-1] in "هی"
    if suffix == "ی":
        return base[-1] == "ه"
    return True


@dataclass(slots=True)
class JoinerModel:
    """Decisions and statistics for restoring joiners; see the module docstring.

    ``fixes``: glued word → its restored form (with ZWNJ or space), decided at build time.
    ``joins``: words separated by single spaces that form one word (``"رئیس جمهور"``);
    ``weak_joins``: the same where the parts also often stand apart (joined only in a line that
    shows other ZWNJs typed as spaces).
    ``separate``: space-separated pairs that stay apart although a suffix or prefix rule would
    join them. ``vocabulary``: known words → log2 frequency bucket. ``verb_bodies``: what follows
    می in attested verbs. ``heads``/``tails``: first and last parts that form compounds with a ZWNJ
    (``آفرینی`` in ``نقش‌آفرینی``); ``split_tails``: last parts after which a glued unknown word
    splits with a ZWNJ rather than a space (``ساز`` in ``امنیت‌ساز``). ``split_bucket``: the least
    frequency bucket of each part of a split word (``compound_bucket`` when the split takes a ZWNJ,
    ``function_bucket`` for parts of two letters).
    """

    fixes: dict[str, str] = field(default_factory=dict)
    joins: frozenset[str] | set[str] = frozenset()
    weak_joins: frozenset[str] | set[str] = frozenset()
    separate: frozenset[str] = frozenset()
    vocabulary: dict[str, int] = field(default_factory=dict)
    verb_bodies: frozenset[str] | set[str] = frozenset()
    heads: frozenset[str] = frozenset()
    tails: frozenset[str] = frozenset()
    split_tails: frozenset[str] = frozenset()
    split_heads: frozenset[str] = frozenset()
    split_bucket: int = 12
    compound_bucket: int = 12
    base_bucket: int = 6
    function_bucket: int = 22
    pair_kinds: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    window_prefixes: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    window_firsts: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    window_seconds: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    verb_stems: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self) -> None:
        self.index_windows()
        self.verb_stems = verb_stems(self.verb_bodies)

    def index_windows(self) -> None:
        """Index ``joins``, ``weak_joins`` and ``separate`` for one lookup a word pair."""
        kinds: dict[str, int] = dict.fromkeys(self.separate, SEPARATE)
        kinds.update(dict.fromkeys(self.weak_joins, WEAK))
        kinds.update(dict.fromkeys(self.joins, STRONG))
        self.pair_kinds = kinds
        prefixes: set[str] = set()
        firsts: set[str] = set(VERB_HEADS) | set(self.heads)
        seconds: set[str] = set(ATTACHING_SUFFIXES) | set(self.tails)
        for key in kinds:
            atoms = key.split(" ")
            firsts.add(atoms[0])
            seconds.update(atoms[1:])
            for size in range(2, len(atoms)):
                prefixes.add(" ".join(atoms[:size]))
        self.window_prefixes = frozenset(prefixes)
        self.window_firsts = frozenset(firsts)
        self.window_seconds = frozenset(seconds)

    def known(self, word: str, bucket: int = 0) -> bool:
        return self.vocabulary.get(word, -1) >= bucket

    def restore_word(self, word: str, split: bool = True) -> str:
        """The restored form of one ZWNJ-free word: the build-time decision, else an analysis
        (``split``: whether a lost space may be put back inside it)."""
        fixed = self.fixes.get(word)
        if fixed is not None:
            return fixed
        if word in self.vocabulary:
            return word
        if word[-1] == HAMZA_ABOVE and len(word) > 2:  # the ezafe of سه‌شنبهٔ
            return self.restore_word(word[:-1], split) + HAMZA_ABOVE
        return self.analyse(word, split)

    def analyse(self, word: str, split: bool = True) -> str:
        """Restore a word the model has no decision for (see the module docstring)."""
        verb = self.verb_reading(word, past=True)
        if verb is not None:
            return verb
        if self._glued_verb(word) or self._noun_plural(word):
            return word
        suffixed = self._suffixed(word)
        if suffixed is not None:
            return suffixed
        return (self._split(word) if split else None) or word

    def phrase_final(self, word: str) -> str | None:
        """The reading of a ZWNJ-free ``word`` that ends a phrase, where it differs from the
        word's reading elsewhere: a word in ه + ای or ایم instead of a plural (شکستهای. →
        شکسته‌ای.; see ``PHRASE_FINAL_ENDINGS``). None where there is no such reading, or where
        ``word`` is a known word in its own right."""
        if word in self.vocabulary or ZWNJ in word:
            return None
        for plural, ending in PHRASE_FINAL_ENDINGS:
            if word.endswith(plural):
                base = word[: -len(ending)]
                if len(base) < 3 or self.restore_word(base, split=False) != base:
                    return None
                if self.known(base, self.base_bucket) or base.endswith(("ده", "ته")):
                    return base + ZWNJ + ending
                return None
        return None

    def verb_reading(self, word: str, names: bool = True, past: bool = False) -> str | None:
        """``word`` as a verb head + a verb body (میخوانند → می‌خوانند), if it reads as one;
        ``names``: not where it reads as two known words (میرزاجواد); ``past``: a body may also
        be a known past stem + a past ending (مینگریست → می‌نگریست, for unseen words)."""
        for prefix in VERB_HEADS:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                body = word[len(prefix) :]
                if ends_in_mark(body[0]):
                    continue
                restored = self._verb_body(body)
                if restored is None and past and self._past_body(body):
                    restored = body
                if restored is not None and not (names and self._names_a_word(word, len(prefix))):
                    return prefix + ZWNJ + restored
        return None

    def _past_body(self, body: str) -> bool:
        """A known past stem (``PAST_STEM_ENDS``) + a past personal ending: نگریست, آزمودی."""
        for ending in PAST_ENDINGS:
            stem = body[: len(body) - len(ending)]
            if (
                body.endswith(ending)
                and len(stem) > 2
                and stem.endswith(PAST_STEM_ENDS)
                and self.known(stem, self.base_bucket)
            ):
                return True
        return False

    def _names_a_word(self, word: str, prefix: int) -> bool:
        """Whether ``word`` opens with a longer known word than its would-be verb prefix, the rest
        a known word too: میرزاجواد is میرزا + جواد, not می + رزاجواد."""
        return any(
            self.known(word[:cut], _PART_BUCKET) and self.known(word[cut:], _PART_BUCKET)
            for cut in range(prefix + 3, len(word) - 2)
        )

    def _glued_verb(self, word: str) -> bool:
        """Verbs spelled glued: the subjunctive or negative prefix on a known stem (بریزید,
        نگشته), and a preverb on the future auxiliary (درخواهند افتاد)."""
        body = word[1:]
        if (
            word[0] in "بن"
            and body.endswith(VERB_ENDINGS)
            and _stem_and_ending(body, self.verb_stems)
        ):
            return True
        return word.startswith(_PREVERB_FUTURES)

    def _noun_plural(self, word: str) -> bool:
        """A known noun with the plural ان or ات, spelled glued (معاندان is not معان + دان);
        not where a pronoun reads it too (برنامه‌ات, به‌شان)."""
        base = word[:-2]
        if not word.endswith(("ان", "ات")) or base[-1:] in ("ه", "ی"):
            return False
        if word.endswith(("شان", "مان", "تان")) and self.known(word[:-3], self.base_bucket):
            return False
        return self.known(base, self.base_bucket)

    def _verb_body(self, body: str) -> str | None:
        if body in self.verb_bodies or _stem_and_ending(body, self.verb_stems):
            return body
        fixed = self.fixes.get(body)
        if fixed is not None and fixed.split(ZWNJ)[0] in self.verb_bodies:
            return fixed
        for suffix in ALEF_SUFFIXES:  # a participle and its copula: می‌شده‌اند
            stem = body[: -len(suffix)]
            if (
                body.endswith(suffix)
                and stem.endswith("ه")
                and (stem in self.verb_bodies or _stem_and_ending(stem, self.verb_stems))
            ):
                return stem + ZWNJ + suffix
        if len(body) > 3 and body.endswith(VERB_ENDINGS) and not body.endswith("یسم"):
            return body  # a verb with a personal ending: میفشاریم، میگردید
        return None

    def _suffixed(self, word: str) -> str | None:
        """Known word + suffix; between readings (پیوسته‌ایم, پیوست‌هایم) the commoner base wins."""
        best: tuple[int, str] | None = None
        for suffixes in (PLURAL_SUFFIXES, COMPARATIVE_SUFFIXES, ALEF_SUFFIXES, ("ی",)):
            for suffix in suffixes:
                base = word[: -len(suffix)]
                if not word.endswith(suffix) or len(base) < 2 or not suffix_fits(base, suffix):
                    continue
                if ends_in_mark(base):
                    continue
                if base in self.fixes:
                    restored_base, bucket = self.fixes[base], self.base_bucket
                elif self.known(base, self.base_bucket + 6 * (suffixes is COMPARATIVE_SUFFIXES)):
                    restored_base, bucket = base, self.vocabulary[base]
                elif suffix in PERFECT_ENDINGS and len(base) > 3 and base.endswith(("ده", "ته")):
                    restored_base, bucket = base, -1  # an unseen participle: قاپیده‌اند
                else:
                    continue
                if best is None or bucket > best[0]:
                    best = (bucket, restored_base + joiner_between(restored_base) + suffix)
                break  # the longest suffix of a group only
        return None if best is None else best[1]

    def _split(self, word: str) -> str | None:
        """Two frequent known words glued together (کشوردر → کشور در)."""
        if len(word) < 4:
            return None
        best: tuple[int, str] | None = None
        for cut in range(2, len(word) - 1):
            left, right = word[:cut], word[cut:]
            if ends_in_mark(left) or ends_in_mark(right[0]):
                continue
            if left in _PAIRING or right in _PAIRING:  # a lone prefix or suffix would be rejoined
                if right not in CLITICS or left[-1] not in "هی":  # but: بعضیشان → بعضی‌شان
                    continue
            left_bucket = self.vocabulary.get(left, -1)
            right_bucket = self.vocabulary.get(right, -1)
            compound = right in CLITICS or right in self.split_tails or left in self.split_heads
            least = self.compound_bucket if compound else self.split_bucket
            if min(left_bucket, right_bucket) < least:
                continue
            if (len(left) < 3 and left_bucket < self.function_bucket) or (
                len(right) < 3 and right_bucket < self.function_bucket
            ):
                continue
            if compound:
                joined = left + joiner_between(left) + right
            else:
                joined = left + " " + right
            score = left_bucket + right_bucket
            if best is None or score > best[0]:
                best = (score, joined)
        return None if best is None else best[1]

    def to_json(self) -> dict[str, Any]:
        buckets: dict[str, list[str]] = {}
        for word, bucket in sorted(self.vocabulary.items()):
            buckets.setdefault(str(bucket), []).append(word)
        return {
            "format": FORMAT_VERSION,
            "fixes": dict(sorted(self.fixes.items())),
            "joins": "\n".join(sorted(self.joins)),
            "weak_joins": "\n".join(sorted(self.weak_joins)),
            "separate": "\n".join(sorted(self.separate)),
            "vocabulary": {bucket: " ".join(words) for bucket, words in buckets.items()},
            "verb_bodies": " ".join(sorted(self.verb_bodies)),
            "heads": " ".join(sorted(self.heads)),
            "tails": " ".join(sorted(self.tails)),
            "split_tails": " ".join(sorted(self.split_tails)),
            "split_heads": " ".join(sorted(self.split_heads)),
            "split_bucket": self.split_bucket,
            "compound_bucket": self.compound_bucket,
            "base_bucket": self.base_bucket,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JoinerModel:
        if data.get("format") != FORMAT_VERSION:
            raise ResourceError(
                f"joiner model format {data.get('format')!r} is not {FORMAT_VERSION}; "
                "rebuild it with scripts/build_joiners.py"
            )
        vocabulary = {
            word: int(bucket)
            for bucket, words in data["vocabulary"].items()
            for word in _words(words)
        }
        return cls(
            fixes=dict(data["fixes"]),
            joins=frozenset(data["joins"].split("\n")) - {""},
            weak_joins=frozenset(data["weak_joins"].split("\n")) - {""},
            separate=frozenset(data["separate"].split("\n")) - {""},
            vocabulary=vocabulary,
            verb_bodies=frozenset(_words(data["verb_bodies"])),
            heads=frozenset(_words(data["heads"])),
            tails=frozenset(_words(data["tails"])),
            split_tails=frozenset(_words(data["split_tails"])),
            split_heads=frozenset(_words(data["split_heads"])),
            split_bucket=int(data["split_bucket"]),
            compound_bucket=int(data.get("compound_bucket", data["split_bucket"])),
            base_bucket=int(data["base_bucket"]),
        )


def verb_stems(bodies: Iterable[str]) -> frozenset[str]:
    """The stems of attested verb bodies, each seen in at least two of them: a body without its
    personal ending, or a body that is a past stem itself (نویسد، نویسند → نویس; نوشت، نوشتند →
    نوشت). One sighting is not enough: نهاد would also give a stem نها.

    >>> sorted(verb_stems(["نویسد", "نویسند", "نوشتند", "نوشت", "نهاد"]))
    ['نوشت', 'نویس']
    """
    seen: Counter[str] = Counter()
    for body in bodies:
        stems = {body} if body[-1] in "دت" else set()
        for ending in VERB_ENDINGS:
            if body.endswith(ending) and len(body) - len(ending) >= 2:
                stems.add(body[: -len(ending)])
                break
        seen.update(stems)
    return frozenset(stem for stem, count in seen.items() if count >= 2)


def _stem_and_ending(body: str, stems: frozenset[str]) -> bool:
    """Whether ``body`` is a known verb stem and an ending (``STEM_ENDINGS``), at least three
    letters in all: می‌نوشی، می‌نگریست، می‌گشته."""
    if len(body) < 3:
        return False
    return any(
        body.endswith(ending) and body[: len(body) - len(ending)] in stems
        for ending in STEM_ENDINGS
    )


def _words(joined: str) -> Iterable[str]:
    return joined.split()


def save_model(model: JoinerModel, path: str) -> None:
    """Write ``model`` as gzip'd JSON (deterministic: sorted keys, fixed mtime)."""
    payload = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":"))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(payload.encode("utf-8"))


_LOADED: JoinerModel | None = None


def load_model() -> JoinerModel:
    """The packaged joiner model, read on first use and kept for the process."""
    global _LOADED
    if _LOADED is None:
        resource = resources.files("khabar").joinpath("data", MODEL_RESOURCE)
        try:
            data = json.loads(gzip.decompress(resource.read_bytes()))
        except (OSError, ValueError) as exc:
            raise ResourceError(
                f"cannot read the joiner model {MODEL_RESOURCE}: {exc}; "
                "rebuild it with scripts/build_joiners.py"
            ) from exc
        _LOADED = JoinerModel.from_json(data)
    return _LOADED
