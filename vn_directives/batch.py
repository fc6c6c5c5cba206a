"""Tagging many files: parallel, resumable, nothing lost.

:func:`tag_files` runs the pipeline over a list of files in worker processes
(``jobs``), and writes one output file (JSON Lines, CSV or Parquet, from the
extension) with the rows in input order, whatever order the workers finish in.

How nothing is lost
-------------------
Every finished document is written at once to its own part file in a run
folder beside the output (``OUT.parts/``): written to a temporary name, then
renamed, so a part is either whole or absent. Then a line is appended to the
run's journal (``journal.jsonl``, flushed to disk) saying the document is done,
with its size and modification time. Only at the end are the parts joined, in
input order, into the output (again through a temporary file and a rename),
and the run folder removed.

A run killed at any moment leaves its run folder; ``resume=True``
(``--resume``) reads the journal, skips the documents it lists whose file has
not changed since, tags the rest and joins everything: no document tagged
twice, no row written twice. A document's failure is journaled too, and not
retried on resume (the reason goes to the errors file again).

Limits per document
-------------------
A document that takes longer than ``limits.timeout`` seconds is stopped (its
worker process is killed and replaced), one larger than ``limits.max_bytes``
is not read, and a worker that dies (out of memory, a crash in a native
library) costs only the document it held. Each of these is a failure with its
reason, and the run goes on.

>>> from vn_directives.batch import tag_files          # doctest: +SKIP
>>> summary = tag_files(["data/texts/seed-002.txt"], "out/seed.jsonl", jobs=1)  # doctest: +SKIP
>>> summary.documents, summary.failures                # doctest: +SKIP
(1, [])
"""
from __future__ import annotations

import gc
import glob
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .export import format_of, write_lines
from .tagging import (LEVELS, BatchError, Limits, OutputWriteError, write_error, failure_reason,  # noqa: F401
                      limit_memory, pipeline_for, tag_path, warm_up)

RUN_SUFFIX = ".parts"
JOURNAL = "journal.jsonl"
RUN_FILE = "run.json"


@dataclass
class BatchSummary:
    """What a run did: documents tagged (this run and resumed), rows, failures, time."""

    output: str
    documents: int = 0
    resumed: int = 0
    rows: int = 0
    failures: List[Tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    errors_file: Optional[str] = None

    def line(self) -> str:
        s = (f"{self.documents} documents ({self.resumed} from an earlier run), {self.rows} rows, "
             f"{len(self.failures)} failed, {self.seconds:.1f}s → {self.output}")
        if self.errors_file:
            s += f" (failures listed in {self.errors_file})"
        return s


def _fingerprint(path: str) -> Dict[str, Any]:
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _key(path: str) -> str:
    return hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogatepass")).hexdigest()[:20]


# ---------------------------------------------------------------------------- the run folder

class RunLock:
    """An exclusive lock on a run's output (``OUT.lock``, held with ``filelock``): a second
    run on the same output is refused at once, with the holder named (pid, host, start)."""

    def __init__(self, output: Union[str, Path]):
        from filelock import FileLock
        self.path = Path(str(output) + ".lock")
        self.info = Path(str(output) + ".lock.json")
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> None:
        from filelock import Timeout
        try:
            self._lock.acquire()
        except Timeout:
            try:
                h = json.loads(self.info.read_text(encoding="utf-8"))
                holder = f"pid {h['pid']} on {h['host']}, started {h['started']}"
            except (OSError, ValueError, KeyError):
                holder = "holder unknown"
            raise BatchError(f"{self.path.with_suffix('')}: another run is writing this output ({holder}); "
                             f"wait for it to end, or write to another file") from None
        except OSError as e:
            raise BatchError(f"{self.path}: cannot take the run's lock ({e.strerror})") from None
        import socket
        _write_atomic(self.info, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                             "started": time.strftime("%Y-%m-%d %H:%M:%S")}))

    def release(self) -> None:
        for p in (self.info, self.path):      # removed while still held: no other run sees a stale one
            try:
                p.unlink()
            except OSError:
                pass
        self._lock.release()


