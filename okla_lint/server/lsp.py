"""The language server: LSP over stdio with pygls.

Diagnostics are published on open, on change (debounced), on save and when a file the
project reads changes on disk (``workspace/didChangeWatchedFiles``, registered with the
client when it allows it); a save or a change on disk re-lints every open file of the
project, so cross-file findings follow the files they depend on. Positions are converted
to the encoding negotiated with the client (UTF-16 code units unless the client offers
another), from okla-lint's 1-based code-point columns. A broken configuration is a
diagnostic on the configuration file and the last good settings stay in force."""
from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..core.catalogue import load_catalogue
from ..core.engine import Engine, real_path
from ..core.settings import Settings
from ..core.finding import Finding
from . import actions as A
from .project import LintOutcome, Project, find_root, is_lintable
from ..core.source import SourceText

log = logging.getLogger("okla-lint.server")

SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}
SOURCE = "okla-lint"
DEBOUNCE = 0.3  # seconds after the last keystroke


class OklaServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("okla-lint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.projects: dict[Path, Project] = {}
        self.results: dict[str, tuple[LintOutcome, list[T.Diagnostic]]] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.config_uris: dict[Path, set[str]] = {}
        self.debounce = DEBOUNCE
        # one worker: the projects' caches are used from that thread only
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="okla-lint")
        # LSP "exit": the process ends with 0 when a `shutdown` request came first, else 1
        self.shutdown_requested = False
        self.exit_code = 0

    # -- projects --------------------------------------------------------------------
    def folders(self) -> list[Path]:
        out = []
        for f in self.workspace.folders.values():
            p = to_fs_path(f.uri)
            if p:
                out.append(real_path(Path(p)))
        if not out and self.workspace.root_path:
            out.append(real_path(Path(self.workspace.root_path)))
        return out

    def project_for(self, path: Path) -> Project:
        root = find_root(path, self.folders())
        proj = self.projects.get(root)
        if proj is None:
            proj = self.projects[root] = Project(root)
            self.publish_config(proj)
        return proj

    # -- positions -------------------------------------------------------------------
    def _char(self, line_text: str, col: int) -> int:
        """1-based code-point column -> 0-based character in the client's encoding."""
        prefix = line_text[: max(0, col - 1)]
        return self.workspace.position_codec.client_num_units(prefix)

    def _position(self, src, line: int, col: int) -> T.Position:
        if src is None or line < 1:
            return T.Position(line=max(0, line - 1), character=max(0, col - 1))
        if line > src.line_count:
            last = src.line_count
            return T.Position(line=max(0, last - 1), character=self._char(src.line_text(last), 10**9))
        return T.Position(line=line - 1, character=self._char(src.line_text(line), col))

    def _range(self, src, f: Finding) -> T.Range:
        start = self._position(src, f.line, f.col)
        end_line = f.end_line or f.line
        end_col = f.end_col if (end_line > f.line or f.end_col > f.col) else f.col + 1
        end = self._position(src, end_line, end_col)
        return T.Range(start=start, end=end)

    def offset_position(self, src, offset: int) -> T.Position:
        line, col = src.position(offset)
        return self._position(src, line, col)

    def _related_position(self, uri: str, line: int, col: int, texts: dict[str, SourceText | None]) -> T.Position:
        """A related location in the client's encoding: its line read from the open buffer
        or the file (UTF-16 columns on a line with non-ASCII text, as for the diagnostic)."""
        if uri not in texts:
            doc = self.workspace.text_documents.get(uri)
            text = doc.source if doc is not None else None
            if text is None:
                path = _path(uri)
                try:
                    text = path.read_text(encoding="utf-8-sig") if path is not None else None
                except (OSError, UnicodeDecodeError):
                    text = None
            texts[uri] = SourceText(text) if text is not None else None
        return self._position(texts[uri], line, col)

    # -- diagnostics -----------------------------------------------------------------
    def diagnostic(self, outcome: LintOutcome, f: Finding, proj: Project | None) -> T.Diagnostic:
        src = outcome.unit.src if outcome.unit is not None else None
        doc = (proj.catalogue if proj is not None else load_catalogue()).get(f.rule)
        related = []
        texts: dict[str, SourceText | None] = {}
        for r in f.related:
            uri = from_fs_path(str(real_path(Path(r.path))))
            if uri:
                pos = self._related_position(uri, r.line, r.col, texts)
                related.append(T.DiagnosticRelatedInformation(
                    location=T.Location(uri=uri, range=T.Range(start=pos, end=pos)),
                    message=r.message or "related"))
        return T.Diagnostic(
            range=self._range(src, f),
            message=f.message,
            severity=SEVERITY.get(f.severity, T.DiagnosticSeverity.Warning),
            code=f.rule,
            code_description=T.CodeDescription(href=doc.url) if doc is not None else None,
            source=SOURCE,
            related_information=related or None,
            data={"rule": f.rule, "line": f.line, "col": f.col},
        )

    def publish_config(self, proj: Project) -> None:
        """The configuration's problems as diagnostics on its file (cleared when fixed)."""
        by_file: dict[str, list[T.Diagnostic]] = {}
        for p in proj.config_problems:
            uri = from_fs_path(str(p.path))
            if not uri:
                continue
            try:
                lines = p.path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            text = lines[p.line - 1] if 0 < p.line <= len(lines) else ""
            ch = self._char(text, p.col)
            by_file.setdefault(uri, []).append(T.Diagnostic(
                range=T.Range(start=T.Position(line=max(0, p.line - 1), character=ch),
                              end=T.Position(line=max(0, p.line - 1), character=max(ch + 1, self._char(text, len(text) + 1)))),
                message=p.message, severity=T.DiagnosticSeverity.Error, source=SOURCE, code="configuration"))
        before = self.config_uris.get(proj.root, set())
        for uri in before - set(by_file):
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diags in by_file.items():
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=diags))
        self.config_uris[proj.root] = set(by_file)

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
        except asyncio.CancelledError:
            return
        if self.pending.get(uri) is asyncio.current_task():
            self.pending.pop(uri, None)
        await self.lint_and_publish(uri)

    async def lint_and_publish(self, uri: str) -> None:
        path_s = to_fs_path(uri)
        if not path_s:
            await self.lint_untitled(uri)
            return
        path = Path(path_s)
        doc = self.workspace.get_text_document(uri)
        try:
            proj = self.project_for(path)
            if proj.is_config(path) or not is_lintable(path):
                return
            text = doc.source

            def open_and_lint() -> LintOutcome:
                proj.open(path, text)
                return proj.lint(path)

            outcome = await self.in_worker(open_and_lint)
        except Exception as exc:  # a bug must not take the editor's linter down
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Error,
                                                       message=f"okla-lint: internal error linting {path}: {exc!r}\n{traceback.format_exc(limit=5)}"))
            return
        for err in outcome.internal_errors:
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Error, message=err))
        diags = [self.diagnostic(outcome, f, proj) for f in outcome.findings]
        self.results[uri] = (outcome, diags)
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diags))

    async def lint_untitled(self, uri: str) -> None:
        """A buffer with no file (`untitled:Untitled-1`): read by its content, as
        `okla-lint check -` reads standard input (a Kubernetes manifest by its apiVersion and
        kind, an Ocelot configuration by its keys), with the default settings: it belongs
        to no project yet."""
        doc = self.workspace.get_text_document(uri)
        if doc.language_id not in (None, "", "yaml", "json", "jsonc"):
            return

        def lint() -> LintOutcome:
            result = Engine(Settings()).run_text(doc.source, None)
            return LintOutcome(result.findings, result.units[0] if result.units else None,
                               list(result.internal_errors))

        try:
            outcome = await self.in_worker(lint)
        except Exception as exc:  # a bug must not take the editor's linter down
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Error,
                                                       message=f"okla-lint: internal error linting {uri}: {exc!r}"))
            return
        diags = [self.diagnostic(outcome, f, None) for f in outcome.findings]
        self.results[uri] = (outcome, diags)
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diags))

    async def in_worker(self, fn, *args):
        """Run ``fn`` on the linting thread: every change to a project's caches happens
        there, never while a lint reads them."""
        return await asyncio.get_running_loop().run_in_executor(self.linter, fn, *args)

    def relint_open(self, proj: Project, delay: float = 0.0) -> None:
        for real in proj.open_paths():
            uri = from_fs_path(str(real))
            if uri:
                self.schedule(uri, delay)


