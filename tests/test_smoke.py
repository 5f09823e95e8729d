import khabar


def test_analyze_returns_a_normalized_document() -> None:
    doc = khabar.analyze("به گزارش ایرنا، وزیر خارجه روز شنبه با همتای خود دیدار کرد.")
    assert doc.rejection is None
    assert doc.sentences and doc.tokens
