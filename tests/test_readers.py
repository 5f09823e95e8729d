import json
from pathlib import Path

import pytest

from khabar.chars import ZWNJ
from khabar.errors import DecodeError
from khabar.readers import decode_bytes, read_paths

PAGE = f"خبرگزاری نمونه:\nوزیر نیرو امروز گفت که سدها پر{ZWNJ}آب هستند و مشکلی برای تابستان وجود ندارد.\n"


def read_one(path: Path) -> list:  # type: ignore[type-arg]
    return list(read_paths([path]))


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_readers_decode_unicode_encodings(encoding: str, prefix: bytes) -> None:
    text, _ = decode_bytes(prefix + PAGE.encode(encoding), "page.txt")
    assert text == PAGE


def test_readers_decode_windows_1256_with_its_zwnj_byte() -> None:
    legacy = PAGE.replace("ی", "ي")  # Windows-1256 has only the Arabic yeh
    data = legacy.encode("cp1256")
    assert b"\x9d" in data  # ZWNJ is byte 0x9D in Windows-1256
    text, encoding = decode_bytes(data, "old.txt")
    assert (text, encoding) == (legacy, "cp1256")


def test_readers_refuse_binary_and_undecodable_bytes() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 8, "image.png")
    with pytest.raises(DecodeError, match="not UTF-8"):
        decode_bytes(b"plain latin text \xff\xfe\xfa with odd bytes " * 10, "odd.txt")


def test_readers_bad_files_become_rejections(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "broken.json").write_text("{ not json", encoding="utf-8")
    docs = list(read_paths([tmp_path]))
    by_id = {d.id: d for d in docs}
    assert by_id[str(tmp_path / "binary.txt")].rejection.reason == "binary"
    assert by_id[str(tmp_path / "broken.json")].rejection.reason == "unreadable"
    assert "not valid JSON" in by_id[str(tmp_path / "broken.json")].rejection.message
    assert by_id["good"].rejection is None
    assert by_id["empty"].raw == ""
    missing = read_one(tmp_path / "nope.txt")
    assert missing[0].rejection.message == "no such file"


def test_readers_too_large_file_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import khabar.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_text("الف" * 1000, encoding="utf-8")
    [doc] = read_one(path)
    assert doc.rejection.reason == "too_large"
    assert "100-byte limit" in doc.rejection.message


def test_readers_json_article_layout(tmp_path: Path) -> None:
    article = {
        "title": "افتتاح کتابخانه تازه در شهر نمونه",
        "abstract": "کتابخانه مرکزی شهر با ده هزار جلد کتاب گشایش یافت.",
        "paragraphs": [
            "به گزارش خبرنگار ما، این کتابخانه صبح امروز افتتاح شد.",
            "شهردار نیز حضور داشت.",
        ],
        "link": "https://example.invalid/news/1",
        "tags": ["کتاب", "فرهنگ"],
    }
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([article, article]), encoding="utf-8")
    docs = read_one(path)
    assert len(docs) == 2
    doc = docs[0]
    assert doc.title == article["title"] and doc.abstract == article["abstract"]
    assert doc.url == article["link"] and doc.tags == ("کتاب", "فرهنگ")
    assert doc.raw.split("\n") == [article["title"], article["abstract"], *article["paragraphs"]]


def test_readers_jsonl_reports_the_bad_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "متن اول خبر",
                "source": "خبرگزاری الف",
                "published": "2023-05-01T08:00:00Z",
            }
        ),
        "{broken",
        json.dumps({"text": "متن سوم خبر"}),
        json.dumps({"no_text": 1}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs = read_one(path)
    assert [d.id for d in docs] == ["a1", f"{path}:2", "feed:3", f"{path}:4"]
    assert docs[0].source == "خبرگزاری الف" and docs[0].published.year == 2023
    assert docs[1].rejection.reason == "unreadable" and docs[3].rejection is not None
    assert docs[2].rejection is None


def test_readers_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(
        ["سازمان هواشناسی از بارش باران در استان‌های شمالی در روزهای آینده خبر داد."] * 4
    )
    html = f"""<!doctype html><html lang="fa"><head><title>بارش باران در شمال</title>
    <meta property="og:site_name" content="خبرگزاری نمونه"></head>
    <body><nav>صفحه اصلی | ورزشی | سیاسی</nav><article><h1>بارش باران در شمال</h1>
    <p>{body}</p><p>{body}</p></article><footer>تمامی حقوق محفوظ است</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [doc] = read_one(path)
    assert doc.rejection is None
    assert doc.title == "بارش باران در شمال"
    assert "سازمان هواشناسی" in doc.raw
    assert "تمامی حقوق" not in doc.raw and "صفحه اصلی" not in doc.raw
