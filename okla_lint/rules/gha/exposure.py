"""Exposure in workflows: every secret handed over at once (``secrets: inherit`` to another
repository's workflow, ``toJSON(secrets)``, ``secrets[<computed>]``), secrets parsed as
JSON (their fields are not masked in logs), bot checks on ``github.actor`` that the
pull request's author can satisfy, and container images without a fixed version."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step, Workflow
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.contexts import workflow_sites
from ...lib.gha.webhooks import triggers

# triggers whose run a pull request's author (or any commenter) sets off
_PR_TRIGGERS = (
    "pull_request", "pull_request_target", "workflow_run", "issue_comment",
    "pull_request_review", "pull_request_review_comment",
)


def _is_secrets(node: Any) -> bool:
    return isinstance(node, X.Var) and node.name.lower() == "secrets"


def _under_secrets(node: Any) -> bool:
    while isinstance(node, (X.Prop, X.Index)):
        node = node.obj
    return _is_secrets(node)


@check("secrets-all-exposed", "secret-json-unredacted", on="workflow")
def secret_expressions(ctx: Any, wf: Workflow) -> None:
    for site in workflow_sites(wf):
        for parsed in X.expressions_in(site.value, implicit=site.implicit):
            if parsed.node is None:
                continue
            for n in X.walk(parsed.node):
                if isinstance(n, X.Call) and n.name.lower() == "tojson" and len(n.args) == 1 and _is_secrets(n.args[0]):
                    ctx.report("secrets-all-exposed",
                        ctx.sub_span(site.span, site.value, n.start, n.end),
                        "`toJSON(secrets)` hands every secret of the repository and organisation to this "
                        "place: whatever runs here (an action, a script, a log line) can read them all; "
                        "pass only the secrets it needs (`secrets.NPM_TOKEN`).",
                        context=f"tojson:{site.where}:{n.start}", once="",
                    )
                elif isinstance(n, X.Index) and _is_secrets(n.obj):
                    ctx.report("secrets-all-exposed",
                        ctx.sub_span(site.span, site.value, n.obj.start, n.end),
                        "`secrets[...]` with a computed name can reach any secret of the repository, so "
                        "GitHub makes them all available to the job; name the secret "
                        "(`secrets.DEPLOY_KEY`), choosing between fixed names if needed.",
                        context=f"index:{site.where}:{n.start}", once="",
                    )
                elif (isinstance(n, (X.Prop, X.Index)) and isinstance(n.obj, X.Call)
                      and n.obj.name.lower() == "fromjson" and len(n.obj.args) == 1
                      and _under_secrets(n.obj.args[0])):
                    call = n.obj
                    ctx.report("secret-json-unredacted",
                        ctx.sub_span(site.span, site.value, call.start, n.end),
                        "a field of a JSON secret is read with `fromJSON(secrets...)`: GitHub masks the "
                        "secret's whole text in logs, not the values inside it, so this one is printed in "
                        "clear wherever it appears; store each value as a secret of its own.",
                        context=f"fromjson:{site.where}:{call.start}", once="",
                    )


@check("secrets-inherit", on="job")
def secrets_inherit(ctx: Any, job: Job) -> None:
    uses = job.node.get("uses")
    if job.node.get("secrets") != "inherit" or not isinstance(uses, str) or uses.startswith(("./", "$/")):
        return
    ctx.report(job.node.value_span("secrets"),
        f"`secrets: inherit` hands every secret of this repository (and its organisation) to `{uses}`, "
        "code from another repository; pass the secrets it declares by name "
        "(`secrets: {NPM_TOKEN: ${{ secrets.NPM_TOKEN }}}`).",
        context=f"job {job.id}:inherit", once="",
    )


def _actor_checks(node: Any) -> list[Any]:
    """``github.actor == '...[bot]'`` comparisons that decide the whole condition: alone or
    joined with ``&&`` (never under ``!``, ``||`` or a function call)."""
    if isinstance(node, X.Bin) and node.op == "&&":
        return _actor_checks(node.left) + _actor_checks(node.right)
    if isinstance(node, X.Bin) and node.op == "==":
        for a, b in ((node.left, node.right), (node.right, node.left)):
            if (isinstance(a, X.Prop) and isinstance(a.obj, X.Var) and a.obj.name.lower() == "github"
                    and a.name.lower() in ("actor", "triggering_actor")
                    and isinstance(b, X.Lit) and isinstance(b.value, str) and b.value.lower().endswith("[bot]")):
                return [node]
    return []


def _extent(node: Any) -> tuple[int, int]:
    """Offsets of the whole text of an expression node (a node's own start is its operator
    or property name)."""
    nodes = list(X.walk(node))
    return min(n.start for n in nodes), max(n.end for n in nodes)


def _if_sites(job: Job) -> list[tuple[LMap, str]]:
    out = [(job.node, "job")] if isinstance(job.node.get("if"), str) else []
    for step in job.steps():
        if isinstance(step.node.get("if"), str):
            out.append((step.node, step.ident))
    return out


@check("bot-condition-spoofable", on="job")
def bot_conditions(ctx: Any, job: Job) -> None:
    on = set(triggers(job.workflow.root))
    if not on & set(_PR_TRIGGERS):
        return
    for node, where in _if_sites(job):
        text = node["if"]
        for parsed in X.expressions_in(text, implicit=True):
            if parsed.node is None:
                continue
            for cmp in _actor_checks(parsed.node):
                ctx.report(
                    ctx.sub_span(node.value_span("if"), text, *_extent(cmp)),
                    f"`{text[slice(*_extent(cmp))]}`: the actor is whoever caused the latest event, not the author of the pull "
                    "request: an attacker can get a bot to act last on their pull request (a "
                    "`@dependabot recreate`, a rebase) and pass this check; test "
                    "`github.event.pull_request.user.login` instead.",
                    context=f"{where}:bot:{cmp.start}", once="",
                )


def image_problem(image: str) -> str | None:
    """Why a container image reference is not fixed: no tag, or `latest`."""
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return "has no tag, so it is `latest`"
    tag = last.rsplit(":", 1)[1]
    if tag.lower() == "latest":
        return "uses the `latest` tag"
    return None


def _report_image(ctx: Any, container: LMap, key: str, image: Any, where: str) -> None:
    if not isinstance(image, str) or "${{" in image or not image.strip():
        return
    problem = image_problem(image.strip())
    if problem:
        ctx.report(container.value_span(key),
            f"the image `{image}` of {where} {problem}: every run can get different code (a new "
            "release, or a compromised push to the tag); pin a version tag, better a digest "
            f"(`{image.split(':')[0] if ':' in image.rsplit('/', 1)[-1] else image}:1.2.3@sha256:...`).",
            context=f"{where}:image", once="",
        )


@check("container-image-unpinned", on="job")
def job_images(ctx: Any, job: Job) -> None:
    container = job.node.get("container")
    if isinstance(container, str):
        _report_image(ctx, job.node, "container", container, f"job `{job.id}`'s container")
    elif isinstance(container, LMap):
        _report_image(ctx, container, "image", container.get("image"), f"job `{job.id}`'s container")
    services = job.node.get("services")
    if isinstance(services, LMap):
        for sid, svc in services.items():
            if isinstance(svc, LMap):
                _report_image(ctx, svc, "image", svc.get("image"), f"service `{sid}` of job `{job.id}`")


@check("container-image-unpinned", on="step")
def step_images(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if isinstance(uses, str) and uses.startswith("docker://") and len(uses) > len("docker://"):
        image = uses[len("docker://"):]
        if "${{" in image:
            return
        problem = image_problem(image)
        if problem:
            ctx.report(step.node.value_span("uses"),
                f"the image `{image}` of {step.ident} {problem}: every run can get different code; pin a "
                "version tag, better a digest (`docker://image:1.2.3@sha256:...`).",
                context=f"{step.ident}:image", once="",
            )


# -- artipacked: the checkout's token uploaded with the workspace ------------------------
def _action(step: Step) -> tuple[str, str] | None:
    """(owner/repo lower-case, ref) of a step's remote action."""
    uses = step.node.get("uses")
    if not isinstance(uses, str) or "@" not in uses or uses.startswith(("./", "docker://")):
        return None
    name, _, ref = uses.partition("@")
    return "/".join(name.lower().split("/")[:2]), ref


