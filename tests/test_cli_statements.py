"""``khabar analyze`` with statements: --published, the JSON output and the readable report."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

import khabar
from khabar.cli import app

STORY = (
    "به گزارش ایسنا به نقل از رویترز، وزیر امور خارجه عمان ظهر دیروز با وزیر امور خارجه کشورمان "
    "دیدار کرد. وی در این دیدار گفت: مسقط از گفت\u200cوگو میان کشورهای منطقه حمایت می\u200cکند.\n"
)


def test_cli_published_resolves_relative_dates_in_json(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text(STORY, "utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(page), "--format", "json", "--published", "1403-02-31"]
    )
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    jsonschema.validate(output, khabar.json_schema())
    (doc,) = output["documents"]
    assert doc["published"].startswith("2024-05-20")
    (event,) = doc["events"]
    assert (event["type"], event["participants"]) == (
        "meeting",
        ["وزیر امور خارجه عمان", "وزیر امور خارجه کشورمان"],
    )
    assert (event["when"]["text"], event["when"]["resolved"], event["when"]["resolved_jalali"]) == (
        "ظهر دیروز", "2024-05-19", "1403-02-30",
    )  # fmt: skip
    (quote,) = doc["quotes"]
    mention, cue = quote["speaker_mention"]["text"], quote["cue"]["text"]
    assert (quote["speaker"], mention, cue, quote["kind"]) == (
        "وزیر امور خارجه عمان", "وی", "گفت", "direct",
    )  # fmt: skip
    assert [(a["source"], a["relation"], a["chain"]) for a in doc["attributions"]] == [
        ("ایسنا", "report", 1), ("رویترز", "quote", 2),
    ]  # fmt: skip
    assert doc["times"][0]["granularity"] == "day"


def test_cli_report_shows_who_said_what_and_who_met_whom(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text(STORY, "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(page), "--published", "2024-05-20"])
    assert result.exit_code == 0, result.output
    assert "according to: ایسنا ← رویترز (quote)" in result.stdout
    assert (
        "who said what:" in result.stdout
        and "وزیر امور خارجه عمان («وی») گفت [direct]" in result.stdout
    )
    assert (
        "meeting: وزیر امور خارجه عمان & وزیر امور خارجه کشورمان"
        " — ظهر دیروز → 2024-05-19, 1403-02-30" in result.stdout
    )


def test_cli_bad_published_date_is_one_clear_line(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text(STORY, "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(page), "--published", "1402-13-40"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "--published '1402-13-40' is not a date" in lines[0]
    assert "Traceback" not in result.output


def test_cli_statements_survive_a_json_round_trip() -> None:
    from khabar.dates import parse_publication_date

    doc = khabar.Pipeline()(
        khabar.Document.from_text(STORY, id="story", published=parse_publication_date("2024-05-20"))
    )
    again = khabar.document_from_dict(json.loads(json.dumps(khabar.document_to_dict(doc))))
    assert (again.quotes, again.attributions, again.events, again.times) == (
        doc.quotes,
        doc.attributions,
        doc.events,
        doc.times,
    )
