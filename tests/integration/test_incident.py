"""The bundled incident repository: the four defects at their exact places, and none in
the fixed twin."""
from __future__ import annotations


from helpers import ROOT_DIR, chdir, lint, triples
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings

FIXTURES = ROOT_DIR / "fixtures" / "incident"
INCIDENT_RULES = [
    "ephemeral-registry-token",
    "json-comments",
    "env-ref-before-definition",
    "startup-probe-budget",
]


def test_broken_repository_shows_the_four_incident_defects():
    result = lint(FIXTURES / "broken", select=INCIDENT_RULES)
    assert triples(result) == [
        ("env-ref-before-definition", "k8s/chatbotservice.yaml:30:43"),
        ("ephemeral-registry-token", ".github/workflows/deploy-digitalocean.yml:38:31"),
        ("json-comments", "backend/Gateway/Gateway.Api/ocelot.prod.json:10:5"),
        ("json-comments", "backend/Gateway/Gateway.Api/ocelot.prod.json:18:5"),
        ("startup-probe-budget", "k8s/chatbotservice.yaml:42:11"),
    ]
    by_rule = {f.rule: f for f in result.findings}
    assert "5 + 12 x 5 = 65 s" in by_rule["startup-probe-budget"].message
    assert "line 31" in by_rule["env-ref-before-definition"].message
    assert "read:packages" in by_rule["ephemeral-registry-token"].message


def test_fixed_twin_is_clean_under_every_default_rule():
    result = lint(FIXTURES / "fixed")
    assert [f"{f.rule} {f.location()}: {f.message}" for f in result.findings] == []
    assert not result.internal_errors


def test_paths_are_relative_to_the_working_directory():
    with chdir(FIXTURES.parent.parent):
        result = Engine(Settings(select=["json-comments"])).run_paths(["fixtures/incident/broken"])
    assert {f.path for f in result.findings} == {
        "fixtures/incident/broken/backend/Gateway/Gateway.Api/ocelot.prod.json"
    }


def test_broken_repository_full_report_under_default_rules():
    """Every default rule together: the four defects, plus what they break elsewhere (the
    ConfigMap step shipping the commented JSON, the stale ConfigMap manifest). The pull
    secret's token chain is one finding, at the workflow line that stores the token, with the
    workloads that pull with it as related locations (issue 10, family 2)."""
    result = lint(FIXTURES / "broken")
    assert not result.internal_errors
    assert triples(result) == [
        ("configmap-drift", "k8s/gateway-config.yaml:9:17"),
        ("configmap-json-comments", ".github/workflows/deploy-digitalocean.yml:44:37"),
        ("env-ref-before-definition", "k8s/chatbotservice.yaml:30:43"),
        ("ephemeral-registry-token", ".github/workflows/deploy-digitalocean.yml:38:31"),
        ("json-comments", "backend/Gateway/Gateway.Api/ocelot.prod.json:10:5"),
        ("json-comments", "backend/Gateway/Gateway.Api/ocelot.prod.json:18:5"),
        ("registry-username-actor", ".github/workflows/deploy-digitalocean.yml:37:31"),
        ("startup-probe-budget", "k8s/chatbotservice.yaml:42:11"),
    ]
    chain = next(f for f in result.findings if f.rule == "ephemeral-registry-token")
    assert [(r.path, r.line, r.col) for r in chain.related] == [
        ("k8s/billingservice.yaml", 19, 17),
        ("k8s/chatbotservice.yaml", 19, 17),
        ("k8s/vehiclessaleservice.yaml", 19, 17),
    ]
    assert chain.message.endswith("(workloads that pull their images with it: k8s/billingservice.yaml:19 and 2 more)")


def test_token_chain_alone_is_one_pull_secret_finding():
    """Without ephemeral-registry-token (for example `--select kubernetes`), the chain is one
    pull-secret-from-ephemeral-token finding at the Secret's name in the workflow."""
    result = lint(FIXTURES / "broken", select=["pull-secret-from-ephemeral-token"])
    assert triples(result) == [("pull-secret-from-ephemeral-token", ".github/workflows/deploy-digitalocean.yml:35:49")]
    (f,) = result.findings
    assert len(f.related) == 3 and "Deployment/okla/billingservice and 2 more workloads pull" in f.message