def _major(ref: str) -> int | None:
    ref = ref.lstrip("vV")
    head = ref.split(".")[0]
    return int(head) if head.isdigit() else None


def _persists(step: Step) -> bool:
    """Does this actions/checkout step leave the token in the checkout's .git/config?
    v6 keeps it under $RUNNER_TEMP; a commit SHA or branch is taken as an older version."""
    with_ = step.node.get("with")
    value = with_.get("persist-credentials") if isinstance(with_, LMap) else None
    if value is False or (isinstance(value, str) and value.strip().lower() == "false"):
        return False
    if isinstance(value, str) and "${{" in value:
        return False
    act = _action(step)
    major = _major(act[1]) if act else None
    return major is None or major < 6


_WORKSPACE = (".", "./", "${{ github.workspace }}", "${{github.workspace}}", "$GITHUB_WORKSPACE", "*", "**", "./*", "./**")


def _uploads_git(step: Step) -> bool:
    """Does this actions/upload-artifact step upload the workspace with its hidden files?"""
    act = _action(step)
    if not act or act[0] != "actions/upload-artifact":
        return False
    with_ = step.node.get("with")
    if not isinstance(with_, LMap):
        return False
    path = with_.get("path")
    if not isinstance(path, str):
        return False
    raw = [ln.strip() for ln in path.splitlines() if ln.strip()]
    if any(ln.startswith("!") and ".git" in ln for ln in raw):
        return False  # `!.git` leaves the folder out
    lines = [ln for ln in raw if not ln.startswith("!")]
    covers = any(ln.rstrip("/") in ("", ".") or ln in _WORKSPACE or ln.rstrip("/").endswith(".git") for ln in lines)
    if not covers:
        return False
    hidden = with_.get("include-hidden-files")
    if hidden is True or (isinstance(hidden, str) and hidden.strip().lower() == "true"):
        return True
    major = _major(act[1])
    # before v4.4.0 hidden files (.git) were uploaded; a bare `v4` resolves to the newest 4.x
    return major is not None and major < 4


