import dataclasses

import pytest

from khabar import Document, Pipeline, PipelineError, StageError
from khabar.normalize import Normalizer
from khabar.segment import Segmenter


class Exploding:
    name = "exploding"
    requires: frozenset[str] = frozenset()
    provides = frozenset({"nothing"})

    def __call__(self, doc: Document) -> Document:
        raise ZeroDivisionError("boom")


def test_pipeline_names_the_missing_requirement_and_its_provider() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([Normalizer(), Segmenter()])
    assert "'segment' needs ['structure']" in str(info.value)
    assert "no stage in this pipeline" in str(info.value)


def test_pipeline_wraps_a_failing_stage_with_stage_and_document() -> None:
    with pytest.raises(StageError) as info:
        Pipeline([Exploding()])(Document.from_text("متن", id="doc-7"))
    assert info.value.stage == "exploding" and info.value.document_id == "doc-7"
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_pipeline_rejected_documents_pass_through_untouched() -> None:
    doc = Pipeline()(Document.from_text("", id="empty"))
    assert doc.rejection is not None and doc.rejection.reason == "empty"
    assert doc.sentences == ()


def test_pipeline_records_what_each_document_has_been_given() -> None:
    doc = Pipeline()(Document.from_text("باران امروز در تهران بارید و هوا خنک شد."))
    assert {"language", "normalized", "structure", "sentences", "tokens"} <= doc.provides


def test_pipeline_pipe_in_processes_matches_in_process() -> None:
    texts = [f"خبر شماره {i}: باران امروز در شهر شماره {i} بارید و هوا خنک شد." for i in range(12)]
    docs = [Document.from_text(t, id=str(i)) for i, t in enumerate(texts)]
    pipeline = Pipeline()
    serial = list(pipeline.pipe(docs))
    parallel = list(pipeline.pipe(docs, n_process=2, batch_size=3))
    assert [d.id for d in parallel] == [str(i) for i in range(12)]
    assert [dataclasses.astuple(d) for d in parallel] == [dataclasses.astuple(d) for d in serial]


def test_pipeline_stage_failure_in_a_worker_reaches_the_caller() -> None:
    docs = [Document.from_text(f"متن {i}", id=str(i)) for i in range(4)]
    with pytest.raises(StageError) as info:
        list(Pipeline([Exploding()]).pipe(docs, n_process=2))
    assert info.value.stage == "exploding" and "boom" in str(info.value)


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_pipe_can_reject_a_failing_document_and_go_on(n_process: int) -> None:
    class FailsOnSecond:
        name = "fails-on-second"
        requires: frozenset[str] = frozenset()
        provides = frozenset({"checked"})

        def __call__(self, doc: Document) -> Document:
            if doc.id == "1":
                raise ValueError("bad document")
            return doc

    docs = [Document.from_text(f"متن {i}", id=str(i)) for i in range(3)]
    results = list(Pipeline([FailsOnSecond()]).pipe(docs, n_process=n_process, on_error="reject"))
    assert [d.id for d in results] == ["0", "1", "2"]
    assert [d.rejection is None for d in results] == [True, False, True]
    rejection = results[1].rejection
    assert rejection is not None and rejection.reason == "failed"
    assert "stage 'fails-on-second' failed on document '1': bad document" == rejection.message
