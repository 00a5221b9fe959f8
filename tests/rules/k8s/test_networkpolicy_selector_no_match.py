"""What `networkpolicy-selector-no-match` reports (a NetworkPolicy's podSelector matches no
pod template of the repository): exact rule, path, line and column of the first label that
differs (of the podSelector key when its matchExpressions select nothing), when a pod
template near it looks like the one it was meant for; an empty selector selects every pod."""
from __future__ import annotations

from helpers import found

RULE = "networkpolicy-selector-no-match"
DEPLOY = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: payments}\n"
          "spec:\n  selector: {matchLabels: {app: payments-api}}\n  template:\n"
          "    metadata: {labels: {app: payments-api, tier: backend}}\n"
          "    spec: {containers: [{name: api, image: x:1}]}\n")


def policy(selector: str, name: str = "payments", extra: str = "") -> str:
    return (f"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: {name}{extra}}}\n"
            f"spec:\n  podSelector:\n{selector}  policyTypes: [Ingress]\n")


def test_an_old_label_value_block_style(tmp_path):
    files = {"k8s/api.yaml": DEPLOY, "k8s/np.yaml": policy("    matchLabels:\n      app: payments\n")}
    assert found(tmp_path, files, RULE) == ["k8s/np.yaml:7:12"]


def test_a_missing_label_flow_style_crlf_second_document(tmp_path):
    text = DEPLOY + "---\n" + policy("    {matchLabels: {app: payments-api, tier: frontend}}\n")
    assert found(tmp_path, {"k8s/all.yaml": text.replace("\n", "\r\n")}, RULE) == ["k8s/all.yaml:15:45"]


def test_match_expressions_point_at_the_selector(tmp_path):
    sel = "    matchExpressions:\n      - {key: app, operator: In, values: [payments]}\n"
    assert found(tmp_path, {"k8s/api.yaml": DEPLOY, "k8s/np.yaml": policy(sel)}, RULE) == ["k8s/np.yaml:5:3"]


def test_matching_empty_and_other_namespace_selectors_are_quiet(tmp_path):
    files = {
        "k8s/api.yaml": DEPLOY,
        "k8s/a.yaml": policy("    matchLabels: {app: payments-api}\n", "a"),
        "k8s/b.yaml": policy("    {}\n", "default-deny"),
        "k8s/c.yaml": policy("    matchExpressions: [{key: tier, operator: Exists}]\n", "c"),
        # no pod template in the policy's namespace: its pods may come from outside the repository
        "k8s/d.yaml": policy("    matchLabels: {app: web}\n", "d", ", namespace: shop"),
    }
    assert found(tmp_path, files, RULE) == []
