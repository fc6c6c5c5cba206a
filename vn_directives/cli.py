"""The ``vn-directives`` command: a thin layer over the pipeline.

``vn-directives tag PATH… -o OUT`` tags files, folders and globs;
``vn-directives tag --sentences IN.jsonl -o OUT.jsonl`` tags given sentences
(not re-split) and keeps their ids — the way labelled sets are scored;
``train``, ``evaluate`` and ``suggest`` are the retraining workflow;
``validate`` checks labelled files; ``render DOC -o DOC.html`` writes one
tagged document as a standalone HTML page; ``samples DIR`` copies the
bundled sample directives into DIR.
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


def expand_inputs(paths, skipped: "List[Path] | None" = None) -> Tuple[List[Path], List[Tuple[str, str]]]:
    """Files named, found under folders (recursively) or matched by globs; and the
    inputs that matched nothing, with the reason. Files of a folder whose suffix is
    not a document's are left out and, when ``skipped`` is a list, appended to it."""
    files: List[Path] = []
    missing: List[Tuple[str, str]] = []
    for p in paths:
        if os.path.isdir(p):
            every, special = _walk(Path(p))
            found = [f for f in every if f.suffix.lower() in DOCUMENT_SUFFIXES]
            if skipped is not None:
                skipped.extend(f for f in every if f.suffix.lower() not in DOCUMENT_SUFFIXES)
            missing.extend(special)
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


