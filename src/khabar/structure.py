"""Page structure: the outlet line, page furniture, stories, titles and leads.

:func:`split_stories` runs on a page before analysis and cuts it into stories at headline lines.
The :class:`Structure` stage then works on each story's normalized text:

Needs: normalized text (``normalized``).
Adds: the outlet line and furniture lines (کد خبر, انتهای پیام, ارسال نظرات, ...) cut from ``text``
and recorded in ``removed`` and ``corrections``; ``paragraphs`` with their roles (title, lead, body);
``title`` when the story opens with a headline; ``source`` from the outlet line.
Stays true: ``raw`` keeps every removed line, so each removal maps back to the page.
"""

from __future__ import annotations

import dataclasses
import re

from khabar.chars import ZWNJ
from khabar.model import Correction, Document, Paragraph, ParagraphRole, Removed, Span
from khabar.normalize.fold import fold
from khabar.offsets import Edit, apply_edits
from khabar.segment import line_spans

_J = f"[{ZWNJ} ]?"  # a joiner, a space or nothing: furniture is matched in any spelling
FURNITURE = re.compile(
    "^(?:"
    + "|".join(
        [
            f"ارسال{_J}نظر(?:ات)?",
            "نظرات",
            f"ارسال{_J}به{_J}دوستان",
            f"(?:نسخه{_J})?(?:چاپی|چاپ|پرینت)",
            f"(?:اشتراک{_J}گذاری|به{_J}اشتراک{_J}بگذارید)(?:\\s.*)?",
            f"کد{_J}خبر\\s*[:：]?\\s*[\\d۰-۹]*",
            f"شناسه{_J}خبر\\s*[:：]?\\s*[\\d۰-۹]*",
            f"انتهای{_J}(?:پیام|خبر)",
            "/م|/ن|/ت",
            f"لینک{_J}کوتاه(?:\\s*[:：].*)?",
            f"(?:برچسب|کلید{_J}واژه){_J}(?:ها)?\\s*[:：].*",
            f"بازگشت{_J}به{_J}(?:بالا|صفحه{_J}اصلی)",
            f"اخبار{_J}مرتبط",
            f"(?:تعداد{_J})?(?:بازدید|نظر)\\s*[:：]\\s*[\\d۰-۹]+",
            f"زمان{_J}(?:مطالعه|انتشار)\\s*[:：].*",
            f"تاریخ{_J}انتشار\\s*[:：].*",
            "کپی شد|copy|print|share",
        ]
    )
    + ")[.!]?$",
    re.IGNORECASE,
)
# An outlet line: a short name ending in a colon, alone on the first line (پایگاه رهنما:).
OUTLET_LINE = re.compile(r"^(?P<name>[^\n:：.،؛!؟?]{2,60}?)\s*[:：]$")
MAX_OUTLET_WORDS = 6
MAX_HEADLINE_WORDS = 22
MIN_BODY_WORDS = 20
_SENTENCE_FINAL = tuple(".!?؟:،؛,;")


def is_furniture(line: str) -> bool:
    """True for a line of page furniture rather than content."""
    return bool(FURNITURE.match(line.strip()))


def outlet_name(line: str) -> str | None:
    """The outlet named by an outlet line such as «پایگاه رهنما:», else ``None``."""
    match = OUTLET_LINE.match(line.strip())
    if match and len(match.group("name").split()) <= MAX_OUTLET_WORDS:
        return match.group("name").strip()
    return None


def is_headline(line: str) -> bool:
    """True for a line shaped like a headline: short and not ending a sentence."""
    stripped = line.strip()
    words = stripped.split()
    return (
        0 < len(words) <= MAX_HEADLINE_WORDS
        and not stripped.endswith(_SENTENCE_FINAL)
        and not is_furniture(stripped)
    )


def _is_body(line: str) -> bool:
    return len(line.split()) >= MIN_BODY_WORDS


