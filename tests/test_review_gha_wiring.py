"""Review: repository wiring follows kubectl global flags before the verb."""
from __future__ import annotations

from helpers import lint, locs, write_files

P = ".github/workflows/deploy.yml"


def test_kubectl_global_flags_before_apply_and_create(tmp_path):
    wf = (
        "on: push\n"
        "jobs:\n"
        "  deploy:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: |\n"
        "          kubectl -n prod apply -f k8s/app.yaml\n"
        "          kubectl -n prod apply -f k8s/missing.yaml\n"
        "          kubectl --context prod apply -f \"k8s/gone.yaml\"\n"
        "          kubectl --namespace gw create configmap gw --from-file=ocelot.json=config/ocelot.json\n"
    )
    write_files(tmp_path, {
        P: wf,
        "k8s/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "config/ocelot.json": '{\n  // comment\n  "Routes": []\n}\n',
    })
    r = lint(tmp_path, select=["workflow-missing-path", "configmap-json-comments"])
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in r.findings)
    assert got == sorted([
        ("workflow-missing-path", f"{P}:9:36"),
        ("workflow-missing-path", f"{P}:10:44"),
        ("configmap-json-comments", f"{P}:11:78"),
    ])
