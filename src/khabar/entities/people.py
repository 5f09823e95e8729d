"""People: one profile per person of a story, with titles, office and every mention of them.

Needs: ``entities`` (PER names from the recognizer), with ``tokens`` and ``sentences``.
Adds: ``people``: one :class:`~khabar.model.Person` per person, in order of first mention, each with
its name, titles and ranks (آیت‌الله, امیر سرتیپ, دکتر), office (وزیر دفاع), the country or
organisation of the office, and the sorted spans of its mentions: the full name with its titles,
the surname alone or after a title (رئیسی, امیر آشتیانی), the office alone (رئیس‌جمهور,
وزیر دفاع جمهوری آذربایجان) and the pronouns وی / او that refer to it.
Stays true: mentions lie inside ``doc.text``, never overlap, and each belongs to one person.

How mentions are linked, in order: a name with the same words, or whose last words are another
person's surname, is that person; an office phrase beside a name (``X، وزیر دفاع …``) gives the
person its role; an office alone is the person holding that office in the story, or, for an office
written without a country, the most recent person without an office (and the office is then taken
to be the home country's, ``ایران`` by default, as Persian news writes it); وی / او is the first
person mentioned in the nearest sentence before it that mentions one.

>>> import khabar
>>> doc = khabar.analyze(
...     "سرتیپ کامران نیک‌فر، وزیر دفاع جمهوری آذربایجان با آیت‌الله بهرام صدرایی دیدار کرد. "
...     "نیک‌فر گفت روابط دو کشور خوب است. وی افزود: همکاری ادامه دارد."
... )
>>> person = doc.people[0]
>>> person.name, person.titles, person.role, person.country
('کامران نیک\u200cفر', ('سرتیپ',), 'وزیر دفاع', 'آذربایجان')
>>> [doc.span_text(span) for span in person.mentions]
['سرتیپ کامران نیک\u200cفر', 'وزیر دفاع جمهوری آذربایجان', 'نیک\u200cفر', 'وی']
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field

from khabar.chars import DIACRITICS
from khabar.entities.features import word_key
from khabar.entities.offices import Office, TokenView, is_quote, read_office, title_at
from khabar.model import Document, Person, Span

PRONOUNS = frozenset({"وی", "او", "ایشان"})
_NUMBER_WORDS = frozenset(
    word_key(word) for word in "دو سه چهار پنج شش هفت هشت نه ده چند برخی همه تمام".split()
)


# a hamza's seat, spelled either way in names: طباطبائی, طباطبایی
_HAMZA_SEATS = str.maketrans({"ئ": "ی", "أ": "ا", "ؤ": "و"})


def _ends_with(name: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    """Whether the words ``tail`` end ``name``, a space or none between words alike: «عمران‌زاده»
    ends «حنیف عمران زاده»."""
    wanted = "".join(tail).translate(_HAMZA_SEATS)
    for size in range(1, len(name) + 1):
        joined = "".join(name[-size:]).translate(_HAMZA_SEATS)
        if len(joined) >= len(wanted):
            return joined == wanted
    return False


def _counts(key: str) -> bool:
    """A number or a word that counts (given as its word key): «دو», «۱۲», «چند»."""
    return key in _NUMBER_WORDS or any(char.isdigit() for char in key)


# A tagged span longer than this (titles aside) is no person's name: a verse in Arabic, a list.
_LONGEST_NAME = 6
_NAME_STOP = frozenset(
    word_key(word)
    for word in (
        *PRONOUNS,
        *"و در با به از که را نیز هم همچنین این آن برای تا بر طی گفت کرد است بود".split(),
        *"خود آنان آنها اینها ما شما من تو".split(),  # «شهید خود» names nobody
    )
)


@dataclass(slots=True)
class _Profile:
    """A person while the story is read; frozen into a :class:`Person` at the end."""

    name_keys: tuple[str, ...] = ()
    name: str | None = None
    titles: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    organization: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges

    def take_office(self, office: Office, home_country: str | None) -> None:
        if self.role is None:
            self.role = office.role
        if self.country is None:
            self.country = (
                office.country or office.town_country or (home_country if office.home else None)
            )
        if self.organization is None:
            self.organization = office.organization


def _add_titles(profile: _Profile, titles: list[str]) -> None:
    """Add titles not yet known; «امیر» adds nothing to a person already «امیر سرتیپ»."""
    for title in titles:
        words = set(title.split())
        if not any(words <= set(known.split()) for known in profile.titles):
            profile.titles.append(title)


@dataclass(frozen=True, slots=True, kw_only=True)
class PeopleConfig:
    """``home_country``: the country of an office written without one (رئیس‌جمهور)."""

    home_country: str | None = "ایران"


class PeopleLinker:
    """The people stage."""

    name = "people"
    requires = frozenset({"entities", "tokens", "sentences"})
    provides = frozenset({"people"})

    def __init__(self, config: PeopleConfig | None = None) -> None:
        self.config = config or PeopleConfig()

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, people=tuple(self.link(doc)))

    def link(self, doc: Document) -> list[Person]:
        linker = _StoryLinker(doc, self.config.home_country)
        return linker.run()


class _StoryLinker:
    """Links the mentions of one story. Not a dataclass: it is a one-use worker with state."""

    def __init__(self, doc: Document, home_country: str | None) -> None:
        self.doc = doc
        self.home_country = home_country
        tokens = doc.tokens
        self.tokens = tokens
        starts = [token.start for token in tokens]
        labels = [""] * len(tokens)
        self.view = TokenView([doc.text[t.start : t.end] for t in tokens], labels)
        self.names: list[tuple[int, int]] = []
        for entity in doc.entities:
            first = bisect.bisect_left(starts, entity.span.start)
            last = bisect.bisect_left(starts, entity.span.end)
            if first >= last:
                continue
            for index in range(first, last):
                labels[index] = entity.label
            self.view.entity_end[first] = last
            if entity.label == "PER":
                self.names.append((first, last))
        self.view.labels = labels
        self.sentence_of = [0] * len(tokens)
        sentence_starts = [sentence.start for sentence in doc.sentences]
        for index, token in enumerate(tokens):
            self.sentence_of[index] = max(0, bisect.bisect_right(sentence_starts, token.start) - 1)
        self.profiles: list[_Profile] = []
        self.owner: dict[int, _Profile] = {}  # first token of a mention → its person
        self.covered = [False] * len(tokens)

    # -- the passes ------------------------------------------------------------------------

    def run(self) -> list[Person]:
        self._name_mentions()
        self._surname_mentions()
        self._office_mentions()
        self._pronoun_mentions()
        return self._people()

    def _name_mentions(self) -> None:
        """Every PER name, with the titles before it and an office beside it."""
        for start, end in self._names_with_titled_words():
            end = self._balanced_end(start, end)
            titles, mention_start, name_start = self._titles_before(start, end)
            if name_start >= end or not self._may_name_a_person(name_start, end):
                continue
            keys = tuple(self.view.keys[name_start:end])
            profile = self._profile_for(keys)
            if profile is None:
                profile = _Profile()
                self.profiles.append(profile)
            if len(keys) > len(profile.name_keys):
                profile.name_keys = keys
                profile.name = self._text(name_start, end)
            _add_titles(profile, titles)
            self._add_mention(profile, mention_start, end)
            office = self._office_after(end) or self._office_before(mention_start)
            if office is not None:
                profile.take_office(office, self.home_country)
                if not any(self.covered[office.start : office.end]):
                    self._add_mention(profile, office.start, office.end)

    def _may_name_a_person(self, start: int, end: int) -> bool:
        """Not a span too long for a name, nor words in vowelled Arabic (a verse the tagger took
        for a name: «وَلَوْ کَانُوا یُؤْمِنُونَ …», «عَلَیَّ»), nor a word said twice (an adverb:
        «دوان دوان», «آرام آرام»)."""
        if end - start > _LONGEST_NAME:
            return False
        keys = self.view.keys[start:end]
        if all(key in _NAME_STOP for key in keys):
            return False  # «دکتر [ایشان]»: a pronoun the tagger took for a name
        if len(keys) == 2 and keys[0] == keys[1]:
            return False
        words = self.view.words[start:end]
        vowelled = sum(any(char in DIACRITICS for char in word) for word in words)
        return vowelled < len(words) and (len(words) < 3 or 2 * vowelled < len(words))

    def _balanced_end(self, start: int, end: int) -> int:
        """The end of a name before a closing bracket it does not open («خوان رنگین)»)."""
        words = self.view.words
        depth = 0
        for index in range(start, end):
            depth += words[index] == "("
            if words[index] == ")":
                if depth == 0:
                    return index
                depth -= 1
        return end

    def _names_with_titled_words(self) -> list[tuple[int, int]]:
        """PER names, plus names the tagger missed right after a title (سپهبد X Y)."""
        names = list(self.names)
        tagged = {index for start, end in names for index in range(start, end)}
        index = 0
        while index < len(self.view.words):
            title = self._person_title(index)
            if title is None:
                index += 1
                continue
            position = index + title[0]
            while (following := self._person_title(position)) is not None:
                position += following[0]  # امیر سرتیپ دکتر …
            name_end = position
            while name_end - position < 3 and self._may_be_name(name_end, tagged):
                name_end += 1
            if name_end > position and position not in tagged:
                names.append((position, name_end))
            index = max(name_end, index + 1)
        return sorted(names)

    def _person_title(self, index: int) -> tuple[int, str, str] | None:
        """The title or rank (not an office) starting at token ``index``."""
        if index >= len(self.view.words):
            return None
        title = title_at(self.view, index)
        return title if title is not None and title[1] not in ("office", "org") else None

    def _may_be_name(self, index: int, tagged: set[int]) -> bool:
        """Whether an untagged token after a title can be part of the name."""
        view = self.view
        return (
            index < len(view.words)
            and index not in tagged
            and not view.labels[index]
            and not view.is_punctuation(index)
            and view.keys[index] not in _NAME_STOP
            and title_at(view, index) is None
            and view.words[index][:1].isalpha()
        )

    def _surname_mentions(self) -> None:
        """Names and surnames of known people that the tagger did not mark."""
        named = [p for p in self.profiles if p.name_keys]
        if not named:
            return
        keys = self.view.keys
        for index in range(len(keys)):
            if self.covered[index]:
                continue
            for profile in named:
                surname = profile.name_keys[-1]
                if keys[index] == surname and len(surname) > 2:
                    _titles, mention_start, _ = self._titles_before(index, index + 1)
                    _add_titles(profile, _titles)
                    if not any(self.covered[mention_start : index + 1]):
                        self._add_mention(profile, mention_start, index + 1)
                    break

    def _office_mentions(self) -> None:
        """Offices standing alone: رئیس‌جمهور، … / وزیر دفاع جمهوری آذربایجان نیز …"""
        index = 0
        while index < len(self.view.words):
            if self.covered[index] or self.view.labels[index]:
                index += 1
                continue
            office = read_office(self.view, index)
            if (
                office is None
                or any(self.covered[office.start : office.end])
                or (index > 0 and _counts(self.view.keys[index - 1]))
            ):
                index += 1  # «دو نماینده خوزستانی» counts holders, it names nobody
                continue
            profile = self._holder(office)
            self._add_mention(profile, office.start, office.end)
            index = office.end

    def _holder(self, office: Office) -> _Profile:
        country = office.country or (self.home_country if office.home else None)
        same_office = [p for p in self.profiles if p.role == office.role]
        if country is not None or office.organization is not None:
            for profile in reversed(self._by_recency(same_office)):
                if (country is None or profile.country == country) and (
                    office.organization is None or profile.organization == office.organization
                ):
                    return profile
            if country is None:
                # «X در گفت‌وگو با فارس … مدیرکل بنادر گیلان افزود»: the office of the person
                # named before it who has none
                named = self._named_without_office(office.start)
                if named is not None:
                    named.role, named.organization = office.role, office.organization
                    return named
        else:
            home = [p for p in same_office if p.country in (None, self.home_country)]
            if home:
                return self._by_recency(home)[-1]
            fuller = [p for p in self.profiles if p.role and p.role.startswith(office.role + " ")]
            if fuller:  # «امام جمعه بروجرد … امام جمعه»: the office written in full before
                return self._by_recency(fuller)[-1]
            if same_office and not office.town:
                # «پادشاه بحرین … پادشاه»: the office named before, though abroad
                return self._by_recency(same_office)[-1]
            # an office written alone is the home country's; one with its town is its town's
            # country (استاندار مازندران) or none, since the town may be abroad (استاندار موصل)
            home_country = office.town_country or (None if office.town else self.home_country)
            named = self._named_without_office(office.start)
            if named is not None:
                named.role = office.role
                named.country = named.country or home_country
                return named
            country = home_country
        profile = _Profile(role=office.role, country=country, organization=office.organization)
        self.profiles.append(profile)
        return profile

    def _named_without_office(self, position: int) -> _Profile | None:
        """The named person without an office who is the story's subject before token
        ``position``: mentioned most often before it, and first on a tie (a story names its
        speaker first: «X در دیدار با Y گفت … مدیرکل … افزود» is X)."""
        best: tuple[int, int, _Profile] | None = None
        for profile in self.profiles:
            if profile.role is not None or not profile.name_keys:
                continue
            before = [start for start, _ in profile.mentions if start < position]
            if before and (best is None or (len(before), -min(before)) > best[:2]):
                best = (len(before), -min(before), profile)
        return None if best is None else best[2]

    def _pronoun_mentions(self) -> None:
        """وی / او: the first person mentioned in the nearest sentence before that names one."""
        # by start alone: two profiles may share a mention start, and profiles do not compare
        mentions = sorted(
            ((start, profile) for profile in self.profiles for start, _ in profile.mentions),
            key=lambda pair: pair[0],
        )
        mention_starts = [start for start, _ in mentions]
        for index, key in enumerate(self.view.keys):
            if key not in PRONOUNS or self.covered[index]:
                continue
            sentence = self.sentence_of[index]
            before = bisect.bisect_left(mention_starts, index)
            candidates = [
                (self.sentence_of[start], start, profile)
                for start, profile in mentions[:before]
                if sentence - 3 <= self.sentence_of[start] <= sentence
            ]
            if not candidates:
                continue
            nearest = max(candidate[0] for candidate in candidates)
            first = min(
                (c for c in candidates if c[0] == nearest), key=lambda candidate: candidate[1]
            )
            self._add_mention(first[2], index, index + 1)

    # -- helpers ---------------------------------------------------------------------------

    def _titles_before(self, start: int, end: int) -> tuple[list[str], int, int]:
        """Titles before (or at the start of) a name: (titles, mention start, name start)."""
        name_start = start
        titles: list[str] = []
        # a title the tagger put inside the name: «امیر آشتیانی» tagged PER as a whole
        while name_start < end - 1:
            title = title_at(self.view, name_start)
            if title is None or title[1] in ("office", "org") or name_start + title[0] >= end:
                break
            if title[1] != "honorific":
                titles.append(title[2])
            name_start += title[0]
        mention_start = start
        before: list[str] = []
        position = start
        while position > 0:
            found = None
            for length in range(1, 5):
                begin = position - length
                if begin < 0:
                    break
                title = title_at(self.view, begin)
                if title is not None and title[0] == length and title[1] not in ("office", "org"):
                    found = (begin, title)
            if found is None:
                if is_quote(self.view.words[position - 1]) and position - 1 > 0:
                    title = title_at(self.view, position - 2)
                    if title is not None and title[1] not in ("office", "org"):
                        position -= 1
                        continue
                break
            position = found[0]
            mention_start = position
            if found[1][1] != "honorific":
                before.insert(0, found[1][2])
        return before + titles, mention_start, name_start

    def _office_after(self, end: int) -> Office | None:
        position = end
        while position < len(self.view.words) and is_quote(self.view.words[position]):
            position += 1
        if position < len(self.view.words) and self.view.words[position] in ("،", ","):
            position += 1
        return read_office(self.view, position) if position < len(self.view.words) else None

    def _office_before(self, start: int) -> Office | None:
        position = start
        if position > 0 and self.view.words[position - 1] in ("،", ","):
            position -= 1
        for begin in range(max(0, position - 6), position):
            office = read_office(self.view, begin)
            if office is not None and office.end == position:
                return office
        return None

    def _profile_for(self, keys: tuple[str, ...]) -> _Profile | None:
        """The person a name refers to: the same words, a surname, or a longer form of a name."""
        for profile in reversed(self.profiles):
            known = profile.name_keys
            if not known:
                continue
            if _ends_with(known, keys) or _ends_with(keys, known):
                return profile
        return None

    def _add_mention(self, profile: _Profile, start: int, end: int) -> None:
        profile.mentions.append((start, end))
        for index in range(start, end):
            self.covered[index] = True

    def _by_recency(self, profiles: list[_Profile]) -> list[_Profile]:
        return sorted(profiles, key=lambda p: max((s for s, _ in p.mentions), default=-1))

    def _text(self, start: int, end: int) -> str:
        return self.doc.text[self.tokens[start].start : self.tokens[end - 1].end]

    def _people(self) -> list[Person]:
        people = []
        for profile in self.profiles:
            if not profile.mentions:
                continue
            spans = sorted(
                {Span(self.tokens[s].start, self.tokens[e - 1].end) for s, e in profile.mentions}
            )
            people.append(
                Person(
                    name=profile.name,
                    titles=tuple(profile.titles),
                    role=profile.role,
                    country=profile.country,
                    organization=profile.organization,
                    mentions=tuple(spans),
                )
            )
        people.sort(key=lambda person: person.mentions[0].start)
        return people
