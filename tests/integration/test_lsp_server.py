"""Issue 14: `okla-lint server` driven end to end by a real LSP client (pygls's) over
stdio: initialize, open, change, diagnostics with exact UTF-16 ranges, cross-file
refresh on a change on disk, code actions, hover, a broken configuration, shutdown."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as T
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from integration_util import DEPLOYMENT, HPA as SHARED_HPA, SERVICE, WORKFLOW
from helpers import write_files

# 'é' is one UTF-16 code unit, '𐐀' two: `$(HOST)` starts at code point 28 (1-based) of
# line 17, which is UTF-16 character 28 (0-based) on line 16
WEB = DEPLOYMENT.replace('value: "http://$(HOST)/"', 'value: "é𐐀://$(HOST)/"')
FIXED_WEB = WEB.replace('value: "é𐐀://$(HOST)/"', 'value: "é𐐀://example.org/"')
HPA = SHARED_HPA.replace("name: web", "name: api")  # its target, Deployment api, is missing
API = DEPLOYMENT.replace("name: web", "name: api").replace("{app: web}", "{app: api}").replace(
    '"http://$(HOST)/"', '"http://example.org/"')
OCELOT = '{\n  "Routes": [\n    // a comment\n  ]\n}\n'

TIMEOUT = 60


class Client:
    """A pygls client with the diagnostics it received, by URI."""

    def __init__(self, root: Path):
        self.root = root
        self.lc = LanguageClient("okla-lint-tests", "1")
        self.diags: dict[str, list[T.Diagnostic]] = {}
        self.versions: dict[str, int | None] = {}
        self.logs: list[str] = []
        self.changed = asyncio.Event()
        self.registrations: list[T.Registration] = []

        @self.lc.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diags(params: T.PublishDiagnosticsParams) -> None:
            self.diags[params.uri] = params.diagnostics
            self.versions[params.uri] = params.version
            self.changed.set()

        @self.lc.feature(T.WINDOW_LOG_MESSAGE)
        def _log(params: T.LogMessageParams) -> None:
            self.logs.append(params.message)

        @self.lc.feature(T.CLIENT_REGISTER_CAPABILITY)
        def _register(params: T.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    def uri(self, rel: str) -> str:
        return from_fs_path(str((self.root / rel).resolve()))

    async def start(self, encodings: list[str] | None = None) -> T.InitializeResult:
        await self.lc.start_io(sys.executable, "-m", "okla_lint", "server", cwd=str(self.root))
        caps = T.ClientCapabilities(
            general=T.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
            workspace=T.WorkspaceClientCapabilities(
                did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
            text_document=T.TextDocumentClientCapabilities(
                publish_diagnostics=T.PublishDiagnosticsClientCapabilities(related_information=True)),
        )
        root_uri = from_fs_path(str(self.root.resolve()))
        result = await self.lc.initialize_async(T.InitializeParams(
            process_id=None, root_uri=root_uri, capabilities=caps,
            workspace_folders=[T.WorkspaceFolder(uri=root_uri, name="repo")],
            initialization_options={"debounce": 0.05}))
        self.lc.initialized(T.InitializedParams())
        return result

    async def wait(self, rel: str, pred, what: str):
        uri = self.uri(rel)

        async def loop():
            while True:
                if uri in self.diags and pred(self.diags[uri]):
                    return self.diags[uri]
                self.changed.clear()
                await self.changed.wait()

        try:
            return await asyncio.wait_for(loop(), TIMEOUT)
        except asyncio.TimeoutError:
            raise AssertionError(f"{what}: last diagnostics for {rel}: {self.diags.get(uri)}; logs: {self.logs}") from None

    def open(self, rel: str, text: str, language: str = "yaml") -> None:
        self.lc.text_document_did_open(T.DidOpenTextDocumentParams(text_document=T.TextDocumentItem(
            uri=self.uri(rel), language_id=language, version=1, text=text)))

    def change(self, rel: str, version: int, text: str) -> None:
        self.lc.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=self.uri(rel), version=version),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)]))

    def disk_changed(self, rel: str, kind: T.FileChangeType) -> None:
        self.lc.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
            changes=[T.FileEvent(uri=self.uri(rel), type=kind)]))


def rules(diags) -> list[str]:
    return sorted(str(d.code) for d in diags)


def apply_edits(text: str, edits: list[T.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to ``text``."""
    lines = text.splitlines(keepends=True)

    def offset(pos: T.Position) -> int:
        before = sum(len(line) for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return before + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line.rstrip("\r\n"))

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset(e.range.start), offset(e.range.end)
        text = text[:a] + e.new_text + text[b:]
        lines = text.splitlines(keepends=True)
    return text