@check("artifact-includes-git-credentials", on="job")
def artipacked(ctx: Any, job: Job) -> None:
    checkout = None
    for step in job.steps():
        act = _action(step)
        if act and act[0] == "actions/checkout":
            checkout = step if _persists(step) else None
            continue
        if checkout is not None and _uploads_git(step):
            ctx.report(
                step.node.get("with").value_span("path"),
                f"this upload includes the workspace's `.git` folder, where {checkout.ident} left the job's "
                "GITHUB_TOKEN (`persist-credentials` is on by default): anyone who can download the "
                "artifact gets a token for this repository while the job runs; set the checkout's "
                "`persist-credentials` input to `false` and upload only the files needed.",
                related=[(ctx.file, checkout.span, "the checkout that stores the token")],
                context=f"job {job.id}:artipacked:{step.index}", once="",
            )


@check("checkout-persist-credentials", on="step")
def checkout_persists(ctx: Any, step: Step) -> None:
    act = _action(step)
    if not act or act[0] != "actions/checkout" or not _persists(step):
        return
    with_ = step.node.get("with")
    if isinstance(with_, LMap) and "persist-credentials" in with_:
        return  # `persist-credentials: true` says the token is needed
    ctx.report(
        step.node.value_span("uses"),
        f"{step.ident} leaves the job's GITHUB_TOKEN in `.git/config` for every later step to read; "
        "set the checkout's `persist-credentials` input to `false` unless a later step pushes with "
        "it (then set it to `true` to say so).",
        context=f"{step.ident}:persist", once="",
    )
