"""`image-mutable-tag`: A container image has the tag latest or no tag at all."""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.kustomize import is_rendered
from ...lib.k8s.names import is_image_reference
from ...lib.k8s.podutil import built_at_deploy_matches, image_set_by_tool, is_patch_obj, kustomize_image_names


def image_reference(image: str) -> tuple[str, str | None, str | None]:
    """(repository, tag or None, digest or None). A ':' in the registry host
    (``localhost:5000/app``) is a port, not a tag."""
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    slash = image.rfind("/")
    last = image[slash + 1 :]
    if ":" in last:
        repo_last, tag = last.split(":", 1)
        return image[: slash + 1] + repo_last, tag, digest
    return image, None, digest


@check("image-mutable-tag", on="container")
def image_mutable_tag(ctx, c: Container) -> None:
    image = c.node.get("image")
    if not isinstance(image, str):
        return
    ref = image.strip()
    if is_placeholder(ref, is_image_reference):
        return  # `##IMAGE##`, `#{IMAGE}#`, `${IMAGE}`, `$(TAG)`...: a deploy step replaces it
    if not is_image_reference(ref):
        return  # `IMAGE_NAME`, '': the kubelet fails the pull (InvalidImageName) whatever the tag
    repo, tag, digest = image_reference(ref)
    if digest:
        return
    if tag is not None and tag != "latest":
        return
    if is_patch_obj(ctx.model, c.obj):
        return
    if repo in kustomize_image_names(ctx.model) and not is_rendered(c.obj):
        return  # kustomize's `images:` sets the tag at build time (rendered: this is it)
    if built_at_deploy_matches(ctx.model, repo) or image_set_by_tool(ctx.model, c.obj):
        return  # a placeholder: the deploy script sets the real image
    what = "the tag `latest`" if tag == "latest" else "no tag (which means `latest`)"
    ctx.report(
        c.node.value_span("image"),
        f"image {ref!r} of {c.ident} has {what}: every node pulls whatever the tag points to "
        "when the pod is scheduled, so replicas can run different builds, a rollback does not "
        "restore the old code, and `imagePullPolicy` defaults to Always. Pin a version tag or "
        "a digest (name@sha256:...)",
        context=f"{c.ident}:image",
        once="image",
    )
