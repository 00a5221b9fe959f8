"""Library values the rules build on: Kubernetes quantities (lib/k8s/podutil.parse_quantity)
and names that look like secrets (lib/common/credentials.secret_like_name)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from okla_lint.lib.common.credentials import secret_like_name
from okla_lint.lib.k8s.podutil import parse_quantity


@pytest.mark.parametrize(
    "text, value",
    [
        ("100m", Decimal("0.1")),
        ("1", Decimal(1)),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("+1Ki", Decimal(1024)),
        ("128Mi", Decimal(128 * 2**20)),
        ("1e3", Decimal(1000)),
        ("1E3", Decimal(1000)),
        ("2E", Decimal(2 * 10**18)),  # exa, not an exponent
        ("1.5Gi", Decimal(int(1.5 * 2**30))),
        ("100M", Decimal(10**8)),
        ("500u", Decimal("0.0005")),
        (2, Decimal(2)),
        (0.25, Decimal("0.25")),
        ("-1", Decimal(-1)),
    ],
)
def test_quantities_parse(text, value):
    q = parse_quantity(text)
    assert q is not None and q[0] == value


@pytest.mark.parametrize("text", ["512MB", "1 Gi", "1gi", "0.5cpu", "", "Mi", "1.2.3", "1e", "1Ki1", True, None, "1KI", "1K"])
def test_invalid_quantities(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    "name, secret",
    [
        ("DB_PASSWORD", True),
        ("dbPassword", True),
        ("API_KEY", True),
        ("OPENAI_API_KEY", True),
        ("AWS_SECRET_ACCESS_KEY", True),
        ("GITHUB_TOKEN", True),
        ("CLIENT_SECRET", True),
        ("DB_PWD", True),
        ("PWD", False),
        ("DB_PASSWORD_FILE", False),
        ("TOKEN_URL", False),
        ("JWT_SECRET_NAME", False),
        ("TOKEN_TTL", False),
        ("KEYCLOAK_URL", False),
        ("MONKEY", False),
        ("PASSWORD_MIN_LENGTH", False),
        ("Token__Expiry", False),
        ("DB_PASSWORD_SECRET", False),
        ("SESSION_SECRET", True),
    ],
)
def test_secret_like_names(name, secret):
    assert secret_like_name(name) is secret