class RunFolder:
    """``OUT.parts/``: one part file per finished document, and the journal."""

    def __init__(self, output: Union[str, Path], settings: Dict[str, Any]):
        self.path = Path(str(output) + RUN_SUFFIX)
        self.settings = settings
        self.done: Dict[str, Dict[str, Any]] = {}   # key -> journal entry

    def start(self, resume: bool) -> None:
        if self.path.exists() and resume:
            try:
                earlier = json.loads((self.path / RUN_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raise BatchError(f"{self.path}: not a run folder of vn-directives (no readable {RUN_FILE}); "
                                 f"remove it or run without --resume") from None
            if earlier != self.settings:
                diff = ", ".join(k for k in sorted(set(earlier) | set(self.settings))
                                 if earlier.get(k) != self.settings.get(k))
                raise BatchError(f"{self.path}: the earlier run used other settings ({diff}); "
                                 f"run without --resume to start again")
            self._read_journal()
            return
        if self.path.exists():
            shutil.rmtree(self.path)
        (self.path / "parts").mkdir(parents=True)
        _write_atomic(self.path / RUN_FILE, json.dumps(self.settings, sort_keys=True))

    def _read_journal(self) -> None:
        j = self.path / JOURNAL
        if not j.exists():
            return
        for line in j.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:      # a line cut short by a kill: that document is redone
                continue
            if entry.get("status") == "ok" and not self._part_is_whole(entry):
                continue   # its part is missing or cut short: that document is redone
            self.done[entry["key"]] = entry

    def _part_is_whole(self, entry: Dict[str, Any]) -> bool:
        part = self.path / "parts" / f"{entry['key']}.jsonl"
        try:
            with open(part, encoding="utf-8") as fh:
                return sum(1 for line in fh if line.endswith("\n")) == entry.get("rows")
        except OSError:
            return False

    def finished(self, path: str) -> bool:
        entry = self.done.get(_key(path))
        if entry is None:
            return False
        try:
            return {k: entry.get(k) for k in ("size", "mtime_ns")} == _fingerprint(path)
        except OSError:
            return False

    def part(self, path: str) -> Path:
        """Where a document's part file goes."""
        return self.path / "parts" / f"{_key(path)}.jsonl"

    def record(self, path: str, rows: Union[None, int, List[Dict]], reason: Optional[str] = None) -> Dict[str, Any]:
        """Journal a document: ``rows`` are its rows (the part is written here), or the
        number of rows a worker already wrote to :meth:`part`, or None when it failed."""
        key = _key(path)
        try:
            fp = _fingerprint(path)
        except OSError:
            fp = {"size": None, "mtime_ns": None}
        entry = {"key": key, "source": path, **fp}
        if isinstance(rows, int):
            entry.update(status="ok", rows=rows)
        elif rows is not None:
            write_part(self.part(path), rows)
            entry.update(status="ok", rows=len(rows))
        else:
            entry.update(status="failed", reason=reason)
        with open(self.path / JOURNAL, "a", encoding="utf-8") as fh:
            # ASCII JSON: a file name that is not valid UTF-8 (surrogate escapes) round-trips exactly
            fh.write(json.dumps(entry, ensure_ascii=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.done[key] = entry
        return entry

    def rows(self, path: str) -> Iterable[str]:
        """The JSON lines of a finished document's part."""
        with open(self.part(path), encoding="utf-8") as fh:
            yield from fh

    def remove(self) -> None:
        """Remove the run folder once the output is in place: renamed away first (one atomic
        step), then deleted, so a kill during the deletion never leaves a half run folder
        that a later ``--resume`` would refuse."""
        gone = self.path.with_name(f"{self.path.name}.removing-{os.getpid()}")
        try:
            os.replace(self.path, gone)
        except OSError:
            gone = self.path
        shutil.rmtree(gone, ignore_errors=True)

    @staticmethod
    def sweep(output: Union[str, Path]) -> None:
        """Delete what a killed :meth:`remove` left (``OUT.parts.removing-*``)."""
        out = Path(str(output) + RUN_SUFFIX)
        for d in out.parent.glob(glob.escape(out.name) + ".removing-*"):
            shutil.rmtree(d, ignore_errors=True)


def write_part(part: Path, rows: List[Dict]) -> int:
    """A document's rows as JSON lines, written atomically; returns the number of rows."""
    _write_atomic(part, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return len(rows)


def tag_to_part(worker: Callable, part: str, path: str, level: str, config: Tuple[str, bool],
                max_bytes: Optional[int], doc_id: Optional[str] = None) -> int:
    """In a worker process: tag one file with ``worker`` and write its part file, so that
    the rows are serialised in parallel and only their number comes back to the parent.
    A part that cannot be written is an :class:`OutputWriteError` (the run's, not the document's)."""
    rows = worker(path, level, config, max_bytes, doc_id)
    try:
        return write_part(Path(part), rows)
    except OSError as e:
        raise write_error(e, part) from None


def tsv_field(value: str) -> str:
    """A value as one field of the errors file: backslash, tab, newline and carriage return
    escaped (``\\``, ``\t``, ``\n``, ``\r``); a file name's bytes that are not UTF-8 are
    written back as they were (surrogate escapes), so the field is the name on disk."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# ---------------------------------------------------------------------------- joining the parts

def write_output(lines: Iterable[str], output: str, level: str) -> int:
    """Write JSON-line rows to ``output`` (format from its extension) through a
    temporary file and a rename; returns the number of rows."""
    if output == "-":
        return write_lines(lines, output)
    out = Path(output)
    tmp = out.with_name(f".{out.name}.tmp{out.suffix}")
    try:
        if format_of(output) == "jsonl":
            n = write_lines(lines, tmp)
        elif format_of(output) == "json":
            from .export import write_json_array
            n = write_json_array(lines, tmp)
        else:
            records = [json.loads(line) for line in lines]
            n = len(records)
            if level == "item":
                from .export import write_item_records
                write_item_records(records, tmp)
            else:
                from .export import write
                from .records import Sentence
                write([Sentence.from_record(r) for r in records], tmp)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


# ---------------------------------------------------------------------------- running

def _run_processes(todo: List[str], done: Callable, *, jobs: int, level: str,
                   config: Tuple[str, bool], limits: Limits, worker: Callable = tag_path,
                   part: Callable[[str], Path], ids: Optional[Dict[str, str]] = None) -> None:
    """Tag ``todo`` in ``jobs`` worker processes (pebble: a stuck one is killed and replaced);
    each worker writes the document's part file at ``part(path)`` and reports its row count."""
    import multiprocessing
    from concurrent.futures import as_completed

    from pebble import ProcessExpired, ProcessPool

    forked = multiprocessing.get_start_method() == "fork"
    if forked:
        # load the model and the word segmenter once, here: the forked workers share them
        # instead of each loading its own copy (seconds per worker, on the critical path)
        warm_up(config)
        # what is loaded now lives as long as the run: out of the cyclic garbage collector's
        # sight in the workers, whose full collections would otherwise walk it again and
        # again (and copy the pages they touch); the Python documentation's advice for
        # fork without exec (gc.freeze)
        gc.freeze()
    try:
        with ProcessPool(max_workers=jobs, max_tasks=max(0, limits.recycle_after),
                         initializer=limit_memory, initargs=(limits.memory_mb,)) as pool:
            futures = {pool.schedule(tag_to_part, args=(worker, str(part(p)), p, level, config, limits.max_bytes,
                                                        (ids or {}).get(p)),
                                     timeout=limits.timeout or None): p for p in todo}
            try:
                for fut in as_completed(futures):
                    path = futures[fut]
                    try:
                        done(path, fut.result(), None)
                    except OutputWriteError:
                        raise
                    except ProcessExpired as e:
                        done(path, None, f"{path}: the worker process died while tagging it "
                                         f"(exit code {e.exitcode}; out of memory?)")
                    except Exception as e:
                        done(path, None, failure_reason(path, e, limits))
            except BaseException:
                pool.stop()
                raise
    finally:
        if forked:
            gc.unfreeze()    # this process may be a notebook's: its objects go back to the collector


def tag_files(files: Sequence[Union[str, Path]], output: Union[str, Path], *, jobs: Optional[int] = None,
              resume: bool = False, level: str = "sentence", model: str = "default",
              trust_model: bool = False, limits: Limits = Limits(), progress: Optional[bool] = None,
              scheduler: Optional[str] = None, failures: Sequence[Tuple[str, str]] = (),
              worker: Callable = tag_path) -> BatchSummary:
    """Tag ``files`` into ``output``; see the module docstring for what a run guarantees.

    ``jobs`` worker processes (default: all cores); ``scheduler`` a Dask
    scheduler address instead (see :mod:`vn_directives.cluster`); ``failures``
    inputs already known to be bad (they go to the errors file). ``worker`` is
    the function a worker process runs on each path (``tag_path``'s signature;
    a module-level function, so that it can be sent to the workers).
    ``progress=None`` shows a bar when stderr is a terminal.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    output = str(output)
    from .export import OutputFormatError, check_writable
    try:
        check_writable(output)
    except OutputFormatError as e:
        raise BatchError(str(e)) from None
    t0 = time.perf_counter()
    files = [str(f) for f in dict.fromkeys(str(f) for f in files)]
    from .pipeline import document_ids
    ids = document_ids(files)
    if output == "-" and resume:
        raise BatchError("--resume needs an output file (not -)")
    # the model is checked here, once, so that a bad model fails the run before any work
    from .themes.model import ThemeModel
    model_path, card = ThemeModel.verify(model, trust=trust_model)
    settings = {"level": level, "model_sha256": card.get("sha256"),
                "version": _version()}
    run_out = output if output != "-" else os.path.join(os.getcwd(), ".vn-directives-stdout")
    lock = RunLock(run_out)
    lock.acquire()                           # a second run on the same output is refused here
    client = None
    try:
        if scheduler and files:
            from .cluster import connect
            client = connect(scheduler)      # an unreachable scheduler fails here, before any work
        RunFolder.sweep(run_out)
        run = RunFolder(run_out, settings)
        run.start(resume)
        todo = [f for f in files if not run.finished(f)]
        summary = BatchSummary(output=output, resumed=len(files) - len(todo))
        known = list(failures)

        from tqdm import tqdm
        bar = tqdm(total=len(files), initial=summary.resumed, desc="tagging", unit="doc",
                   disable=(not sys.stderr.isatty()) if progress is None else not progress,
                   file=sys.stderr, dynamic_ncols=True)
        counts = {"rows": 0, "failed": 0}

        def done(path: str, rows: Union[None, int, List[Dict]], reason: Optional[str]) -> None:
            run.record(path, rows, reason)
            if rows is None:
                counts["failed"] += 1
            else:
                counts["rows"] += rows if isinstance(rows, int) else len(rows)
            bar.update(1)
            bar.set_postfix(rows=counts["rows"], failed=counts["failed"], refresh=False)

        config = (str(model_path) if model != "default" else "default", trust_model)
        try:
            if todo:
                if scheduler:
                    from .cluster import run_on_dask
                    run_on_dask(todo, done, scheduler=scheduler, level=level, config=config, limits=limits, ids=ids,
                                client=client)
                else:
                    n = jobs or os.cpu_count() or 1
                    _run_processes(todo, done, jobs=max(1, min(n, len(todo))), level=level, config=config,
                                   limits=limits, worker=worker, part=run.part, ids=ids)
        finally:
            bar.close()
            if client is not None:
                client.close()

        ok, failed = [], list(known)
        for f in files:
            entry = run.done.get(_key(f))
            if entry is None:
                failed.append((f, f"{f}: not tagged (the run stopped before it)"))
            elif entry["status"] == "ok":
                ok.append(f)
            else:
                failed.append((f, entry["reason"]))

        def lines():
            for f in ok:
                yield from run.rows(f)

        summary.rows = write_output(lines(), output, level)
        summary.documents = len(ok)
        summary.failures = failed
        if failed and output != "-":
            summary.errors_file = output + ".errors.tsv"
            _write_atomic(Path(summary.errors_file), "input\treason\n" + "".join(
                f"{tsv_field(p)}\t{tsv_field(' '.join(r.split()))}\n" for p, r in failed))
        elif output != "-" and os.path.exists(output + ".errors.tsv"):
            os.unlink(output + ".errors.tsv")
        run.remove()
        summary.seconds = time.perf_counter() - t0
        return summary
    except OSError as e:            # the run's own files (parts, journal, output): stop, keep, resume
        raise write_error(e, str(run_out + RUN_SUFFIX)) from None
    finally:
        lock.release()


def _version() -> str:
    from . import __version__
    return __version__
