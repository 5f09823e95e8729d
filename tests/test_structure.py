from khabar import Document, Pipeline
from khabar.structure import is_furniture, is_headline, outlet_name, split_stories

BODY = (
    "به گزارش خبرنگار ما، دکتر کاوه نیک‌فر وزیر بهداشت کشور در نشستی با مدیران دانشگاه‌های علوم "
    "پزشکی اعلام کرد که برنامه تازه واکسیناسیون کودکان از ماه آینده در همه استان‌ها اجرا می‌شود."
)
BODY_2 = (
    "مهندس شیرین آزادمهر سخنگوی شرکت آب منطقه‌ای گفت: ذخایر سدهای استان نسبت به سال گذشته "
    "ده درصد کمتر است و مردم باید در مصرف آب صرفه‌جویی کنند تا تابستان بدون قطعی بگذرد."
)


def test_structure_recognizes_furniture_in_its_usual_spellings() -> None:
    for line in [
        "ارسال نظرات",
        "ارسال نظر",
        "کد خبر: ۱۲۳۴۵",
        "کد خبر 98765",
        "انتهای پیام",
        "انتهای‌پیام",
        "اشتراک‌گذاری",
        "نسخه چاپی",
        "برچسب‌ها: آب، سد",
    ]:
        assert is_furniture(line), line
    for line in ["ارسال محموله‌های کمک به مناطق زلزله‌زده ادامه دارد.", BODY]:
        assert not is_furniture(line)


def test_structure_outlet_line_names_the_outlet() -> None:
    assert outlet_name("خبرگزاری آوای شمال:") == "خبرگزاری آوای شمال"
    assert outlet_name("وزیر گفت: سلام") is None
    assert outlet_name(BODY) is None


def test_structure_headline_shape() -> None:
    assert is_headline("کاهش ده درصدی ذخایر سدهای استان")
    assert not is_headline(BODY)
    assert not is_headline("این جمله کوتاه است.")


def test_structure_splits_a_page_at_a_headline_between_bodies() -> None:
    page = "\n".join(
        ["خبرگزاری آوای شمال:", BODY, "کاهش ده درصدی ذخایر سدهای استان", BODY_2, "انتهای پیام"]
    )
    stories = split_stories(Document.from_text(page, id="page"))
    assert [s.id for s in stories] == ["page#1", "page#2"]
    assert all(s.source == "خبرگزاری آوای شمال" for s in stories)
    assert "".join(s.raw for s in stories) == page
    assert stories[1].raw_offset == page.index("کاهش")
    analyzed = [Pipeline()(s) for s in stories]
    assert analyzed[1].title == "کاهش ده درصدی ذخایر سدهای استان"
    assert [r.text for r in analyzed[1].removed] == ["انتهای پیام"]
    assert analyzed[0].text == BODY


def test_structure_a_page_of_one_story_stays_whole() -> None:
    page = "\n".join(["تیتر یک خبر کوتاه", BODY, BODY_2])
    stories = split_stories(Document.from_text(page, id="page"))
    assert len(stories) == 1 and stories[0].id == "page"
    doc = Pipeline()(stories[0])
    assert doc.title == "تیتر یک خبر کوتاه"
    assert [p.role for p in doc.paragraphs] == ["title", "body", "body"]


def test_structure_lead_repeating_a_later_sentence_is_marked() -> None:
    lead = "ذخایر سدهای استان نسبت به سال گذشته ده درصد کمتر است"
    page = "\n".join([lead + ".", BODY, BODY_2])
    doc = Pipeline()(Document.from_text(page))
    assert [p.role for p in doc.paragraphs] == ["lead", "body", "body"]


def test_structure_json_abstract_is_the_lead() -> None:
    doc = Document.from_text(
        "\n".join(["تیتر خبر", "خلاصه‌ای از خبر که در متن تکرار نمی‌شود", BODY]),
        title="تیتر خبر",
        abstract="خلاصه‌ای از خبر که در متن تکرار نمی‌شود",
    )
    doc = Pipeline()(doc)
    assert [p.role for p in doc.paragraphs] == ["title", "lead", "body"]


def test_structure_title_from_metadata_is_normalized() -> None:
    raw_title = "افتتاح كتابخانه"  # Arabic kaf, as scraped
    doc = Document.from_text("\n".join([raw_title, BODY]), title=raw_title)
    assert Pipeline()(doc).title == "افتتاح کتابخانه"
