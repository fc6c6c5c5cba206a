"""The work of one document, in whatever process does it: the pipeline of the process
(built once), tagging one path into output rows, the limits a document is held to, and
why a document failed. :mod:`vn_directives.batch` (worker processes) and
:mod:`vn_directives.cluster` (Dask workers) both run this; neither imports the other's
runner through it.

>>> from vn_directives.tagging import Limits, failure_reason
>>> failure_reason("a.txt", MemoryError(), Limits(memory_mb=1024))
"a.txt: out of memory (over the worker's limit of 1024 MB; --max-memory raises it)"
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from .reading.decode import DEFAULT_MAX_BYTES

LEVELS = ("sentence", "item")


@dataclass(frozen=True)
class Limits:
    """Per-document limits: seconds (0 = none), bytes of the input file, and the address
    space of a worker process in MB (0 = none; ``resource.setrlimit``), whose workers are
    replaced after ``recycle_after`` documents so that no worker keeps a peak's memory.
    The text itself is capped at :data:`~vn_directives.reading.decode.DEFAULT_MAX_CHARS`
    characters before the expensive stages."""

    timeout: float = 300.0
    max_bytes: int = DEFAULT_MAX_BYTES
    memory_mb: int = 4096
    recycle_after: int = 200


class BatchError(RuntimeError):
    """A run that cannot start or resume (the message says why)."""


class OutputWriteError(BatchError):
    """The run's own files cannot be written (a full disk, a read-only or forbidden folder):
    an error of the run, not of a document. Nothing is journaled as failed; the finished
    documents stay in the run folder and ``--resume`` completes the run."""


def write_error(e: OSError, what: str) -> OutputWriteError:
    where = e.filename or what
    return OutputWriteError(f"{where}: cannot write ({e.strerror or e}). The run stopped; the documents "
                            f"finished so far are kept: free space or fix the folder's permissions, then "
                            f"run the same command with --resume")


_WORKER_NLP: Dict[Tuple, Any] = {}


def pipeline_for(config: Tuple[str, bool]):
    """The pipeline of this process for ``(model, trust_model)``, built once."""
    nlp = _WORKER_NLP.get(config)
    if nlp is None:
        import vn_directives as vd
        model, trust = config
        nlp = _WORKER_NLP[config] = vd.load(model=model, trust_model=trust)
    return nlp


def warm_up(config: Tuple[str, bool] = ("default", False)) -> None:
    """Build this process's pipeline and run it once (model unpickled, segmenter loaded)."""
    pipeline_for(config).tag_sentence("Sở GDĐT triển khai kế hoạch năm học 2021-2022.")


def tag_path(path: str, level: str = "sentence", config: Tuple[str, bool] = ("default", False),
             max_bytes: Optional[int] = None, doc_id: Optional[str] = None) -> List[Dict[str, Any]]:
    """Tag one file and return its output rows (sentence records, or item records).
    ``doc_id`` is the document's id in the run (:func:`~vn_directives.pipeline.document_ids`;
    default: the file's stem).

    Raises :class:`~vn_directives.reading.decode.ReadError` (with the file's
    name in the message) for a file that cannot be read.
    """
    doc = pipeline_for(config).read_path(path, doc_id=doc_id, max_bytes=max_bytes or None)
    if level == "item":
        return [it.to_record() for it in doc.items]
    return doc.to_records()


def failure_reason(path: str, error: BaseException, limits: Limits, timeout_stops: bool = True) -> str:
    """What goes to the errors file for a document that failed with ``error``.
    ``timeout_stops`` says whether a time-out stopped the work (worker processes)
    or only the wait for it (a thread on a Dask worker)."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from .reading.decode import ReadError
    if isinstance(error, ReadError):
        return str(error)
    if isinstance(error, MemoryError):
        return (f"{path}: out of memory (over the worker's limit of {limits.memory_mb} MB; "
                f"--max-memory raises it)")
    if isinstance(error, FutureTimeout):
        what = "stopped" if timeout_stops else "stopped waiting"
        return f"{path}: {what} after {limits.timeout:g} s (per-document time limit)"
    # a bug met by one document must not end the run
    return f"{path}: internal error {type(error).__name__}: {error}"


def limit_memory(memory_mb: int) -> None:
    """In a worker process: cap its address space at ``memory_mb`` MB (0: no cap), so that
    a document that needs more fails with MemoryError (an errors line) instead of taking
    the machine's memory."""
    if memory_mb and memory_mb > 0:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = memory_mb * 2**20
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
