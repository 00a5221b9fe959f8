"""What `networkpolicy-selector-no-match` reports (a NetworkPolicy's podSelector matches no
pod template of the repository): exact rule, path, line and column of the first label that
differs (of the podSelector key when its matchExpressions select nothing), when a pod
template near it looks like the one it was meant for; an empty selector selects every pod."""
from __future__ import annotations

import pytest

from helpers import found, run

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


# What the policy that selects nothing does depends on the others (issue 10, the sock shop's
# cart-access selects `name: cart` while cortex-access selects every pod with an empty
# matchLabels): when another policy isolates the intended pods for the same direction, the
# traffic this one meant to allow is refused, and the message says so.
def _run(tmp_path, files):
    res = run(tmp_path, files, [RULE])
    return [(f.path, f.line, f.col, f.message, [(r.path, r.line, r.col) for r in f.related]) for f in res.findings]


ISOLATED = "are isolated by NetworkPolicy 'default-deny', and the ingress traffic these rules were meant to allow is refused"
OPEN = "so its rules isolate nothing and the pods it was written for keep accepting (or sending) all traffic"


@pytest.mark.parametrize("deny", [
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector:\n    matchLabels:\n  ingress:\n  - from: [{podSelector: {matchLabels: {name: cortex}}}]\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny}\nspec: {podSelector: {matchLabels: {tier: backend}}}\n",
])
def test_pods_isolated_by_another_policy(tmp_path, deny):
    files = {"k8s/api.yaml": DEPLOY, "k8s/np.yaml": policy("    matchLabels:\n      app: payments\n"), "k8s/deny.yaml": deny}
    ((path, line, col, message, related),) = _run(tmp_path, files)
    assert (path, line, col) == ("k8s/np.yaml", 7, 12)
    assert "the pods it was probably written for (Deployment/payments) " + ISOLATED in message
    assert related == [("k8s/api.yaml", 7, 16), ("k8s/deny.yaml", 3, 18) if "metadata: {name" in deny else ("k8s/deny.yaml", 4, 9)]


@pytest.mark.parametrize("deny", [
    # egress only, another namespace, other pods
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny}\nspec: {podSelector: {}, policyTypes: [Egress]}\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: other}\nspec: {podSelector: {}}\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny}\nspec: {podSelector: {matchLabels: {tier: frontend}}}\n",
])
def test_pods_not_isolated_by_the_others(tmp_path, deny):
    files = {"k8s/api.yaml": DEPLOY.replace("metadata: {name: payments}", "metadata: {name: payments, namespace: shop}"),
             "k8s/np.yaml": policy("    matchLabels:\n      app: payments\n", extra=", namespace: shop"),
             "k8s/deny.yaml": deny.replace("name: default-deny}", "name: default-deny, namespace: shop}") if "other" not in deny else deny}
    # (the frontend policy selects no pod either: reported on its own)
    ((path, line, col, message, related),) = [r for r in _run(tmp_path, files) if r[0] == "k8s/np.yaml"]
    assert (path, line, col) == ("k8s/np.yaml", 7, 12)
    assert OPEN in message and len(related) == 1
