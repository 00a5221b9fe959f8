"""The rule engine: discover -> parse -> model -> checks -> findings.

The engine walks each parsed file once and calls the checks bound to each kind of node
(see ``registry.HOOKS``). Cross-file checks run once per project with the repository model.
"""
from __future__ import annotations

import gc
import os
import shutil
import sys
import traceback
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable

from ..post import masking
from ..post import suppressions as suppress
from ..post.fingerprints import fingerprint
from ..post.masking import mask_message
from . import files as F
from . import cache as C
from . import local as L
from . import workers as W
from . import render
from .render import find_tool, tool_id
from .catalogue import RuleDoc, load_catalogue
from .discover import Candidate, discover, excluded, record_walk
from .files import FileUnit, display_path, parse_file  # display_path: re-exported
from .finding import Finding, Related
from .located import LMap, Span
from .model import PodSpec, RepoModel, Workflow, action_steps
from .registry import Check, all_checks
from .result import RunResult  # re-exported
from .root import REPOSITORY_MARKERS, is_root, nearest_root, project_root
from .settings import Settings
from .source import SourceText, scalar_sub_span


def real_path(path: Path) -> Path:
    """``path.resolve()``, or the absolute path when it cannot be resolved (a symlink loop
    is reported as unreadable by the parse layer, not raised here)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


@contextmanager
def deep_recursion(limit: int = 20000):
    """Parsers and checks recurse once per nesting level; libyaml stops at 1000 levels and
    the JSON reader at 512, so a higher Python limit is safe and keeps deep (but legal)
    documents lintable."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


