"""A synthetic monorepo with real cross-file work, built deterministically.

    python bench/synth.py OUT --services N

Per service (5 Kubernetes files): a Deployment, the Service selecting it, the ConfigMap its
containers read (configMapKeyRef and envFrom), a HorizontalPodAutoscaler targeting the
Deployment and a PodDisruptionBudget selecting its pods; with ``--policies`` also a
ServiceMonitor selecting the Service and a NetworkPolicy selecting the pods (for the
advice rules that match selectors across files: `--select ALL` scaling runs).
One workflow per 4 services applies their folders (``kubectl apply -f services/<team>/``)
and creates a Secret; one Ocelot file per 100 services routes to their Services by name and
port. Some services carry the mistakes that real repositories have (a selector that matches
nothing, a port name that does not exist, a route to a missing Service, env refs out of
order, a NetworkPolicy or ServiceMonitor that selects nothing), one in every few, always
the same ones.

2,000 services = 10,000 Kubernetes files, 500 workflows, 20 Ocelot files (the benchmark's
"monorepo"); 4,000 services = its 2x. Same N, same bytes: nothing is random.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

TEAMS = 40  # services are spread over team folders


def _svc(i: int) -> tuple[str, str, str]:
    team = f"team{i % TEAMS:02d}"
    name = f"svc{i:05d}"
    ns = f"ns-{team}"
    return team, name, ns


def deployment(i: int) -> str:
    team, name, ns = _svc(i)
    env_bad = i % 11 == 3  # $(DB_PASSWORD) used before it is defined
    env = [
        f"        - name: APP_NAME\n          value: {name}\n",
        "        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n"
        f"              name: {name}-config\n              key: log-level\n",
    ]
    if env_bad:
        env.append("        - name: DB_URL\n          value: postgres://app:$(DB_PASSWORD)@db:5432/app\n")
    env.append(
        "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n"
        f"              name: {name}-db\n              key: password\n"
    )
    if not env_bad:
        env.append("        - name: DB_URL\n          value: postgres://app:$(DB_PASSWORD)@db:5432/app\n")
    startup = "" if i % 13 else (
        "        startupProbe:\n          httpGet:\n            path: /health\n            port: http\n"
        "          failureThreshold: 6\n          periodSeconds: 5\n"
    )
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: {team}
spec:
  replicas: {1 + i % 3}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
        tier: {"web" if i % 2 else "worker"}
    spec:
      serviceAccountName: {name}
      securityContext:
        runAsNonRoot: true
      containers:
      - name: {name}
        image: registry.example.com/{team}/{name}:1.{i % 50}.{i % 7}
        ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
        env:
{"".join(env)}        envFrom:
        - configMapRef:
            name: {name}-config
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
        readinessProbe:
          httpGet:
            path: /ready
            port: http
          periodSeconds: 10
        livenessProbe:
          httpGet:
            path: /health
            port: {"http" if i % 17 else "admin"}
          periodSeconds: 20
{startup}        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
        volumeMounts:
        - name: config
          mountPath: /etc/{name}
      volumes:
      - name: config
        configMap:
          name: {name}-config
"""


def service_monitor(i: int) -> str:
    """A ServiceMonitor selecting the Service (one in 43 selects a label it does not carry)."""
    team, name, ns = _svc(i)
    return f"""---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    matchLabels:
      app: {name if i % 43 else name + "-metrics"}
  endpoints:
  - port: metrics
"""


def network_policy(i: int) -> str:
    """A NetworkPolicy selecting the service's pods (one in 17 selects none), open to the
    next service's pods."""
    team, name, ns = _svc(i)
    return f"""---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: {ns}
spec:
  podSelector:
    matchLabels:
      app: {name if i % 17 else name + "-canary"}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: {"svc%05d" % ((i + 1) % 100000)}
"""


def service(i: int, labelled: bool = False) -> str:
    team, name, ns = _svc(i)
    labels = f"  labels:\n    app: {name}\n" if labelled else ""  # what a ServiceMonitor selects
    sel = name if i % 19 else f"{name}-old"  # one in 19 selects no pod
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
{labels}spec:
  selector:
    app: {sel}
  ports:
  - name: http
    port: 80
    targetPort: http
  - name: metrics
    port: 9090
    targetPort: {"metrics" if i % 23 else "prometheus"}
"""


def configmap(i: int) -> str:
    team, name, ns = _svc(i)
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {ns}
data:
  log-level: info
  FEATURE_FLAGS: "a,b,c"
  appsettings.json: |
    {{
      "Service": "{name}",
      "Team": "{team}",
      "Downstream": "http://svc{(i + 1) % 100000:05d}.{ns}.svc.cluster.local"
    }}
"""


