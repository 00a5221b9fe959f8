"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_wiring.py): ``CM_WIRING``, ``DEPLOYMENT``, ``SEL``, ``SERVICE``, ``WIRING``, ``_wf``, ``cm_wiring``, ``deploy``, ``gateway``, ``gw``, ``run_wiring``, ``svc``."""
from __future__ import annotations

import json

from helpers import lint, write_files


WIRING = ["gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero"]


def svc(name: str, port: int = 80, ns: str | None = None, extra: str = "", selector: str | None = None) -> str:
    md = f"  name: {name}\n" + (f"  namespace: {ns}\n" if ns else "")
    sel = selector if selector is not None else f"  selector:\n    app: {name}\n"
    return f"apiVersion: v1\nkind: Service\nmetadata:\n{md}spec:\n{sel}{extra}  ports:\n    - port: {port}\n"


def deploy(name: str, replicas: int | None, kind: str = "Deployment") -> str:
    rep = f"  replicas: {replicas}\n" if replicas is not None else ""
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{rep}"
        f"  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n"
        f"      labels:\n        app: {name}\n    spec:\n      containers:\n        - name: c\n          image: x:1\n"
    )


def gw(*targets: tuple[str, object]) -> str:
    routes = [
        {
            "DownstreamPathTemplate": f"/r{i}",
            "DownstreamScheme": "http",
            "DownstreamHostAndPorts": [{"Host": h, "Port": p}],
            "UpstreamPathTemplate": f"/r{i}",
        }
        for i, (h, p) in enumerate(targets)
    ]
    return json.dumps({"Routes": routes})


def _wf(run: str) -> str:
    body = "\n".join("          " + line for line in run.splitlines())
    return (
        "name: d\non: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n" + body + "\n"
    )


CM_WIRING = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  {key}: |\n{body}"


def cm_wiring(name: str, key: str, content: str) -> str:
    return CM_WIRING.format(name=name, key=key, body="".join("    " + line + "\n" for line in content.splitlines()))


SEL = ["gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero"]


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 1
  selector: {matchLabels: {app: orders}}
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: orders
          image: orders:1.0
"""


SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: orders
spec:
  selector: {app: orders}
  ports:
    - port: 80
      targetPort: 8080
"""


def gateway(host: str, port: int = 80) -> str:
    return json.dumps({"Routes": [{
        "DownstreamPathTemplate": "/a",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": host, "Port": port}],
        "UpstreamPathTemplate": "/a",
    }]}, indent=2)  # Host value at 8:19, Port value at 9:19


def run_wiring(tmp_path, files):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, files)
    res = lint(tmp_path, select=SEL)
    assert not res.internal_errors
    return res
