"""image-mutable-tag stays quiet on placeholders a deploy tool fills in (issue 10, family 9):
paused Deployments, `kubectl set image` in a workflow, skaffold artifacts, Tilt builds,
operator skeletons."""
from __future__ import annotations

import pytest

from _workloads import KINDS, workload
from helpers import found, lint, write_files
from okla_lint.rules.k8s.image_mutable_tag import image_reference


RULE = "image-mutable-tag"
SPEC = "containers: [{name: app, image: eshop/basket.api}]\n"


def deploy(name: str = "basket", paused: bool = False, image: str = "eshop/basket.api", kind: str = "Deployment") -> str:
    text = workload(kind, SPEC.replace("eshop/basket.api", image), name)
    return text.replace("spec:\n  selector", "spec:\n  paused: true\n  selector", 1) if paused else text


def wf(run: str) -> str:
    return f"on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"


def rules(tmp_path) -> list[str]:
    return [f.rule for f in lint(tmp_path, select=[RULE]).findings]


def test_reported_without_a_producer(tmp_path):
    write_files(tmp_path, {"k8s/d.yaml": deploy()})
    assert rules(tmp_path) == [RULE]


def test_paused_deployment(tmp_path):
    write_files(tmp_path, {"k8s/d.yaml": deploy(paused=True)})
    assert rules(tmp_path) == []


@pytest.mark.parametrize("run", [
    "kubectl set image deployment/basket app=eshop/basket.api:1.2",
    "kubectl -n shop set image deploy basket app=eshop/basket.api:1.2",
    "for S in basket catalog; do kubectl set image deployment/$S app=eshop/$S.api:1; done",
    "kubectl set image deployments.apps/${SVC} app=x:1",
])
def test_set_image_in_a_workflow(tmp_path, run):
    write_files(tmp_path, {"k8s/d.yaml": deploy(), ".github/workflows/d.yml": wf(run)})
    assert rules(tmp_path) == []


def test_set_image_on_another_deployment(tmp_path):
    write_files(tmp_path, {"k8s/d.yaml": deploy(), ".github/workflows/d.yml": wf("kubectl set image deployment/catalog app=x:1")})
    assert rules(tmp_path) == [RULE]


def test_skaffold_and_tilt_artifacts_also_when_rendered(tmp_path):
    write_files(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        "k8s/d.yaml": deploy(image="adservice") + "---\n" + deploy("ui", image="argocd-ui") + "---\n" + deploy("c", image="quay.io/argoproj/argocd:latest"),
        "skaffold.yaml": "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: adservice\n",
        "Tiltfile": "docker_build(\n    'argocd-ui', context='.')\ndocker_build_with_restart('quay.io/argoproj/argocd:latest', '.')\n",
    })
    assert rules(tmp_path) == []


def test_operator_skeleton_without_name(tmp_path):
    skel = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {}\nspec:\n  template:\n    spec:\n      containers: [{name: t, image: 'tailscale/tailscale'}]\n"
    write_files(tmp_path, {"manifests/proxy.yaml": skel})
    assert rules(tmp_path) == []


def test_skaffold_run_in_a_workflow_without_its_configuration(tmp_path):
    # the workflow runs skaffold, skaffold.yaml is not among the files read: bare names are
    # its artifacts; qualified images are not
    write_files(tmp_path, {
        "k8s/d.yaml": deploy(image="adservice") + "---\n" + deploy("w", image="ghcr.io/okla/web"),
        ".github/workflows/ci.yml": wf("skaffold run --default-repo=us-docker.pkg.dev/p/r --tag=$GITHUB_SHA"),
    })
    assert [f.message.split("'")[1] for f in lint(tmp_path, select=[RULE]).findings] == ["ghcr.io/okla/web"]
    write_files(tmp_path, {"skaffold.yaml": "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: other\n"})
    assert sorted(f.message.split("'")[1] for f in lint(tmp_path, select=[RULE]).findings) == ["adservice", "ghcr.io/okla/web"]


@pytest.mark.parametrize(
    "image, repo, tag, digest",
    [
        ("nginx", "nginx", None, None),
        ("nginx:1.27", "nginx", "1.27", None),
        ("localhost:5000/app", "localhost:5000/app", None, None),
        ("localhost:5000/app:v2", "localhost:5000/app", "v2", None),
        ("ghcr.io/a/b@sha256:abc", "ghcr.io/a/b", None, "sha256:abc"),
        ("ghcr.io/a/b:latest@sha256:abc", "ghcr.io/a/b", "latest", "sha256:abc"),
    ],
)
def test_image_reference(image, repo, tag, digest):
    assert image_reference(image) == (repo, tag, digest)


# `sed -e "s|{IMAGE}|$(IMAGE)|g" make/config/bind/*.yaml | kubectl apply -f -` (cert-manager's
# e2e set-up): a character an image reference cannot hold means a placeholder, whatever the
# tool and the quoting
@pytest.mark.parametrize("image", [
    '"{IMAGE}"', "'{IMAGE}'", '"{{ .Values.image }}"', '"${IMAGE}"', '"$IMAGE"', '"<image>"',
    '"%IMAGE%"', '"registry/{NAME}"', '"nginx:{TAG}"', '"ghcr.io/acme/{app}:latest"',
])
def test_placeholder_characters_quiet(tmp_path, image):
    write_files(tmp_path, {"k8s/d.yaml": deploy(image=image)})
    assert rules(tmp_path) == []


