"""Build the joiner model (src/khabar/data/joiners.json.gz) from ../shared/data.

Sources (see docs/models/joiners.md): text/updt.txt without any sentence that shares a 6-word
stretch with the UD dev files (UD Seraji is drawn from the same treebank), the news JSON files
(ZWNJ forms from every article; plain-word and pair counts only from articles whose joiners look
reliable), lexicon/hazm-words.dat, lexicon/shekar-vocab.csv and lexicon/shekar-compound-words.csv.

    python scripts/build_joiners.py             # build on everything, write the artifact
    python scripts/build_joiners.py --holdout   # keep every 10th sentence/article back, score it

The UD dev files are never read for training: only to remove their sentences from updt.txt.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from joiner_scoring import CATEGORIES, Score, corrupt  # noqa: E402

from khabar.chars import NON_JOINING, ZWNJ  # noqa: E402
from khabar.normalize import run_text  # noqa: E402
from khabar.normalize.joiner_model import (  # noqa: E402
    ALEF_SUFFIXES,
    ATTACHING_SUFFIXES,
    CLITICS,
    PLURAL_SUFFIXES,
    VERB_HEADS,
    JoinerModel,
    save_model,
)
from khabar.normalize.joiners import _WORD, JoinerRule  # noqa: E402
from khabar.normalize.rules import default_rules  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
AUXILIARIES = frozenset(
    "شده شد شدن شود شوند شدند است اند بود بودند باشد باشند کرد کرده کردن کند کنند کردند".split()
)
OUTPUT = ROOT / "src" / "khabar" / "data" / "joiners.json.gz"
RULES = default_rules(digits="keep")

# Tuned on the held-out part (--holdout); see docs/models/joiners.md. The environment variables
# exist for tuning runs only; the committed artifact is built with the defaults.
UPDT_WEIGHT = int(os.environ.get("UPDT_WEIGHT", 5))  # edited text sets the style over news
PLAIN_DISCOUNT = 0.5  # web counts of glued forms include text that lost its ZWNJ
WEB_GLUED = float(os.environ.get("WEB_GLUED", 1.0))  # a compound stays glued if the web glues more
COMPOUND_PRIOR = float(
    os.environ.get("COMPOUND_PRIOR", 3.0)
)  # pseudo-count of a form in shekar's compound list
# ... unless the texts (edited and news, not the web's word counts) write the ZWNJ form at least
# twice and this many times as often as the glued one (امکان‌پذیر: 914 against 963 on the web,
# 21 against 0 in the texts)
TEXT_OVERRIDE = float(os.environ.get("TEXT_OVERRIDE", 2.0))
# A spaced pair that careful text (edited, and the news articles with careful joiners) writes
# apart at least this often (weighted: twice in the edited text) is joined only when that text
# writes it joined more often; the word lists and the other articles' ZWNJ forms are not counted
# for it (به خوبی, آن قدر: kept apart by edited text, joined by much news). Written apart less
# often, the word lists' counts are added to the careful text's joined ones.
APART_EVIDENCE = float(os.environ.get("APART_EVIDENCE", 2 * UPDT_WEIGHT))
TAIL_SHARE = 0.8  # a part joins unseen pairs when at least this share of its uses are joined
PARTNERS = 3  # ... and it is seen joined to at least this many different words
# ... and, for a first part, it is not a common word in its own right: سرمایه (in سرمایه‌گذاری)
# and قلعه (in the surname قلعه‌نویی) must not join whatever follows them
HEAD_BUCKET = int(os.environ.get("HEAD_BUCKET", 14))
# ... except a derivational prefix, however common, that careful text joins to the word after it
# at least this share of the times it writes it (بی‌پروایی, بی‌تعادلی: بی is joined 71% of
# the time)
DERIVATIONAL_PREFIXES = ("بی", "نا", "فرا", "پسا", "ابر")
PREFIX_SHARE = float(os.environ.get("PREFIX_SHARE", 0.7))
SPLIT_TAIL_SHARE = 0.25  # a glued unknown word splits with a ZWNJ before such a tail
STRONG_RATIO = 20.0  # a join always applies when the joined form is this much commoner
# least score of a joined form to join a spaced pair, and how much commoner than the pair apart
JOIN_MIN = float(os.environ.get("JOIN_MIN", 1.0))
WEAK_RATIO = float(os.environ.get("WEAK_RATIO", 1.0))
SPLIT_BUCKET = int(os.environ.get("SPLIT_BUCKET", 17))
COMPOUND_BUCKET = int(os.environ.get("COMPOUND_BUCKET", 10))  # the same, for a split with a ZWNJ
BASE_BUCKET = 8
# Plural pronouns whose glued spelling is as standard as the ZWNJ one (hazm lists them as words,
# the web writes them glued): a text that writes them glued is right and keeps them.
GLUED_PRONOUNS = frozenset(("آنها", "اینها", "همانها", "همینها"))


def normalize(text: str) -> str:
    return run_text(text, RULES)


def spaced(word: str) -> str:
    return word.replace(ZWNJ, " ")


def visible(form: str) -> str:
    """``form`` without the ZWNJs that show nothing (after a non-joining letter)."""
    return re.sub(f"(?<=[{NON_JOINING}]){ZWNJ}", "", form)


def words_of(line: str) -> list[str]:
    return _WORD.findall(line)


def read_updt(dev_grams: set[tuple[str, ...]]) -> list[str]:
    kept = []
    for line in (DATA / "text" / "updt.txt").read_text("utf-8").splitlines():
        words = [w.replace(ZWNJ, "") for w in line.split()]
        grams = {tuple(words[i : i + 6]) for i in range(max(1, len(words) - 5))}
        if line.strip() and not grams & dev_grams:
            kept.append(normalize(line))
    return kept


def dev_ngrams() -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for name in ("ud-perdt-dev.txt", "ud-seraji-dev.txt"):
        for line in (DATA / "text" / name).read_text("utf-8").splitlines():
            words = [w.replace(ZWNJ, "") for w in line.split()]
            grams |= {tuple(words[i : i + 6]) for i in range(max(1, len(words) - 5))}
    return grams


_SPACED_VERB = re.compile(r"(?<!\S)ن?می (?=\S)")
_GLUED_VERB = re.compile(
    r"(?<!\S)ن?می(?:شود|شوند|کند|کنند|گوید|دهد|دهند|باشد|توان|تواند|گیرد|رسد)(?!\S)"
)
_SPACED_PLURAL = re.compile(r" (?:ها|های)(?!\S)")


def reliable(text: str) -> bool:
    """Whether an article writes its joiners carefully (ZWNJ verbs, no spaced or glued ones)."""
    return (
        len(re.findall(f"(?<!\\S)ن?می{ZWNJ}", text)) >= 2
        and not _SPACED_VERB.search(text)
        and not _GLUED_VERB.search(text)
        and not _SPACED_PLURAL.search(text)
    )


def read_news() -> list[tuple[str, bool]]:
    articles = []
    for path in sorted(glob.glob(str(DATA / "news" / "*.json"))):
        for article in json.loads(Path(path).read_text("utf-8")):
            lines = [article.get("title", ""), article.get("abstract", "")]
            lines += article.get("paragraphs", [])
            text = normalize("\n".join(line for line in lines if line))
            articles.append((text, reliable(text)))
    return articles


def read_lexicons() -> tuple[dict[str, float], dict[str, float], set[str], set[str]]:
    """Relative frequencies from hazm and shekar, the compound list, and hazm's tagged words."""
    hazm: Counter[str] = Counter()
    tagged: set[str] = set()
    for line in (DATA / "lexicon" / "hazm-words.dat").read_text("utf-8").splitlines():
        word, freq, tags = (line.split("\t") + ["", ""])[:3]
        word = normalize(word)
        hazm[word] += int(freq or 0)
        if set(tags.split(",")) - {"0", "PL", ""} and int(freq or 0) > 0:
            tagged.add(word)  # a word in its own right (تنها، میدان), not an inflected form
    shekar: Counter[str] = Counter()
    for line in (DATA / "lexicon" / "shekar-vocab.csv").read_text("utf-8").splitlines():
        word, _, count = line.rpartition(",")
        if count.isdigit():
            shekar[normalize(word)] += int(count)
    compounds = set()
    for line in (DATA / "lexicon" / "shekar-compound-words.csv").read_text("utf-8").splitlines():
        word = normalize(line.strip())
        if ZWNJ in word and " " not in word:
            compounds.add(word)
    hazm_total, shekar_total = sum(hazm.values()), sum(shekar.values())
    lexicon: dict[str, float] = {}
    zero: dict[str, float] = {}
    for word, freq in hazm.items():
        (lexicon if freq else zero)[word] = freq / hazm_total
    for word, count in shekar.items():
        lexicon[word] = max(lexicon.get(word, 0.0), count / shekar_total)
    for word in zero:
        lexicon.setdefault(word, 0.0)
    web = {word: count / shekar_total for word, count in shekar.items()}
    return lexicon, web, compounds, tagged


