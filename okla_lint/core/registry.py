"""Where checks register. A check is a small function bound to one kind of node (a hook);
the engine walks each document once and calls every check bound to each node it meets.

    @check("env-ref-before-definition", "env-undefined-ref", on="container")
    def env_refs(ctx, c): ...

One function may serve several catalogue entries (rule ids); ``ctx.report`` names the rule.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass
from typing import Callable

HOOKS = (
    "file",  # every parsed file (FileUnit)
    "json",  # every JSON document: JSON files and JSON embedded in other files (FileUnit)
    "k8s_object",  # every Kubernetes object (K8sObject)
    "pod",  # every pod spec: Pods and pod templates (PodSpec)
    "container",  # every container, init container and ephemeral container (Container)
    "workflow",  # every workflow file (Workflow)
    "job",  # every job of a workflow (Job)
    "step",  # every step of a job or of a composite action (Step)
    "action",  # every composite/JS/docker action metadata file (FileUnit)
    "ocelot",  # every Ocelot configuration, in a file or embedded in a ConfigMap (FileUnit)
    "job_end",  # after the steps of a job (Job)
    "workflow_end",  # after the jobs of a workflow (Workflow)
    "file_end",  # after everything in a file (FileUnit)
    "repository",  # once per run, with the repository model
)


@dataclass(frozen=True)
class Check:
    rules: tuple[str, ...]
    hook: str
    func: Callable

    @property
    def name(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"


_CHECKS: list[Check] = []

# packages whose modules hold checks; importing a module registers its checks, so adding a
# rule needs no edit here
CHECK_PACKAGES = ("okla_lint.rules.k8s", "okla_lint.rules.gha", "okla_lint.rules.ocelot", "okla_lint.rules.common")


def check(*rules: str, on: str) -> Callable[[Callable], Callable]:
    if on not in HOOKS:
        raise ValueError(f"unknown hook {on!r}")

    def deco(func: Callable) -> Callable:
        _CHECKS.append(Check(tuple(rules), on, func))
        return func

    return deco


# what each rule package's folder held when its modules were last imported: every engine
# (each lint in the tests, each language-server request) asks for the checks, and listing
# and importing the modules again cost more than linting a small file; a folder whose
# entries changed (a rule module added) is listed and imported again
_IMPORTED: dict[str, frozenset[str]] = {}


def all_checks() -> list[Check]:
    for pkg_name in CHECK_PACKAGES:
        pkg = importlib.import_module(pkg_name)
        for folder in pkg.__path__:
            try:
                entries = frozenset(os.listdir(folder))
            except OSError:
                entries = None
            if entries is not None and _IMPORTED.get(folder) == entries:
                continue
            for info in pkgutil.iter_modules([folder]):
                importlib.import_module(f"{pkg_name}.{info.name}")
            if entries is not None:
                _IMPORTED[folder] = entries
    return list(_CHECKS)
