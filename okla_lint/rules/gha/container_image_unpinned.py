"""`container-image-unpinned`: A job container, service container or `docker://` step image
without a tag or with `latest`.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check


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