@contextmanager
def cycle_collection_paused():
    """A run builds millions of small containers (the located documents) and frees almost
    nothing until it ends: the cyclic garbage collector, which traverses every live container
    again and again as they are allocated, took ~40% of the CPU time of a large repository,
    and collected nothing (peak memory is the same without it). It is paused for the run and
    resumes after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Ctx:
    """What a check sees: the file (or the project model) and a way to report."""

    def __init__(self, engine: "Engine", model: RepoModel, unit: FileUnit | None):
        self._engine = engine
        self._model = model
        self.file = unit
        # the rule of the check being called when it serves one rule: its reports and
        # params need no rule id (a check that serves several names the rule)
        self.rule: str | None = None

    @property
    def model(self) -> RepoModel:
        """The repository model. A per-file check that uses it depends on other files: the
        file cache runs it again in every run (core/local.py: while a file is recorded, this
        is a view of the model that says when it is used)."""
        rec = self._engine.recorder
        if rec is not None and self._model is not None:
            return L.ModelView(self._model, rec)  # type: ignore[return-value]
        return self._model

    @property
    def engine(self) -> "Engine":
        """The engine (what other checks reported, which files are reported on): as
        ``model``, reading it makes a per-file check's findings depend on more than its file."""
        rec = self._engine.recorder
        if rec is not None:
            rec.taint()
        return self._engine

    @property
    def src(self) -> SourceText | None:
        return self.file.src if self.file else None

    def enabled(self, rule: str) -> bool:
        return rule in self._engine.enabled

    def params(self, rule: str | None = None) -> dict[str, Any]:
        """The rule's parameters (catalogue defaults merged with the configuration); the
        check's own rule when it serves one."""
        return self._engine.params[rule or self._bound()]

    def _bound(self) -> str:
        if self.rule is None:
            raise TypeError("this check serves several rules (or none): name the rule, ctx.report(rule, span, message)")
        return self.rule

    def param_given(self, rule: str, name: str) -> bool:
        """The configuration (not the catalogue default) sets this parameter."""
        return name in self._engine.settings.params.get(rule, {})

    def report(
        self,
        rule: Any,
        span: Any = None,
        message: Any = None,
        *,
        file: FileUnit | None = None,
        related: Iterable[tuple[FileUnit, Span, str]] = (),
        context: str = "",
        fix: Any = None,
        once: str | None = None,
    ) -> None:
        """Report a finding of ``rule`` at ``span`` (in ``file``, default: the file being
        checked). The engine drops a finding identical to one already reported in the file;
        with ``once``, it keeps the first finding of the rule at that position with the same
        ``once`` key (a YAML alias repeats a node, with the spans where it was written, in
        every place that uses it: each place is reported once). ``fix``: an
        ``okla_lint.core.fix.Fix`` whose edits remove the finding (offsets into this file's
        text). A finding in a virtual file (a document embedded in another file) is reported
        in the file that holds it, at the mapped position, saying where it is.

        A check registered for one rule writes ``ctx.report(span, message)``: the rule is
        bound when the engine calls it. A check that serves several rules names each:
        ``ctx.report(rule, span, message)``."""
        if not isinstance(rule, str):
            rule, span, message = self._bound(), rule, span
        if rule not in self._engine.enabled:
            return
        unit = file or self.file
        if unit is None:
            raise ValueError("report() outside a file needs file=")
        host = unit.host
        if host is not None:  # a virtual file (embedded document): report in its host file
            span = host.map_span(unit.src, span)
            message = f"{message} (in {host.where})"
            context = f"{host.context}:{context}"
            fix = host.map_fix(fix)
            unit = host.unit
        overlay = getattr(unit, "render", None)
        if overlay is not None:  # a rendered kustomize overlay: report at the source
            unit, span, message = overlay.locate(self._engine, unit, span, message, rule)
            if unit is None:
                return
        rel = []
        for (u, s, msg) in related:
            if u.host is not None:
                u, s = u.host.unit, u.host.map_span(u.src, s)
            if getattr(u, "render", None) is not None:
                u, s, _ = u.render.locate(self._engine, u, s, "")
                if u is None:
                    continue
            rel.append(Related(self._engine.display(u), s.line, s.col, msg))
        finding = Finding(
            rule=rule,
            severity=self._engine.severity[rule],
            path=self._engine.display(unit),
            line=span.line,
            col=span.col,
            end_line=span.end_line,
            end_col=span.end_col,
            # one style for every rule: no closing full stop (messages are one line)
            message=message[:-1] if message.endswith(".") and not message.endswith("..") else message,
            related=rel,
            context=context,
            # edits are offsets into the rendered text: no fix for a rendered overlay's finding
            fix=fix.locate(unit.src) if fix is not None and unit.src is not None and overlay is None else None,
        )
        if overlay is not None and not overlay.claim(self._engine, finding):
            return  # the same source defect, already reported from another overlay
        self._engine.emit(finding, unit, once)

    def sub_span(self, span: Span, value: str, start: int, end: int, unit: FileUnit | None = None) -> Span:
        """The span of ``value[start:end]`` where ``value`` is the scalar at ``span``: exact
        inside block scalars (``run: |``), folded and quoted scalars."""
        unit = unit or self.file
        return span if unit is None else scalar_sub_span(unit, span, value, start, end)


# rule id -> the program it runs when it is on PATH (or beside the running Python, where
# a virtual environment installs it): part of the run cache's key
EXTERNAL_PROGRAMS = {"shellcheck": "shellcheck"}


def external_program_id(name: str) -> str | None:
    found = shutil.which(name) or shutil.which(name, path=os.path.dirname(sys.executable))
    return tool_id([found]) if found else None


