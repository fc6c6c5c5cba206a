"""The same pipeline on a Dask cluster, for when one machine is not enough.

Two ways in:

* :func:`tag_bag` — a ``dask.bag`` of output rows (sentence or item records)
  for a list of paths, to compose with the rest of a Dask workflow
  (``.to_dataframe()``, ``.filter()``, ``.to_textfiles()``);
* ``vn-directives tag … --scheduler ADDRESS`` — the batch command (with its
  resumable run folder and errors file, :mod:`vn_directives.batch`) sending
  each document to the cluster as a task.

Every worker process builds the pipeline once (the model is loaded on the
worker, from the package installed there: install ``vn_directives`` with the
same version on every worker). Input paths must be readable from the workers
(a shared file system, or the same layout on each machine).

Per-document time limit: a task runs the document in a thread of the worker
and gives up waiting after ``limits.timeout`` seconds; the document is
reported as failed, but Dask cannot stop the thread, which finishes in the
background. A worker that dies is replaced by Dask; the document it held is
retried and, if it kills workers again, reported as failed.

>>> import vn_directives.cluster as vc                        # doctest: +SKIP
>>> from dask.distributed import Client                        # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                    # doctest: +SKIP
>>> rows = vc.tag_bag(["a.txt", "b.docx"]).compute()           # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from .tagging import BatchError, Limits, failure_reason, tag_path

#: seconds to wait for a scheduler's answer before the run is refused
CONNECT_TIMEOUT = 10.0


def _outcome(path: str, level: str, config: Tuple[str, bool], limits: Limits,
             ids: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """Tag one path on a worker: ``{"source", "rows"}`` or ``{"source", "error"}``."""
    from concurrent.futures import ThreadPoolExecutor
    ex = ThreadPoolExecutor(max_workers=1)
    fut = ex.submit(tag_path, path, level, config, limits.max_bytes, (ids or {}).get(path))
    try:
        return {"source": path, "rows": fut.result(timeout=limits.timeout or None)}
    except Exception as e:
        return {"source": path, "error": failure_reason(path, e, limits, timeout_stops=False)}
    finally:
        ex.shutdown(wait=False)


def tag_bag(paths: Sequence[Union[str, "object"]], level: str = "sentence", model: str = "default",
            trust_model: bool = False, limits: Limits = Limits(), npartitions: Optional[int] = None):
    """A ``dask.bag`` of the output rows of every path (failed documents give no
    rows; use :func:`outcome_bag` to see their reasons)."""
    return outcome_bag(paths, level, model, trust_model, limits, npartitions).map(
        lambda o: o.get("rows", [])).flatten()


def outcome_bag(paths, level: str = "sentence", model: str = "default", trust_model: bool = False,
                limits: Limits = Limits(), npartitions: Optional[int] = None):
    """A ``dask.bag`` with one ``{"source", "rows"}`` or ``{"source", "error"}`` per path."""
    import dask.bag as db

    from .pipeline import document_ids
    paths = [str(p) for p in paths]
    bag = db.from_sequence(paths, npartitions=npartitions or max(1, min(len(paths), 256)))
    return bag.map(_outcome, level=level, config=(model, trust_model), limits=limits, ids=document_ids(paths))


def _client(scheduler: str, timeout: float = CONNECT_TIMEOUT):
    """A client for ``ADDRESS``, or a local cluster of separate worker processes
    for ``local`` / ``local:N``."""
    from dask.distributed import Client, LocalCluster
    if scheduler == "local" or scheduler.startswith("local:"):
        n = int(scheduler.split(":", 1)[1]) if ":" in scheduler else None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler, timeout=timeout), None


class Connection:
    """A client and, for ``local[:N]``, the cluster it started; ``close()`` ends both."""

    def __init__(self, client, cluster):
        self.client, self.cluster = client, cluster

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def connect(scheduler: str, timeout: float = CONNECT_TIMEOUT) -> Connection:
    """Connect to ``scheduler`` before any work; a missing dask or an unreachable
    address is a :class:`~vn_directives.batch.BatchError` naming it."""
    if scheduler != "local" and not scheduler.startswith("local:") and ":" not in scheduler:
        raise BatchError(f"--scheduler {scheduler!r}: give an address (tcp://host:8786) or local[:N]")
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise BatchError("--scheduler needs Dask: pip install 'vn_directives[dask]'") from None
    try:
        return Connection(*_client(scheduler, timeout))
    except (OSError, TimeoutError, ValueError) as e:
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__}: "
                         f"{e}); nothing was tagged") from None


def run_on_dask(todo: List[str], done: Callable[[str, Optional[List[Dict]], Optional[str]], None], *,
                scheduler: str, level: str, config: Tuple[str, bool], limits: Limits,
                ids: Optional[Dict[str, str]] = None, client: Optional[Connection] = None) -> None:
    """The batch command's runner on Dask: one task per document, results
    handed to ``done`` as they arrive. ``client`` is a :func:`connect`-ion made
    beforehand (the caller closes it); without one, this connects and closes."""
    from dask.distributed import as_completed
    own = client is None
    conn = connect(scheduler) if own else client
    client = conn.client
    try:
        futures = client.map(_outcome, todo, level=level, config=config, limits=limits, ids=ids, pure=False)
        path_of = {f.key: p for f, p in zip(futures, todo)}
        for fut in as_completed(futures):
            try:
                out = fut.result()
            except Exception as e:   # KilledWorker and the like: this document only
                path = path_of[fut.key]
                done(path, None, f"{path}: failed on the cluster ({type(e).__name__}: {e})")
                continue
            done(out["source"], out.get("rows"), out.get("error"))
    finally:
        if own:
            conn.close()
