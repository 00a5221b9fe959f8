"""What `ocelot-load-balancer-type-typo` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


@pytest.mark.parametrize("lb, n", [("leastconnection", 1), ("CookieStickySession", 1), ("NoLoadBalancer", 0), ("MyBalancer", 0)])
def test_load_balancer_type_in_route_and_global(tmp_path, lb, n):
    cfg = {"Routes": [route(LoadBalancerOptions={"Type": lb})], "GlobalConfiguration": {"LoadBalancerOptions": {"Type": lb}}}
    res = run_config(tmp_path, "ocelot-load-balancer-type-typo", cfg)
    assert len(findings(res, "ocelot-load-balancer-type-typo")) == 2 * n