class Engine:
    def __init__(self, settings: Settings | None = None, catalogue: dict[str, RuleDoc] | None = None):
        self.settings = settings or Settings()
        self.catalogue = catalogue or load_catalogue()
        self.enabled = self.settings.enabled_rules(self.catalogue)
        self.severity = {rid: self.settings.rule_severity(d) for rid, d in self.catalogue.items()}
        self.params = {rid: self.settings.rule_params(d) for rid, d in self.catalogue.items()}
        self._hooks: dict[str, list[Check]] | None = None
        # the run cache (core/cache.py): on when the command line asks for it (cli.py)
        self.use_cache = False
        self._findings: list[Finding] = []
        self._display: dict[int, str] = {}
        self.internal_errors: list[str] = []
        # when set, findings are kept only for these files (resolved paths): the other
        # files of the project are read for the model only (pre-commit passes some files)
        self.report_only: set[Path] | None = None
        self._report_ok: dict[int, bool] = {}
        self._by_unit: dict[int, list[Finding]] = defaultdict(list)
        self._seen: dict[int, set[tuple]] = defaultdict(set)  # what each file reported (duplicates)
        self.progress: Any = None  # callable(done, total) while parsing; see progress.py
        self.notes: list[str] = []  # said once on standard error (e.g. overlays not rendered)
        self._renders: dict[Path, Any] = {}  # project root -> render.Renders
        # the file cache (core/local.py, core/cache.py FileStore): while a file is linted,
        # its calls are recorded (recorder) or a record of them is replayed (replay)
        self.files: C.FileStore | None = None
        self.recorder: L.Recorder | None = None
        self.replay: L.Replay | None = None
        # worker processes for parsing and file-local checks (core/workers.py): on when the
        # command line lints paths (cli.py) and the file count pays for them
        self.use_workers = False
        self._prepared: dict[int, tuple[str | None, dict]] = {}  # id(unit) -> a worker's record
        self._file_keys: dict[int, str] = {}  # id(unit) -> its file cache key

    @property
    def hooks(self) -> dict[str, list[Check]]:
        """The checks of the enabled rules, by hook; the rule modules are imported on first
        use (a run answered from the cache imports none)."""
        if self._hooks is None:
            hooks: dict[str, list[Check]] = defaultdict(list)
            known = set(self.catalogue)
            for chk in all_checks():
                # a check whose rules are missing from the catalogue cannot be configured or
                # documented; tests/core/test_catalogue_examples.py fails on it, the engine skips it
                if any(r not in known for r in chk.rules):
                    continue
                if any(r in self.enabled for r in chk.rules):
                    hooks[chk.hook].append(chk)
            self._hooks = hooks
        return self._hooks

    # -- reporting ---------------------------------------------------------------------
    def display(self, unit: FileUnit) -> str:
        key = id(unit)
        d = self._display.get(key)
        if d is None:
            d = self._display[key] = display_path(unit.path)
        return d

    def emit(self, finding: Finding, unit: FileUnit, once: str | None = None) -> None:
        rec = self.recorder
        if rec is not None and rec.current is not None:
            rec.found(finding, unit, once, C.finding_to_json)
        if not self.reports_on(unit):
            return
        f = finding
        if once is None:
            key: tuple = (f.rule, f.line, f.col, f.end_line, f.end_col, f.message, tuple(f.related))
        else:
            key = (f.rule, f.line, f.col, "once", once)
        seen = self._seen[id(unit)]
        if key in seen:
            return
        seen.add(key)
        self._by_unit[id(unit)].append(finding)

    def reports_on(self, unit: FileUnit) -> bool:
        """False for the files of the project that are read for cross-file rules only (files
        or a subfolder given: findings are kept for those alone)."""
        if self.report_only is None:
            return True
        ok = self._report_ok.get(id(unit))
        if ok is None:
            ok = self._report_ok[id(unit)] = real_path(unit.path) in self.report_only
        return ok

    def pending(self, unit: FileUnit) -> list[Finding]:
        """The findings reported on ``unit`` in this run, before suppressions and fingerprints
        (``_finish``). Repository checks that fold one root cause's findings into one
        (okla_lint/post/merge.py) read and edit this list; file, object, step and Ocelot
        checks have all run by then."""
        return self._by_unit.get(id(unit), [])

    def _stable_path(self, unit: FileUnit) -> str:
        """The file's path inside its repository (the nearest folder above it with .git,
        .okla-lint.yaml or the configuration), whatever folder was linted: fingerprints
        and baselines must not depend on where okla-lint was started."""
        cache = self.__dict__.setdefault("_stable_roots", {})
        real = real_path(unit.path)
        folder = real.parent
        root = cache.get(folder, 0)
        if root == 0:
            cfg = self.settings.root.resolve() if self.settings.root else None
            root = cache[folder] = nearest_root(folder, REPOSITORY_MARKERS, also=cfg)
        if root is None:
            return unit.rel
        return real.relative_to(root).as_posix()

    def _finish(self, units: list[FileUnit]) -> None:
        """Per file, after every check ran: suppressions, unused suppressions, snippets and
        fingerprints."""
        for unit in units:
            found = self._by_unit.pop(id(unit), [])
            self._seen.pop(id(unit), None)
            if not self.reports_on(unit):
                continue
            try:
                found = suppress.apply(
                    unit, self.display(unit), found, self.settings, self.catalogue, self.enabled,
                    self.severity.get(suppress.RULE, "warning"),
                )
            except Exception as exc:  # a bug here must not lose the findings
                self.internal_errors.append(masking.mask_message(
                    f"internal error applying suppressions on {unit.path}: {exc!r}\n{traceback.format_exc(limit=3)}"
                ))
            # every snippet and message is masked here, before any report sees it
            lines = masking.file_mask(unit.src) if unit.src is not None else None
            key = self._file_keys.pop(id(unit), None)
            if lines is not None and key is not None and found:
                # the masked lines of an unchanged file are in its record: masking the
                # whole text again (to show one line) is most of this loop's cost
                lines = L.KnownLines(lines, self.files.lines(key))
            stable = self._stable_path(unit) if found else ""  # one resolve() per file
            for f in found:
                masking.mask_finding(f, lines)
                f.fingerprint = fingerprint(f.rule, stable, f.context, f.snippet)
            if isinstance(lines, L.KnownLines) and lines.new:
                self.files.add_lines(key, lines.new)
            self._findings.extend(found)

    # -- running -----------------------------------------------------------------------
    def parse(self, cands: list[Candidate]) -> list[tuple[Candidate, FileUnit]]:
        if self.settings.render:
            self._start_renders(cands)  # kustomize runs in threads while we parse
        n = W.plan(len(cands)) if self.use_workers else 0
        if n:
            # worker processes parse the files and record their file-local checks
            # (core/workers.py); the records are replayed as file cache entries are
            files = self.files
            got = W.parse(type(self), cands, self.settings, n, files.base if files else None,
                          files.known() if files else frozenset(), self.progress)
            if got is not None:
                for cand, unit, key, record in got:
                    if record is not None:
                        self._prepared[id(unit)] = (key, record)
                return [(cand, unit) for cand, unit, _, _ in got]
        out = []
        total = len(cands)
        for i, cand in enumerate(cands):
            if self.progress is not None:
                self.progress(i, total)
            unit = parse_file(cand.path, cand.rel, cand.explicit, self.settings.max_file_size)
            if unit is not None:
                out.append((cand, unit))
        if self.progress is not None:
            self.progress(total, total)
        return out

    def _start_renders(self, cands: list[Candidate]) -> None:
        by_root: dict[Path, list[str]] = defaultdict(list)
        for c in cands:
            if c.path.name in render.KUSTOMIZATION_NAMES:
                by_root[c.root].append(c.rel)
        if not by_root:
            return
        tool = render.find_tool()
        if tool is None:
            note = "kubectl and kustomize are not on PATH: kustomize overlays are linted file by file, not rendered"
            if note not in self.notes:
                self.notes.append(note)
            return
        for root, rels in by_root.items():
            r = self._renders.get(root)
            if r is None:
                r = self._renders[root] = render.Renders(root, tool)
            r.store = getattr(self, "_render_store", None)
            for entry in render.initial_entries(root, rels):
                r.submit(entry, "not included by another kustomization")

    def candidates(self, paths: list[str], context_only: bool = False, holding: set[Path] | None = None) -> list[Candidate]:
        """The files to lint, with ``exclude`` applied (relative to the configuration's
        folder, also to files named explicitly, as pre-commit names every changed file)."""
        # unreadable folders among those given make the run exit 2, as internal errors do
        # (cli.py); the rest of a project read for context only is read as far as it can be
        errors: list[str] = []
        root = self.settings.root
        cands = discover(paths, self.settings.exclude, errors, root.resolve() if root is not None else None,
                         self.settings.test_data, holding)
        if not context_only:
            self.internal_errors.extend(e for e in errors if e not in self.internal_errors)
        if self.settings.exclude and root is not None:
            root = root.resolve()
            # `**/` also matches no folder at all (gitignore): `k8s/**/*.yaml` covers
            # k8s/a.yaml, as it does in per-file-ignores
            patterns = list(self.settings.exclude)
            patterns += [p.replace("**/", "") for p in self.settings.exclude if "**/" in p]
            kept = []
            for c in cands:
                try:
                    rel = real_path(c.path).relative_to(root).as_posix()
                except ValueError:
                    rel = None
                if rel is None or not excluded(rel, patterns):
                    kept.append(c)
            cands = kept
        return cands

    def project_context(self, cands: list[Candidate], paths: list[str]) -> tuple[list[Candidate], set[Path] | None]:
        """When files (pre-commit) or folders below a project root are given, add the other
        files of their project so that cross-file rules see the whole repository; findings
        are then reported for what was given only. Nothing is added when no cross-file rule
        is enabled, or when nothing given is inside a project (a folder with .git, .github
        or .okla-lint.yaml) that reaches beyond it."""
        if not cands or not self.hooks.get("repository"):
            return cands, None
        roots: set[Path] = set()
        for p in paths:
            d = Path(p)
            if not d.is_dir():
                continue
            real = real_path(d)
            if is_root(real):
                continue  # the folder is its own project: nothing beyond it to add
            anc = nearest_root(real.parent)
            if anc is not None:
                roots.add(anc)
        # files named from a subfolder of the project (the working directory is below the
        # repository root): their project is further up than discovery looked
        fixed = []
        for c in cands:
            if c.explicit and not is_root(c.root):
                real = real_path(c.path)
                anc = nearest_root(real.parent)
                if anc is not None:
                    c = Candidate(c.path, real.relative_to(anc).as_posix(), anc, c.explicit)
            fixed.append(c)
        cands = fixed
        roots |= {c.root for c in cands if c.explicit and is_root(c.root)}
        if not roots:
            return cands, None
        given = {real_path(c.path) for c in cands}
        # the project's own view of each file (its root and path in the project), then
        # whatever was given outside those projects
        out: list[Candidate] = []
        seen: set[Path] = set()
        for root in sorted(roots):
            # a test-data folder that holds what was given is read as the rest of the project
            for c in self.candidates([str(root)], context_only=True, holding={real_path(Path(p)) for p in paths}):
                real = real_path(c.path)
                if c.root in roots and real not in seen:
                    seen.add(real)
                    out.append(c)
        out += [c for c in cands if real_path(c.path) not in seen]
        return out, given

    def run_paths(self, paths: list[str], project_context: bool = False) -> RunResult:
        if not self.use_cache:
            return self._run_paths(paths, project_context, self.candidates(paths))
        # the run cache (core/cache.py): the key says what was asked (settings, paths, the
        # working directory, okla-lint itself); the entry says what the run read (files and
        # their digests, folders and their mtimes), checked before the entry is used

        asked = []
        for raw in paths:
            p = Path(raw)
            real = real_path(p)
            asked.append((raw, str(real), p.is_dir(), "" if p.is_dir() else str(project_root(real.parent, Path.cwd()))))
        store = C.RunCache(C.cache_folder(self.settings, paths))
        self._render_store = store  # renders are kept there too, by the content they read
        material: dict[str, Any] = {"paths": asked, "project_context": project_context}
        if self.settings.render:  # what renders kustomize overlays is an input too

            tool = find_tool()
            material["render"] = tool_id(tool) if tool else None
        # rules that run an external program when it is installed: which one is an input too
        material["programs"] = {rule: external_program_id(prog) for rule, prog in EXTERNAL_PROGRAMS.items()
                                if rule in self.enabled}
        key = C.run_key(self.settings, material)
        entry = store.load(key)
        if entry is not None and C.unchanged(entry):
            return C.result_from(entry["result"])
        started = C.now_ns()
        # a cache folder this run creates in a folder it walks (the project root, by default)
        # changes that folder's mtime: that change is ours, like a render's (below)
        fresh = not store.folder.exists()
        # something changed: the findings each unchanged file's own checks made are
        # replayed from the file cache, the rest runs (core/local.py)
        self.files = C.FileStore(store, self.settings)
        with record_walk() as walked, C.Session() as session:
            result = self._run_paths(paths, project_context, self.candidates(paths))
        self.files.save()
        if not result.internal_errors:
            # rendering puts (and removes) a wrapper kustomization in the project root:
            # that change of the root's mtime is ours, not the user's
            ours = {os.path.abspath(r) for r in self._renders}
            if fresh and store.create():
                ours.add(os.path.abspath(store.folder.parent))
            store.store(key, C.entry_for(result, walked, session.inputs(store.folder), started, ours))
        return result

    def _run_paths(self, paths: list[str], project_context: bool, cands: list[Candidate]) -> RunResult:
        lint_only = None
        if project_context:
            cands, lint_only = self.project_context(cands, paths)
            if lint_only is not None:
                self.report_only = lint_only
        with deep_recursion(), cycle_collection_paused():
            return self.run_units(self.parse(cands))

    def run_text(self, text: str, filename: str | None, project_context: bool = False, unreadable=None) -> RunResult:
        """Lint a document read from standard input as if it were the file ``filename``
        (editors lint unsaved buffers this way). With ``project_context``, the rest of its
        project is read from disk for cross-file rules, the buffer replacing the file.
        ``unreadable`` (a ``source.ReadError``: over ``max-file-size``, not UTF-8) is
        reported on the buffer as it would be on the file."""
        shown = Path(filename) if filename else Path("stdin")
        real = real_path(shown)
        folder = real.parent if real.parent.is_dir() else Path.cwd()
        root = project_root(folder, Path.cwd()) if filename else Path.cwd().resolve()
        if filename and not is_root(root):
            # an editor started in a subfolder of the project: the project (and its
            # configuration) is further up than the working directory
            root = nearest_root(folder.resolve()) or root
        rel = real.relative_to(root).as_posix() if root in real.parents else shown.as_posix()
        if filename and self.settings.exclude and self.settings.root is not None:
            # `exclude` applies to the buffer as it does to the file named on the command
            # line: an editor linting a vendored file gets what `okla-lint check FILE` gives

            try:
                crel = real.relative_to(self.settings.root.resolve()).as_posix()
            except ValueError:
                crel = None
            if crel is not None and excluded(crel, self.settings.exclude):
                return RunResult([], [], [], self.internal_errors)
        lower = shown.name.lower()
        if unreadable is not None:
            unit = F.FileUnit(shown, rel, F.UNREADABLE)
            unit.problems.append(F.problem_at(None, "parse-error", unreadable.line, unreadable.col, unreadable.message))
        elif lower.endswith(F.JSON_EXT) or (not lower.endswith(F.YAML_EXT) and text.lstrip().startswith(("{", "["))):
            unit = F.parse_json_file(shown, rel, text)
        else:
            unit = F.parse_yaml_file(shown, rel, text)
        parsed = [(Candidate(shown, rel, root, True), unit)]
        if (
            project_context
            and filename
            and self.hooks.get("repository")
            and is_root(root)
        ):
            others = [c for c in self.candidates([str(root)], context_only=True) if c.root == root and real_path(c.path) != real]
            parsed += self.parse(others)
        self.report_only = {real}
        with deep_recursion(), cycle_collection_paused():
            return self.run_units(parsed)

    def run_units(self, parsed: list[tuple[Candidate, FileUnit]]) -> RunResult:
        if self.settings.render:
            # files handed over already parsed (the language server, --fix's re-lint):
            # render what parse() did not start
            self._start_renders([c for c, _ in parsed])
        with deep_recursion(), cycle_collection_paused():
            groups: dict[Path, list[FileUnit]] = defaultdict(list)
            for cand, unit in parsed:
                groups[cand.root].append(unit)
            units = [u for _, u in parsed]
            only = self.report_only
            for root in sorted(groups):
                rendered = self._rendered(root, groups[root])
                if rendered is None:
                    model = RepoModel.build(groups[root])
                else:
                    # the objects of files a render read are the rendered ones
                    reached = {id(u) for u in groups[root] if u.rel in rendered.reached}
                    model = RepoModel.build(rendered.units + groups[root], skip=reached)
                    model.extra["render.failures"] = rendered.failures
                model.extra["root"] = root
                linted = []
                for unit in groups[root]:
                    if only is None or real_path(unit.path) in only:
                        self._lint_file(model, unit)
                        linted.append(unit)
                for unit in rendered.units if rendered else ():
                    # findings land on the source files (findings outside `only` are
                    # dropped when emitted)
                    self._walk_k8s(Ctx(self, model, unit), model, unit)
                for chk in self.hooks.get("repository", ()):
                    self._call(chk, Ctx(self, model, None), model)
                self._finish(linted)
        findings = sorted(self._findings, key=Finding.sort_key)
        if only is not None:
            units = [u for u in units if u.path.resolve() in only]
        skipped = [u for u in units if u.kind == F.HELM]
        return RunResult(findings, units, skipped, self.internal_errors, list(self.notes))

    def _rendered(self, root: Path, units: list[FileUnit]):
        """The rendered overlays of this project (None when nothing is rendered)."""
        r = self._renders.get(root)
        if r is None:
            return None

        try:
            res = render.complete(r, units, RepoModel.build(units))
        except Exception as exc:  # rendering is an addition: never lose the file-by-file lint
            self.internal_errors.append(f"internal error rendering kustomize overlays in {root}: {exc!r}\n{traceback.format_exc(limit=3)}")
            return None
        self.notes.extend(n for n in res.notes if n not in self.notes)
        return res

    def _call(self, chk: Check, ctx: Ctx, target: Any) -> None:
        replay = self.replay
        if replay is not None:
            what = replay.step(chk.name)
            if what is None:
                return  # a file-local call that reported nothing
            unit = ctx.file.host.unit if ctx.file.host is not None else ctx.file
            if isinstance(what, L.Asked):
                # a call that asked the model queries: what it reported holds while the
                # answers are the same (core/local.py)
                what = what.found if what.holds(ctx, unit) else True
            if what is not True:  # a file-local call: what it reported, in that order
                for data, once in what:
                    self.emit(C.finding_from_json(data), unit, once)
                return
            # True: it read more than the file; run it
        rec = self.recorder
        if rec is not None:
            rec.begin(chk.name, ctx.file)
            try:
                self._run_check(chk, ctx, target)
            except L.Tainted:
                pass  # a worker process: the call runs again in the main process
            finally:
                rec.end()
            return
        self._run_check(chk, ctx, target)

    def _run_check(self, chk: Check, ctx: Ctx, target: Any) -> None:
        ctx.rule = chk.rules[0] if len(chk.rules) == 1 else None
        try:
            chk.func(ctx, target)
        except Exception as exc:  # a bug in one check must not stop the run
            if self.recorder is not None:
                self.recorder.taint()  # run it again next time: the error is said again
            where = ctx.file.path if ctx.file else "the repository"
            tb = traceback.format_exc(limit=3)
            self.internal_errors.append(mask_message(f"internal error in {chk.name} on {where}: {exc!r}\n{tb}"))
        finally:
            ctx.rule = None

    def forget(self, unit: FileUnit) -> None:
        """Drop what the engine keeps about ``unit`` (a worker process's file, handed over)."""
        for d in (self._by_unit, self._seen, self._display, self._report_ok, self._prepared):
            d.pop(id(unit), None)

    def _lint_file(self, model: RepoModel, unit: FileUnit) -> None:
        files = self.files
        prepared = self._prepared.pop(id(unit), None)
        if (files is None and prepared is None) or unit.src is None:
            self._lint_file_walk(model, unit)
            return
        # the file cache (or a worker's record): the calls that read only this file are
        # replayed, the others run
        skipped = unit.kind == F.KUBERNETES and id(unit) not in model.file_objects
        key = files.key(unit, self.display(unit), skipped) if files is not None else None
        record = files.get(key) if files is not None else None
        if key is not None:
            self._file_keys[id(unit)] = key
        if record is None and prepared is not None and not skipped and prepared[0] == key:
            record = prepared[1]  # recorded by a worker with a model of this file alone
            if files is not None:
                files.put(key, record)
        if record is not None:
            try:
                self.replay = L.Replay(record)
                self._lint_file_walk(model, unit)
                self.replay.done()
                return
            except L.Mismatch:
                # not this walk's record (cannot happen for the same bytes and code): forget
                # what it reported and lint the file afresh
                self._by_unit.pop(id(unit), None)
                self._seen.pop(id(unit), None)
                unit.memo.clear()
            finally:
                self.replay = None
        record = self.record_walk(model, unit)
        if files is not None:
            files.put(key, record)

    def record_walk(self, model: RepoModel, unit: FileUnit, abort: bool = False) -> dict:
        """Lint ``unit`` while its calls are recorded (core/local.py) and return the record;
        ``abort``: stop a call at its first taint (a worker process, core/workers.py)."""
        rec = L.Recorder(unit, abort)
        unit.memo = rec.memo(unit.memo)
        self.recorder = rec
        try:
            with L.watching(rec):
                self._lint_file_walk(model, unit)
        finally:
            self.recorder = None
            unit.memo = {}
            # the objects (and embedded files) outlive the walk: their memos go back to plain
            # dicts, so that this file's recorder is not kept alive until the run ends
            for holder in (*model.objects_in(unit), *model.file_embedded.get(id(unit), ())):
                memo = getattr(holder, "memo", None)
                if isinstance(memo, L.Memo):
                    holder.memo = dict(memo.items())
        return rec.record()

    def _lint_file_walk(self, model: RepoModel, unit: FileUnit) -> None:
        ctx = Ctx(self, model, unit)
        for p in unit.problems:
            ctx.report(p.rule, Span(p.line, p.col, p.end_line, p.end_col), p.message, context=p.rule)
        for chk in self.hooks.get("file", ()):
            self._call(chk, ctx, unit)
        self._walk(ctx, model, unit)
        if unit.kind == F.KUBERNETES and (self.hooks.get("json") or self.hooks.get("ocelot")):
            # documents embedded in the file (Ocelot in ConfigMaps): every check of their
            # kind sees them as files; findings are reported in this file
            for inner in model.embedded_in(unit):
                if self.recorder is not None:
                    inner.memo = self.recorder.memo(inner.memo)
                self._walk(Ctx(self, model, inner), model, inner)
        for chk in self.hooks.get("file_end", ()):
            self._call(chk, ctx, unit)
        unit.memo.clear()

    def _walk(self, ctx: Ctx, model: RepoModel, unit: FileUnit) -> None:
        """The checks bound to the nodes of ``unit``'s kind, node by node."""
        if unit.json is not None or unit.json_partial is not None:
            for chk in self.hooks.get("json", ()):
                self._call(chk, ctx, unit)
        kind = unit.kind
        if kind == F.KUBERNETES:
            self._walk_k8s(ctx, model, unit)
        elif kind == F.WORKFLOW:
            if unit.docs and isinstance(unit.docs[0].root, LMap):
                wf = Workflow(unit, unit.docs[0].root)
                for chk in self.hooks.get("workflow", ()):
                    self._call(chk, ctx, wf)
                job_checks = self.hooks.get("job", ())
                step_checks = self.hooks.get("step", ())
                job_end = self.hooks.get("job_end", ())
                for job in wf.jobs():
                    if self.recorder is not None:
                        job.memo = self.recorder.memo(job.memo)
                    for chk in job_checks:
                        self._call(chk, ctx, job)
                    if step_checks:
                        for step in job.steps():
                            for chk in step_checks:
                                self._call(chk, ctx, step)
                    for chk in job_end:
                        self._call(chk, ctx, job)
                for chk in self.hooks.get("workflow_end", ()):
                    self._call(chk, ctx, wf)
        elif kind == F.ACTION:
            for chk in self.hooks.get("action", ()):
                self._call(chk, ctx, unit)
            step_checks = self.hooks.get("step", ())
            if step_checks:
                for step in action_steps(unit):
                    for chk in step_checks:
                        self._call(chk, ctx, step)
        elif kind == F.OCELOT:
            for chk in self.hooks.get("ocelot", ()):
                self._call(chk, ctx, unit)

    def _walk_k8s(self, ctx: Ctx, model: RepoModel, unit: FileUnit) -> None:
        obj_checks = self.hooks.get("k8s_object", ())
        pod_checks = self.hooks.get("pod", ())
        container_checks = self.hooks.get("container", ())
        rec = self.recorder
        for obj in model.objects_in(unit):
            if rec is not None and isinstance(getattr(obj, "memo", None), dict):
                obj.memo = rec.memo(obj.memo)
            for chk in obj_checks:
                self._call(chk, ctx, obj)
            if not (pod_checks or container_checks):
                continue
            ps = obj.pod_spec()
            if ps is None:
                continue
            pod = PodSpec(obj, *ps)
            for chk in pod_checks:
                self._call(chk, ctx, pod)
            for c in pod.containers():
                for chk in container_checks:
                    self._call(chk, ctx, c)
