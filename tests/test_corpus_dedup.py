"""Copies of one story: exact and near duplicates, stable cluster ids, the earliest copy."""

from __future__ import annotations

import pytest
from corpus_helpers import LONG_STORY, OTHER_AIRPORT_STORY, analyzed, utc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.corpus.dedup import DedupConfig
from khabar.corpus.record import PreparedRecord, prepare
from khabar.corpus.store import Store
from khabar.errors import ConfigError


def clusters(store: Store) -> dict[str, tuple[str, bool, int]]:
    return {
        stored.doc_id: (stored.cluster.id, stored.cluster.earliest, stored.cluster.size)
        for stored in store.documents()
        if stored.cluster is not None
    }


def story(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


COPIES = {
    "reordered": story(LONG_STORY[2:] + LONG_STORY[:2]),
    "added": story([*LONG_STORY, "این خبر تکمیل می‌شود و جزئیات بیشتر در گزارش‌های بعدی می‌آید."]),
    "furniture": "خبرگزاری کویر - " + story(LONG_STORY) + "\nارسال نظرات\nبازگشت به صفحه نخست",
    "truncated": story(LONG_STORY[:4]),
}


@pytest.fixture()
def store() -> Store:
    return Store(":memory:")


def test_dedup_groups_near_copies_and_leaves_the_other_story_alone(store: Store) -> None:
    docs = [analyzed(story(LONG_STORY), "original", source="آفتاب", published=utc(2023, 1, 2))]
    for number, (name, text) in enumerate(COPIES.items(), 3):
        docs.append(analyzed(text, name, source=f"outlet-{name}", published=utc(2023, 1, number)))
    docs.append(analyzed(story(OTHER_AIRPORT_STORY), "other", published=utc(2023, 1, 1)))
    store.add([prepare(doc) for doc in docs])
    store.recluster()
    found = clusters(store)
    original_cluster = found["original"][0]
    assert {name for name, c in found.items() if c[0] == original_cluster} == {
        "original",
        *COPIES,
    }
    assert found["original"][1:] == (True, 5)
    assert not any(found[name][1] for name in COPIES)
    assert found["other"][2] == 1 and found["other"][0] != original_cluster


def test_dedup_exact_copies_share_a_cluster(store: Store) -> None:
    text = story(OTHER_AIRPORT_STORY)
    store.add(
        [
            prepare(analyzed(text, "first", source="آفتاب")),
            prepare(analyzed(text, "second", source="کویر")),
        ]
    )
    store.recluster()
    found = clusters(store)
    assert found["first"][0] == found["second"][0] and found["first"][2] == 2


def test_dedup_cluster_id_is_stable_and_earliest_follows_publication(store: Store) -> None:
    store.add([prepare(analyzed(story(LONG_STORY), "late", published=utc(2023, 2, 1)))])
    store.recluster()
    first_id = clusters(store)["late"][0]
    # an earlier copy arrives later: same cluster id, and it becomes the earliest
    store.add([prepare(analyzed(COPIES["reordered"], "early", published=utc(2023, 1, 1)))])
    store.recluster()
    found = clusters(store)
    assert found["late"] == (first_id, False, 2)
    assert found["early"] == (first_id, True, 2)


def test_dedup_threshold_is_configurable(store: Store) -> None:
    store.add(
        [
            prepare(analyzed(story(LONG_STORY), "original")),
            prepare(analyzed(COPIES["truncated"], "truncated")),
        ]
    )
    store.recluster(DedupConfig(threshold=0.95))
    assert clusters(store)["truncated"][2] == 1
    assert store.dedup_threshold == 0.95
    store.recluster(DedupConfig(threshold=0.5))
    assert clusters(store)["truncated"][2] == 2


def test_dedup_threshold_out_of_range_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"threshold must be in \(0, 1\]"):
        DedupConfig(threshold=1.5)


def _variants() -> list[tuple[str, str]]:
    """Copies of two stories that overlap more or less, around the threshold, and one apart."""
    texts = [("original", story(LONG_STORY)), ("other", story(OTHER_AIRPORT_STORY))]
    texts += [(name, text) for name, text in COPIES.items()]
    texts += [
        ("half", story(LONG_STORY[:3])),
        ("tail", story(LONG_STORY[3:])),
        ("mixed", story(LONG_STORY[:2] + OTHER_AIRPORT_STORY[:2])),
        ("other-start", story(OTHER_AIRPORT_STORY[:2])),
        ("same-as-other", story(OTHER_AIRPORT_STORY)),
    ]
    return texts


@pytest.fixture(scope="module")
def prepared() -> list[PreparedRecord]:
    return [
        prepare(analyzed(text, name, source=f"outlet-{name}", published=utc(2023, 1, 1 + number)))
        for number, (name, text) in enumerate(_variants())
    ]


def recomputed(
    records: list[PreparedRecord], config: DedupConfig | None = None
) -> dict[str, tuple[str, bool, int]]:
    """The clusters of ``records`` stored at once and clustered from scratch (``recluster``)."""
    with Store(":memory:") as whole:
        whole.add(records)
        whole.recluster(config)
        return clusters(whole)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_dedup_clusters_kept_up_as_documents_arrive_equal_a_full_recomputation(
    prepared: list[PreparedRecord], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(prepared))
    cuts = sorted(data.draw(st.sets(st.integers(1, len(order) - 1), max_size=4)))
    threshold = data.draw(st.sampled_from([0.3, 0.4, 0.6]))
    config = DedupConfig(threshold=threshold)
    with Store(":memory:") as kept:
        for start, end in zip([0, *cuts], [*cuts, len(order)], strict=True):
            kept.add(order[start:end])
            kept.cluster(config)
        assert clusters(kept) == recomputed(order, config)


def test_dedup_store_without_a_band_index_gets_one_at_its_next_clustering(
    prepared: list[PreparedRecord],
) -> None:
    with Store(":memory:") as store:
        store.add(prepared[:4])
        store.cluster()  # the first clustering: every cluster, and the band index
        store.connection.execute("DROP TABLE bands")  # a store written before the index existed
        store.connection.execute("DELETE FROM meta WHERE name = 'band_layout'")
        store.add(prepared[4:])
        store.cluster()
        assert clusters(store) == recomputed(prepared)
        indexed = store.connection.execute("SELECT count(DISTINCT doc) FROM bands").fetchone()[0]
        assert indexed == store.count() == len(prepared)


def test_dedup_documents_stored_without_band_keys_are_clustered_in_full(
    prepared: list[PreparedRecord],
) -> None:
    by_name = {record.doc_id: record for record in prepared}
    with Store(":memory:") as store:
        store.add([by_name["original"]])
        store.cluster()
        # an older khabar adds a document to the same database without its band keys
        layout = store.connection.execute(
            "SELECT value FROM meta WHERE name = 'band_layout'"
        ).fetchone()[0]
        store.connection.execute("DELETE FROM meta WHERE name = 'band_layout'")
        store.add([by_name["other"]])
        store.connection.execute(  # and clusters it (alone, as its full recomputation does)
            "UPDATE documents SET cluster = 'story-' || substr(key, 1, 16) WHERE cluster IS NULL"
        )
        store.connection.execute("INSERT INTO meta VALUES ('band_layout', ?)", (layout,))
        # then copies of that document arrive: they must find it
        store.add([by_name["same-as-other"], by_name["other-start"]])
        store.cluster()
        assert clusters(store)["same-as-other"][2] == clusters(store)["other"][2] > 1
        names = ("original", "other", "same-as-other", "other-start")
        assert clusters(store) == recomputed([by_name[name] for name in names])