def _walk(folder: Path) -> Tuple[List[Path], List[Tuple[str, str]]]:
    """Regular files under ``folder`` (recursively, links to files followed, links to folders
    not), and the entries that are neither a file nor a folder, with the reason: a FIFO, a
    socket, a device, a link to nothing, a loop of links."""
    import stat

    from .reading.decode import special_kind
    files: List[Path] = []
    special: List[Tuple[str, str]] = []
    for root, dirs, names in os.walk(folder, onerror=lambda e: special.append((str(e.filename), f"cannot list "
                                                                                f"({e.strerror})"))):
        for name in sorted(names) + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            f = Path(root) / name
            try:
                mode = f.stat().st_mode
            except OSError as e:
                reason = "a link to nothing" if f.is_symlink() and e.errno == 2 else \
                    "a loop of links" if e.errno == 40 else f"cannot read ({e.strerror})"
                special.append((str(f), f"{f}: {reason}; not read"))
                continue
            if stat.S_ISREG(mode):
                files.append(f)
            elif not stat.S_ISDIR(mode):
                special.append((str(f), f"{f}: not a regular file ({special_kind(mode)}); not read"))
    return sorted(files), special


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vn-directives")
def main() -> None:
    """Read Vietnamese education directives and turn them into data."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", required=True,
              help="Output file: .jsonl, .csv or .parquet (format from the extension), or - for JSONL on stdout.")
@click.option("--sentences", "sentences_in", is_flag=True,
              help="PATHS is one JSONL file of {id, text, doc_date?} records; tag each as given.")
@click.option("--items", "items", is_flag=True,
              help="One row per directive item (themes, actors, grades, deadlines) instead of per sentence.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--resume", is_flag=True,
              help="Continue a run that was stopped: documents already done are not tagged again.")
@click.option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Seconds one document may take before it is stopped and reported (0: no limit).")
@click.option("--max-size", "max_size", type=click.FloatRange(min=0), default=50.0, show_default=True,
              help="Largest input file read, in MB (0: no limit).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=0), default=4096, show_default=True,
              help="Memory one worker process may take, in MB (0: no limit); a document that needs "
                   "more is reported, not run out of memory.")
@click.option("--scheduler", default=None,
              help="Run on Dask: a scheduler address (tcp://host:8786), or local[:N] for a local cluster.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--table/--no-table", default=False, help="Print a per-sentence table (.jsonl output).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@click.option("--model", "model", default="default", show_default=True,
              help="Theme model directory (default: the bundled models/themes).")
@click.option("--trust-model", is_flag=True,
              help="Allow loading a model from a directory other than the bundled one "
                   "(model files are pickles: they run code when loaded).")
def tag(paths, output, sentences_in, items, jobs, resume, timeout, max_size, max_memory, scheduler, progress,
        table, quiet, model, trust_model) -> None:
    """Tag documents (files, folders, globs) and write one record per sentence (or per item).

    Runs in parallel; a document that fails (unreadable, too large, too slow)
    is listed in OUT.errors.tsv and the run goes on. A stopped run resumes
    with --resume (finished documents are kept in OUT.parts/ until the end).
    """
    from .export import OutputFormatError, format_of, format_table, write
    try:
        format_of(output)
    except OutputFormatError as e:
        raise click.UsageError(str(e))
    if not paths:
        raise click.UsageError("give at least one PATH")
    t0 = time.perf_counter()
    if sentences_in:
        if len(paths) != 1:
            raise click.UsageError("--sentences takes exactly one JSONL file")
        nlp = _load_pipeline(model, trust_model)
        sents = list(nlp.tag_sentences(_sentence_inputs(paths[0])))
        write(sents, output)
        if table:
            click.echo(format_table(sents))
        if not quiet:
            click.echo(f"{len(sents)} sentences tagged in {time.perf_counter() - t0:.1f}s → {output}", err=True)
        return

    from .batch import BatchError, Limits, tag_files
    from .themes.model import ModelError
    skipped: List[Path] = []
    files, failures = expand_inputs(paths, skipped)
    single = len(paths) == 1 and len(files) <= 1 and not any(c in paths[0] for c in "*?[") \
        and not os.path.isdir(paths[0])
    if single and failures:
        click.echo(f"error: {failures[0][0]}: {failures[0][1]}", err=True)
        sys.exit(1)
    try:
        summary = tag_files(files, output, jobs=jobs, resume=resume, level="item" if items else "sentence",
                            model=model, trust_model=trust_model,
                            limits=Limits(timeout=timeout, max_bytes=int(max_size * 2**20), memory_mb=max_memory),
                            progress=None if progress is None and not quiet else bool(progress),
                            scheduler=scheduler, failures=failures)
    except (BatchError, ModelError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo(f"interrupted; finished documents are kept in {output}.parts/: "
                   f"run the same command with --resume to go on", err=True)
        sys.exit(130)
    if single and summary.failures:
        click.echo(f"error: {summary.failures[0][1]}", err=True)
        sys.exit(1)
    if table and format_of(output) == "jsonl" and output != "-" and not items:
        from .records import read_jsonl
        click.echo(format_table(read_jsonl(output)))
    if not quiet:
        for path, reason in summary.failures:
            click.echo(f"failed: {reason}" if reason.startswith(path) else f"failed: {path}: {reason}", err=True)
        line = summary.line()
        if skipped:
            line += (f"; {len(skipped)} file(s) in the folders skipped, not documents "
                     f"({', '.join(sorted(DOCUMENT_SUFFIXES))})")
        click.echo(line, err=True)
    if summary.failures and not summary.documents:
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


def _load_pipeline(model: str, trust_model: bool, components="default"):
    import vn_directives as vd
    from .themes.model import ModelError
    try:
        return vd.load(components, model=model, trust_model=trust_model)
    except ModelError as e:
        raise click.ClickException(str(e))


@main.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, help="Model directory to write (model + card).")
@click.option("--seed", default=0, show_default=True, help="Random seed (splits, classifiers).")
@click.option("--folds", default=5, show_default=True, help="Grouped cross-validation folds for the card.")
@click.option("--classifier", type=click.Choice(["svm", "lr"]), default=None,
              help="Linear SVM or logistic regression (default: the recipe's).")
@click.option("--no-authored", is_flag=True, help="Leave authored sentences out of training.")
@click.option("--compare", "do_compare", is_flag=True,
              help="Also cross-validate the alternative recipes and put the table in the card (minutes).")
@click.option("--except-docs", "except_file", default=None,
              help="Leave out the documents listed in this file (one id a line), e.g. data/heldout.txt.")
def train(data, out_dir, seed, folds, classifier, no_authored, do_compare, except_file) -> None:
    """Train the theme model on labelled DATA (JSONL records or CSV with text,themes;
    files or folders) and write it with its model card to OUTPUT."""
    from dataclasses import replace
    from .themes.data import TrainingDataError
    from .themes.train import TrainConfig, train as train_model
    cfg = replace(TrainConfig(), seed=seed)
    if classifier:
        cfg = replace(cfg, classifier=classifier)
    if no_authored:
        cfg = replace(cfg, authored=False)
    from .evaluate import read_doc_list
    try:
        leave = read_doc_list(except_file) if except_file else None
        card = train_model(data, out_dir, cfg, folds=folds, do_compare=do_compare,
                           progress=lambda m: click.echo(m, err=True), except_docs=leave)
    except (TrainingDataError, FileNotFoundError, ValueError) as e:
        raise click.ClickException(f"{e}\nnothing was written to {out_dir}")
    cv = card.get("cross_validation")
    msg = f"model written to {out_dir} (sha256 {card['sha256'][:12]}…) in {card['training']['seconds']}s"
    if cv:
        msg += f"; grouped {cv['folds']}-fold CV macro-F1 {cv['macro_f1']:.3f}"
    click.echo(msg, err=True)


@main.command()
@click.argument("data", nargs=-1, required=True)
@click.option("--model", "model", default="default", show_default=True, help="Theme model directory.")
@click.option("--trust-model", is_flag=True, help="Allow a model directory other than the bundled one.")
@click.option("--pred", "pred", default=None, help="Score this JSONL of predictions instead of tagging.")
@click.option("--folds", default=5, show_default=True, help="Grouped CV folds (0: no cross-validation).")
@click.option("-o", "--output", "output", default=None, help="Write the JSON report here.")
@click.option("--predictions-out", default=None, help="Write the predictions (JSONL) here.")
@click.option("--docs", "docs_file", default=None,
              help="Score only the documents listed in this file (one id a line), e.g. data/heldout.txt.")
@click.option("--except-docs", "except_file", default=None,
              help="Leave out the documents listed in this file (e.g. cross-validate without the held-out set).")
def evaluate(data, model, trust_model, pred, folds, output, predictions_out, docs_file, except_file) -> None:
    """Score the pipeline (or --pred) on labelled DATA with the ANNOTATION.md §4 figures,
    and cross-validate the theme model's recipe grouped by document."""
    from .evaluate import evaluate as run, format_evaluation
    from .records import RecordError
    from .themes.data import TrainingDataError
    from .themes.model import ModelError
    from .evaluate import read_doc_list
    try:
        only = read_doc_list(docs_file) if docs_file else None
        leave = read_doc_list(except_file) if except_file else None
        report = run(data, model=model, trust_model=trust_model, pred=pred, cv=folds > 1, folds=max(folds, 2),
                     progress=lambda m: click.echo(m, err=True), only_docs=only, except_docs=leave)
    except (RecordError, TrainingDataError, ModelError, FileNotFoundError, ValueError) as e:
        raise click.ClickException(str(e))
    click.echo(format_evaluation(report))
    preds = report.pop("predictions")
    if predictions_out:
        with open(predictions_out, "w", encoding="utf-8") as fh:
            for rec in preds.values():
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if output:
        Path(output).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(f"report written to {output}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-n", "n", default=50, show_default=True, help="How many sentences to suggest.")
