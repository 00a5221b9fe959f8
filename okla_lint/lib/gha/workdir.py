"""Where a workflow step runs: its ``working-directory`` (or the job's or the workflow's
``defaults.run.working-directory``), with variables the workflow sets literally expanded,
as a path relative to the repository root."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.located import LMap
from ...core.model import Step

_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_UNRESOLVED = re.compile(r"[$*?\[\]{}~`]|\$\(")


def declared_working_dir(step: Step) -> Any:
    """The ``working-directory`` a step runs in, as written: the step's own, else (in a job)
    the job's, else the workflow's ``defaults.run.working-directory``; None when none is
    set. Composite-action steps only have their own."""
    wd = step.node.get("working-directory")
    if wd is None and step.job is not None:
        for holder in (step.job.node, step.root):
            d = holder.get("defaults")
            run = d.get("run") if isinstance(d, LMap) else None
            if isinstance(run, LMap) and "working-directory" in run:
                return run["working-directory"]
    return wd


def literal_env(*maps: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in maps:
        if isinstance(m, LMap):
            for k, v in m.items():
                if isinstance(v, (str, int, float)) and not isinstance(v, bool):
                    v = str(v)
                    if "${{" in v or "$" in v:
                        out.pop(str(k), None)
                        out[str(k)] = "\0"  # known name, unknown value
                    else:
                        out[str(k)] = v
    return out


def expand(text: str, env: dict[str, str]) -> str | None:
    """``text`` with ``$VAR``, ``${VAR}``, ``${{ env.VAR }}`` and ``${{ github.workspace }}``
    replaced; None when something cannot be resolved."""

    def expr(m: re.Match) -> str:
        inner = m.group(1).strip()
        em = re.fullmatch(r"env\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)", inner)
        if em and env.get(em.group(1), "\0") != "\0":
            return env[em.group(1)]
        if re.fullmatch(r"github\s*\.\s*workspace", inner):
            return "."
        return "\0"

    text = re.sub(r"\$\{\{(.*?)\}\}", expr, text)

    def var(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        if name == "GITHUB_WORKSPACE":
            return "."
        v = env.get(name)
        return "\0" if v is None else v

    text = _VAR.sub(var, text)
    if "\0" in text or _UNRESOLVED.search(text):
        return None
    return text


def norm_path(base: str, path: str) -> str | None:
    if path.startswith("/"):
        return None
    p = posixpath.normpath(posixpath.join(base, path)) if base not in ("", ".") else posixpath.normpath(path)
    if p == ".." or p.startswith("../"):
        return None
    return p


def step_working_dir(step: Step) -> str | None:
    """The step's working directory relative to the root ('' for the root); None when it
    cannot be resolved."""
    wd = declared_working_dir(step)
    if wd is None:
        return ""
    if not isinstance(wd, str):
        return None
    env = literal_env(step.root.get("env"), step.job.node.get("env") if step.job else None, step.node.get("env"))
    wd = expand(wd, env)
    if wd is None:
        return None
    wd = wd.strip()
    if wd.startswith("./"):
        wd = wd[2:]
    return norm_path("", wd) if wd not in ("", ".") else ""