async def _session(root: Path) -> None:
    c = Client(root)
    result = await c.start()
    caps = result.capabilities
    assert caps.code_action_provider and caps.hover_provider
    assert caps.position_encoding in (None, T.PositionEncodingKind.Utf16)

    # -- open: exact range in UTF-16, severity, rule id as code, link to the rule doc --
    c.open("k8s/web.yaml", WEB)
    diags = await c.wait("k8s/web.yaml", lambda d: "env-ref-before-definition" in rules(d), "diagnostics on open")
    d = next(d for d in diags if d.code == "env-ref-before-definition")
    assert d.range == T.Range(start=T.Position(line=16, character=28), end=T.Position(line=16, character=35))
    assert d.severity == T.DiagnosticSeverity.Error and d.source == "okla-lint"
    assert d.code_description.href.endswith("/rules/env-ref-before-definition.yaml")
    assert "HOST" in d.message

    # -- hover on the diagnostic: the rule's rationale and fix -------------------------
    hov = await c.lc.text_document_hover_async(T.HoverParams(
        text_document=T.TextDocumentIdentifier(uri=c.uri("k8s/web.yaml")), position=T.Position(line=16, character=30)))
    assert hov is not None and "**env-ref-before-definition**" in hov.contents.value
    assert "Why it breaks" in hov.contents.value and "How to fix" in hov.contents.value

    # -- code action: suppress this rule on this line ---------------------------------
    acts = await c.lc.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=c.uri("k8s/web.yaml")), range=d.range,
        context=T.CodeActionContext(diagnostics=[d])))
    sup = next(a for a in acts if a.title == "Suppress env-ref-before-definition on this line")
    (edit,) = sup.edit.changes[c.uri("k8s/web.yaml")]
    line17 = WEB.splitlines()[16]
    # inserted at the end of line 17, in UTF-16 units (the line has one astral character)
    assert edit.range.start == T.Position(line=16, character=len(line17) + 1) == edit.range.end
    assert edit.new_text == "  # okla-lint: ignore[env-ref-before-definition]"
    suppressed = apply_edits(WEB, [edit])
    c.change("k8s/web.yaml", 2, suppressed)
    await c.wait("k8s/web.yaml", lambda d: "env-ref-before-definition" not in rules(d) and c.versions[c.uri("k8s/web.yaml")] == 2,
                 "the suppression comment takes effect, and is used")
    assert "unused-suppression" not in rules(c.diags[c.uri("k8s/web.yaml")])

    # -- code action: the rule's fix (--fix's edits), preferred --------------------
    c.change("k8s/web.yaml", 3, WEB)
    diags = await c.wait("k8s/web.yaml", lambda d: c.versions[c.uri("k8s/web.yaml")] == 3 and "env-ref-before-definition" in rules(d),
                         "the finding is back")
    d = next(d for d in diags if d.code == "env-ref-before-definition")
    acts = await c.lc.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=c.uri("k8s/web.yaml")), range=d.range,
        context=T.CodeActionContext(diagnostics=[d])))
    fix = next(a for a in acts if a.is_preferred)
    assert "env-ref-before-definition" in fix.title and fix.kind == T.CodeActionKind.QuickFix
    fixed = apply_edits(WEB, fix.edit.changes[c.uri("k8s/web.yaml")])
    assert fixed.index("name: HOST") < fixed.index("name: URL")  # the definition moved above its use
    c.change("k8s/web.yaml", 4, fixed)
    await c.wait("k8s/web.yaml", lambda d: c.versions[c.uri("k8s/web.yaml")] == 4 and "env-ref-before-definition" not in rules(d),
                 "the fix removes the finding")

    # -- change (debounced): a burst of edits; the last version wins ------------------
    c.change("k8s/web.yaml", 5, WEB)
    c.change("k8s/web.yaml", 6, WEB + "\n")
    c.change("k8s/web.yaml", 7, FIXED_WEB)
    await c.wait("k8s/web.yaml", lambda d: c.versions[c.uri("k8s/web.yaml")] == 7, "the last change is linted")
    assert "env-ref-before-definition" not in rules(c.diags[c.uri("k8s/web.yaml")])

    # -- the whole project is the model; a file changed on disk refreshes findings ----
    c.open("k8s/hpa.yaml", HPA)
    await c.wait("k8s/hpa.yaml", lambda d: "hpa-target-missing" in rules(d), "cross-file finding on the edited file")
    write_files(root, {"k8s/api.yaml": API})
    c.disk_changed("k8s/api.yaml", T.FileChangeType.Created)
    await c.wait("k8s/hpa.yaml", lambda d: "hpa-target-missing" not in rules(d), "refresh after a change on disk")
    (root / "k8s" / "api.yaml").unlink()
    c.disk_changed("k8s/api.yaml", T.FileChangeType.Deleted)
    await c.wait("k8s/hpa.yaml", lambda d: "hpa-target-missing" in rules(d), "refresh after a deletion on disk")

    # -- save: an open buffer saved to disk refreshes the other open files ------------
    c.open("k8s/api.yaml", API)
    await c.wait("k8s/api.yaml", lambda d: True, "diagnostics for the new buffer")
    write_files(root, {"k8s/api.yaml": API})
    c.lc.text_document_did_save(T.DidSaveTextDocumentParams(text_document=T.TextDocumentIdentifier(uri=c.uri("k8s/api.yaml"))))
    await c.wait("k8s/hpa.yaml", lambda d: "hpa-target-missing" not in rules(d), "refresh of another open file on save")

    # -- every kind of file -------------------------------------------------------------
    c.open(".github/workflows/ci.yml", WORKFLOW)
    wf = await c.wait(".github/workflows/ci.yml", lambda d: "script-injection" in rules(d), "workflow diagnostics")
    inj = next(d for d in wf if d.code == "script-injection")
    assert inj.range.start == T.Position(line=5, character=23)  # `github.event...` inside ${{ }}
    c.open("gateway/ocelot.json", OCELOT, "json")
    oc = await c.wait("gateway/ocelot.json", lambda d: "json-comments" in rules(d), "Ocelot diagnostics")
    jc = next(d for d in oc if d.code == "json-comments")
    assert jc.range.start == T.Position(line=2, character=4)
    acts = await c.lc.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=c.uri("gateway/ocelot.json")), range=jc.range,
        context=T.CodeActionContext(diagnostics=[jc])))
    assert not any(a.title.startswith("Suppress") for a in acts or [])  # a comment would break JSON
    delete = next(a for a in acts if a.is_preferred)  # the rule's fix: delete the comment
    assert apply_edits(OCELOT, delete.edit.changes[c.uri("gateway/ocelot.json")]).count("//") == 0
    # ... or a per-file-ignores entry naming the node, in a configuration file created for it
    ignore = next(a for a in acts if a.title.startswith("Ignore json-comments"))
    create, change = ignore.edit.document_changes
    assert create.kind == "create" and create.uri == c.uri(".okla-lint.yaml")
    (edit,) = change.edits
    assert edit.new_text == 'per-file-ignores:\n  "gateway/ocelot.json#/Routes": [json-comments]\n'
    write_files(root, {".okla-lint.yaml": edit.new_text})
    c.disk_changed(".okla-lint.yaml", T.FileChangeType.Created)
    await c.wait("gateway/ocelot.json", lambda d: "json-comments" not in rules(d), "the new per-file-ignores entry is honoured")

    # -- configuration: reloaded, and a broken one is a diagnostic, never a crash -----
    write_files(root, {".okla-lint.yaml": "ignore: [script-injection\n"})
    c.disk_changed(".okla-lint.yaml", T.FileChangeType.Changed)
    cfg = await c.wait(".okla-lint.yaml", lambda d: len(d) == 1, "configuration error as a diagnostic")
    assert cfg[0].message.startswith("invalid configuration: YAML syntax error")
    assert cfg[0].range.start.line == 1 and cfg[0].severity == T.DiagnosticSeverity.Error
    # the last good settings stay in force meanwhile
    assert "json-comments" not in rules(c.diags[c.uri("gateway/ocelot.json")])
    write_files(root, {".okla-lint.yaml": "ignore: [script-injection]\n"})
    c.disk_changed(".okla-lint.yaml", T.FileChangeType.Changed)
    await c.wait(".okla-lint.yaml", lambda d: len(d) == 0, "the fixed configuration clears its diagnostic")
    await c.wait(".github/workflows/ci.yml", lambda d: "script-injection" not in rules(d), "the reloaded configuration is honoured")
    await c.wait("gateway/ocelot.json", lambda d: "json-comments" in rules(d), "and the entry it no longer has is gone")

    assert not [m for m in c.logs if "internal error" in m], c.logs
    await c.lc.shutdown_async(None)
    c.lc.exit(None)
    await c.lc.stop()