@click.option("-o", "--output", "output", default=None,
              help="Write the suggestions as JSONL records to label (themes left empty).")
@click.option("--model", "model", default="default", show_default=True, help="Theme model directory.")
@click.option("--trust-model", is_flag=True, help="Allow a model directory other than the bundled one.")
def suggest(paths, n, output, model, trust_model) -> None:
    """The N sentences of unlabelled PATHS (documents, or JSONL sentence records) the
    theme model is least sure of: the ones to label next."""
    from .reading.decode import ReadError
    from .themes.model import ModelError, ThemeModel
    from .themes.train import suggest as rank
    try:
        theme_model = ThemeModel.load(model, trust=trust_model)
    except ModelError as e:
        raise click.ClickException(str(e))
    nlp = _load_pipeline(model, trust_model, components=())
    docs = []
    files, failures = expand_inputs([p for p in paths if not p.endswith(".jsonl")])
    for f in files:
        try:
            docs.append(nlp(f).sentences)
        except ReadError as e:
            failures.append((str(f), str(e)))
    for p in paths:
        if p.endswith(".jsonl"):
            by_doc: dict = {}
            for s in nlp.tag_sentences(_sentence_inputs(p)):
                by_doc.setdefault(s.doc, []).append(s)
            docs.extend(by_doc.values())
    for path, reason in failures:
        click.echo(f"failed: {path}: {reason}", err=True)
    if not docs:
        raise click.ClickException("no sentences to rank")
    rows = rank(docs, theme_model, n)
    for r in rows:
        click.echo(f"{r['margin']:.3f}\t{r['uncertain_theme']}\t{r['id']}\t{r['text'][:100]}")
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            for r in rows:
                rec = {"doc": r["doc"], "id": r["id"], "text": r["text"], "themes": [],
                       "suggested_themes": r["themes"], "theme_scores": r["theme_scores"],
                       "uncertain_theme": r["uncertain_theme"], "margin": r["margin"]}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        click.echo(f"{len(rows)} suggestions written to {output}", err=True)