@pytest.mark.parametrize("image", ["nginx", "nginx:latest", "'localhost:5000/tools'", '"Registry.Example.com/a_b/c-d.e:latest"'])
def test_reference_characters_still_judged(tmp_path, image):
    write_files(tmp_path, {"k8s/d.yaml": deploy(image=image)})
    assert rules(tmp_path) == [RULE]


def test_sed_placeholder_block_style_multi_document_crlf(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n"
            "      image: \"{IMAGE}\"\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n"
            "  containers:\n    - name: b\n      image: busybox\n").replace("\n", "\r\n")
    write_files(tmp_path, {"k8s/p.yaml": text})
    found = lint(tmp_path, select=[RULE]).findings
    assert [(f.rule, f.path, f.line, f.col) for f in found] == [(RULE, "k8s/p.yaml", 17, 14)]


# CI token replacement (issue 10): Azure DevOps replacetokens `#{IMAGE}#` (default), `__IMAGE__`
# (rm), `$(IMAGE)` (azpipelines), Octopus `#{IMAGE}`, `##IMAGE##` for sed, `@IMAGE@`, envsubst,
# Helm. `$(VAR)` is not expanded by Kubernetes in `image` (only in command, args and env), so
# applied unchanged it would fail the pull with InvalidImageName: a deploy step replaces it.
TOKENS = ["##IMAGE##", "__IMAGE__", "#{IMAGE}#", "#{IMAGE}", "$(IMAGE)", "${IMAGE}", "$IMAGE",
          "{{ .Values.image }}", "<IMAGE>", "%IMAGE%", "@IMAGE@", "{IMAGE}", "__REGISTRY__/api",
          "##REGISTRY##/api", "$(ACR_NAME).azurecr.io/api", "ghcr.io/acme/api:#{TAG}#",
          "ghcr.io/acme/api:__TAG__", "ghcr.io/acme/api:$(Build.BuildId)"]
# the plain (unquoted) forms YAML reads as strings; `##IMAGE##` and `#{IMAGE}#` plain are
# comments (null: nothing to judge), `{IMAGE}` a mapping, `%` and `@` cannot start a plain scalar
PLAIN = ["__IMAGE__", "$(IMAGE)", "${IMAGE}", "$IMAGE", "__REGISTRY__/api", "ghcr.io/acme/api:#{TAG}#",
         "$(ACR_NAME).azurecr.io/api"]
POD = ("initContainers:\n  - name: init\n    image: {v}\ncontainers:\n  - name: app\n    image: {v}\n"
       "  - {{name: flow, image: {q}}}\n  - name: real\n    image: nginx:latest\n")


def _quoted(token: str, quote: str) -> str:
    return f"{quote}{token}{quote}" if quote else token


def _loc(text: str, needle: str, path: str = "k8s/w.yaml") -> str:
    """path:line:col of the first ``needle`` in ``text`` (1-based, as findings are)."""
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return f"{path}:{n}:{line.index(needle) + 1}"
    raise AssertionError(needle)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("token, quote", [(t, '"') for t in TOKENS] + [(t, "'") for t in TOKENS[:6]] + [(t, "") for t in PLAIN])
def test_token_placeholders_quiet_in_every_workload_and_container_list(tmp_path, kind, token, quote):
    # a plain `${IMAGE}` cannot stand in a flow mapping (braces end it): quoted there
    text = workload(kind, POD.format(v=_quoted(token, quote), q=_quoted(token, quote or '"')), "api")
    # the real image next to them is still reported, exactly where it is written
    assert found(tmp_path, {"k8s/w.yaml": text}, RULE) == [_loc(text, "nginx:latest")]


@pytest.mark.parametrize("kind", ["Deployment", "CronJob"])
def test_untagged_and_latest_images_still_reported_in_every_container_list(tmp_path, kind):
    text = workload(kind, POD.format(v="busybox", q="busybox").replace("nginx:latest", "'nginx'"), "api")
    lines = text.splitlines()
    init = next(i for i, l in enumerate(lines, 1) if l.strip() == "image: busybox")
    flow = next(i for i, l in enumerate(lines, 1) if "name: flow" in l)
    assert found(tmp_path, {"k8s/w.yaml": text}, RULE) == sorted([
        f"k8s/w.yaml:{init}:{lines[init - 1].index('busybox') + 1}",
        f"k8s/w.yaml:{init + 3}:{lines[init + 2].index('busybox') + 1}",
        f"k8s/w.yaml:{flow}:{lines[flow - 1].index('busybox') + 1}",
        _loc(text, "'nginx'"),
    ])


def test_block_style_anchor_multi_document_crlf(tmp_path):
    text = ("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: '0 3 * * *'\n"
            "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n"
            "          initContainers:\n            - name: migrate\n              image: &img \"##MIGRATE_IMAGE##\"\n"
            "          containers:\n            - name: run\n              image: *img\n"
            "            - name: report\n              image: >-\n                __REPORT_IMAGE__\n"
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\nspec:\n  containers:\n"
            "    - name: tools\n      image: \"ghcr.io/acme/tools\"\n").replace("\n", "\r\n")
    assert found(tmp_path, {"k8s/nightly.yaml": text}, RULE) == ["k8s/nightly.yaml:29:14"]


# not an image reference at all: the kubelet fails the pull with InvalidImageName ("repository
# name must be lowercase") whatever the tag, so "no tag" is not the defect to report
@pytest.mark.parametrize("image", ["IMAGE_NAME", "MyApp", "'nginx:'", "'nginx latest'", "''"])
def test_not_an_image_reference_quiet(tmp_path, image):
    write_files(tmp_path, {"k8s/d.yaml": deploy(image=image)})
    assert rules(tmp_path) == []
