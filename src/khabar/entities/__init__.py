"""Named entities and people: who and what a story is about.

Two stages, appended to the default pipeline after segmentation:
:class:`EntityRecognizer` (PER, ORG, LOC, FAC, EVENT from a CRF tagger; DATE, TIME, MONEY,
PERCENT from rules; canonical names for places and organisations) and :class:`PeopleLinker`
(one profile per person with titles, office, country and every mention).

The modules, one concept each: ``features`` (token features), ``tagger`` (the CRF and its model
files), ``neural`` (the neural tagger) and ``ensemble`` (both, summed; ``--entities ensemble``),
``document`` (the document pass), ``boundaries`` (PEYMA's boundary conventions), ``corpus``
(reading ARMAN and PEYMA, scoring), ``gazetteers`` (CLDR places, titles and offices), ``rules``
(dates, times, money, percentages), ``canonical`` (canonical names), ``offices`` (titles and
office phrases around names), ``recognizer`` and ``people`` (the stages).
Importing this package loads no model; the tagger is loaded when a stage is built.
"""

from __future__ import annotations

from khabar.entities.people import PeopleConfig, PeopleLinker
from khabar.entities.recognizer import EntityRecognizer, NameTagger

__all__ = ["EntityRecognizer", "NameTagger", "PeopleConfig", "PeopleLinker"]
