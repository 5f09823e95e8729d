"""The default normalization rules, in the order they run.

Each rule is named and carries a before → after example (checked by the tests). The table is built
once at import; :func:`default_rules` selects and orders the rules for a configuration.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from khabar.chars import (
    ALEF_MAKSURA,
    ARABIC_DIGITS,
    ARABIC_KAF,
    ARABIC_YEH,
    BIDI_CONTROLS,
    BOM,
    DIACRITICS,
    HAMZA_ABOVE,
    HEH,
    HEH_YEH,
    KASHIDA,
    LATIN_DIGITS,
    NBSP,
    PERSIAN_DIGITS,
    PERSIAN_KAF,
    PERSIAN_YEH,
    RLM,
    SOFT_HYPHEN,
    TANWIN,
    TEH_MARBUTA,
    ZWJ,
    ZWNJ,
    ZWSP,
)
from khabar.normalize.engine import RegexRule, char_map_rule, regex_rule

DigitTarget = Literal["persian", "latin", "keep"]

_SCRIPT_LETTER = "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]"

# Speed: a pattern that opens with a literal or a character class lets the regex engine skip ahead
# to candidate positions; one that opens with a repeat (x+), a lookbehind or an alternation tries a
# match at every character. So runs are written xx* rather than x+, and a rule whose pattern cannot
# open that way gets a ``prefilter`` (substring tests that every edited text passes).
_INVISIBLE = f"[{re.escape(BIDI_CONTROLS + BOM + ZWSP + SOFT_HYPHEN)}]"
INVISIBLE_CONTROLS = regex_rule(
    "invisible-controls",
    f"{_INVISIBLE}{_INVISIBLE}*",
    "",
    (f"سلا{SOFT_HYPHEN}م{RLM}", "سلام"),
    "bidi marks, byte-order marks, zero-width spaces and soft hyphens carry nothing in Persian text",
)

LINE_ENDINGS = regex_rule("line-endings", r"\r\n?", "\n", ("الف\r\nب", "الف\nب"))

PRESENTATION_FORMS = regex_rule(
    "presentation-forms",
    "[\ufb50-\ufdff\ufe70-\ufefc]",
    lambda m: unicodedata.normalize("NFKC", m.group()),
    ("\ufee9\ufeb8\ufe98", "هشت"),
    "Arabic presentation forms (glyph codes from old PDFs and fonts) to the letters they show",
)

ARABIC_LETTERS = char_map_rule(
    "arabic-letters",
    {
        ARABIC_YEH: PERSIAN_YEH,
        ALEF_MAKSURA: PERSIAN_YEH,
        ARABIC_KAF: PERSIAN_KAF,
        "\u06aa": PERSIAN_KAF,  # ڪ swash kaf
        "\u06d5": HEH,  # ە ae
        "\u0671": "\u0627",  # ٱ alef wasla
        TEH_MARBUTA: HEH,
        HEH_YEH: HEH + HAMZA_ABOVE,
    },
    (f"{ARABIC_KAF}ت{ARABIC_YEH}ب", "کتیب"),
    "Arabic letter forms to the Persian ones; ۀ becomes ه with hamza above, as it is drawn",
)

KASHIDA_RULE = regex_rule(
    "kashida", f"{KASHIDA}{KASHIDA}*", "", (f"ا{KASHIDA}{KASHIDA}یران", "ایران")
)

# Tanwin is kept: صرفاً is spelled with it.
DIACRITICS_RULE = regex_rule(
    "diacritics",
    "[" + "".join(c for c in DIACRITICS if c not in TANWIN) + "]+",
    "",
    ("کِتاب", "کتاب"),
    "short vowels, sukun and shadda; tanwin stays",
)

_DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"
_RUN_CHAR = f"[A-Za-z{_DIGIT_CLASS}_./:\\-]"
# A maximal run of letters, digits and ._/:- that holds a digit (F16, ۱۴۰۲/۰۱/۰۱, covid-19). Written
# to open with a run character: either that character is a digit, or a digit follows in the run.
_DIGIT_RUN = re.compile(
    f"{_RUN_CHAR}(?:(?<=[{_DIGIT_CLASS}])|{_RUN_CHAR}*?[{_DIGIT_CLASS}]){_RUN_CHAR}*"
)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_LATIN_LETTER = re.compile("[A-Za-z]")


def _digits_rule(table: dict[int, int], name: str, example: tuple[str, str]) -> RegexRule:
    def replace(match: re.Match[str]) -> str:
        run = match.group()
        # digits inside Latin words, codes and addresses (F16, covid-19, a URL) stay as written
        return run if _LATIN_LETTER.search(run) else run.translate(table)

    return RegexRule(name, _DIGIT_RUN, replace, example, "digits to one script, outside Latin runs")


DIGITS_TO_PERSIAN = _digits_rule(_TO_PERSIAN, "digits", ("سال 1402 و ٣", "سال ۱۴۰۲ و ۳"))
DIGITS_TO_LATIN = _digits_rule(_TO_LATIN, "digits", ("سال ۱۴۰۲", "سال 1402"))

_PERSIAN_MARKS = {",": "،", ";": "؛", "?": "؟"}
PERSIAN_PUNCTUATION = regex_rule(
    "persian-punctuation",
    f"(?<={_SCRIPT_LETTER})[ ]?([,;?])(?=\\s|$|{_SCRIPT_LETTER})",
    lambda m: _PERSIAN_MARKS[m.group(1)],
    ("تهران, باکو", "تهران، باکو"),
    "Latin comma, semicolon and question mark after a Persian word",
    prefilter=lambda text: "," in text or ";" in text or "?" in text,
)

SPACE_BEFORE_PUNCTUATION = regex_rule(
    "punctuation-spacing",
    r"[ ][ ]*(?=[،؛؟!:»)\]]|\.(?!\.)(?:\s|$))",
    "",
    ("گفت : سلام", "گفت: سلام"),
    "no space before closing punctuation",
    # one of the marks after a space (the lookbehind spans the mark itself)
    prefilter=re.compile(r"[،؛؟!:»)\].](?<=[ ].)").search,
)

SPACE_AFTER_PUNCTUATION = regex_rule(
    "punctuation-spacing",
    f"(?<=[،؛:»؟!])(?={_SCRIPT_LETTER}|«)|(?<={_SCRIPT_LETTER}[.])(?=«)",
    " ",
    ("تصریح کرد:حضور", "تصریح کرد: حضور"),
    "one space after a comma, semicolon, colon or closing guillemet before a Persian word",
    # a mark followed by a letter or «, or a period followed by «
    prefilter=re.compile(f"[،؛:»؟!.](?:(?<=[.])«|(?<![.])(?={_SCRIPT_LETTER}|«))").search,
)

SPACE_INSIDE_GUILLEMETS = regex_rule(
    "punctuation-spacing",
    # spaces after an opening mark, or spaces before a closing one; opens with the space
    r"[ ](?:(?<=[«(\[][ ])[ ]*|[ ]*(?=[»)\]]))",
    "",
    ("« ذاکر حسناف »", "«ذاکر حسناف»"),
    "no space just inside guillemets and brackets",
    # an opening mark before a space, or a closing mark after one
    prefilter=re.compile(r"[«(\[»)\]](?:(?<=[«(\[])[ ]|(?<=[ ][»)\]]))").search,
)

DASH_SPACING = regex_rule(
    "dash-spacing",
    r"(?<=\w)(?:([–—])[ ](?=\w)|[ ]([–—])(?=\w))",
    lambda m: m.group(1) or m.group(2),
    ("دفاعی– امنیتی", "دفاعی–امنیتی"),
    "a dash between two words with a space on one side only joins the two words",
    prefilter=lambda text: "–" in text or "—" in text,
)

ZWNJ_REPEATS = regex_rule(
    "zwnj-cleanup",
    f"[{ZWNJ}{ZWJ}]*{ZWNJ}[{ZWNJ}{ZWJ}]*",
    lambda m: ZWNJ,
    (f"می{ZWNJ}{ZWNJ}شود", f"می{ZWNJ}شود"),
    "doubled joiners become one",
    # a run of joiners other than one ZWNJ holds two ZWNJs side by side or a ZWJ
    prefilter=lambda text: ZWNJ + ZWNJ in text or ZWJ in text,
)

ZWNJ_STRAY = regex_rule(
    "zwnj-cleanup",
    # a ZWNJ not preceded by a letter (the lookbehind spans the ZWNJ itself), or not followed by one
    f"{ZWNJ}(?:(?<!{_SCRIPT_LETTER}{ZWNJ})|(?!{_SCRIPT_LETTER}))",
    "",
    (f"کتاب{ZWNJ} خوب", "کتاب خوب"),
    "a joiner that does not stand between two letters",
)

UNUSUAL_SPACES = regex_rule(
    "whitespace",
    f"[\\t\\v\\f{NBSP}\u1680\u2000-\u200a\u202f\u205f\u3000]",
    " ",
    (f"دو{NBSP}کشور", "دو کشور"),
    "tabs and the many Unicode spaces become a plain space",
)

SPACE_RUNS = regex_rule(
    "whitespace", r"[ ]{2,}", " ", ("دو   کشور", "دو کشور"), prefilter=lambda text: "  " in text
)

LINE_EDGES = regex_rule(
    "whitespace",
    r"^[ \n]+|[ \n]+$|[ ]*\n[ \n]*",
    lambda m: "" if m.start() == 0 or m.end() == len(m.string) else "\n",
    ("  الف \n\n ب ", "الف\nب"),
    "no blank lines, no spaces at the ends of lines or of the text: one line is one paragraph",
    prefilter=lambda text: (
        text[:1] in " \n" or text[-1:] in " \n" or " \n" in text or "\n " in text or "\n\n" in text
    ),
)


def default_rules(
    *, digits: DigitTarget = "persian", remove_diacritics: bool = False
) -> tuple[RegexRule, ...]:
    """The rule table for a configuration, in running order."""
    digit_rules = {
        "persian": (DIGITS_TO_PERSIAN,),
        "latin": (DIGITS_TO_LATIN,),
        "keep": (),
    }[digits]
    return (
        INVISIBLE_CONTROLS,
        LINE_ENDINGS,
        PRESENTATION_FORMS,
        ARABIC_LETTERS,
        KASHIDA_RULE,
        *((DIACRITICS_RULE,) if remove_diacritics else ()),
        *digit_rules,
        ZWNJ_REPEATS,
        ZWNJ_STRAY,
        UNUSUAL_SPACES,
        SPACE_RUNS,  # before the punctuation rules, which look at one space at a time
        PERSIAN_PUNCTUATION,
        DASH_SPACING,
        SPACE_INSIDE_GUILLEMETS,
        SPACE_BEFORE_PUNCTUATION,
        SPACE_AFTER_PUNCTUATION,
        LINE_EDGES,
    )


ALL_RULES: tuple[RegexRule, ...] = (
    *default_rules(remove_diacritics=True),
    DIGITS_TO_LATIN,
)