@main.command()
@click.argument("doc")
@click.option("-o", "--output", "output", required=True, help="The HTML page to write.")
@click.option("--model", "model", default="default", show_default=True,
              help="Theme model directory (default: the bundled models/themes).")
@click.option("--trust-model", is_flag=True,
              help="Allow loading a model from a directory other than the bundled one "
                   "(model files are pickles: they run code when loaded).")
@click.option("--spacy/--no-spacy", "use_spacy", default=None,
              help="Highlight with spaCy's displaCy (default: when spaCy is installed).")
def render(doc, output, model, trust_model, use_spacy) -> None:
    """Tag one document DOC and write it as a standalone HTML page: entities
    highlighted, themes as badges, the directive-item table below."""
    from .reading.decode import ReadError
    from .render import RenderError, write_html
    if not os.path.isfile(doc):
        raise click.ClickException(f"{doc}: no such file" if not os.path.exists(doc)
                                   else f"{doc}: not a file (render takes one document)")
    nlp = _load_pipeline(model, trust_model)
    try:
        tagged = nlp(Path(doc))
    except ReadError as e:
        raise click.ClickException(str(e))
    try:
        write_html(tagged, output, use_spacy=use_spacy)
    except RenderError as e:
        raise click.ClickException(str(e))
    except OSError as e:
        raise click.ClickException(f"{output}: cannot write ({e.strerror})")
    from .items import group_items
    n_items = sum(1 for i in group_items(tagged) if i.role == "item")
    click.echo(f"{len(tagged.sentences)} sentences, {n_items} items → {output}", err=True)


@main.command()
@click.argument("directory")
def samples(directory) -> None:
    """Copy the sample directives that ship with the package (the project's five
    seeds, .txt) into DIRECTORY, e.g. to try `tag` on them."""
    from . import samples as bundled
    try:
        copied = bundled.copy_to(directory)
    except OSError as e:
        raise click.ClickException(f"{directory}: cannot write ({e.strerror})")
    for p in copied:
        click.echo(str(p))


def _sentence_inputs(path: str) -> Iterator[dict]:
    from .records import RecordError, iter_jsonl
    seen: dict = {}
    try:
        for n, rec in iter_jsonl(path):
            if "id" not in rec or not isinstance(rec.get("text"), str):
                raise click.ClickException(f"{path}:{n}: each line needs an 'id' and a 'text'")
            if rec["id"] in seen:
                raise click.ClickException(f"{path}:{n}: id {rec['id']!r} is already used on line "
                                           f"{seen[rec['id']]}; ids must be unique (outputs are matched by id)")
            seen[rec["id"]] = n
            yield rec
    except RecordError as e:
        raise click.ClickException(str(e))


if __name__ == "__main__":  # pragma: no cover
    main()