def build(train_lines: list[str], news: list[tuple[str, bool]]) -> JoinerModel:
    lexicon, web, compounds, tagged = read_lexicons()
    joined: Counter[str] = Counter()  # ZWNJ forms, from every text
    joined_reliable: Counter[str] = Counter()  # ZWNJ forms, from reliable text only
    plain: Counter[str] = Counter()  # ZWNJ-free words, from reliable text only
    windows: Counter[str] = Counter()  # spaced shapes of 2-3 word windows, reliable text only
    reliable_tokens = 0
    texts = [(line, True, UPDT_WEIGHT) for line in train_lines] + [(t, r, 1) for t, r in news]
    for text, is_reliable, weight in texts:
        for line in text.split("\n"):
            words = words_of(line)
            for word in words:
                if ZWNJ in word:
                    joined[word] += weight
                    if is_reliable:
                        joined_reliable[word] += weight
            if not is_reliable:
                continue
            reliable_tokens += len(words) * weight
            for word in words:
                if ZWNJ not in word:
                    plain[word] += weight
            for match in re.finditer(r"(?=((\S+) (\S+)(?: (\S+))?))", line):
                parts = [p for p in match.groups()[1:] if p]
                shapes = [" ".join(spaced(p) for p in parts[:2])]
                if len(parts) == 3:
                    shapes.append(" ".join(spaced(p) for p in parts))
                for shape in shapes:
                    if shape.count(" ") <= 3:
                        windows[shape] += weight
    scale = float(reliable_tokens)

    def lex(word: str) -> float:
        return lexicon.get(word, 0.0) * scale

    # every ZWNJ form and its score
    forms: Counter[str] = Counter()
    for form, count in joined.items():
        forms[form] += count
    for word in lexicon:
        if ZWNJ in word:
            forms[word] += lex(word)
    for form in sorted(compounds):
        forms[form] += COMPOUND_PRIOR

    # vocabulary buckets (ZWNJ-free words)
    vocabulary: dict[str, int] = {}
    for word in sorted(set(plain) | {w for w in lexicon if ZWNJ not in w}):
        frequency = max(lexicon.get(word, 0.0), plain[word] / scale)
        vocabulary[word] = int(math.log2(frequency * 1e9 + 1))

    verb_bodies = set()
    for form in forms:
        head, _, body = form.partition(ZWNJ)
        if head in VERB_HEADS and body and ZWNJ not in body and len(body) > 1:
            verb_bodies.add(body)

    # compound heads and tails: parts that, seen beside many words, are mostly joined to them
    tail_joined: Counter[str] = Counter()
    head_joined: Counter[str] = Counter()
    tail_partners: Counter[str] = Counter()
    head_partners: Counter[str] = Counter()
    for form, count in joined.items():
        parts = form.split(ZWNJ)
        if (
            len(parts) == 2
            and parts[0] not in VERB_HEADS
            and parts[1] not in ATTACHING_SUFFIXES | CLITICS
        ):
            head_joined[parts[0]] += count
            tail_joined[parts[1]] += count
            head_partners[parts[0]] += 1
            tail_partners[parts[1]] += 1

    def share(joined_count: int, word: str) -> float:
        return joined_count / (joined_count + plain[word])

    tails = {
        t
        for t, n in tail_joined.items()
        if tail_partners[t] >= PARTNERS and share(n, t) >= TAIL_SHARE
    }
    heads = {
        h
        for h, n in head_joined.items()
        if head_partners[h] >= PARTNERS
        and share(n, h) >= TAIL_SHARE
        and vocabulary.get(h, 0) < HEAD_BUCKET
    }
    heads |= {
        h
        for h in DERIVATIONAL_PREFIXES
        if head_partners[h] >= PARTNERS and share(head_joined[h], h) >= PREFIX_SHARE
    }
    split_tails = tails | {
        t
        for t, n in tail_joined.items()
        if tail_partners[t] >= PARTNERS and share(n, t) >= SPLIT_TAIL_SHARE
    }
    split_heads = heads | {
        h
        for h, n in head_joined.items()
        if head_partners[h] >= PARTNERS and share(n, h) >= SPLIT_TAIL_SHARE
    }

    # glued words: the best attested form against the word as written
    candidates: dict[str, tuple[float, str]] = {}
    in_text: Counter[str] = Counter()  # ZWNJ forms in the texts (not the word lists), by key
    for form, count in joined.items():
        in_text[form.replace(ZWNJ, "")] += count
    for form, score in forms.items():
        key = form.replace(ZWNJ, "")
        shown = visible(form)
        if shown == key or len(key) < 3:
            continue
        if score > candidates.get(key, (0.0, ""))[0]:
            candidates[key] = (score, shown)
    fixes: dict[str, str] = {}
    for key, (score, shown) in candidates.items():
        if key in GLUED_PRONOUNS:
            continue
        # where shekar's web counts hold both spellings, they decide: one source, one scale
        # (for compounds; glued affixes on the web are largely text that lost its ZWNJ)
        parts = shown.split(ZWNJ)
        morphological = parts[0] in VERB_HEADS or parts[-1] in ATTACHING_SUFFIXES
        glued_web, joined_web = web.get(key, 0.0), web.get(shown, 0.0)
        if not morphological and glued_web and joined_web and glued_web > WEB_GLUED * joined_web:
            if in_text[key] < 2 or in_text[key] <= TEXT_OVERRIDE * plain[key]:
                continue
        discount = PLAIN_DISCOUNT if morphological and key not in tagged else 1.0
        if score > plain[key] + discount * lex(key):
            fixes[key] = shown
    model = JoinerModel(
        fixes=fixes,
        vocabulary=vocabulary,
        verb_bodies=frozenset(verb_bodies),
        heads=frozenset(heads),
        tails=frozenset(tails),
        split_tails=frozenset(split_tails),
        split_heads=frozenset(split_heads),
        split_bucket=SPLIT_BUCKET,
        compound_bucket=COMPOUND_BUCKET,
        base_bucket=BASE_BUCKET,
    )
    # known glued words with no attested ZWNJ form: prefix and suffix analysis
    # (a verb prefix or a plural suffix is restored even against the glued spelling's counts:
    # the ZWNJ is the standard there; comparatives and compounds keep their common glued form)
    for word in sorted(vocabulary):
        if word in fixes or word in tagged or word in GLUED_PRONOUNS:
            continue
        restored = _affixed(model, word)
        if restored is None or restored == word:
            continue
        parts = restored.split(ZWNJ)
        standard = (
            parts[0] in VERB_HEADS
            or parts[-1] in PLURAL_SUFFIXES
            or (len(parts) > 1 and parts[-1] in ALEF_SUFFIXES and parts[-2][-1] == "ه")
        )
        # (but a word common as written whose split form is never seen stays: تنهایی، منهای)
        attested = forms.get(restored, 0.0) > 0 or plain[word] < 2
        if parts[-1] in PLURAL_SUFFIXES and not attested and word not in tagged:
            # another plural of the same noun is seen with its ZWNJ: ارزش‌ها for ارزشهایی
            base = ZWNJ.join(parts[:-1])
            attested = sum(forms.get(base + ZWNJ + suffix, 0.0) for suffix in PLURAL_SUFFIXES) >= 2
        glued_score = plain[word] + PLAIN_DISCOUNT * lex(word)
        if parts[0] in VERB_HEADS and forms.get(restored, 0.0) < glued_score:
            attested = False  # میدانی (a field survey) is commoner glued than می‌دانی
        if (standard and attested) or (word not in candidates and plain[word] + lex(word) < 2):
            fixes[word] = restored
    # the parts of attested forms and the verb bodies are words too (تواند in می‌تواند)
    for form, score in forms.items():
        bucket = int(math.log2(score / scale * 1e9 + 1))
        parts = form.split(ZWNJ)
        for part in parts[1 if parts[0] in VERB_HEADS else 0 :]:
            if len(part) > 1 and part not in fixes:
                vocabulary[part] = max(vocabulary.get(part, 0), bucket)
    for word in fixes:
        vocabulary.pop(word, None)

    # spaced windows: pairs and triples that are one word
    joins: set[str] = set()
    weak_joins: set[str] = set()
    for form, score in forms.items():
        shape = spaced(form)
        if shape.count(" ") > 3:
            continue
        evidence = score
        if windows[shape] >= APART_EVIDENCE:
            # careful text writes it apart often enough to judge: its own counts decide
            evidence = joined_reliable[form]
        elif windows[shape]:
            evidence = joined_reliable[form] + lex(form)  # ... backed by the word lists
        parts = form.split(ZWNJ)
        productive = JoinerRule.productive(parts[0], parts[1]) if len(parts) == 2 else False
        if evidence > WEAK_RATIO * windows[shape] and evidence >= JOIN_MIN and not productive:
            strong = evidence >= STRONG_RATIO * (windows[shape] + 1)
            if not strong and parts[-1] in AUXILIARIES:
                continue  # شناخته شده, داده است: a participle and its auxiliary stay apart
            target = joins if strong else weak_joins
            target.add(shape)
            target.add(" ".join(visible(form).split(ZWNJ)))
    separate: set[str] = set()
    for shape, count in windows.items():
        if shape.count(" ") != 1:
            continue
        left, right = shape.split(" ")
        if JoinerRule.productive(left, right):
            form = left + ZWNJ + right
            if count > forms.get(form, 0.0) + forms.get(left + right, 0.0):
                separate.add(shape)
    model.joins = frozenset(joins)
    model.weak_joins = frozenset(weak_joins - joins)
    model.separate = frozenset(separate)
    model.index_windows()
    print(
        f"tokens {reliable_tokens:,} reliable; forms {len(forms):,}; fixes {len(fixes):,}; "
        f"joins {len(joins):,}+{len(weak_joins):,} weak; separate {len(separate):,}; "
        f"vocabulary {len(vocabulary):,}; "
        f"verb bodies {len(verb_bodies):,}; heads {len(heads)}; tails {len(tails)}"
    )
    return model