server = OklaServer()


def _path(uri: str) -> Path | None:
    p = to_fs_path(uri)
    return Path(p) if p else None


@server.feature(T.INITIALIZE)
def on_initialize(ls: OklaServer, params: T.InitializeParams) -> None:
    opts = params.initialization_options
    if isinstance(opts, dict) and isinstance(opts.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(opts["debounce"]))


@server.feature(T.INITIALIZED)
async def on_initialized(ls: OklaServer, params: T.InitializedParams) -> None:
    caps = ls.client_capabilities
    dyn = caps.workspace and caps.workspace.did_change_watched_files and caps.workspace.did_change_watched_files.dynamic_registration
    if not dyn:
        return
    watchers = [T.FileSystemWatcher(glob_pattern=g) for g in (
        "**/*.{yaml,yml,json}", "**/pyproject.toml", "**/.okla-lint.{yaml,yml}")]
    try:
        await ls.client_register_capability_async(T.RegistrationParams(registrations=[
            T.Registration(id="okla-lint-watched-files", method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                           register_options=T.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as exc:  # the client refused: diagnostics still follow open files
        log.info("watched files not registered: %r", exc)


@server.feature(T.SHUTDOWN)
def on_shutdown(ls: OklaServer, params: None) -> None:
    ls.shutdown_requested = True


@server.feature(T.EXIT)
def on_exit(ls: OklaServer, params: None) -> None:
    # the LSP specification: "The server should exit with success code 0 if the shutdown
    # request has been received before; otherwise with error code 1"
    ls.exit_code = 0 if ls.shutdown_requested else 1


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: OklaServer, params: T.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: OklaServer, params: T.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: OklaServer, params: T.DidSaveTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if path is None:
        return
    proj = ls.project_for(path)
    if proj.is_config(path):
        await ls.in_worker(proj.load_config)
        ls.publish_config(proj)
    else:
        await ls.in_worker(proj.files_changed, [path])
    # the saved file is now what the other files' cross-file rules read
    ls.relint_open(proj)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: OklaServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    path = _path(uri)
    if path is not None:
        proj = ls.project_for(path)
        await ls.in_worker(proj.close, path)
        if not proj.is_config(path):
            ls.results.pop(uri, None)
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.relint_open(proj)  # the file on disk replaces the closed buffer in the model
    elif ls.results.pop(uri, None) is not None:  # an untitled buffer: nothing is left of it
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: OklaServer, params: T.DidChangeWatchedFilesParams) -> None:
    touched: dict[Path, Project] = {}
    for change in params.changes:
        path = _path(change.uri)
        if path is None:
            continue
        proj = ls.project_for(path)
        touched[proj.root] = proj
        if proj.is_config(path):
            await ls.in_worker(proj.load_config)
            ls.publish_config(proj)
        else:
            await ls.in_worker(proj.files_changed, [path], change.type != T.FileChangeType.Changed)
    for proj in touched.values():
        ls.relint_open(proj)


def _findings_at(ls: OklaServer, uri: str, rng: T.Range) -> list[tuple[Finding, T.Diagnostic, LintOutcome]]:
    got = ls.results.get(uri)
    if got is None:
        return []
    outcome, diags = got
    out = []
    for f, d in zip(outcome.findings, diags):
        r = d.range
        if (r.start.line, r.start.character) <= (rng.end.line, rng.end.character) and \
                (rng.start.line, rng.start.character) <= (r.end.line, r.end.character):
            out.append((f, d, outcome))
    return out


def _workspace_edit(ls: OklaServer, uri: str, outcome: LintOutcome, edits: list[A.TextEdit]) -> T.WorkspaceEdit:
    src = outcome.unit.src
    text_edits = [T.TextEdit(range=T.Range(start=ls.offset_position(src, e.start), end=ls.offset_position(src, e.end)),
                             new_text=e.text) for e in edits]
    return T.WorkspaceEdit(changes={uri: text_edits})


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix], resolve_provider=False))
def code_action(ls: OklaServer, params: T.CodeActionParams) -> list[T.CodeAction] | None:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    out: list[T.CodeAction] = []
    for f, d, outcome in _findings_at(ls, uri, params.range):
        unit = outcome.unit
        if unit is None or unit.src is None or unit.src.text != doc.source:
            continue  # stale: the buffer changed since this lint; the next one answers
        actions = A.fix_actions(unit, f)
        sup = A.suppress_action(unit, f)
        if sup is not None:
            actions.append(sup)
        for a in actions:
            out.append(T.CodeAction(title=a.title, kind=a.kind, diagnostics=[d], is_preferred=a.preferred or None,
                                    edit=_workspace_edit(ls, uri, outcome, a.edits)))
        if unit.json is not None:
            path = _path(uri)
            proj = ls.project_for(path) if path else None
            ce = A.ignore_in_config(unit, f, proj.settings, proj.catalogue, proj.config_path, proj.root) if proj else None
            if ce is not None:
                out.append(T.CodeAction(title=ce.title, kind=T.CodeActionKind.QuickFix, diagnostics=[d],
                                        edit=_config_edit(ls, ce)))
    return out or None