@pytest.mark.slow(2)
def test_language_server_end_to_end(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_files(root, {"k8s/web.yaml": WEB, "k8s/svc.yaml": SERVICE, "k8s/hpa.yaml": HPA})
    asyncio.run(_session(root))


async def _utf8_session(root: Path) -> None:
    c = Client(root)
    result = await c.start(encodings=["utf-8"])
    assert result.capabilities.position_encoding == T.PositionEncodingKind.Utf8
    c.open("k8s/web.yaml", WEB)
    diags = await c.wait("k8s/web.yaml", lambda d: "env-ref-before-definition" in rules(d), "diagnostics on open")
    d = next(d for d in diags if d.code == "env-ref-before-definition")
    # in UTF-8 code units: 22 ASCII characters, 'é' (2 bytes), '𐐀' (4 bytes), '://'
    start = len('              value: "é𐐀://'.encode("utf-8"))
    assert start == 31
    assert d.range == T.Range(start=T.Position(line=16, character=start), end=T.Position(line=16, character=start + 7))
    await c.lc.shutdown_async(None)
    c.lc.exit(None)
    await c.lc.stop()


def test_language_server_speaks_the_position_encoding_the_client_asks_for(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_files(root, {"k8s/web.yaml": WEB})
    asyncio.run(_utf8_session(root))


def _frames(*messages: dict) -> bytes:
    out = b""
    for m in messages:
        body = json.dumps({"jsonrpc": "2.0", **m}).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


@pytest.mark.slow(2)
@pytest.mark.parametrize("shutdown, code", [(True, 0), (False, 1)])
def test_language_server_exit_code_follows_the_lsp_specification(tmp_path, shutdown, code):
    """"The server should exit with success code 0 if the shutdown request has been
    received before; otherwise with error code 1": it exited 2 with an internal error
    (flushing the standard output the `exit` notification had closed)."""
    init = {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}
    msgs = [init, {"method": "initialized", "params": {}}]
    if shutdown:
        msgs.append({"id": 2, "method": "shutdown"})
    msgs.append({"method": "exit"})
    p = subprocess.run([sys.executable, "-m", "okla_lint", "server"], input=_frames(*msgs), cwd=tmp_path,
                       capture_output=True, timeout=TIMEOUT)
    assert p.returncode == code, p.stderr.decode()
    assert b"internal error" not in p.stderr and b"Traceback" not in p.stderr


CONFIG_MAP = '{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, annotations: {a: "é😀"}}, data: {A: "1"}}\n'
KEY_USER = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env:
            - {name: X, valueFrom: {configMapKeyRef: {name: cfg, key: B}}}
"""


async def _related_session(root: Path) -> None:
    c = Client(root)
    await c.start()
    c.open("k8s/web.yaml", KEY_USER)
    diags = await c.wait("k8s/web.yaml", lambda d: "config-key-missing" in rules(d), "diagnostics on open")
    d = next(d for d in diags if d.code == "config-key-missing")
    (rel,) = d.related_information
    assert rel.location.uri == c.uri("k8s/cm.yaml")
    # `data` is code point 82 (1-based) of the line; '😀' before it is two UTF-16 units
    assert CONFIG_MAP.index(", data:") + 2 == 81
    assert rel.location.range.start == T.Position(line=0, character=82)
    await c.lc.shutdown_async(None)
    c.lc.exit(None)
    await c.lc.stop()


@pytest.mark.slow(2)
def test_related_information_is_in_the_clients_position_encoding(tmp_path):
    # it was the 0-based code point (81): one UTF-16 unit short after the emoji
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_files(root, {"k8s/web.yaml": KEY_USER, "k8s/cm.yaml": CONFIG_MAP})
    asyncio.run(_related_session(root))


UNTITLED = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: "é😀", image: "nginx:latest"}]\n'


async def _untitled_session(root: Path) -> None:
    c = Client(root)
    await c.start()
    uri = "untitled:Untitled-1"

    async def wait(pred):
        async def loop():
            while not (uri in c.diags and pred(c.diags[uri])):
                c.changed.clear()
                await c.changed.wait()
            return c.diags[uri]
        return await asyncio.wait_for(loop(), TIMEOUT)

    c.lc.text_document_did_open(T.DidOpenTextDocumentParams(text_document=T.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=UNTITLED)))
    diags = await wait(lambda d: "image-mutable-tag" in rules(d))
    d = next(d for d in diags if d.code == "image-mutable-tag")
    # `"nginx:latest"` is code point 36 (1-based) of the line; after the emoji (two UTF-16
    # units) that is UTF-16 character 36 (0-based)
    assert d.range.start == T.Position(line=4, character=36)
    assert d.code_description is not None
    hover = await c.lc.text_document_hover_async(T.HoverParams(
        text_document=T.TextDocumentIdentifier(uri=uri), position=T.Position(line=4, character=40)))
    assert hover is not None and "Why it breaks" in hover.contents.value
    c.lc.text_document_did_close(T.DidCloseTextDocumentParams(text_document=T.TextDocumentIdentifier(uri=uri)))
    await wait(lambda d: len(d) == 0)
    await c.lc.shutdown_async(None)
    c.lc.exit(None)
    await c.lc.stop()


@pytest.mark.slow(2)
def test_an_untitled_buffer_is_linted_by_its_content(tmp_path):
    # `untitled:` documents (a new editor tab) got no diagnostics at all; they are read as
    # `okla-lint check -` reads standard input, and cleared when closed
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    asyncio.run(_untitled_session(root))
