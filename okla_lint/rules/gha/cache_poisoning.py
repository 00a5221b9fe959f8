"""Jobs that publish (a package, an image, a release) after restoring a GitHub Actions
cache, and jobs whose artifacts such a job publishes.

A run can restore the caches of its own branch and of the default branch, and every run on
the default branch can write them. Code that ran in any of those runs (a compromised
dependency, a script injection in a ``pull_request_target`` or ``issue_comment`` workflow)
can therefore plant a cache entry, and the release job that restores it builds and ships
the planted files. zizmor's cache-poisoning flags caches in every job of a release-triggered
workflow, and (at low confidence) in any job that runs a known publishing action; this rule
looks only at release workflows (zizmor's release triggers: a tag push, the `release`
event, a push to a branch named like `release`), and there at the jobs that publish (or
feed a publishing job through artifacts) and at the caches restored before the publishing
step. A CI workflow (pushes to main, pull requests) whose job also pushes an image is left
alone: its caches are the ones its own runs write, they speed up every run, and turning
them off there is not a change its maintainers make.
"""
from __future__ import annotations

import codecs
import re
from typing import Any

from ...core.io import read_head
from ...core.located import LMap, LSeq
from ...core.model import Job, Workflow, action_steps
from ...core.registry import check
from ...lib.gha.reusable import local_action
from ...lib.gha.uses import version_comment
from ...lib.gha.webhooks import triggers
from ...lib.gha.contexts import needs_names
from ...lib.gha.caching import ALWAYS, CACHE_ACTIONS, OPT_OUT, cache_restore, major_version, publish_step

RULE = "publish-job-restores-cache"
_GUARD = re.compile(r"\b(ref|ref_type|ref_name|event_name|refs/tags)\b")


def _name(uses: str) -> str:
    return uses.split("@", 1)[0].strip().lower()


def _needs(job: Job) -> list[str]:
    return [name for name, _ in needs_names(job)]


def _ancestors(jobs: dict[str, Job], jid: str) -> set[str]:
    out: set[str] = set()
    todo = list(_needs(jobs[jid])) if jid in jobs else []
    while todo:
        j = todo.pop()
        if j in out or j not in jobs:
            continue
        out.add(j)
        todo += _needs(jobs[j])
    return out


def _artifact_names(job: Job, action: str) -> list[tuple[int, str | None]]:
    """(step index, artifact name or None for every artifact) of the upload or download
    steps of a job; downloads from other runs (``run-id``) are left out."""
    out = []
    for st in job.steps():
        u = st.node.get("uses")
        if not isinstance(u, str) or _name(u) != action:
            continue
        w = st.node.get("with") if isinstance(st.node.get("with"), LMap) else LMap()
        if "run-id" in w:
            continue
        name = w.get("name")
        pattern = w.get("pattern")
        if action == "actions/upload-artifact":
            out.append((st.index, str(name) if name is not None else "artifact"))
        else:
            out.append((st.index, str(name) if name is not None else (str(pattern) if pattern is not None else None)))
    return out


_DOWNLOAD_WILD = re.compile(r"\$\{\{.*?\}\}|[*?\[\]{}]")
_UPLOAD_WILD = re.compile(r"\$\{\{.*?\}\}")


def _literal_ends(text: str, wild: re.Pattern[str]) -> tuple[str, str]:
    """The literal text before the first and after the last part that can stand for
    anything (an expression, a glob character); the whole text for both when there is none."""
    parts = list(wild.finditer(text))
    return (text[: parts[0].start()], text[parts[-1].end() :]) if parts else (text, text)


def _matches(download: str | None, upload: str) -> bool:
    if download is None:
        return True
    if "${{" in download or "${{" in upload:
        if "${{" in upload and not _UPLOAD_WILD.search(upload):
            return True  # an expression left open: nothing to compare
        # only what every name the two can become shares decides: the literal heads and
        # tails (`coverage-${{ matrix.os }}` never matches `pypi_files_*`)
        (dp, ds), (up, us) = _literal_ends(download, _DOWNLOAD_WILD), _literal_ends(upload, _UPLOAD_WILD)
        return (dp.startswith(up) or up.startswith(dp)) and (ds.endswith(us) or us.endswith(ds))
    return re.fullmatch(re.escape(download).replace(r"\*", ".*"), upload) is not None


def _package_json(ctx: Any, wf: Workflow) -> Any:
    """The data of the package.json at the root of the workflow's repository as setup-node
    reads it (``JSON.parse`` of the file read as UTF-8: a comment, a trailing comma or a
    byte-order mark makes it throw, and then it caches nothing), or None."""
    model = ctx.model
    rel = wf.file.rel
    i = rel.find(".github/workflows/")
    unit = model.project_file((rel[:i] if i >= 0 else "") + "package.json") if model is not None else None
    doc = unit.json if unit is not None else None
    if doc is None or doc.comments or doc.trailing_commas or doc.extensions or read_head(unit.path, 4).startswith(_BOMS):
        return None
    return doc.root


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def _how(name: str, key: str) -> str:
    spec = CACHE_ACTIONS.get(name)
    if name == "actions/setup-node":
        return "remove `cache:` and set `package-manager-cache: false`"
    if name == "astral-sh/setup-uv":
        return "set `enable-cache: false`"
    if name == "actions/setup-go":
        return "set `cache: false`"
    if name == "docker/setup-buildx-action":
        return "set `cache-binary: false`"
    if spec is None or spec[1] == ALWAYS:
        return "remove this step from the job, or restore nothing in it"
    if spec[1] == OPT_OUT:
        return f"set `{spec[0]}: true`"
    if spec[2] == "bool":
        return f"set `{spec[0]}: false`"
    return f"remove `{spec[0]}:`"


