"""actions/checkout and the credentials it leaves behind: which remote action a step uses at
which ref, the major version of a ref, and whether a checkout step leaves the token in the
checkout's .git/config."""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Step


def action_and_ref(step: Step) -> tuple[str, str] | None:
    """(owner/repo lower-case, ref) of a step's remote action."""
    uses = step.node.get("uses")
    if not isinstance(uses, str) or "@" not in uses or uses.startswith(("./", "docker://")):
        return None
    name, _, ref = uses.partition("@")
    return "/".join(name.lower().split("/")[:2]), ref


def major_version(ref: str) -> int | None:
    ref = ref.lstrip("vV")
    head = ref.split(".")[0]
    return int(head) if head.isdigit() else None


def persists_credentials(step: Step) -> bool:
    """Does this actions/checkout step leave the token in the checkout's .git/config?
    v6 keeps it under $RUNNER_TEMP; a commit SHA or branch is taken as an older version."""
    with_ = step.node.get("with")
    value = with_.get("persist-credentials") if isinstance(with_, LMap) else None
    if value is False or (isinstance(value, str) and value.strip().lower() == "false"):
        return False
    if isinstance(value, str) and "${{" in value:
        return False
    act = action_and_ref(step)
    major = major_version(act[1]) if act else None
    return major is None or major < 6
