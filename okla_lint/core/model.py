"""The repository model: every object, workflow and gateway file, built once per run.

Per-file checks receive the nodes of one file (objects, pod specs, containers, jobs,
steps); cross-file checks receive this model and look things up in its indexes instead of
re-reading files.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .files import ACTION, KUBERNETES, KUSTOMIZATION_FILES, OCELOT, WORKFLOW, FileUnit, embedded_documents, is_k8s_object, parse_file
from .located import LMap, LSeq, Span, get_path

# where each built-in workload keeps its pod spec
POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "PodTemplate": ("template", "spec"),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")


def ns_compatible(a: str | None, b: str | None) -> bool:
    """Two objects can meet in one namespace: objects without a namespace land in the
    namespace chosen at apply time, so a missing namespace on either side matches."""
    return a is None or b is None or a == b


@dataclass(eq=False)
class K8sObject:
    file: FileUnit
    root: LMap
    doc_index: int
    item_path: tuple = ()  # ("items", i) for items of a List
    # what rules and libraries derive once per object (lib/k8s/partial.py: "k8s.partial")
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def kind(self) -> str:
        return self.root.get("kind", "")

    @property
    def api_version(self) -> str:
        return self.root.get("apiVersion", "")

    @property
    def metadata(self) -> LMap:
        md = self.root.get("metadata")
        return md if isinstance(md, LMap) else LMap()

    @property
    def name(self) -> str | None:
        n = self.metadata.get("name")
        return n if isinstance(n, str) else None

    @property
    def namespace(self) -> str | None:
        n = self.metadata.get("namespace")
        return n if isinstance(n, str) else None

    @property
    def span(self) -> Span:
        return self.root.span

    @property
    def ident(self) -> str:
        ns = self.namespace
        return f"{self.kind}/{ns + '/' if ns else ''}{self.name or '?'}"

    def pod_spec(self) -> tuple[LMap, LMap | None, tuple[str, ...]] | None:
        """(pod spec, the template holding it (or None for a Pod), path to the spec)."""
        path = POD_SPEC_PATHS.get(self.kind)
        if path is None:
            # workload-like custom resources (Argo Rollouts, ...) keep a pod template at
            # spec.template
            path = ("spec", "template", "spec")
            spec = get_path(self.root, *path)
            if not (isinstance(spec, LMap) and isinstance(spec.get("containers"), list)):
                return None
        spec = get_path(self.root, *path)
        if not isinstance(spec, LMap):
            return None
        template = get_path(self.root, *path[:-1]) if len(path) > 1 else None
        return spec, template if isinstance(template, LMap) else None, path


@dataclass(eq=False)
class PodSpec:
    obj: K8sObject
    spec: LMap
    template: LMap | None  # the pod template (metadata + spec); None for a bare Pod
    path: tuple[str, ...]

    @property
    def labels(self) -> LMap:
        holder = self.template if self.template is not None else self.obj.root
        labels = get_path(holder, "metadata", "labels")
        return labels if isinstance(labels, LMap) else LMap()

    def containers(self) -> Iterator["Container"]:
        for list_name in CONTAINER_LISTS:
            seq = self.spec.get(list_name)
            if not isinstance(seq, LSeq):
                continue
            for i, c in enumerate(seq):
                if isinstance(c, LMap):
                    yield Container(self, c, list_name, i, seq)


@dataclass(eq=False)
class Container:
    pod: PodSpec
    node: LMap
    list_name: str  # containers | initContainers | ephemeralContainers
    index: int
    parent: LSeq

    @property
    def name(self) -> str:
        n = self.node.get("name")
        return n if isinstance(n, str) else f"#{self.index}"

    @property
    def obj(self) -> K8sObject:
        return self.pod.obj

    @property
    def span(self) -> Span:
        return self.parent.item_span(self.index)

    @property
    def ident(self) -> str:
        kind = {"containers": "container", "initContainers": "init container"}.get(
            self.list_name, "ephemeral container"
        )
        return f"{kind} {self.name!r} of {self.obj.ident}"


@dataclass(eq=False)
class Workflow:
    file: FileUnit
    root: LMap

    def jobs(self) -> Iterator["Job"]:
        jobs = self.root.get("jobs")
        if isinstance(jobs, LMap):
            for jid, job in jobs.items():
                if isinstance(job, LMap):
                    yield Job(self, str(jid), job, jobs.key_span(jid))


@dataclass(eq=False)
class Job:
    workflow: Workflow
    id: str
    node: LMap
    key_span: Span
    # what checks compute once per job (the taint flow of its steps), keyed by a name of
    # their module; it goes with the Job when the engine's walk leaves the job
    memo: dict = field(default_factory=dict, repr=False)

    def steps(self) -> Iterator["Step"]:
        steps = self.node.get("steps")
        if isinstance(steps, LSeq):
            for i, st in enumerate(steps):
                if isinstance(st, LMap):
                    yield Step(self.workflow.file, self.workflow.root, self, st, i, steps)


@dataclass(eq=False)
class Step:
    file: FileUnit
    root: LMap  # the workflow or action document
    job: Job | None  # None for steps of a composite action
    node: LMap
    index: int
    parent: LSeq

    @property
    def span(self) -> Span:
        return self.parent.item_span(self.index)

    @property
    def memo(self) -> dict:
        """What checks compute once per job (or, in a composite action, per file)."""
        return self.job.memo if self.job is not None else self.file.memo

    @property
    def ident(self) -> str:
        sid = self.node.get("id") or self.node.get("name") or f"#{self.index + 1}"
        where = f"job {self.job.id!r}" if self.job else "action"
        return f"step {sid!r} of {where}"


def action_steps(unit: FileUnit) -> Iterator[Step]:
    """The steps of a composite action (``runs.steps``)."""
    root = unit.docs[0].root if unit.docs else None
    runs = root.get("runs") if isinstance(root, LMap) else None
    steps = runs.get("steps") if isinstance(runs, LMap) else None
    if isinstance(steps, LSeq):
        for i, st in enumerate(steps):
            if isinstance(st, LMap):
                yield Step(unit, root, None, st, i, steps)


def k8s_objects_of(unit: FileUnit) -> Iterator[K8sObject]:
    for doc in unit.docs:
        root = doc.root
        if not is_k8s_object(root):
            continue
        yield K8sObject(unit, root, doc.index)
        if root.get("kind", "").endswith("List") and isinstance(root.get("items"), LSeq):
            for i, item in enumerate(root["items"]):
                if is_k8s_object(item):
                    yield K8sObject(unit, item, doc.index, ("items", i))


@dataclass
class RepoModel:
    files: list[FileUnit]
    objects: list[K8sObject] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)
    actions: list[FileUnit] = field(default_factory=list)
    ocelot: list[FileUnit] = field(default_factory=list)
    by_kind: dict[str, list[K8sObject]] = field(default_factory=lambda: defaultdict(list))
    by_rel: dict[str, FileUnit] = field(default_factory=dict)
    file_objects: dict[int, list[K8sObject]] = field(default_factory=dict)  # id(FileUnit) -> objects
    file_embedded: dict[int, list[FileUnit]] = field(default_factory=dict)  # id(FileUnit) -> virtual files
    extra: dict[str, Any] = field(default_factory=dict)  # caches for cross-file checks

    @classmethod
    def build(cls, files: list[FileUnit], skip: frozenset[int] | set[int] = frozenset()) -> "RepoModel":
        """``skip``: ids of files whose objects are not indexed (a rendered overlay holds them)."""
        model = cls(files)
        for unit in files:
            model.by_rel[unit.rel] = unit
            if unit.kind == KUBERNETES and id(unit) not in skip:
                objs = model.file_objects[id(unit)] = []
                for obj in k8s_objects_of(unit):
                    if obj.kind.endswith("List") and obj.item_path == () and "items" in obj.root:
                        continue
                    objs.append(obj)
                    model.objects.append(obj)
                    model.by_kind[obj.kind].append(obj)
            elif unit.kind == WORKFLOW:
                if unit.docs and isinstance(unit.docs[0].root, LMap):
                    model.workflows.append(Workflow(unit, unit.docs[0].root))
            elif unit.kind == ACTION:
                model.actions.append(unit)
            elif unit.kind == OCELOT:
                model.ocelot.append(unit)
        return model

    def objects_in(self, unit: FileUnit) -> list[K8sObject]:
        return self.file_objects.get(id(unit), [])

    def kustomization_files(self) -> list[tuple[FileUnit, LMap]]:
        """(file, document) of every kustomization of the project (``kustomization.yaml``,
        ``kustomization.yml``, ``Kustomization``; a Component too), in file order."""
        got = self.extra.get("model.kustomization_files")
        if got is None:
            names = {n.lower() for n in KUSTOMIZATION_FILES}
            got = self.extra["model.kustomization_files"] = [
                (u, u.docs[0].root) for u in self.files
                if u.name.lower() in names and u.docs and isinstance(u.docs[0].root, LMap)
            ]
        return got

    def project_file(self, rel: str) -> FileUnit | None:
        """A file of the project by its path from the project root ('/'-separated): the
        linted unit, else the file read and parsed as if named on the command line
        (``parse_file``: regular files only, the size limit, an unreadable file's unit has no
        ``src``), once per model; None outside a run (no root). Checks read a file beside the
        linted ones this way: through the model, so the file cache (core/local.py) runs such
        a call again in every run."""
        unit = self.by_rel.get(rel)
        if unit is not None:
            return unit
        root = self.extra.get("root")
        if root is None:
            return None
        read = self.index("model.project_files", dict)
        if rel not in read:
            try:
                read[rel] = parse_file(Path(root) / rel, rel, True)
            except ValueError:  # a NUL in the name: no such file
                read[rel] = None
        return read[rel]

    def embedded_in(self, unit: FileUnit) -> list[FileUnit]:
        """The virtual files of ``unit``: the documents embedded in it (an Ocelot
        configuration in a ConfigMap's ``data``, which the gateway reads from the mounted
        volume), read on first use. The engine walks them like files of their kind; they are
        not in the model's indexes (cross-file rules see the files of the repository)."""
        got = self.file_embedded.get(id(unit))
        if got is None:
            got = self.file_embedded[id(unit)] = []
            for obj in self.objects_in(unit):
                data = obj.root.get("data") if obj.kind == "ConfigMap" else None
                if not isinstance(data, LMap):
                    continue
                name = obj.name or "?"
                for key, value in data.items():
                    got += embedded_documents(
                        unit, key, value, data.value_span(key),
                        f"the {key!r} key of ConfigMap {name!r}", f"configmap:{name}:{key}",
                    )
        return got

    # -- indexes, built on first use: each lookup is O(1) or O(matches), never a scan of
    # every object (a monorepo has tens of thousands) --------------------------------------
    def index(self, key: str, build) -> Any:
        """``build()``, computed once per model and kept under ``key`` (derived indexes)."""
        idx = self.extra.get(key)
        if idx is None:
            idx = self.extra[key] = build()
        return idx

    def _by_kind_name(self) -> dict[tuple[str, str], list[K8sObject]]:
        def build() -> dict[tuple[str, str], list[K8sObject]]:
            out: dict[tuple[str, str], list[K8sObject]] = defaultdict(list)
            for kind, objs in self.by_kind.items():
                for o in objs:
                    n = o.name
                    if n is not None:
                        out[(kind, n)].append(o)
            return out

        return self.index("model.by_kind_name", build)

    def find(self, kind: str, name: str, namespace: str | None = None) -> list[K8sObject]:
        """Objects of ``kind`` named ``name``; a missing namespace on either side matches
        (the namespace is then chosen at apply time)."""
        return [
            o
            for o in self._by_kind_name().get((kind, name), ())
            if ns_compatible(namespace, o.namespace)
        ]

    def named(self, name: str) -> list[K8sObject]:
        """Objects of any kind named ``name``, in model order."""

        def build() -> dict[str, list[K8sObject]]:
            out: dict[str, list[K8sObject]] = defaultdict(list)
            for o in self.objects:
                n = o.name
                if n is not None:
                    out[n].append(o)
            return out

        return self.index("model.by_name", build).get(name, [])

    def steps(self) -> Iterator[Step]:
        """Every step of every workflow job, then of every composite action."""
        for wf in self.workflows:
            for job in wf.jobs():
                yield from job.steps()
        for unit in self.actions:
            yield from action_steps(unit)

    def pod_specs(self) -> list[PodSpec]:
        """Every pod spec of the repository, in object order (computed once)."""

        def build() -> list[PodSpec]:
            out = []
            for obj in self.objects:
                ps = obj.pod_spec()
                if ps:
                    out.append(PodSpec(obj, *ps))
            return out

        return self.index("model.pod_specs", build)
