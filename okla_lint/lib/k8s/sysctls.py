"""The kubelet's safe sysctls (pkg/kubelet/sysctl/safe_sysctls.go). Every other sysctl is
"unsafe": the kubelet refuses a pod that sets one (SysctlForbidden) unless the node's
kubelet was started with --allowed-unsafe-sysctls naming it.

The list is the union over the Kubernetes versions okla-lint supports, so a sysctl that
is safe on a recent kubelet is never reported (1.26: the first five; 1.27: +
ip_local_reserved_ports; 1.29: + tcp keepalive and fin timeout; 1.32: + tcp_rmem/tcp_wmem)."""
from __future__ import annotations

SAFE_SYSCTLS = frozenset(
    {
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
    }
)


def normalise(name: str) -> str:
    """sysctl names may use '/' as the separator (net/ipv4/tcp_syncookies)."""
    if "/" in name and "." not in name.split("/")[0]:
        return name.replace("/", ".")
    return name


def is_safe(name: str) -> bool:
    return normalise(name) in SAFE_SYSCTLS
