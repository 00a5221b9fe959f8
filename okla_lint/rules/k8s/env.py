"""``$(VAR)`` references in container env values, checked the way the kubelet expands them.

kubelet (``makeEnvironmentVariables``): the keys of ``envFrom`` sources are defined first;
then ``env`` is walked in order and each ``value`` is expanded against the variables defined
so far plus the Service link variables. A reference that cannot be resolved stays in the
value as literal text. ``$$(X)`` is an escape for the literal ``$(X)``. ``command`` and
``args`` are expanded later, against the complete environment, so order does not matter
there; a reference there that nothing defines stays literal too (reported for upper-case
names only: ``$(date)`` in a ``sh -c`` script is the shell's command substitution).

A family: one ordered walk of a container's env decides for each reference whether its
variable is defined only later (``env-ref-before-definition``) or nowhere
(``env-undefined-ref``).
"""
from __future__ import annotations

import re
from typing import Iterator

from ...core.local import query
from ...core.located import LMap, LSeq, get_path
from ...core.model import Container, RepoModel
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.podutil import is_patch_obj
from ...core.fix import SAFE, Edit, Fix, line_bounds, line_ending

_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*\Z")
# variables the kubelet adds for each Service in the namespace (enableServiceLinks)
SERVICE_LINK = re.compile(
    r"^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$"
)
# the `kubernetes` Service of the default namespace: its variables are set even when
# enableServiceLinks is false
MASTER_SERVICE_LINK = re.compile(r"^KUBERNETES_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$")


