"""What `configmap-json-comments` and `workflow-missing-path` report (a workflow ships a JSON
file that contains comments into a ConfigMap or Secret; a workflow applies, ships or uses a
path that does not exist in the repository): exact rule, path, line and column."""
from __future__ import annotations

from _workflow_wiring import MISSING, P, SHIPPED, wf
from helpers import lint, locs, run, write_files


COMMENTED = '{\n  // routes\n  "Routes": []\n}\n'


def test_shipped_json_with_comments_file_and_folder(tmp_path):
    steps = (
        "      - run: |\n"
        "          kubectl create configmap a --from-file=gateway/ocelot.json\n"
        "          kubectl create configmap b --from-file gateway/\n"
        "          kubectl create secret generic c --from-file=cfg.json=gateway/extra.json\n"
        "          kubectl create configmap d --from-file=gateway/clean.json\n"
    )
    files = {
        ".github/workflows/w.yml": wf(steps),
        "gateway/ocelot.json": COMMENTED,
        "gateway/extra.json": '{"a": 1 /* note */}\n',
        "gateway/clean.json": '{"a": 1}\n',
    }
    r = run(tmp_path, files, (MISSING, SHIPPED))
    assert locs(r, SHIPPED) == sorted([
        ".github/workflows/w.yml:8:50",
        ".github/workflows/w.yml:9:50",  # the folder holds ocelot.json and extra.json
        ".github/workflows/w.yml:9:50",
        ".github/workflows/w.yml:10:64",
    ])
    assert locs(r, MISSING) == []
    f = [f for f in r.findings if f.line == 8][0]
    assert f.related and f.related[0].path.endswith("gateway/ocelot.json") and f.related[0].line == 2


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