def hpa(i: int) -> str:
    team, name, ns = _svc(i)
    target = name if i % 29 else f"{name}-v2"  # one in 29 targets a missing Deployment
    return f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {target}
  minReplicas: 2
  maxReplicas: {4 + i % 5}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
"""


def pdb(i: int) -> str:
    team, name, ns = _svc(i)
    return f"""apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
  namespace: {ns}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: {name}
"""


def workflow(w: int, services: list[int]) -> str:
    teams = sorted({_svc(i)[0] for i in services})
    applies = "".join(f"          kubectl apply -f services/{t}/\n" for t in teams)
    names = " ".join(_svc(i)[1] for i in services)
    return f"""name: deploy-{w:04d}
on:
  push:
    branches: [main]
    paths:
      - "services/**"
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - name: Build
        run: |
          for s in {names}; do
            docker build -t "registry.example.com/$s:${{{{ github.sha }}}}" "src/$s"
          done
      - name: Registry secret
        run: |
          kubectl create secret docker-registry regcred \\
            --docker-server=registry.example.com \\
            --docker-username=${{{{ github.actor }}}} \\
            --docker-password=${{{{ secrets.REGISTRY_TOKEN }}}} --dry-run=client -o yaml | kubectl apply -f -
      - name: Apply
        env:
          KUBECONFIG_DATA: ${{{{ secrets.KUBECONFIG }}}}
        run: |
{applies}          echo "title: ${{{{ github.event.head_commit.message }}}}"
"""


def ocelot(g: int, services: list[int]) -> str:
    routes = []
    for i in services:
        team, name, ns = _svc(i)
        host = name if i % 31 else f"{name}-gone"  # one in 31 routes to no Service
        host = host if i % 2 else f"{host}.{ns}.svc.cluster.local"
        routes.append({
            "UpstreamPathTemplate": f"/api/{team}/{name}/{{everything}}",
            "UpstreamHttpMethod": ["GET", "POST", "PUT", "DELETE"],
            "DownstreamPathTemplate": "/api/{everything}",
            "DownstreamScheme": "http",
            "DownstreamHostAndPorts": [{"Host": host, "Port": 80 if i % 37 else 8080}],
            "QoSOptions": {"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 5000, "TimeoutValue": 10000},
        })
    routes.append({
        "UpstreamPathTemplate": "/{everything}",
        "DownstreamPathTemplate": "/{everything}",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": _svc(services[0])[1], "Port": 80}],
    })
    doc = {"Routes": routes, "GlobalConfiguration": {"BaseUrl": f"https://gw{g:02d}.example.com"}}
    return json.dumps(doc, indent=2) + "\n"


def build(out: Path, n: int, policies: bool = False) -> dict[str, int]:
    """(Re)build the monorepo of ``n`` services in ``out``; returns file counts. With
    ``policies``, service.yaml also holds a ServiceMonitor and pdb.yaml a NetworkPolicy
    (advice rules select them: `--select ALL` scaling runs; the benchmark's corpora are
    built without them, as every earlier run was)."""
    if out.exists():
        shutil.rmtree(out)
    (out / ".github" / "workflows").mkdir(parents=True)
    (out / ".git").mkdir()  # the project root marker, as in a checkout
    counts = {"kubernetes": 0, "workflows": 0, "ocelot": 0}
    for i in range(n):
        team, name, _ = _svc(i)
        d = out / "services" / team / name
        d.mkdir(parents=True)
        for fname, fn in (("deployment.yaml", deployment), ("service.yaml", service),
                          ("configmap.yaml", configmap), ("hpa.yaml", hpa), ("pdb.yaml", pdb)):
            text = service(i, policies) if fn is service else fn(i)
            if policies and fname == "service.yaml":
                text += service_monitor(i)
            elif policies and fname == "pdb.yaml":
                text += network_policy(i)
            (d / fname).write_text(text)
            counts["kubernetes"] += 1
    per_wf = 4
    for w in range(max(1, n // per_wf)):
        svcs = list(range(w * per_wf, min(n, (w + 1) * per_wf)))
        (out / ".github" / "workflows" / f"deploy-{w:04d}.yml").write_text(workflow(w, svcs))
        counts["workflows"] += 1
    per_gw = 100
    for g in range(max(1, n // per_gw)):
        svcs = list(range(g * per_gw, min(n, (g + 1) * per_gw))) or [0]
        d = out / "gateways" / f"gw{g:02d}"
        d.mkdir(parents=True)
        (d / "ocelot.json").write_text(ocelot(g, svcs))
        counts["ocelot"] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--services", type=int, default=2000)
    ap.add_argument("--policies", action="store_true",
                    help="also a ServiceMonitor and a NetworkPolicy per service (for --select ALL scaling runs)")
    a = ap.parse_args()
    print(build(Path(a.out), a.services, a.policies))


if __name__ == "__main__":
    os.umask(0o022)
    main()
