"""Command line: ``okla-lint check``, ``rules``, ``explain``.

Exit codes (ruff's): 0 nothing at or above the failing severity, 1 findings at or above it,
2 usage, configuration or internal errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .catalogue import load_catalogue
from .engine import Engine
from .finding import SEVERITY_RANK
from .report import FORMATS
from .settings import Settings, SettingsError


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="okla-lint")
def cli() -> None:
    """Offline linter for Kubernetes manifests, GitHub Actions workflows and Ocelot
    gateway configuration."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Only these rules (ids, kinds such as `kubernetes`, globs, or ALL).")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection (for rules that are off by default).")
@click.option("--ignore", multiple=True, help="Rules to leave out.")
@click.option("--format", "--output-format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default=None, help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
def check(paths, select, extend_select, ignore, fmt, fail_on, exit_zero, output, quiet) -> None:
    """Lint PATHS (files or folders; default: the current folder)."""
    paths = list(paths) or ["."]
    missing = [p for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    settings = Settings()
    if select:
        settings.select = _split(select)
    settings.extend_select = _split(extend_select)
    settings.ignore = _split(ignore)
    if fail_on:
        settings.fail_on = fail_on
    try:
        engine = Engine(settings)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None
    result = engine.run_paths(paths)
    findings = result.findings
    text = FORMATS[fmt](findings, result=result, catalogue=engine.catalogue, colour=fmt == "text" and not output and sys.stdout.isatty())
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    for err in result.internal_errors:
        click.echo(err, err=True)
    if not quiet:
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
        summary = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        if parts:
            summary += f" ({', '.join(parts)})"
        summary += f" in {result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
        if result.skipped:
            summary += f"; {len(result.skipped)} Helm template file{'s' if len(result.skipped) != 1 else ''} skipped (render them first: helm template CHART | okla-lint check -)"
        click.echo(summary, err=True)
    if result.internal_errors:
        sys.exit(2)
    if exit_zero or settings.fail_on == "never":
        sys.exit(0)
    floor = SEVERITY_RANK[settings.fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= floor for f in findings) else 0)


@cli.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are off by default.")
def rules_cmd(show_all: bool) -> None:
    """List the rule catalogue."""
    cat = load_catalogue()
    width = max(len(r) for r in cat)
    for rid, doc in sorted(cat.items()):
        if not doc.default and not show_all:
            continue
        flag = "" if doc.default else " (off by default)"
        click.echo(f"{rid:<{width}}  {doc.severity:<7}  {doc.kind:<10}  {doc.summary}{flag}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's rationale, fix and examples."""
    cat = load_catalogue()
    doc = cat.get(rule)
    if doc is None:
        raise click.UsageError(f"unknown rule {rule!r}; `okla-lint rules --all` lists them")
    click.echo(explain_text(doc))


def explain_text(doc) -> str:
    lines = [
        f"{doc.id} ({doc.severity}, {doc.kind}{'' if doc.default else ', off by default'})",
        "",
        doc.summary,
        "",
        "Why it breaks",
        "-------------",
        doc.rationale,
        "",
        "How to fix",
        "----------",
        doc.fix,
    ]
    if doc.params:
        lines += ["", "Parameters", "----------"]
        lines += [f"{k}: {v!r}" for k, v in doc.params.items()]
    for ex in doc.examples:
        lines += ["", f"{'Failing' if ex.fails else 'Passing'} example: {ex.title}", ""]
        for path, content in ex.files.items():
            lines.append(f"# {path}")
            lines.append(content.rstrip("\n"))
        if ex.expect:
            lines.append(f"# -> {', '.join(ex.expect)}")
    return "\n".join(lines)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except SettingsError as exc:  # pragma: no cover - surfaced as usage errors above
        click.echo(f"okla-lint: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