def _config_edit(ls: OklaServer, ce: A.ConfigEdit) -> T.WorkspaceEdit:
    """The change to the configuration file (created first when there is none)."""
    cfg_uri = from_fs_path(str(ce.path))
    text = "" if ce.create else ce.path.read_text(encoding="utf-8")
    src = SourceText(text)
    edits = [T.TextEdit(range=T.Range(start=ls.offset_position(src, e.start), end=ls.offset_position(src, e.end)),
                        new_text=e.text) for e in ce.edits]
    if ce.create:
        return T.WorkspaceEdit(document_changes=[
            T.CreateFile(uri=cfg_uri, options=T.CreateFileOptions(ignore_if_exists=True)),
            T.TextDocumentEdit(text_document=T.OptionalVersionedTextDocumentIdentifier(uri=cfg_uri, version=None),
                               edits=edits)])
    return T.WorkspaceEdit(changes={cfg_uri: edits})


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: OklaServer, params: T.HoverParams) -> T.Hover | None:
    pos = params.position
    hits = _findings_at(ls, params.text_document.uri, T.Range(start=pos, end=pos))
    if not hits:
        return None
    parts = []
    for f, d, _ in hits:
        path = _path(params.text_document.uri)
        doc = (ls.project_for(path).catalogue if path else load_catalogue()).get(f.rule)
        md = [f"**{f.rule}** ({f.severity}): {f.message}"]
        if doc is not None:
            md += ["", "**Why it breaks**", "", doc.rationale.strip(), "", "**How to fix**", "", doc.fix.strip(),
                   "", f"[Rule documentation]({doc.url})"]
        parts.append("\n".join(md))
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                   range=hits[0][1].range)


def main() -> int:
    """Serve until the client sends `exit` (or closes standard input); the exit code."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
    return server.exit_code
