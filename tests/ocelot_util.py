"""Builders the Ocelot tests share (tests/rules/ocelot/ and the Ocelot tests of several rules
in tests/integration/): routes and configurations, gateway projects with an Ocelot version,
ConfigMaps that embed a configuration, a cluster for the gateway-route rules, and the
fixture repository shaped like the incident. Grouped by the test file they came from."""
from __future__ import annotations

import json

from helpers import ROOT_DIR, run, triples


# from test_ocelot_rules.py

def route(**kw) -> dict:
    r = {
        "DownstreamPathTemplate": "/api/orders",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "orders", "Port": 80}],
        "UpstreamPathTemplate": "/orders",
    }
    for k, v in kw.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


def run_config(tmp_path, rule, config, name="ocelot.json", raw: str | None = None, **settings):
    """Lint one Ocelot configuration, ``config`` written as JSON (or the text ``raw``), with ``rule``."""
    text = raw if raw is not None else json.dumps(config, indent=2)
    return run(tmp_path, {name: text}, [rule], **settings)


def findings(result, rule):
    return [f for f in result.findings if f.rule == rule]


TEXT = """\
// gateway configuration
{
  /* static routes */
  "routes": [
    {
      "upstreamPathTemplate": "/orders/{id}/{id}", // duplicate placeholder
      "downstreamPathTemplate": "/api/{id}/{Ref}",
      "downstreamScheme": "htp",
      "downstreamHostAndPorts": [ { "host": "", "port": 80, }, ],
      "upstreamHttpMethod": [ "get", "PSOT", ],
      "downstreamHttpVersion": "2.0.1",
      "rateLimitOptions": { "enableRateLimiting": true, "period": "1 minute", "limit": 0 },
      "qosOptions": { "minimumThroughput": 1, "breakDuration": 100 },
      "dangerousAcceptAnyServerCertificateValidator": true,
    },
    {
      "UpstreamPathTemplate": "/orders/{id}/{id}",
      "UpstreamHttpMethod": [ "GET" ],
      "DownstreamPathTemplate": "/b",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "b", "Port": 80 } ],
    },
  ],
  "aggregates": [ { "routeKeys": [ "nope" ], "upstreamPathTemplate": "/agg" } ],
}
"""


EXPECTED = [
    ("json-comments", 1, 1),
    ("json-comments", 3, 3),
    ("ocelot-duplicate-placeholder", 6, 45),
    ("json-comments", 6, 52),
    ("ocelot-placeholder-mismatch", 7, 44),
    ("ocelot-invalid-downstream-scheme", 8, 27),
    ("ocelot-missing-downstream-host", 9, 45),
    ("json-trailing-comma", 9, 59),
    ("json-trailing-comma", 9, 62),
    ("ocelot-invalid-http-verb", 10, 38),
    ("json-trailing-comma", 10, 44),
    ("ocelot-invalid-http-version", 11, 32),
    ("ocelot-invalid-rate-limit", 12, 67),
    ("ocelot-invalid-rate-limit", 12, 88),
    ("ocelot-qos-value-replaced", 13, 44),
    ("ocelot-qos-value-replaced", 13, 64),
    ("ocelot-dangerous-certificate", 14, 55),
    ("json-trailing-comma", 14, 59),
    ("ocelot-duplicate-placeholder", 17, 45),
    ("ocelot-duplicate-route", 17, 31),
    ("json-trailing-comma", 21, 64),
    ("json-trailing-comma", 22, 6),
    ("ocelot-aggregate-unknown-route-key", 24, 36),
    ("json-trailing-comma", 24, 80),
]