def _affixed(model: JoinerModel, word: str) -> str | None:
    """A known glued word as a verb or a word + suffix (the run-time analysis without its guards
    for unseen words, which the counts here stand in for)."""
    return model.verb_reading(word, names=False) or model._suffixed(word)


def evaluate(model: JoinerModel, lines: list[str], label: str, errors: bool = False) -> None:
    rule = JoinerRule(model=model)
    for mode in ("removed", "spaced"):
        score = Score()
        restored = rule.apply("\n".join(corrupt(line, mode) for line in lines)).split("\n")
        for line, out in zip(lines, restored, strict=True):
            score.add(line, out, keep_errors=errors)
        by_kind = " ".join(f"{k}={score.accuracy(k):.3f}/{score.words[k]}" for k in CATEGORIES)
        print(
            f"{label} {mode}: words {score.accuracy():.4f} {by_kind} "
            f"P={score.precision:.3f} R={score.recall:.3f}"
        )
        if errors:
            for (gold, out), n in score.errors.most_common(400):
                print("   ", n, gold.replace(ZWNJ, "+"), "->", out.replace(ZWNJ, "+"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--holdout", action="store_true", help="score on a held-out tenth")
    parser.add_argument("--errors", action="store_true", help="list the commonest errors")
    args = parser.parse_args()
    started = time.time()
    updt = read_updt(dev_ngrams())
    news = read_news()
    print(
        f"updt sentences kept {len(updt):,}; news articles {len(news):,} "
        f"({sum(r for _, r in news):,} reliable)"
    )
    if args.holdout:
        train = [line for i, line in enumerate(updt) if i % 10]
        held_updt = [line for i, line in enumerate(updt) if not i % 10]
        train_news = [a for i, a in enumerate(news) if i % 10]
        held_news = [
            line
            for i, (text, ok) in enumerate(news)
            if not i % 10 and ok
            for line in text.split("\n")
        ]
        model = build(train, train_news)
        save_model(model, "/tmp/khabar-joiners-holdout.json.gz")
        evaluate(model, held_updt, "held-out updt", args.errors)
        evaluate(model, held_news, "held-out news", args.errors)
    else:
        model = build(updt, news)
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        save_model(model, str(OUTPUT))
        print(f"wrote {OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size / 1e6:.2f} MB")
    print(f"took {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
