"""hpa-target-sets-replicas: one finding per workload, the autoscalers as related locations
(issue 10, families 2 and 7)."""
from __future__ import annotations

from _workloads import workload
from helpers import lint, write_files

RULE = "hpa-target-sets-replicas"


def hpa(name: str, target: str, ns: str | None = None, kind: str = "Deployment") -> str:
    md = f"{{name: {name}, namespace: {ns}}}" if ns else f"{{name: {name}}}"
    return (f"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {md}\nspec:\n"
            f"  scaleTargetRef: {{apiVersion: apps/v1, kind: {kind}, name: {target}}}\n  maxReplicas: 5\n")


def deploy(kind: str = "Deployment", ns: str | None = None) -> str:
    text = workload(kind, "containers: [{name: a, image: 'a:1'}]\n", "api").replace("spec:\n  selector", "spec:\n  replicas: 2\n  selector", 1)
    return text.replace("metadata: {name: api}", f"metadata: {{name: api, namespace: {ns}}}") if ns else text


def test_a_copy_of_the_hpa_in_a_second_file_gives_one_finding_with_both_related(tmp_path):
    write_files(tmp_path, {"k8s/api.yaml": deploy(ns="okla"), "k8s/hpa.yaml": hpa("api-hpa", "api", "okla"),
                           "k8s/hpa-portal.yaml": hpa("api-hpa", "api", "okla")})
    res = lint(tmp_path, select=[RULE])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [(RULE, "k8s/api.yaml", 5, 3)]
    f = res.findings[0]
    assert "'api-hpa' scales it (2 definitions)" in f.message
    assert sorted((r.path, r.line) for r in f.related) == [("k8s/hpa-portal.yaml", 5), ("k8s/hpa.yaml", 5)]


def test_no_namespace_and_hpas_in_two_namespaces(tmp_path):
    write_files(tmp_path, {"k8s/api.yaml": deploy(kind="StatefulSet"), "k8s/a.yaml": hpa("a", "api", "prod", "StatefulSet"),
                           "k8s/b.yaml": hpa("b", "api", "staging", "StatefulSet")})
    res = lint(tmp_path, select=[RULE])
    assert len(res.findings) == 1
    assert "HorizontalPodAutoscalers 'a', 'b' scale it (2 definitions) in whichever of the namespaces prod, staging" in res.findings[0].message


def test_one_hpa_one_finding_and_other_namespace_not_matched(tmp_path):
    write_files(tmp_path, {"k8s/api.yaml": deploy(ns="okla"), "k8s/hpa.yaml": hpa("h", "api", "okla"),
                           "k8s/other.yaml": hpa("h2", "api", "elsewhere")})
    res = lint(tmp_path, select=[RULE])
    assert len(res.findings) == 1 and len(res.findings[0].related) == 1
    assert "HorizontalPodAutoscaler 'h' scales it;" in res.findings[0].message


def _hpa_block(ns: str) -> str:
    return ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api-hpa\n"
            f"  namespace: {ns}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n"
            "    name: api\n  maxReplicas: 5\n")


def test_a_local_copy_without_namespace_is_not_the_one_an_hpa_scales_beside_its_own_copy(tmp_path):
    # the namespaced copy (flow and block HPA, CRLF, multi-document) is reported; the
    # namespace-less local copy in the same folder is another variant
    for eol in ("\n", "\r\n"):
        files = {"k8s/local.yaml": deploy(),
                 "k8s/prod.yaml": (deploy(ns="prod") + "---\n" + _hpa_block("prod")).replace("\n", eol),
                 "k8s/dev.yaml": deploy(ns="dev") + "---\n" + hpa("api-hpa", "api", "dev")}
        write_files(tmp_path, files)
        res = lint(tmp_path, select=[RULE])
        assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
            (RULE, "k8s/dev.yaml", 5, 3), (RULE, "k8s/prod.yaml", 5, 3)]


def test_a_local_copy_is_still_judged_for_a_namespace_without_its_own_copy(tmp_path):
    write_files(tmp_path, {"k8s/local.yaml": deploy(),
                           "k8s/prod.yaml": deploy(ns="prod") + "---\n" + hpa("p", "api", "prod"),
                           "k8s/staging-hpa.yaml": hpa("s", "api", "staging")})
    res = lint(tmp_path, select=[RULE])
    assert [(f.path, f.line) for f in res.findings] == [("k8s/local.yaml", 5), ("k8s/prod.yaml", 5)]
    local = res.findings[0]
    assert "HorizontalPodAutoscaler 's' scales it;" in local.message
    assert [r.path for r in local.related] == ["k8s/staging-hpa.yaml"]


def test_a_local_copy_and_an_hpa_without_namespace_still_reported(tmp_path):
    write_files(tmp_path, {"k8s/local.yaml": deploy() + "---\n" + hpa("l", "api"),
                           "k8s/prod.yaml": deploy(ns="prod") + "---\n" + hpa("p", "api", "prod")})
    res = lint(tmp_path, select=[RULE])
    assert [(f.path, f.line) for f in res.findings] == [("k8s/local.yaml", 5), ("k8s/prod.yaml", 5)]