def references(value: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each ``$(name)`` the kubelet would try to expand."""
    i, n = 0, len(value)
    while i < n - 1:
        if value[i] != "$":
            i += 1
            continue
        nxt = value[i + 1]
        if nxt == "$":  # escaped: $$ -> $
            i += 2
            continue
        if nxt == "(":
            close = value.find(")", i + 2)
            if close == -1:
                return
            name = value[i + 2 : close]
            if _NAME.match(name):
                yield i, close + 1, name
            i = close + 1
            continue
        i += 1


@query("k8s.env.kustomize_vars")
def kustomize_vars(model: RepoModel) -> set[str]:
    """Names of kustomize ``vars:`` (deprecated, still common): ``kustomize build`` replaces
    ``$(NAME)`` in container env values, command and args before anything reaches the
    cluster."""
    cached = model.extra.get("k8s.env.kustomize_vars")
    if cached is not None:
        return cached
    out: set[str] = set()
    for _unit, root in model.kustomization_files():
        vars_ = root.get("vars")
        if isinstance(vars_, LSeq):
            out.update(v["name"] for v in vars_ if isinstance(v, LMap) and isinstance(v.get("name"), str))
    model.extra["k8s.env.kustomize_vars"] = out
    return out


def env_from_names(c: Container, model: RepoModel) -> tuple[set[str], bool]:
    """Names ``envFrom`` defines, and whether that set is complete (every source was found
    in the repository). A source that is not in the repository may define anything."""
    names: set[str] = set()
    complete = True
    sources = c.node.get("envFrom")
    if not isinstance(sources, LSeq):
        return names, True
    ns = c.obj.namespace
    for src in sources:
        if not isinstance(src, LMap):
            continue
        prefix = src.get("prefix") if isinstance(src.get("prefix"), str) else ""
        for ref_key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = src.get(ref_key)
            if not isinstance(ref, LMap):
                continue
            name = ref.get("name")
            keys = source_keys(model, kind, name, ns) if isinstance(name, str) else None
            if keys is None:
                complete = False
                continue
            names.update(prefix + k for k in keys)
    return names, complete


@query("k8s.env.source_keys")
def source_keys(model: RepoModel, kind: str, name: str, namespace: str | None) -> list[str] | None:
    """The keys of the one ConfigMap or Secret ``name`` of the repository (``data``,
    ``stringData``, ``binaryData``), None when there is none or more than one."""
    objs = model.find(kind, name, namespace)
    if len(objs) != 1:
        return None
    keys: list[str] = []
    for field in ("data", "stringData", "binaryData"):
        data = objs[0].root.get(field)
        if isinstance(data, LMap):
            keys.extend(str(k) for k in data)
    return keys


# a name in command/args that is meant as a variable (upper case), not a shell command
_ENV_LIKE = re.compile(r"[A-Z_][A-Z0-9_]*\Z")


def _command_refs(ctx, c: Container, env: LSeq | None) -> None:
    """``$(NAME)`` in ``command`` / ``args`` that neither env nor envFrom defines: the
    kubelet expands them against the whole environment and leaves an unresolved one as
    literal text."""
    parts = [(k, c.node[k]) for k in ("command", "args") if isinstance(c.node.get(k), LSeq)]
    mounts = c.node.get("volumeMounts")
    subpaths = [(i, m) for i, m in enumerate(mounts) if isinstance(m, LMap) and isinstance(m.get("subPathExpr"), str)
                and "$(" in m["subPathExpr"]] if isinstance(mounts, LSeq) else []
    if not subpaths and not any(isinstance(v, str) and "$(" in v for _, seq in parts for v in seq):
        return
    defined = {item.get("name") for item in env if isinstance(item, LMap)} if isinstance(env, LSeq) else set()
    links = get_path(c.pod.spec, "enableServiceLinks") is not False
    from_names: set[str] | None = None
    for i, m in subpaths:
        # kubelet ExpandContainerVolumeMounts: the container's final environment (Service
        # links included), and an unresolved name is an error, not literal text
        value = m["subPathExpr"]
        for start, end, ref in references(value):
            if ref in defined or MASTER_SERVICE_LINK.match(ref) or (links and SERVICE_LINK.match(ref)):
                continue
            if from_names is None:
                from_names, complete = env_from_names(c, ctx.model)
                if not complete or partial_reason(ctx.model, c.obj) is not None:
                    return
                from_names |= kustomize_vars(ctx.model)
            if ref in from_names:
                continue
            ctx.report(
                "env-undefined-ref",
                ctx.sub_span(m.value_span("subPathExpr"), value, start, end),
                f"`volumeMounts[{i}].subPathExpr` of {c.ident} uses $({ref}), but {ref} is not "
                f"defined in its env or envFrom; the kubelet cannot expand the path and the "
                f"container does not start (\"missing value for {ref}\"). Define {ref!r} in env "
                "(for the pod's name, `valueFrom: {fieldRef: {fieldPath: metadata.name}}`)",
                context=f"{c.ident}:subPathExpr:{ref}",
                once=f"subPathExpr:{i}:{ref}",
            )
    for key, seq in parts:
        for i, value in enumerate(seq):
            if not isinstance(value, str) or "$(" not in value:
                continue
            for start, end, ref in references(value):
                if not _ENV_LIKE.match(ref) or ref in defined or MASTER_SERVICE_LINK.match(ref) or (links and SERVICE_LINK.match(ref)):
                    continue
                if from_names is None:  # the model only when a reference is left (file cache)
                    from_names, complete = env_from_names(c, ctx.model)
                    if not complete or partial_reason(ctx.model, c.obj) is not None:
                        return  # an envFrom source outside the repository, or a patch's base, may define it
                    from_names |= kustomize_vars(ctx.model)
                if ref in from_names:
                    continue
                ctx.report(
                    "env-undefined-ref",
                    ctx.sub_span(seq.item_span(i), value, start, end),
                    f"`{key}[{i}]` of {c.ident} uses $({ref}), but {ref} is not defined in its env "
                    f"or envFrom; Kubernetes leaves an unresolved reference as the literal text "
                    f"'$({ref})' (variables from the image are not used for expansion), so the "
                    f"process gets '$({ref})'. Define {ref!r} in env, or write $$({ref}) if the "
                    "literal text is intended",
                    context=f"{c.ident}:{key}:{ref}",
                    once=f"{key}:{i}:{ref}",
                )


@check("env-ref-before-definition", "env-undefined-ref", on="container")
def env_references(ctx, c: Container) -> None:
    env = c.node.get("env")
    _command_refs(ctx, c, env)
    if not isinstance(env, LSeq):
        return
    entries: list[tuple[int, LMap, str]] = []
    for i, item in enumerate(env):
        if isinstance(item, LMap) and isinstance(item.get("name"), str):
            entries.append((i, item, item["name"]))
    defs: dict[str, list[int]] = {}
    for pos, (_, item, name) in enumerate(entries):
        defs.setdefault(name, []).append(pos)
    from_names, from_complete = env_from_names(c, ctx.model)
    patch = is_patch_obj(ctx.model, c.obj)
    kvars = kustomize_vars(ctx.model)
    links = get_path(c.pod.spec, "enableServiceLinks") is not False
    reorder: list = []  # computed once, for the first finding
    for pos, (i, item, name) in enumerate(entries):
        value = item.get("value")
        if not isinstance(value, str) or "$(" not in value:
            continue
        vspan = item.value_span("value")
        for start, end, ref in references(value):
            positions = defs.get(ref, [])
            if any(p < pos for p in positions) or ref in from_names or ref in kvars:
                continue  # defined before, by envFrom, or a kustomize var replaced at build time
            later = [p for p in positions if p > pos]
            where = ctx.sub_span(vspan, value, start, end)
            if later:
                later_line = entries[later[0]][1].key_span("name").line
                ctx.report(
                    "env-ref-before-definition",
                    where,
                    f"env {name!r} uses $({ref}), but {ref} is defined later in the list "
                    f"(line {later_line}); Kubernetes expands $(VAR) only from variables "
                    f"defined before, so {c.ident} gets the literal text '$({ref})'. Move the "
                    f"{ref!r} entry above {name!r}",
                    context=f"{c.ident}:env:{name}:{ref}",
                    once=f"env:{name}:{ref}",
                    fix=_reorder_once(reorder, ctx, env, entries, from_names | set(kvars)),
                )
                continue
            if not from_complete or MASTER_SERVICE_LINK.match(ref) or (links and SERVICE_LINK.match(ref)):
                continue
            if patch:
                continue  # a kustomize patch: the base may define it
            if ref == name:
                ctx.report(
                    "env-undefined-ref",
                    where,
                    f"env {name!r} uses $({ref}) in its own value, but nothing defines {ref} "
                    f"before this entry in the env or envFrom of {c.ident}; Kubernetes does "
                    f"not use the image's value of a variable for expansion, so the value "
                    f"keeps the literal text '$({ref})'. Write the complete value instead "
                    f"(for PATH, spell out the directories), or write $$({ref}) if the "
                    "literal text is intended",
                    context=f"{c.ident}:env:{name}:{ref}",
                    once=f"env:{name}:{ref}",
                )
                continue
            hint = (
                " envFrom sources found in the repository do not define it either."
                if c.node.get("envFrom")
                else ""
            )
            ctx.report(
                "env-undefined-ref",
                where,
                f"env {name!r} uses $({ref}), but {ref} is not defined in the env or envFrom "
                f"of {c.ident}; Kubernetes leaves an unresolved reference as the literal text "
                f"'$({ref})' (variables from the image are not used for expansion).{hint} "
                f"Define {ref!r} earlier in env, or write $$({ref}) if the literal text is "
                "intended",
                context=f"{c.ident}:env:{name}:{ref}",
                once=f"env:{name}:{ref}",
            )


def _reorder_once(cache: list, ctx, env: LSeq, entries, elsewhere: set) -> Fix | None:
    if not cache:
        cache.append(reorder_fix(ctx.file.src if ctx.file else None, env, entries, elsewhere))
    return cache[0]


def stable_order(names: list[str], refs: list[list[str]], elsewhere: set) -> list[int] | None:
    """The order of env entries in which each entry comes after the definitions its
    ``$(VAR)`` references need, moving as little as possible: entries keep their order
    except that a referenced definition is moved just before its first use. None for a
    cycle. References to names defined nowhere in the list, or also by envFrom (or a
    kustomize var: ``elsewhere``), do not move anything."""
    pos = {n: k for k, n in enumerate(names)}
    state: dict[int, int] = {}
    order: list[int] = []

    def place(k: int, depth: int = 0) -> bool:
        if state.get(k) == 2:
            return True
        if state.get(k) == 1 or depth > 200:
            return False
        state[k] = 1
        for r in refs[k]:
            j = pos.get(r)
            if j is None or j == k or r in elsewhere:
                continue
            if not place(j, depth + 1):
                return False
        state[k] = 2
        order.append(k)
        return True

    for k in range(len(names)):
        if not place(k):
            return None
    return order


def reorder_fix(src, env: LSeq, entries, elsewhere: set) -> Fix | None:
    """Move the env entries that are referenced before their definition up, in the text:
    whole lines of a block sequence (with the comment lines just above an entry), or the
    items of a flow sequence. Every other byte stays where it is."""
    if src is None or len(entries) != len(env) or len(env) < 2:
        return None
    names = [n for _, _, n in entries]
    if len(set(names)) != len(names):
        return None  # a name defined twice: which definition is meant is not sure
    refs = [[r for _, _, r in references(item["value"])] if isinstance(item.get("value"), str) else [] for _, item, _ in entries]
    order = stable_order(names, refs, elsewhere)
    if order is None or order == list(range(len(names))):
        return None
    text = src.text
    spans = [env.item_span(k) for k in range(len(env))]
    first = next(k for k in range(len(order)) if order[k] != k)
    last = max(k for k in range(len(order)) if order[k] != k)
    moved = ", ".join(repr(names[k]) for k in order[first : last + 1] if order.index(k) < k)
    message = f"Move {moved} above the first entry that uses it"
    if text[env.span.start : env.span.start + 1] == "[":
        if any("#" in text[spans[k].end : spans[k + 1].start] for k in range(first, last)):
            return None  # a comment between the items: it would stay and describe another entry
        edits = [Edit(spans[k].start, spans[k].end, text[spans[order[k]].start : spans[order[k]].end])
                 for k in range(first, last + 1)]
        return Fix(SAFE, tuple(edits), message)
    starts = []
    dashes = set()
    prev_line = -1
    for k, sp in enumerate(spans):
        ls, _, _ = line_bounds(text, sp.start)
        if not re.fullmatch(r"[ \t]*-[ \t]+", text[ls : sp.start]) or ls <= prev_line:
            return None  # not one item per line (`- - x`, `-` alone on its line)
        prev_line = ls
        dash = text[ls : sp.start].index("-")
        dashes.add(dash)
        # comment lines right above an item, at its dash's indentation, belong to it
        while ls > 0:
            pls, ple, _ = line_bounds(text, ls - 1)
            line = text[pls:ple]
            if not line.lstrip().startswith("#") or len(line) - len(line.lstrip()) != dash or (starts and pls <= starts[-1]):
                break
            ls = pls
        starts.append(ls)
    if len(dashes) != 1:
        return None
    dash = dashes.pop()
    # the last item: the lines after its first one that are indented deeper than its dash
    # (spans cannot say: an alias's span is its anchor's), with the comment lines indented
    # as its content, without blank lines after it
    _, _, end = line_bounds(text, spans[-1].start)
    pos = end
    while pos < len(text):
        _, le, nxt = line_bounds(text, pos)
        line = text[pos:le]
        if line.strip() and len(line) - len(line.lstrip()) <= dash:
            break
        if line.strip():
            end = nxt
        pos = nxt
    bounds = starts + [end]
    eol = line_ending(text)
    blocks = []
    for k in range(len(spans)):
        b = text[bounds[k] : bounds[k + 1]]
        blocks.append(b if b.endswith(("\n", "\r")) else b + eol)
    a, b = bounds[first], bounds[last + 1]
    new = "".join(blocks[order[k]] for k in range(first, last + 1))
    if not text[a:b].endswith(("\n", "\r")):
        new = new[: -len(eol)] if new.endswith(eol) else new
    return Fix(SAFE, (Edit(a, b, new),), message)
