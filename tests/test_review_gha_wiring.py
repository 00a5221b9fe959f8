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


def test_comma_separated_file_lists(tmp_path):
    # -f, --from-file and --from-env-file are list flags: kubectl splits them at commas
    wf = (
        "on: push\n"
        "jobs:\n"
        "  deploy:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: |\n"
        "          kubectl apply -f k8s/a.yaml,k8s/b.yaml\n"
        "          kubectl apply -f k8s/a.yaml,k8s/missing.yaml\n"
        "          kubectl create configmap c --from-file=a.json=k8s/a.json,k8s/gone.json\n"
    )
    write_files(tmp_path, {
        P: wf,
        "k8s/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
        "k8s/a.json": "{}\n",
    })
    r = lint(tmp_path, select=["workflow-missing-path"])
    assert sorted(locs(r, "workflow-missing-path")) == [f"{P}:10:68", f"{P}:9:39"]
