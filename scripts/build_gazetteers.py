"""Build src/khabar/data/places.tsv from CLDR (through Babel) plus the team's list of common names.

    .venv/bin/python scripts/build_gazetteers.py

Babel is a build-time dependency only (the ``train`` extra): the run-time code reads the small TSV
this script writes, so importing khabar never needs Babel or CLDR. Each line is
``kind<TAB>code<TAB>canonical<TAB>name|name|...`` where ``kind`` is ``country``, ``region`` or
``language``. CLDR's own name is always one of the names; ``COMMON_NAMES`` adds the forms Persian
news uses (آمریکا for ایالات متحده, آذربایجان for جمهوری آذربایجان) and makes the first of them the
canonical name.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from babel import Locale

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "khabar" / "data" / "places.tsv"
ZWNJ = "\u200c"
HAMZA_ABOVE = "\u0654"
HEH_YEH = "\u06c0"

# Codes CLDR lists that are not places (pseudo-locales, unknown region) or are organisations.
SKIPPED = {"XA", "XB", "ZZ", "UN", "EU", "EZ", "QO"}

# The names Persian news uses, canonical first; CLDR's name is added to them when it differs.
COMMON_NAMES: dict[str, list[str]] = {
    "IR": ["ایران", "جمهوری اسلامی ایران", "جمهوری اسلامی"],
    "AZ": ["آذربایجان", "جمهوری آذربایجان"],
    "US": ["آمریکا", "امریکا", "ایالات متحده آمریکا", "ایالات متحده امریکا"],
    "GB": ["انگلیس", "انگلستان", "بریتانیا", "بریتانیای کبیر", "پادشاهی متحده"],
    "PS": ["فلسطین", "فلسطین اشغالی"],
    "AE": ["امارات", "امارات متحده عربی"],
    "SA": ["عربستان", "عربستان سعودی"],
    "RU": ["روسیه", "فدراسیون روسیه"],
    "CN": ["چین", "جمهوری خلق چین"],
    "TR": ["ترکیه", "جمهوری ترکیه"],
    "IQ": ["عراق", "جمهوری عراق"],
    "SY": ["سوریه", "جمهوری عربی سوریه"],
    "AF": ["افغانستان", "جمهوری اسلامی افغانستان"],
    "PK": ["پاکستان", "جمهوری اسلامی پاکستان"],
    "KR": ["کره جنوبی"],
    "KP": ["کره شمالی"],
    "CD": ["کنگو"],
    "DE": ["آلمان"],
    "IN": ["هند", "هندوستان"],
    "NL": ["هلند"],
    "ZA": ["آفریقای جنوبی"],
    "MM": ["میانمار", "برمه"],
    "AM": ["ارمنستان"],
    "TM": ["ترکمنستان"],
    "VA": ["واتیکان"],
}
REGION_NAMES: dict[str, list[str]] = {
    "002": ["آفریقا", "افریقا"],
    "019": ["قاره آمریکا", "امریکا"],
    "142": ["آسیا"],
    "150": ["اروپا"],
}
# Regions that CLDR lacks and Persian news names often.
EXTRA_REGIONS = [
    ["خاورمیانه", "خاور میانه"],
    ["قفقاز", "قفقاز جنوبی"],
    ["آسیای میانه"],
    ["خلیج فارس"],
    ["دریای خزر", "خزر"],
]


def clean(name: str) -> str:
    """CLDR's spelling in khabar's normalized form (ه + hamza above stays as one letter form)."""
    name = unicodedata.normalize("NFC", name).replace(HEH_YEH, "\u0647" + HAMZA_ABOVE)
    return name.replace("\u0647" + HAMZA_ABOVE, "\u0647")  # کرهٔ شمالی → کره شمالی in the index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    locale = Locale("fa")
    lines = []
    for code, cldr_name in sorted(locale.territories.items()):
        if code in SKIPPED or "،" in cldr_name:
            continue
        kind = "region" if code.isdigit() else "country"
        common = COMMON_NAMES.get(code) or REGION_NAMES.get(code) or []
        names = [*common, clean(cldr_name)]
        names = [n.strip() for n in names if n.strip()]
        names = list(dict.fromkeys(names))
        lines.append(f"{kind}\t{code}\t{names[0]}\t{'|'.join(names)}")
    for index, names in enumerate(EXTRA_REGIONS):
        lines.append(f"region\tX{index}\t{names[0]}\t{'|'.join(names)}")
    for code, name in sorted(locale.languages.items()):
        if "_" in code or len(code) > 3:
            continue
        lines.append(f"language\t{code}\t{clean(name)}\t{clean(name)}")
    header = "# Built by scripts/build_gazetteers.py from CLDR (Unicode licence) via Babel.\n"
    args.output.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} entries to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
