"""The `newsdesk` command: the pipeline without Pelican, for scripts and evaluations."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import pipeline, progress
from .check import check
from .frontmatter import to_json
from .guard import printable
from .lock import LockBusy
from .runreport import Report
from .settings import DEFAULTS, Settings
from .vocabulary import VocabularyError
from .workers import SchedulerError


def _settings(args, raw_dir: Path | None) -> Settings:
    content = Path(args.content)
    return Settings.for_content(
        content,
        raw_dir=raw_dir,
        articles_dir=Path(args.out) if getattr(args, "out", None) else None,
        sources_dir=Path(args.sources) if args.sources else None,
        topics_file=Path(args.topics) if args.topics else None,
        max_topics=args.max_topics,
        lock_wait=getattr(args, "wait", None),
        workers=getattr(args, "workers", None),
        scheduler=getattr(args, "scheduler", None),
    )


def timings_table(seconds) -> str:
    """Seconds per pipeline stage (summed over workers: CPU-side time, not wall time)."""
    if not seconds:
        return "newsdesk: nothing ran (no raw text changed since the last build)"
    lines = [f"  {stage:<12} {value:8.2f} s" for stage, value in sorted(seconds.items())]
    return "\n".join(["newsdesk: seconds per stage (summed over workers)", *lines])


def cmd_ingest(args) -> int:
    settings = _settings(args, Path(args.raw_dir) if args.raw_dir else None)
    try:
        report = pipeline.ingest(settings)
    except LockBusy as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 3
    except SchedulerError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    print(report.summary(), file=sys.stderr)
    if getattr(args, "timings", False):
        print(timings_table(report.seconds), file=sys.stderr)
    return 1 if args.strict and (report.warnings or report.skipped) else 0


def cmd_check(args) -> int:
    findings = check(Path(args.content))
    for finding in findings:
        print(printable(str(finding)))
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"newsdesk check: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def cmd_extract(args) -> int:
    settings = _settings(args, None)
    report = Report()
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.is_file()]
    for p in missing:
        report.skip(str(p), "no such file")
    try:
        articles = pipeline.extract([p for p in paths if p.is_file()], settings, report)
    except VocabularyError as exc:
        print(f"newsdesk: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    out = sys.stdout
    for article in articles:
        out.write(json.dumps(to_json(article), ensure_ascii=False, sort_keys=False) + "\n")
    return 1 if missing else 0


def cmd_search_check(args) -> int:
    from .prune import search_index_problem

    problem = search_index_problem(Path(args.output))
    if problem:
        print(f"newsdesk: {problem}", file=sys.stderr)
    return 1 if problem else 0


def cmd_built(args) -> int:
    """`make html`'s last step: output/ noted as built from INPUTS (site/uptodate.py checks it)."""
    from .site import uptodate

    uptodate.record([Path(p) for p in args.inputs], Path(args.output), args.options)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Turn raw news texts into a clean news site.")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--sources", help="folder of source profiles (default: CONTENT/sources)")
    parser.add_argument("--topics", help="topic vocabulary file (default: CONTENT/topics.yaml)")
    parser.add_argument("--max-topics", type=int, help=f"topics per article (default: {DEFAULTS['NEWSDESK_MAX_TOPICS']})")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="raw texts to Markdown articles with YAML front matter")
    p.add_argument("raw_dir", nargs="?", help="folder of raw texts (default: CONTENT/raw)")
    p.add_argument("--out", help="folder for the articles (default: CONTENT/articles)")
    p.add_argument("--strict", action="store_true", help="exit 1 when there were warnings")
    p.add_argument("--timings", action="store_true", help="print the seconds spent in each stage")
    p.add_argument("--wait", type=float, help=f"seconds to wait for another build (default: {DEFAULTS['NEWSDESK_LOCK_WAIT']:g})")
    p.add_argument("--workers", type=int, help="processes for the per-text stages (default: 0, one per core)")
    p.add_argument("--scheduler", help="run the per-text stages on a Dask cluster: tcp://host:port of its scheduler")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("check", help="validate CONTENT: front matter, dates, slugs, stories, sources; exit 1 on errors")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("extract", help="print the articles found in raw texts, as JSON Lines")
    p.add_argument("--json", action="store_true", required=True, help="JSON Lines on stdout (the only output form)")
    p.add_argument("paths", nargs="+", help="raw text files")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("search-check", help="exit 1 when the Pagefind index in OUTPUT is missing, empty or has empty files")
    p.add_argument("output", help="the site's output folder")
    p.set_defaults(func=cmd_search_check)

    p = sub.add_parser("built", help="note OUTPUT as built from INPUTS, after a build that ended well (site/uptodate.py)")
    p.add_argument("output", help="the site's output folder")
    p.add_argument("inputs", nargs="+", help="every file or folder the build reads")
    p.add_argument("--options", default="", help="the build's command-line options")
    p.set_defaults(func=cmd_built)

    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr
    )
    if args.quiet:
        progress.log.setLevel(logging.ERROR)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
