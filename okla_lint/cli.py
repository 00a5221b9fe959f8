"""Command line: ``okla-lint check``, ``rules``, ``explain``.

Exit codes (ruff's): 0 nothing at or above the failing severity, 1 findings at or above it,
2 usage, configuration or internal errors.
"""
from __future__ import annotations

import errno
import gc
import json
import os
import stat
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .core.catalogue import load_catalogue, load_rule, rule_ids
from .core.finding import SEVERITY_RANK, Finding
from .core.settings import Settings, SettingsError
from .core.suggest import close_matches
from .report import FORMATS, matcher

# `okla-lint rules` and `explain` must start in a blink (issue 11: at most 150 ms): what
# only `check` and `config` need (the configuration reader, the engine and every rule
# module, fixes, baselines, the YAML writer) is imported by those commands, each import
# marked `# lazy:`; tests/integration/test_startup.py checks what `rules` imports.


TEXT_FORMATS = ("concise", "text", "full")


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


def _colour(choice: str, to_file: bool) -> bool:
    """Colour on a terminal only; NO_COLOR turns it off and FORCE_COLOR on (no-color.org,
    force-color.org); --color always/never beats both."""
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _fail(exc: SettingsError) -> None:
    """Configuration and usage problems: exit 2 with the message on standard error."""
    from .config import ConfigError  # lazy: only `check` and `config` read the configuration

    if isinstance(exc, ConfigError):
        click.echo(str(exc), err=True)
    else:
        click.echo(f"okla-lint: error: {exc}", err=True)
    sys.exit(2)


def _write_failed(option: str, path: str, exc: OSError) -> None:
    """A report or baseline that cannot be written is a usage error (exit 2), never a
    traceback (whose exit code 1 would read as "findings")."""
    reason = exc.strerror or str(exc)
    click.echo(f"okla-lint: error: {option}: cannot write {path}: {reason}", err=True)
    sys.exit(2)


def _settings(config: str | None, isolated: bool, paths: list[str], stdin_filename: str | None = None) -> Settings:
    start = [stdin_filename] if stdin_filename and (not paths or paths == ["-"]) else paths
    start = [p for p in start if p != "-"]
    if stdin_filename and start and not Path(start[0]).exists():
        start = [str(Path(start[0]).parent)] if Path(start[0]).parent.exists() else []
    from .config import load_settings  # lazy: only `check` and `config` read the configuration

    return load_settings(load_catalogue(), config, start, isolated)


def _did_you_mean(word: str, choices: list[str]) -> str:
    near = close_matches(word, choices, n=3)
    if not near:  # a prefix or a fragment of an id (`env-ref`, `budget`)
        near = [c for c in choices if word and word in c][:3]
    return f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""


def _check_selectors(option: str, values: list[str], catalogue) -> None:
    """--select, --extend-select and --ignore: an unknown id is a usage error that names
    the flag (not the configuration file) and suggests the closest ids, as the
    configuration file's errors do."""
    if not values:
        return
    groups = {d.kind for d in catalogue.values()} | {t for d in catalogue.values() for t in d.tags}
    probe = Settings()
    for s in values:
        if not any(probe.matches(s, d) for d in catalogue.values()):
            hint = _did_you_mean(s.lower(), sorted(set(catalogue) | groups))
            click.echo(f"okla-lint: error: {option}: unknown rule or group {s!r}{hint}; "
                       "`okla-lint rules --all` lists them", err=True)
            sys.exit(2)


def _warn_if_nothing_to_lint(paths: list[str], result) -> None:
    """Like ruff's "No Python files found": a run over folders that holds none of the
    files okla-lint lints passes silently otherwise (a wrong folder, a typo in CI)."""
    if not paths or not all(Path(p).is_dir() for p in paths) or result.findings or result.skipped:
        return
    from .core import files as F  # lazy: the parsers load with `check`

    if any(u.kind in (F.KUBERNETES, F.WORKFLOW, F.ACTION, F.OCELOT) for u in result.units):
        return
    where = ", ".join(paths)
    click.echo(f"okla-lint: warning: no Kubernetes manifest, GitHub Actions workflow or Ocelot "
               f"configuration found in {where}", err=True)