def route_ocelot_routes(up: str, down: str = "/x", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": down,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "svc", "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def run_ocelot_routes(tmp_path, routes):
    res = run(tmp_path, {"ocelot.json": json.dumps({"Routes": routes}, indent=2)}, ["ocelot-catch-all-shadowing"])
    return [(f.line, f.col) for f in res.findings], res


# from test_ocelot_versions.py

def csproj(version: str | None = None, *, element: bool = False, extra: str = "") -> str:
    if version is None:
        ref = '<PackageReference Include="Ocelot" />'
    elif element:
        ref = f'<PackageReference Include="Ocelot">\n      <Version>{version}</Version>\n    </PackageReference>'
    else:
        ref = f'<PackageReference Include="Ocelot" Version="{version}" />'
    return (
        '<Project Sdk="Microsoft.NET.Sdk.Web">\n'
        f"  {extra}\n"
        "  <ItemGroup>\n"
        '    <PackageReference Include="Ocelot.Provider.Polly" Version="99.0.0" />\n'
        f"    {ref}\n"
        "  </ItemGroup>\n"
        "</Project>\n"
    )


QOS_10MS = {"Routes": [route(QoSOptions={"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 10, "TimeoutValue": 5000})]}


def run_versions(tmp_path, files: dict, select, **settings):
    """``helpers.run`` with the dict values of ``files`` written as JSON."""
    return run(tmp_path, {k: (json.dumps(v, indent=2) if isinstance(v, dict) else v) for k, v in files.items()}, select, **settings)


def messages(res, rule):
    return [f.message for f in res.findings if f.rule == rule]


DEPRECATED_CFG = {
    "Routes": [
        route(
            FileCacheOptions={"TtlSeconds": 15},
            AuthenticationOptions={"AuthenticationProviderKey": "Bearer"},
            QoSOptions={"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 5000},
        )
    ]
}


VALIDATED = {
    "Routes": [
        route(
            UpstreamPathTemplate="/orders/{id}",
            DownstreamPathTemplate="/api/{id}/copy/{id}",
            RateLimitOptions={"EnableRateLimiting": True, "Period": "100ms", "Limit": 0},
        )
    ]
}


VALIDATION_RULES = ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"]


CENTRAL = '<Project><ItemGroup><PackageVersion Include="Ocelot" Version="{v}" /></ItemGroup></Project>'


def configmap_versions(cfg: dict) -> str:
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join(
        "    " + line for line in json.dumps(cfg, indent=2).splitlines()
    ) + "\n"


def validation_files(source: str, version: str | None) -> tuple[dict, dict]:
    """(files, settings) that give the gateway ``version`` through ``source``."""
    if source == "csproj":
        return {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": VALIDATED}, {}
    if source == "central":
        return {"Directory.Packages.props": CENTRAL.format(v=version), "src/gw/Gw.csproj": csproj(None), "src/gw/ocelot.json": VALIDATED}, {}
    if source == "setting":
        return {"gw/Gw.csproj": csproj("18.0.0"), "gw/ocelot.json": VALIDATED}, {"ocelot_version": version}
    if source == "configmap":
        return {"gw/Gw.csproj": csproj(version), "k8s/gw.yaml": configmap_versions(VALIDATED)}, {}
    if source == "unknown":
        return {"gw/ocelot.json": VALIDATED}, {}
    raise AssertionError(source)


PER_VERSION = {
    # 22: downstream duplicates are fine; "100ms" passes the validator and fails every request
    # (the headers convert the period even with Limit 0); Limit 0 turns limiting off
    "22.0.1": ["ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 23.2: downstream duplicates rejected; the rest as 22
    "23.2.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 24.1: "100ms" is valid; Limit 0 is rejected at start-up
    "24.1.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit"],
}


JSONC = """\
// the gateway's routes
{
  "Routes": [
    {
      "UpstreamPathTemplate": "/orders/{id}/{id}", // rejected by every version
      "DownstreamPathTemplate": "/api/{id}/{id}", /* from 23.2 */
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "orders", "Port": 80 } ],
      "RateLimitOptions": { "EnableRateLimiting": true, "Period": "1.5s", "Limit": 5 }, // 24.1+
    },
  ],
}
"""


# from test_ocelot_merge.py

def route_merge(up: str, host: str = "svc", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": up,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": host, "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def cfg(*routes, **top) -> str:
    d = {"Routes": list(routes)}
    d.update(top)
    return json.dumps(d, indent=2)


# from test_ocelot_wiring.py

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
    return run(tmp_path, files, SEL)


# from test_ocelot_embedded.py

CM_EMBEDDED = """apiVersion: v1
kind: ConfigMap
metadata:
  name: gateway-config
data:
  other.json: |
    {"Routes": [{"UpstreamPathTemplate": "nope"}]}
  ocelot.json: |
    {
      "Routes": [
        {
          "DownstreamPathTemplate": "/api/orders/{orderId}",
          "DownstreamHostAndPorts": [{ "Host": "orders", "Port": 80 }],
          "UpstreamPathTemplate": "/orders/{id}",
          "UpstreamHttpMethods": ["Get"]
        },
        {
          "DownstreamPathTemplate": "/api/orders/{id}",
          "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [{ "Host": "orders", "Port": 80 }],
          "UpstreamPathTemplate": "/orders/{id}"
        }
      ]
    }
  ocelot.broken.json: |
    { not json
"""


CM_OCELOT_EMBEDDED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: gw
data:
  ocelot.json: |
    {
      // routes
      "Routes": [
        { "UpstreamPathTemplate": "/o", "DownstreamPathTemplate": "/x", /* inline
             block */ "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [{"Host": "a", "Port": 1},] }
      ]
    }
"""


# from test_ocelot_embedded_copy.py

ROUTE = {"DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [{"Host": "a", "Port": 80}], "UpstreamPathTemplate": "/a", "PreserveHostHeader": True}


def configmap_embedded_copy(name: str, key: str, text: str) -> str:
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata:\n  {key}: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"


def run_embedded_copy(tmp_path, files, select=("ocelot-unknown-key", "ocelot-missing-downstream-scheme")):
    return run(tmp_path, files, select)


# from test_ocelot_repo.py

REPO = ROOT_DIR / "fixtures" / "ocelot" / "repo"


PROD = "backend/Gateway/Gateway.Api/ocelot.prod.json"


SELECT = ["ocelot", "gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero", "configmap-drift"]


MINE = {
    "gateway-route-no-service",
    "gateway-route-port-mismatch",
    "gateway-route-scaled-to-zero",
    "configmap-drift",
}


def mine_of(result):
    return [t for t in triples(result) if t[0].startswith("ocelot-") or t[0] in MINE]
