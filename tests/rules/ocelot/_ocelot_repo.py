"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_repo.py): ``MINE``, ``PROD``, ``REPO``, ``SELECT``, ``_mine``."""
from __future__ import annotations

from helpers import ROOT_DIR, triples


REPO = ROOT_DIR / "fixtures" / "ocelot" / "repo"


PROD = "backend/Gateway/Gateway.Api/ocelot.prod.json"


SELECT = ["ocelot", "gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero", "configmap-drift"]


MINE = {
    "gateway-route-no-service",
    "gateway-route-port-mismatch",
    "gateway-route-scaled-to-zero",
    "configmap-drift",
}


def _mine(result):
    return [t for t in triples(result) if t[0].startswith("ocelot-") or t[0] in MINE]
