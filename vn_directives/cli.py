"""The ``vn-directives`` command: a thin layer over the pipeline.

``vn-directives tag PATH… -o OUT`` tags files, folders and globs;
``vn-directives tag --sentences IN.jsonl -o OUT.jsonl`` tags given sentences
(not re-split) and keeps their ids — the way labelled sets are scored.
"""
from __future__ import annotations

import glob
import json
import os
import sys
import time
from pathlib import Path
from typing import Iterator, List, Tuple

import click

from . import __version__

DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf"}


def expand_inputs(paths) -> Tuple[List[Path], List[Tuple[str, str]]]:
    """Files named, found under folders (recursively) or matched by globs; and the
    inputs that matched nothing, with the reason."""
    files: List[Path] = []
    missing: List[Tuple[str, str]] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(f for f in Path(p).rglob("*")
                           if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
            if not found:
                missing.append((p, "folder holds no documents (" + ", ".join(sorted(DOCUMENT_SUFFIXES)) + ")"))
            files.extend(found)
        elif os.path.exists(p):
            files.append(Path(p))
        elif any(c in p for c in "*?["):
            found = sorted(Path(f) for f in glob.glob(p, recursive=True) if os.path.isfile(f))
            if not found:
                missing.append((p, "pattern matched no file"))
            files.extend(found)
        else:
            missing.append((p, "no such file or folder"))
    return files, missing


def _progress(iterable, total: int, desc: str):
    from tqdm import tqdm
    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=not sys.stderr.isatty(),
                file=sys.stderr)


@click.group()
@click.version_option(__version__, prog_name="vn-directives")
def main() -> None:
    """Read Vietnamese education directives and turn them into data."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", required=True,
              help="Output file: .jsonl, .csv or .parquet (format from the extension), or - for JSONL on stdout.")
@click.option("--sentences", "sentences_in", is_flag=True,
              help="PATHS is one JSONL file of {id, text, doc_date?} records; tag each as given.")
@click.option("--table/--no-table", default=False, help="Print a per-sentence table.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def tag(paths, output, sentences_in, table, quiet) -> None:
    """Tag documents (files, folders, globs) and write one record per sentence."""
    from .export import OutputFormatError, format_of, format_table, write
    try:
        format_of(output)
    except OutputFormatError as e:
        raise click.UsageError(str(e))
    if not paths:
        raise click.UsageError("give at least one PATH")
    import vn_directives as vd
    nlp = vd.load()
    t0 = time.perf_counter()
    if sentences_in:
        if len(paths) != 1:
            raise click.UsageError("--sentences takes exactly one JSONL file")
        sents = list(nlp.tag_sentences(_sentence_inputs(paths[0])))
        write(sents, output)
        if table:
            click.echo(format_table(sents))
        if not quiet:
            click.echo(f"{len(sents)} sentences tagged in {time.perf_counter() - t0:.1f}s → {output}", err=True)
        return

    files, failures = expand_inputs(paths)
    single = len(paths) == 1 and len(files) <= 1 and not any(c in paths[0] for c in "*?[") \
        and not os.path.isdir(paths[0])
    out_sents = []
    from .reading.decode import ReadError
    for f in _progress(files, len(files), "tagging"):
        try:
            doc = nlp(f)
        except ReadError as e:
            failures.append((str(f), str(e)))
            continue
        out_sents.extend(doc.sentences)
    if single and failures:
        click.echo(f"error: {failures[0][1]}", err=True)
        sys.exit(1)
    write(out_sents, output)
    if failures and output != "-":
        err_path = str(output) + ".errors.tsv"
        with open(err_path, "w", encoding="utf-8") as fh:
            fh.write("input\treason\n")
            for path, reason in failures:
                fh.write(f"{path}\t{reason}\n")
    if table:
        click.echo(format_table(out_sents))
    if not quiet:
        inputs = set(files)
        n_ok = len(files) - sum(1 for p, _ in failures if Path(p) in inputs)
        msg = (f"{n_ok} documents, {len(out_sents)} sentences, {len(failures)} failed, "
               f"{time.perf_counter() - t0:.1f}s → {output}")
        if failures:
            msg += f" (failures listed in {output}.errors.tsv)" if output != "-" else ""
            for path, reason in failures:
                click.echo(f"failed: {reason}" if reason.startswith(path) else f"failed: {path}: {reason}",
                           err=True)
        click.echo(msg, err=True)
    if failures and not out_sents:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
def validate(paths) -> None:
    """Check labelled JSONL files (or folders of them) against the record format."""
    from .validate import check_files, expand
    files = expand(paths)
    problems, n = check_files(files)
    for p in problems:
        click.echo(p, err=True)
    click.echo(f"{len(files)} files, {n} records, {len(problems)} problems", err=True)
    if problems:
        sys.exit(1)


def _sentence_inputs(path: str) -> Iterator[dict]:
    from .records import RecordError, iter_jsonl
    try:
        for n, rec in iter_jsonl(path):
            if "id" not in rec or not isinstance(rec.get("text"), str):
                raise click.ClickException(f"{path}:{n}: each line needs an 'id' and a 'text'")
            yield rec
    except RecordError as e:
        raise click.ClickException(str(e))


if __name__ == "__main__":  # pragma: no cover
    main()