def _release_triggers(root: LMap) -> list[str]:
    """The release triggers of a workflow, as zizmor's cache-poisoning reads them: the
    `release` event, a push with tag filters, a push to branches whose name holds
    'release'."""
    on = root.get("on")
    out: list[str] = []
    if "release" in triggers(root):
        out.append("release")
    push = on.get("push") if isinstance(on, LMap) else None
    if isinstance(push, LMap):
        if "tags" in push or "tags-ignore" in push:
            out.append("tag push")
        branches = push.get("branches")
        names = [branches] if isinstance(branches, str) else branches if isinstance(branches, LSeq) else []
        if any(isinstance(b, str) and "release" in b.lower() for b in names):
            out.append("release branch push")
    return out


@check(RULE, on="workflow")
def publish_job_restores_cache(ctx: Any, wf: Workflow) -> None:
    if not _release_triggers(wf.root):
        return  # a CI workflow: its jobs restore caches that its own runs write
    jobs = {j.id: j for j in wf.jobs()}
    # the last publishing step of each job
    publishing: dict[str, tuple[int, str]] = {}
    for jid, job in jobs.items():
        for st in job.steps():
            what = publish_step(st.node)
            if what:
                publishing[jid] = (st.index, f"{what} at line {st.span.line}")
    if not publishing:
        return
    bounds: dict[str, tuple[int, str]] = dict(publishing)
    # jobs whose artifacts a publishing job downloads (it needs them, directly or not)
    for pid in publishing:
        downloads = _artifact_names(jobs[pid], "actions/download-artifact")
        if not downloads:
            continue
        for aid in _ancestors(jobs, pid):
            if aid in bounds:
                continue
            for idx, up in _artifact_names(jobs[aid], "actions/upload-artifact"):
                if any(_matches(d, up) for _, d in downloads):
                    bounds[aid] = (idx, f"the artifact '{up}', which job `{pid}` publishes (with {publishing[pid][1]})")
    pkg: list[Any] = []
    for jid, (bound, what) in bounds.items():
        job = jobs[jid]
        if isinstance(job.node.get("if"), str) and _GUARD.search(job.node["if"]) and jid not in publishing:
            continue
        publishes = f"publishes (with {what})" if jid in publishing else f"builds {what}"
        for st in job.steps():
            if st.index >= bound:
                break
            got = _restores(ctx, wf, st.file, st.node, pkg)
            if got is not None:
                where, name, key, why = got
                uses = st.node["uses"].split("@", 1)[0].strip()
                ctx.report(
                    where,
                    f"`{uses}` restores a GitHub Actions cache ({why}) in job `{jid}`, which {publishes}: "
                    f"{_RISK}; {_how(name, key)} in this job",
                    context=f"{jid}:{st.ident}:{name}",
                    once="",
                )
                continue
            local_uses = st.node.get("uses")
            if not isinstance(local_uses, str) or not local_uses.strip().startswith(("./", "$/")):
                continue
            model = ctx.model  # read only for local actions (the file cache replays the rest)
            unit = local_action(st, model) if model is not None else None
            if unit is None or isinstance(st.node.get("if"), str) and _GUARD.search(st.node["if"]):
                continue
            for inner in action_steps(unit):
                got = _restores(ctx, wf, unit, inner.node, pkg)
                if got is None:
                    continue
                where, name, key, why = got
                uses = inner.node["uses"].split("@", 1)[0].strip()
                local = st.node["uses"].strip()
                ctx.report(
                    st.node.value_span("uses"),
                    f"`{local}` runs `{uses}`, which restores a GitHub Actions cache ({why}, {unit.rel} line "
                    f"{where.line}), in job `{jid}`, which {publishes}: {_RISK}; {_how(name, key)} in that "
                    "step of the action, or give the action an input that turns it off in this job",
                    related=[(unit, where, f"`{uses}` restores the cache here")],
                    context=f"{jid}:{st.ident}:{unit.rel}:{name}",
                    once="",
                )
                break


_RISK = (
    "every run on the default branch can write the caches this job reads, so code that got into "
    "any of them (a compromised dependency, a script injection) can plant files that this job "
    "builds into what it publishes"
)


def _restores(ctx: Any, wf: Workflow, unit: Any, node: LMap, pkg: list[Any]) -> tuple[Any, str, str, str] | None:
    """(span to report, action, input that turns the cache on or '', why) when the step
    ``node`` of ``unit`` restores a cache."""
    uses = node.get("uses")
    if not isinstance(uses, str) or "${{" in uses:
        return None
    name = _name(uses)
    cond = node.get("if")
    if isinstance(cond, str) and _GUARD.search(cond):
        return None  # a condition on the ref or event may keep the cache out of releases
    w = node.get("with")
    if w is not None and not isinstance(w, LMap):
        return None
    w = w if isinstance(w, LMap) else LMap()
    span = node.value_span("uses")
    comment = version_comment(unit.src.text, span) if unit is not None and unit.src is not None else None
    if name == "actions/setup-node" and not pkg:
        pkg.append(_package_json(ctx, wf))
    got = cache_restore(name, w, major_version(uses, comment), pkg[0] if pkg else None)
    if got is None:
        return None
    key, why = got
    if key and key in w:
        v = w[key]
        where = ctx.sub_span(w.value_span(key), v, 0, len(v), unit) if isinstance(v, str) else w.value_span(key)
    else:
        lead = len(uses) - len(uses.lstrip())
        where = ctx.sub_span(span, uses, lead, lead + len(uses.strip().split("@", 1)[0]), unit)
    return where, name, key, why