def _statistics(findings, catalogue) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    if not counts:
        return ""
    width = max(len(r) for r in counts)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    lines = []
    for rid, n in rows:
        doc = catalogue.get(rid)
        sev = next((f.severity for f in findings if f.rule == rid), "")
        lines.append(f"{n:>5}  {rid:<{width}}  {sev:<7}  {doc.summary if doc else ''}".rstrip())
    return "\n".join(lines) + "\n"


@cli.command(short_help="Lint files or folders (default: the current folder).")
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated or repeated: ids, kinds such as `kubernetes`, tags, globs, or ALL); replaces the configuration's `select`, `extend-select` and `ignore`.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to add to the selection (for rules that are off by default).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to leave out (added to the configuration's `ignore`).")
@click.option("--format", "--output-format", "fmt", type=click.Choice(sorted(FORMATS)), default=None, help="Report format [default: concise (one line per finding; `text` is its old name); github when GITHUB_ACTIONS=true and neither --output nor --statistics is given]. `full` adds a code frame and the rule's why and fix; gitlab: Code Quality report; rdjson: reviewdog.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default=None, help="Lowest severity that makes the exit code 1, in every --format [default: warning, or the configuration's `fail-on`].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (usage, configuration and internal errors still exit 2).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no progress, no warnings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule (instead of the findings, in text format).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (.okla-lint.yaml or pyproject.toml) instead of the one found from the first path.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--no-ignores", is_flag=True, help="Disable every suppression: comments, annotations and per-file-ignores.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in this file and exit 0.")
@click.option("--stdin-filename", metavar="PATH", help="Lint standard input as if it were the file PATH (for editors: the name decides how the text is read; `okla-lint check -` reads it without a name).")
@click.option("--project-context/--no-project-context", default=None, help="When files (pre-commit) or a folder below the project root are given, read the rest of their project so cross-file rules see it, and report on what was given only [default: on, or the configuration's `project-context`].")
@click.option("--test-data/--no-test-data", "test_data", default=None, help="Also lint test-data folders (testdata, fixtures, fixture, __fixtures__, __snapshots__, snapshots, e2e) found in the folders given [default: off, or the configuration's `test-data`]; a folder named on the command line is always linted.")
@click.option("--render/--no-render", default=None, help="Render kustomize overlays with kubectl kustomize (or kustomize build), offline, and lint what they produce, findings mapped to the source lines [default: on, or the configuration's `render`]; --no-render reads the files one by one.")
@click.option("--exclude", "extra_exclude", multiple=True, metavar="GLOB", help="Glob of files or folders to skip (added to the configuration's `exclude`).")
@click.option("--summary-file", type=click.Path(dir_okay=False), help="Also write the number of findings by severity as JSON to this file ({\"findings\", \"error\", \"warning\", \"info\", \"files\"}; the GitHub Action's outputs).")
@click.option("--show-files", is_flag=True, help="List the files that would be read and how each is classified (kubernetes, workflow, action, ocelot), or why it is skipped; lint nothing.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache (`.okla-lint-cache/` in the project root, or the `cache-dir` setting): lint every file again.")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply the safe fixes of the findings (each checked: the file still parses and re-lints without that finding and without new ones) and report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Count the fixes that change what runs (catalogue `autofix: unsafe`) as available: the text output marks them `[*]` and the summary counts them; with --fix or --diff, also apply them.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes --fix would make as a unified diff and write nothing (exit 1 when there is something to fix).")
@click.option("--color", "--colour", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in text output (auto: on a terminal; NO_COLOR and FORCE_COLOR are respected).")
def check(paths, select, extend_select, ignore, fmt, fail_on, exit_zero, output, quiet, statistics, config_path,
          isolated, no_ignores, baseline, write_baseline, stdin_filename, project_context, test_data, render, extra_exclude,
          summary_file, show_files, no_cache, apply_fix, unsafe_fixes, show_diff, color) -> None:
    """Lint PATHS (files or folders; default: the current folder; `-`: standard input)."""
    from .config import norm_glob  # lazy: `rules` and `explain` start without the configuration reader
    from .core.fixer import RecordingEngine, allowed  # lazy: `rules` and `explain` start without the engine
    from .core.io import read_capped, write_output_atomically, write_to_stream  # lazy: as above
    from .core.source import ReadError, decode, over_limit  # lazy: as above
    from .post import baseline as B  # lazy: as above
    from .progress import Progress  # lazy: as above
    from .report.show_files import show_files as list_files  # lazy: as above

    paths = list(paths)
    use_stdin = paths == ["-"] or (stdin_filename is not None and not paths)
    if "-" in paths and not use_stdin:
        raise click.UsageError("`-` (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not use_stdin:
        raise click.UsageError("--stdin-filename reads standard input: give no PATH (or `-`)")
    if stdin_filename is not None and (not stdin_filename.strip() or stdin_filename.endswith(("/", os.sep))
                                       or Path(stdin_filename).is_dir()):
        # a folder would make the whole tree under it the buffer's project (`/`: the disk)
        raise click.UsageError(f"--stdin-filename must name a file, not {stdin_filename!r}")
    if (apply_fix or show_diff) and write_baseline:
        raise click.UsageError("--fix/--diff and --write-baseline exclude each other: fix first, then record what remains")
    if isolated and config_path:
        # as in ruff: --isolated would silently drop the file the user named
        raise click.UsageError("--config and --isolated exclude each other: --isolated ignores every configuration file")
    if not use_stdin:
        paths = paths or ["."]
        missing = [p for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
        if missing:
            raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    try:
        settings = _settings(config_path, isolated, [] if use_stdin else paths, stdin_filename)
    except SettingsError as exc:
        _fail(exc)
    catalogue = load_catalogue()
    _check_selectors("--select", _split(select), catalogue)
    _check_selectors("--extend-select", _split(extend_select), catalogue)
    _check_selectors("--ignore", _split(ignore), catalogue)
    if select:
        # like ruff: a --select on the command line starts a fresh selection, so the file's
        # select, extend-select and ignore no longer apply
        settings.select = _split(select)
        settings.extend_select, settings.ignore = [], []
    settings.cli_extend_select = _split(extend_select)
    settings.cli_ignore = _split(ignore)

    settings.exclude = settings.exclude + [norm_glob(g) for g in extra_exclude]
    if extra_exclude and settings.root is None:
        settings.root = Path.cwd()
    if fail_on:
        settings.fail_on = fail_on
    if no_ignores:
        settings.no_ignores = True
    if project_context is not None:
        settings.project_context = project_context
    if test_data is not None:
        settings.test_data = test_data
    if render is not None:
        settings.render = render
    if fmt is None:
        # --statistics asks for the table instead of the findings, so it stays text there too
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not output and not statistics else "concise"
    fixing = apply_fix or show_diff
    try:
        if fixing:
            engine = RecordingEngine(settings)
        else:
            from .core.engine import Engine  # lazy: `rules` and `explain` start without the engine

            engine = Engine(settings)
            # one run, then the process exits: the cyclic garbage collector stays off for
            # the whole command, not only while the engine lints (engine.py,
            # cycle_collection_paused). Turned back on for the cache writes and the report,
            # it traversed every tree of the run again and again: 0.6 CPU s on 4,000 files,
            # 2.4 s on 8,000 (quadratic: issue 11, the 2x monorepo). --fix re-lints in a
            # loop and keeps it; it is back on when the command ends (tests run many).
            if gc.isenabled():
                gc.disable()
                click.get_current_context().call_on_close(gc.enable)
            # a run whose inputs did not change is answered from the cache (core/cache.py)
            engine.use_cache = not no_cache and not use_stdin and not show_files
            # many files: parsed and checked file by file in worker processes (core/workers.py)
            engine.use_workers = not use_stdin and not show_files
        known = None
        if baseline:
            known = B.load(Path(baseline))
    except SettingsError as exc:
        _fail(exc)
    if show_files:
        if use_stdin:
            raise click.UsageError("--show-files lists the files of PATHS: give paths, not standard input")

        click.echo(list_files(engine, paths, as_json=fmt == "json"), nl=False)
        sys.exit(0)
    if not use_stdin:
        engine.progress = Progress.for_terminal(quiet)
    if use_stdin:
        # the same `max-file-size` as for a path: at most that many bytes (+1) are read

        data_in = read_capped(sys.stdin.buffer, settings.max_file_size)
        try:
            if data_in is None:
                try:  # `< big.yaml`: the size is known, and said as it is for the path
                    st = os.fstat(sys.stdin.fileno())
                    size = st.st_size if stat.S_ISREG(st.st_mode) else None
                except (OSError, ValueError, AttributeError):
                    size = None
                raise ReadError(over_limit(settings.max_file_size, size))
            text_in, unreadable = decode(data_in), None
        except ReadError as exc:
            text_in, unreadable = "", exc
        result = engine.run_text(text_in, stdin_filename, settings.project_context, unreadable=unreadable)
    else:
        result = engine.run_paths(paths, project_context=settings.project_context)
    if fixing:
        result = _fix(engine, result, apply_fix and not show_diff, show_diff, unsafe_fixes, quiet,
                      text_in if use_stdin else None, data_in if use_stdin else None)
    findings = result.findings
    if write_baseline:
        try:
            B.write(Path(write_baseline), findings)
        except OSError as exc:
            _write_failed("--write-baseline", write_baseline, exc)
        if not quiet:
            click.echo(f"okla-lint: recorded {len(findings)} finding{'s' if len(findings) != 1 else ''} in {write_baseline}", err=True)
        for err in result.internal_errors:
            click.echo(err, err=True)
        sys.exit(2 if result.internal_errors else 0)
    baselined = 0
    if known is not None:
        kept = B.new_findings(findings, known)
        baselined = len(findings) - len(kept)
        findings = kept
    colour = fmt in TEXT_FORMATS and _colour(color, bool(output))
    if statistics and fmt in TEXT_FORMATS:
        text = _statistics(findings, engine.catalogue)
    else:
        # the text formats mark with [*] what --fix would fix (as ruff): nothing after --fix
        # or --diff, which applied it (or said why not)
        fixable = None if fixing else (lambda f: allowed(f.fix, unsafe_fixes))
        text = FORMATS[fmt](findings, result=result, catalogue=engine.catalogue, colour=colour,
                            enabled=engine.enabled, severity=engine.severity, fixable=fixable)
    if output:
        try:
            write_output_atomically(output, text)
        except BrokenPipeError:  # `-o /dev/stdout | head`
            _quiet_broken_pipe()
        except OSError as exc:
            _write_failed("--output", output, exc)
    elif show_diff:
        pass  # stdout holds the diff
    elif apply_fix and use_stdin:
        # stdout holds the fixed text; the findings that remain go to standard error
        if not quiet and findings:
            click.echo(text, nl=False, err=True, color=True if colour else None)
    else:
        # colour codes are in the text only when asked for (or on a terminal); a full disk
        # or a closed pipe is reported now (main), not lost or raised at exit

        try:
            write_to_stream(sys.stdout, text)
        except BrokenPipeError:  # `| head`: click would exit 1, which means findings here
            _quiet_broken_pipe()
        except OSError as exc:
            if not _is_output_error(exc):
                raise
            _io_error(exc)
    if statistics and fmt not in TEXT_FORMATS:
        click.echo(_statistics(findings, engine.catalogue), nl=False, err=True)
    if summary_file:
        _write_summary(summary_file, findings, result)
    for err in result.internal_errors:
        click.echo(err, err=True)
    if not quiet:
        for note in dict.fromkeys(list(result.notes) + engine.notes):  # a cached run has its notes
            click.echo(f"okla-lint: {note}", err=True)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
        summary = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        if parts:
            summary += f" ({', '.join(parts)})"
        summary += f" in {result.files_checked} file{'s' if result.files_checked != 1 else ''} checked"
        if baselined:
            summary += f"; {baselined} known finding{'s' if baselined != 1 else ''} hidden by the baseline"
        placeholders = result.placeholders_skipped
        helm = len(result.skipped) - placeholders
        if helm:
            summary += f"; {helm} Helm template file{'s' if helm != 1 else ''} skipped (render them first: helm template CHART > rendered.yaml && okla-lint check rendered.yaml)"
        if placeholders:
            summary += f"; {placeholders} placeholder template file{'s' if placeholders != 1 else ''} skipped (`{{NAME}}` placeholders: render them first with the script that replaces them, then lint the result)"
        if not fixing:
            # as ruff says it: what --fix would do for these findings
            safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
            unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "unsafe")
            if unsafe and unsafe_fixes:
                # --unsafe-fixes makes them available, as with ruff: counted (and marked)
                summary += (f" ({safe + unsafe} fixable with --fix --unsafe-fixes, {unsafe} of them "
                            "unsafe; --diff --unsafe-fixes shows the changes)")
            elif safe or unsafe:
                hint = [f"{safe} fixable with --fix"] if safe else []
                if unsafe:
                    hint.append(f"{unsafe} {'more ' if safe else ''}with --fix --unsafe-fixes")
                summary += f" ({' and '.join(hint)}; --diff shows the changes)"
        click.echo(summary, err=True)
        _warn_if_nothing_to_lint(paths if not use_stdin else [], result)
    if result.internal_errors or getattr(result, "write_errors", None):
        sys.exit(2)
    if show_diff:
        sys.exit(1 if getattr(result, "would_change", False) and not exit_zero else 0)
    if exit_zero or settings.fail_on == "never":
        sys.exit(0)
    floor = SEVERITY_RANK[settings.fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= floor for f in findings) else 0)


def _write_summary(path: str, findings, result) -> None:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    doc = {"findings": len(findings), **counts, "files": result.files_checked}
    try:
        from .core.io import write_output_atomically  # lazy: only `check` writes reports

        write_output_atomically(path, json.dumps(doc) + "\n")
    except OSError as exc:
        _write_failed("--summary-file", path, exc)


def _fix(engine, result, write: bool, diff: bool, unsafe: bool, quiet: bool, stdin_text: str | None,
         stdin_raw: bytes | None = None):
    """--fix / --diff: apply the fixes, print the diff (--diff) or the fixed text (standard
    input), write the files (--fix), and report on standard error what was fixed, what was
    not and why. Returns the run result of what remains."""

    from .core.fix import unified_diff  # lazy: only `check --fix/--diff` fixes
    from .core.fixer import encode_like, run_fixes, write_all  # lazy: as above

    outcome = run_fixes(engine, result, unsafe)
    out = outcome.result
    out.would_change = bool(outcome.changed)
    out.write_errors = []
    if diff:
        click.echo("".join(unified_diff(ch.display, ch.original, ch.text) for ch in outcome.changed), nl=False)
    elif stdin_text is not None:
        if outcome.changed:
            # encoded as it came in: the same BOM and encoding, as a fixed file is written
            click.echo(encode_like(stdin_raw or b"", outcome.changed[0].text), nl=False)
        else:
            click.echo(stdin_raw if stdin_raw is not None else stdin_text, nl=False)
    elif write:
        out.write_errors = write_all(outcome)
        for err in out.write_errors:
            click.echo(err, err=True)
        unwritten = {ch.display for ch in outcome.changed if ch.write_error}
        if unwritten:
            # a file that could not be written keeps its findings: they remain
            out.findings = sorted([f for f in out.findings if f.path not in unwritten]
                                  + [f for f in result.findings if f.path in unwritten], key=Finding.sort_key)
    if not quiet:
        verb = "would fix" if diff else "fixed"
        for ch in outcome.changed:
            if ch.write_error:
                continue
            counts: dict[str, int] = {}
            for f in ch.fixed:
                counts[f.rule] = counts.get(f.rule, 0) + 1
            rules = ", ".join(f"{r} x{n}" if n > 1 else r for r, n in sorted(counts.items()))
            click.echo(f"okla-lint: {verb} {ch.display}: {rules}", err=True)
        for r in outcome.rejected:
            f = r.finding
            click.echo(f"okla-lint: not fixed: {f.path}:{f.line}:{f.col} [{f.rule}]: {r.reason}", err=True)
        done = [ch for ch in outcome.changed if not ch.write_error]
        n = sum(len(ch.fixed) for ch in done)
        msg = (f"okla-lint: {verb} {n} finding{'s' if n != 1 else ''} in {len(done)} "
               f"file{'s' if len(done) != 1 else ''}; {len(out.findings)} remain{'s' if len(out.findings) == 1 else ''}")
        if outcome.unsafe_available:
            msg += f" ({outcome.unsafe_available} with an unsafe fix: add --unsafe-fixes to apply it)"
        click.echo(msg, err=True)
    return out


@cli.command("config", short_help="Print the effective settings, or the configuration's JSON Schema.")
@click.argument("paths", nargs=-1)
@click.option("--show", is_flag=True, help="Print the effective settings (the file's, merged with the defaults); also what `okla-lint config` alone does.")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the configuration file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to read instead of the one found.")
def config_cmd(paths, show, schema, config_path) -> None:
    """Show the configuration okla-lint uses for PATHS (default: the current folder)."""
    import yaml  # lazy: `rules` starts without the YAML writer

    from .config import SCHEMA, effective  # lazy: `rules` and `explain` start without the configuration reader

    if schema:
        click.echo(json.dumps(SCHEMA, indent=2))
        return
    try:
        settings = _settings(config_path, False, list(paths) or ["."])
        engine_enabled = settings.enabled_rules(load_catalogue())
    except SettingsError as exc:
        _fail(exc)

    click.echo(yaml.safe_dump(effective(settings, load_catalogue(), engine_enabled), sort_keys=False), nl=False)


@cli.command("server", short_help="Run the language server (LSP over standard input and output).")
def server_cmd() -> None:
    """Run the language server for editors: LSP over standard input and output.

    Diagnostics for every file okla-lint reads, with the whole project as the model;
    code actions (fixes, suppressions) and hover with the rule's why and fix. Setup for
    VS Code, Neovim and Helix: README, section Editors."""
    try:
        from .server.lsp import main as serve  # lazy: pygls, only for `okla-lint server`
    except ImportError as exc:  # pragma: no cover - pygls is a dependency
        click.echo(f"okla-lint: error: the language server needs pygls ({exc})", err=True)
        sys.exit(2)
    sys.exit(serve())


@cli.command("problem-matcher", short_help="Print a problem matcher for the text output.")
def problem_matcher() -> None:
    """Print a problem matcher for the text output.

    \b
    GitHub Actions: okla-lint problem-matcher > matcher.json
                    echo "::add-matcher::matcher.json"
    VS Code:        the "problemMatcher" of a task in .vscode/tasks.json"""
    click.echo(matcher.render(), nl=False)


# the `rules` column: what --fix does for the rule's findings
_FIX_LABEL = {"safe": "fix", "unsafe": "fix-unsafe", "none": "-"}


@cli.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are off by default.")
@click.option("--format", "--output-format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every rule (also those off by default) with its catalogue entry, for tools.")
def rules_cmd(show_all: bool, fmt: str) -> None:
    """List the rule catalogue."""
    cat = load_catalogue()
    if fmt == "json":
        rows = [{"id": d.id, "severity": d.severity, "kind": d.kind, "default": d.default, "tags": list(d.tags),
                 "confidence": d.confidence, "summary": d.summary, "why": d.rationale, "fix": d.fix,
                 "autofix": d.autofix, "params": dict(d.params), "equivalents": dict(d.equivalents), "url": d.url}
                for _, d in sorted(cat.items())]
        click.echo(json.dumps({"version": 1, "rules": rows}, indent=2, ensure_ascii=False))
        return
    width = max(len(r) for r in cat)
    for rid, doc in sorted(cat.items()):
        if not doc.default and not show_all:
            continue
        flag = "" if doc.default else " (off by default)"
        click.echo(f"{rid:<{width}}  {doc.severity:<7}  {doc.kind:<10}  {_FIX_LABEL[doc.autofix]:<10}  {doc.summary}{flag}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's rationale, fix and examples."""
    doc = load_rule(rule) or load_rule(rule.strip().lower())  # one entry: no need to read them all
    if doc is None:
        raise click.UsageError(f"unknown rule {rule!r}{_did_you_mean(rule.strip().lower(), rule_ids())}; "
                               "`okla-lint rules --all` lists them")
    click.echo(explain_text(doc))


def explain_text(doc) -> str:
    import yaml  # lazy: `rules` starts without the YAML writer

    lines = [
        f"{doc.id} ({doc.severity}, {doc.kind}{'' if doc.default else ', off by default'}"
        f"{', fixable with --fix' if doc.autofix == 'safe' else ', fixable with --fix --unsafe-fixes' if doc.autofix == 'unsafe' else ''})",
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
    if not doc.default:
        lines += ["", f"Off by default: enable it with `--extend-select {doc.id}` or "
                      f"`extend-select: [{doc.id}]` in .okla-lint.yaml."]
    if doc.params:
        lines += ["", "Parameters (set them under `params:` in .okla-lint.yaml)", "----------"]
        lines += [yaml.safe_dump({doc.id: dict(doc.params)}, sort_keys=False, default_flow_style=None).rstrip("\n")]
    for ex in doc.examples:
        lines += ["", f"{'Failing' if ex.fails else 'Passing'} example: {ex.title}", ""]
        if ex.config:
            # the example holds only with this configuration; the catalogue writes the
            # rule's own params, the file nests them under the rule id
            cfg = dict(ex.config)
            if "params" in cfg:
                cfg["params"] = {doc.id: cfg["params"]}
            lines.append("# .okla-lint.yaml")
            lines.append(yaml.safe_dump(cfg, sort_keys=False, default_flow_style=None).rstrip("\n"))
        for path, content in ex.files.items():
            lines.append(f"# {path}")
            lines.append(content.rstrip("\n"))
        if ex.expect:
            lines.append(f"# reported at: {', '.join(ex.expect)}")
    return "\n".join(lines)


# errors of the output stream itself: not a bug, and not findings
_IO_ERRNOS = {"ENOSPC", "EDQUOT", "EIO", "EFBIG", "EROFS", "EBADF"}


def _quiet_broken_pipe() -> None:
    """The reader of our standard output went away (``| head``): stop quietly, as cat,
    grep and git do; 141 is the status a shell gives a program killed by SIGPIPE, so
    `set -o pipefail` sees what it sees for them. Standard output is pointed at
    /dev/null so that the interpreter's last flush cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(141)


def _io_error(exc: OSError) -> None:
    """A full disk or a broken device on standard output: exit 2 with a short message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # drop what is still buffered
    except (OSError, ValueError, AttributeError):
        pass
    reason = exc.strerror or str(exc)
    try:
        click.echo(f"okla-lint: error: cannot write to standard output: {reason}", err=True)
    except OSError:
        pass
    sys.exit(2)


def _is_output_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno is not None and errno.errorcode.get(exc.errno) in _IO_ERRNOS


def main() -> None:
    try:
        try:
            cli(standalone_mode=True)
        finally:
            # what click.echo left in the buffer: a full disk must be reported here, not
            # as "Exception ignored" at interpreter exit. The language server's `exit`
            # closes standard output itself: nothing is left to flush then
            if not sys.stdout.closed:
                sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except SettingsError as exc:  # pragma: no cover - surfaced as usage errors above
        click.echo(f"okla-lint: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug: exit 2 (internal error), never 1, which means findings
        if _is_output_error(exc):
            _io_error(exc)

        if os.environ.get("OKLA_LINT_TRACEBACK"):
            traceback.print_exc()
        click.echo(f"okla-lint: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug in okla-lint; please report it with the command that caused it "
                   "(set OKLA_LINT_TRACEBACK=1 to print the traceback).", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
