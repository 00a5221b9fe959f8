"""workflow-missing-path and configmap-json-comments: path resolution (working-directory,
defaults, cd, checkout paths), what stays silent, and the incident's ConfigMap."""
from __future__ import annotations

from helpers import lint, locs, write_files

MISSING = "workflow-missing-path"
SHIPPED = "configmap-json-comments"


def run(tmp_path, files, rules=(MISSING, SHIPPED)):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result


CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"


def wf(steps: str, extra: str = "") -> str:
    return "on: push\n" + extra + "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + steps


def test_working_directory_defaults_and_cd(tmp_path):
    steps = (
        "      - run: kubectl apply -f app.yaml\n"  # relative to defaults: deploy
        "      - run: |\n"
        "          cd ../k8s\n"
        "          kubectl apply -f cm.yaml -f gone.yaml\n"
        "      - working-directory: ./\n"
        "        run: kubectl apply --filename=deploy/app.yaml\n"
    )
    files = {
        ".github/workflows/w.yml": wf(steps, "defaults:\n  run:\n    working-directory: deploy\n"),
        "deploy/app.yaml": CM,
        "k8s/cm.yaml": CM,
    }
    r = run(tmp_path, files)
    assert locs(r, MISSING) == [".github/workflows/w.yml:13:39"]
    assert "k8s/gone.yaml" in r.findings[0].message


def test_variables_from_env_and_script(tmp_path):
    steps = (
        "      - env:\n"
        "          DIR: k8s\n"
        "        run: |\n"
        "          FILE=missing.yaml\n"
        "          kubectl apply -f $DIR/cm.yaml -f \"${DIR}/$FILE\" -k ${{ env.OVERLAY }}\n"
        "          kubectl apply -f $UNKNOWN/x.yaml -f k8s/*.yaml -f ~/x.yaml -f /abs/x.yaml\n"
    )
    files = {".github/workflows/w.yml": wf(steps, "env:\n  OVERLAY: overlays/dev\n"), "k8s/cm.yaml": CM}
    r = run(tmp_path, files)
    assert locs(r, MISSING) == sorted([".github/workflows/w.yml:13:45", ".github/workflows/w.yml:13:62"])


def test_checkout_into_a_folder_and_other_repositories(tmp_path):
    steps = (
        "        with: {path: src}\n"
        "      - uses: actions/checkout@v4\n"
        "        with: {repository: org/infra, path: infra}\n"
        "      - uses: ./src/.github/actions/setup\n"
        "      - uses: ./src/.github/actions/nope\n"
        "      - run: kubectl apply -f src/k8s/cm.yaml -f infra/anything.yaml -f src/k8s/none.yaml\n"
    )
    files = {
        ".github/workflows/w.yml": wf(steps),
        ".github/actions/setup/action.yml": "name: s\nruns:\n  using: composite\n  steps: []\n",
        "k8s/cm.yaml": CM,
    }
    r = run(tmp_path, files)
    assert locs(r, MISSING) == sorted([".github/workflows/w.yml:11:15", ".github/workflows/w.yml:12:73"])


def test_no_checkout_or_foreign_root_checkout_is_silent(tmp_path):
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f k8s/none.yaml\n"
        "  b:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with: {repository: org/other}\n"
        "      - run: kubectl apply -f k8s/none.yaml\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": text})
    assert locs(r, MISSING) == []


def test_generated_files_are_silent(tmp_path):
    steps = (
        "      - run: kustomize build overlays/prod > out/all.yaml\n"
        "      - uses: actions/download-artifact@v4\n"
        "        with: {name: manifests, path: rendered}\n"
        "      - run: kubectl apply -f out/all.yaml -f rendered/ -f -\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, MISSING) == []


def test_local_action_without_metadata_and_reusable_workflow(tmp_path):
    text = (
        "on: push\njobs:\n"
        "  call:\n    uses: ./.github/workflows/missing.yml\n"
        "  call2:\n    uses: ./.github/workflows/lib.yml\n"
        "  j:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./tools/empty\n"
    )
    files = {
        ".github/workflows/w.yml": text,
        ".github/workflows/lib.yml": "on: workflow_call\njobs:\n  x:\n    runs-on: x\n    steps: [{run: ls}]\n",
        "tools/empty/README.yaml": "a: 1\n",
    }
    r = run(tmp_path, files)
    assert locs(r, MISSING) == [".github/workflows/w.yml:11:15", ".github/workflows/w.yml:4:11"]
    assert any("no action.yml" in f.message for f in r.findings)


def test_from_env_file_and_composite_action(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - shell: bash\n"
        "      run: kubectl create configmap env --from-env-file=config/app.env\n"
    )
    r = run(tmp_path, {".github/actions/deploy/action.yml": action, "action.yml": action})
    # the published action at the root names files of the repositories that use it
    assert locs(r, MISSING) == [".github/actions/deploy/action.yml:6:57"]


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
    r = run(tmp_path, files)
    assert locs(r, SHIPPED) == sorted([
        ".github/workflows/w.yml:8:50",
        ".github/workflows/w.yml:9:50",  # the folder holds ocelot.json and extra.json
        ".github/workflows/w.yml:9:50",
        ".github/workflows/w.yml:10:64",
    ])
    assert locs(r, MISSING) == []
    f = [f for f in r.findings if f.line == 8][0]
    assert f.related and f.related[0].path.endswith("gateway/ocelot.json") and f.related[0].line == 2


def test_kustomize_folder_without_kustomization(tmp_path):
    steps = "      - run: kubectl apply -k k8s/ && kubectl apply -k overlays/prod\n"
    files = {
        ".github/workflows/w.yml": wf(steps),
        "k8s/cm.yaml": CM,
        "overlays/prod/kustomization.yaml": "resources: [../../k8s/cm.yaml]\n",
    }
    r = run(tmp_path, files)
    assert locs(r, MISSING) == [".github/workflows/w.yml:7:31"]
    assert "no kustomization.yaml" in r.findings[0].message


# -- merged from tests/test_review_gha_wiring.py: Review: repository wiring follows kubectl global flags before the verb.

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
