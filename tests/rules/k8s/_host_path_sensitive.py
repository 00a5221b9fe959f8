"""What several Kubernetes rule test files of this folder share (they came from
test_host_path_sensitive.py): ``SPEC``."""
from __future__ import annotations


SPEC = """\
containers:
  - {name: a, image: busybox:1.36}
volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: proc, hostPath: {path: /proc, type: Directory}}
  - {name: logs, hostPath: {path: /var/log/app}}
"""
