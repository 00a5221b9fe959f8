"""What `workflow-missing-path` reports (a workflow applies, ships or uses a path that does not
exist in the repository): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from _workflow_wiring import MISSING, P, SHIPPED, wf as wf_workflow_wiring
from helpers import lint, locs, run, write_files


ACTION = "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "steps, n",
    [
        ("      - uses: actions/checkout@v4\n        with: {path: src/app}\n      - uses: ./src/app/.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n        with:\n          path: ./src/app/\n      - uses: ./src/app/.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n      - uses: ./.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n        with: {path: src/app}\n      - uses: ./src/app/.github/actions/missing\n", 1),
    ],
    ids=["path", "path-dotted", "no-path", "missing-under-path"],
)
def test_composite_action_under_the_checkout_path(tmp_path, steps, n):
    write_files(tmp_path, {".github/workflows/w.yml": wf(steps), ".github/actions/x/action.yml": ACTION})
    assert len(locs(lint(tmp_path, select=["workflow-missing-path"]), "workflow-missing-path")) == n


CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"


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
        ".github/workflows/w.yml": wf_workflow_wiring(steps, "defaults:\n  run:\n    working-directory: deploy\n"),
        "deploy/app.yaml": CM,
        "k8s/cm.yaml": CM,
    }
    r = run(tmp_path, files, (MISSING, SHIPPED))
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
    files = {".github/workflows/w.yml": wf_workflow_wiring(steps, "env:\n  OVERLAY: overlays/dev\n"), "k8s/cm.yaml": CM}
    r = run(tmp_path, files, (MISSING, SHIPPED))
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
        ".github/workflows/w.yml": wf_workflow_wiring(steps),
        ".github/actions/setup/action.yml": "name: s\nruns:\n  using: composite\n  steps: []\n",
        "k8s/cm.yaml": CM,
    }
    r = run(tmp_path, files, (MISSING, SHIPPED))
    assert locs(r, MISSING) == sorted([".github/workflows/w.yml:11:15", ".github/workflows/w.yml:12:73"])


def test_no_checkout_or_foreign_root_checkout_is_silent(tmp_path):
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f k8s/none.yaml\n"
        "  b:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with: {repository: org/other}\n"
        "      - run: kubectl apply -f k8s/none.yaml\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": text}, (MISSING, SHIPPED))
    assert locs(r, MISSING) == []


def test_generated_files_are_silent(tmp_path):
    steps = (
        "      - run: kustomize build overlays/prod > out/all.yaml\n"
        "      - uses: actions/download-artifact@v4\n"
        "        with: {name: manifests, path: rendered}\n"
        "      - run: kubectl apply -f out/all.yaml -f rendered/ -f -\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf_workflow_wiring(steps)}, (MISSING, SHIPPED))
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
    r = run(tmp_path, files, (MISSING, SHIPPED))
    assert locs(r, MISSING) == [".github/workflows/w.yml:11:15", ".github/workflows/w.yml:4:11"]
    assert any("no action.yml" in f.message for f in r.findings)


def test_from_env_file_and_composite_action(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - shell: bash\n"
        "      run: kubectl create configmap env --from-env-file=config/app.env\n"
    )
    r = run(tmp_path, {".github/actions/deploy/action.yml": action, "action.yml": action}, (MISSING, SHIPPED))
    # the published action at the root names files of the repositories that use it
    assert locs(r, MISSING) == [".github/actions/deploy/action.yml:6:57"]


def test_kustomize_folder_without_kustomization(tmp_path):
    steps = "      - run: kubectl apply -k k8s/ && kubectl apply -k overlays/prod\n"
    files = {
        ".github/workflows/w.yml": wf_workflow_wiring(steps),
        "k8s/cm.yaml": CM,
        "overlays/prod/kustomization.yaml": "resources: [../../k8s/cm.yaml]\n",
    }
    r = run(tmp_path, files, (MISSING, SHIPPED))
    assert locs(r, MISSING) == [".github/workflows/w.yml:7:31"]
    assert "no kustomization.yaml" in r.findings[0].message


def test_comma_separated_file_lists(tmp_path):
    # -f, --from-file and --from-env-file are list flags: kubectl splits them at commas
    wf_workflow_wiring = (
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
        P: wf_workflow_wiring,
        "k8s/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
        "k8s/a.json": "{}\n",
    })
    r = lint(tmp_path, select=["workflow-missing-path"])
    assert sorted(locs(r, "workflow-missing-path")) == [f"{P}:10:68", f"{P}:9:39"]
