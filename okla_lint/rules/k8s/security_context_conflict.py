"""`security-context-conflict`: Security-context settings that contradict each other, so the
pod is rejected or never starts.

Validation facts (API server ``ValidateSecurityContext``, kubelet ``verifyRunAsNonRoot``):
``allowPrivilegeEscalation: false`` together with ``privileged: true`` or an added
``CAP_SYS_ADMIN`` capability (that literal spelling) is rejected by the API server;
``runAsNonRoot: true`` with an effective ``runAsUser: 0`` is accepted by the API server but
the kubelet refuses to start the container (CreateContainerConfigError).
"""
from __future__ import annotations

from ...core.located import LSeq, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import effective, is_int, is_windows, sc_of


@check("security-context-conflict", on="container")
def security_context_conflict(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is not None and sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            ctx.report(
                sc.value_span("allowPrivilegeEscalation"),
                f"{c.ident} sets allowPrivilegeEscalation: false together with privileged: "
                "true; the API server rejects this combination ('cannot set "
                "`allowPrivilegeEscalation` to false and `privileged` to true'), so nothing "
                "is deployed. Drop one of them",
                related=[(c.obj.file, sc.value_span("privileged"), "privileged: true")],
                context=f"{c.ident}:ape-privileged",
                once="ape-privileged",
            )
        seq = get_path(sc, "capabilities", "add")
        for i, raw in enumerate(seq if isinstance(seq, LSeq) else ()):
            # the API server compares the literal string: only "CAP_SYS_ADMIN" is rejected
            if raw == "CAP_SYS_ADMIN":
                ctx.report(
                    sc.value_span("allowPrivilegeEscalation"),
                    f"{c.ident} sets allowPrivilegeEscalation: false but adds the capability "
                    "CAP_SYS_ADMIN; the API server rejects this combination ('cannot set "
                    "`allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'), "
                    "so nothing is deployed. Drop SYS_ADMIN or the escalation setting",
                    related=[(c.obj.file, seq.item_span(i), "CAP_SYS_ADMIN")],
                    context=f"{c.ident}:ape-sysadmin",
                    once="ape-sysadmin",
                )
    if is_windows(c.pod):
        return
    nonroot, nr_sc, nr_level = effective(c, "runAsNonRoot")
    user, u_sc, u_level = effective(c, "runAsUser")
    if nonroot is True and is_int(user) and user == 0 and u_sc is not None:
        ctx.report(
            u_sc.value_span("runAsUser"),
            f"{c.ident} runs as user 0 ({u_level} securityContext) but runAsNonRoot: true "
            f"({nr_level} securityContext) forbids root: the API server accepts the pod, and "
            "the kubelet then refuses to start the container (CreateContainerConfigError). "
            "Use a non-zero runAsUser, or drop runAsNonRoot",
            related=[(c.obj.file, nr_sc.value_span("runAsNonRoot"), "runAsNonRoot: true")] if nr_sc is not None else [],
            context=f"{c.ident}:nonroot-root",
            once="nonroot-root",
        )
