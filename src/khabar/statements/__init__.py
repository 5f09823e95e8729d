"""Statements: who said what.

- :mod:`khabar.statements.cues`: the cue verbs and phrases (گفت, اظهار داشت, با بیان اینکه, ...);
- :mod:`khabar.statements.speakers`: the subject of a clause and the person it refers to;
- :mod:`khabar.statements.linking`: repeated lines, and one speaker across statements;
- :mod:`khabar.statements.quotes`: the quotes stage,
  :class:`~khabar.statements.quotes.QuoteFinder`.
"""
