"""Local reusable workflows (``jobs.<id>.uses: ./.github/workflows/x.yml``) and local
actions (``steps[*].uses: ./path``): which file of the project a call runs, and what the
called workflow declares."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.located import LMap
from ...core.model import Job, Workflow


def _repo_prefix(rel: str) -> str:
    """The folder that holds ``.github/`` for a workflow at ``rel`` ('' at the root)."""
    i = rel.find(".github/workflows/")
    return rel[:i] if i >= 0 else ""


def called_workflow(job: Job, model: Any) -> Workflow | None:
    """The local workflow a ``uses: ./...`` (or self-repository ``$/...``) job calls, when it
    is in the project."""
    uses = job.node.get("uses")
    if not isinstance(uses, str) or not uses.startswith(("./", "$/")) or "@" in uses or "${{" in uses:
        return None
    rel = posixpath.normpath(_repo_prefix(job.workflow.file.rel) + uses[2:])
    index = model.extra.get("gha.workflows_by_rel")
    if index is None:
        index = model.extra["gha.workflows_by_rel"] = {w.file.rel: w for w in model.workflows}
    return index.get(rel)


def workflow_call(wf: Workflow) -> LMap | None | bool:
    """The ``on.workflow_call`` mapping; an empty LMap when declared without settings;
    False when the workflow has no ``workflow_call`` trigger."""
    on = wf.root.get("on")
    if isinstance(on, str):
        return LMap() if on == "workflow_call" else False
    if isinstance(on, list):
        return LMap() if "workflow_call" in on else False
    if isinstance(on, LMap):
        if "workflow_call" not in on:
            return False
        wc = on["workflow_call"]
        return wc if isinstance(wc, LMap) else LMap()
    return None


def declared_args(wc: LMap, key: str) -> dict[str, tuple[str, LMap | None]]:
    m = wc.get(key)
    out: dict[str, tuple[str, LMap | None]] = {}
    if isinstance(m, LMap):
        for k, spec in m.items():
            out[str(k).lower()] = (str(k), spec if isinstance(spec, LMap) else None)
    return out


def required_without_default(spec: LMap | None, secret: bool) -> bool:
    """Required and without a default (an input with a default is optional for callers)."""
    return isinstance(spec, LMap) and spec.get("required") is True and (secret or "default" not in spec)


def checkout_paths(steps: Any, upto: int) -> list[str]:
    """Folders that earlier ``actions/checkout`` steps put this repository in (``path:``)."""
    out = []
    if not isinstance(steps, list):
        return out
    for st in steps[:upto]:
        if not isinstance(st, LMap) or not str(st.get("uses", "")).lower().startswith("actions/checkout@"):
            continue
        w = st.get("with")
        if not isinstance(w, LMap) or not isinstance(w.get("path"), str):
            continue
        repo = w.get("repository")
        same = repo is None or (isinstance(repo, str) and repo.replace(" ", "") == "${{github.repository}}")
        raw = re.sub(r"^\$\{\{\s*github\.workspace\s*\}\}/?", "", w["path"].strip())
        path = posixpath.normpath(raw) if raw else "."
        if same and path not in (".", "") and not path.startswith(("/", "..", "$")):
            out.append(path)
    return out


def local_action(step: Any, model: Any) -> Any:
    """The action.yml / action.yaml unit a ``uses: ./path`` step runs, when it is in the
    project (the path is relative to the workspace: the repository root after checkout, or
    the ``path:`` an earlier ``actions/checkout`` step put it in)."""
    return local_action_at(step.node, step.file, getattr(step, "parent", None), getattr(step, "index", None), model)


def local_action_at(node: LMap, file: Any, steps: Any, index: int | None, model: Any) -> Any:
    """``local_action`` of the step ``node``, item ``index`` of ``steps`` in ``file``.
    ``$/path`` (GitHub's self-repository form) is the path in this repository itself, not
    in the workspace: checkouts into other folders do not move it."""
    uses = node.get("uses")
    if not isinstance(uses, str) or not uses.startswith(("./", "$/")) or "${{" in uses:
        return None
    if uses.startswith("$/"):
        index = None
    rel = file.rel
    i = rel.find(".github/")
    prefix = rel[:i] if i >= 0 else ""
    target = posixpath.normpath(uses[2:].split("@", 1)[0])
    if target.endswith((".yml", ".yaml")):
        return None  # a workflow file: not an action
    candidates = [target]
    if index is not None:
        for path in checkout_paths(steps, index):
            if target.startswith(path + "/"):
                candidates.append(target[len(path) + 1 :])
    for cand in candidates:
        base = posixpath.normpath(prefix + cand)
        for name in ("action.yml", "action.yaml"):
            unit = model.by_rel.get(posixpath.join(base, name) if base != "." else name)
            if unit is not None and unit.docs and isinstance(unit.docs[0].root, LMap):
                return unit
    return None