def split_stories(page: Document) -> list[Document]:
    """Cut a page into stories at headline lines that stand between two body paragraphs.

    Each story keeps its own slice of the page as ``raw`` and gets the id ``PAGE#1``, ``PAGE#2``, ...
    The first story keeps the outlet line and the last keeps the trailing furniture, which the
    :class:`Structure` stage then removes and records. A page of one story comes back whole.
    """
    raw = page.raw
    lines = line_spans(raw)
    source = page.source
    content = [(s, e) for s, e in lines if not is_furniture(raw[s:e])]
    if content and (name := outlet_name(raw[content[0][0] : content[0][1]])):
        source = source or name
        content = content[1:]
    cuts = []
    for index in range(1, len(content) - 1):
        line = raw[slice(*content[index])]
        before = raw[slice(*content[index - 1])]
        after = raw[slice(*content[index + 1])]
        if is_headline(line) and _is_body(after) and before.rstrip().endswith(_SENTENCE_FINAL):
            cuts.append(content[index][0])
    if not cuts:
        return [dataclasses.replace(page, source=source)]
    bounds = [0, *cuts, len(raw)]
    stories = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:]), 1):
        story_raw = raw[start:end]
        stories.append(
            Document.from_text(
                story_raw,
                id=f"{page.id}#{number}",
                source=source,
                url=page.url,
                published=page.published,
                tags=page.tags,
                title=page.title if number == 1 else None,
                raw_offset=page.raw_offset + start,
                origin=page.origin,
            )
        )
    return stories


class Structure:
    """The page-structure stage."""

    name = "structure"
    requires = frozenset({"normalized"})
    provides = frozenset({"structure", "paragraphs"})

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        lines = line_spans(text)
        source = doc.source
        cut: list[tuple[int, int, str]] = []  # (start, end, kind) of lines to remove
        first_content = next(
            (i for i, (s, e) in enumerate(lines) if not is_furniture(text[s:e])), None
        )
        for index, (start, end) in enumerate(lines):
            line = text[start:end]
            if is_furniture(line):
                cut.append((start, end, "furniture"))
            elif index == first_content and (name := outlet_name(line)) and len(lines) > 1:
                cut.append((start, end, "outlet"))
                source = source or name
        removed, edits, corrections = [], [], list(doc.corrections)
        # Each cut line takes its own newline with it. Lines that end the text (the last line, and
        # the cut lines standing right before it: کد خبر then انتهای پیام) take the newline before
        # them instead, unless an earlier cut already took it, so that the text does not end in one.
        trailing = len(cut)
        while trailing > 0 and cut[trailing - 1][1] == (
            len(text) if trailing == len(cut) else cut[trailing][0] - 1
        ):
            trailing -= 1
        taken = 0  # end of the previous removal
        for index, (start, end, kind) in enumerate(cut):
            if index >= trailing and start > 0 and start - 1 >= taken:
                start -= 1
            elif end < len(text):
                end += 1
            taken = end
            raw_start, raw_end = doc.offsets.to_raw(start, end)
            line_raw = doc.raw[raw_start:raw_end].strip()
            removed.append(Removed(raw_start, raw_end, line_raw, kind))  # type: ignore[arg-type]
            corrections.append(Correction(raw_start, raw_end, text[start:end], "", f"page-{kind}"))
            edits.append(Edit(start, end, ""))
        text, offsets = apply_edits(text, doc.offsets, edits)
        paragraphs = _paragraphs_with_roles(text, doc)
        title = doc.title
        if paragraphs and paragraphs[0].role == "title":
            # the title paragraph is the normalized form of a title given by the reader
            title = text[paragraphs[0].span.start : paragraphs[0].span.end]
        return dataclasses.replace(
            doc,
            text=text,
            offsets=offsets,
            source=source,
            title=title,
            removed=doc.removed + tuple(removed),
            corrections=tuple(corrections),
            paragraphs=paragraphs,
        )


def _paragraphs_with_roles(text: str, doc: Document) -> tuple[Paragraph, ...]:
    lines = line_spans(text)
    if not lines:
        return ()
    roles: list[ParagraphRole] = ["body"] * len(lines)
    first = 0
    first_line = text[slice(*lines[0])]
    if len(lines) > 1 and (
        # the cheap test first: folding is the costly part of this stage
        is_headline(first_line) or (doc.title is not None and fold(doc.title) == fold(first_line))
    ):
        roles[0] = "title"
        first = 1
    if first < len(lines) - 1:
        candidate = fold(text[slice(*lines[first])])
        is_abstract = doc.abstract is not None and fold(doc.abstract) == candidate
        # the rest of the story is folded only when needed: folding is the costly part of the stage
        if is_abstract or (len(candidate) >= 20 and candidate in fold(text[lines[first + 1][0] :])):
            roles[first] = "lead"
    return tuple(Paragraph(Span(s, e), role) for (s, e), role in zip(lines, roles))
