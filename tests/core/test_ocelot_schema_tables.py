"""lib/ocelot/schema.py: ``lookup``/``ilookup`` answer a key written as in the table without
scanning it (issue 11: the scan was the largest cost on the user's repository); that gives
the scan's answer only because no table holds two keys that differ only in case."""
from __future__ import annotations

from okla_lint.lib.ocelot import schema as S


def _tables():
    yield "TOP", S.TOP
    for group in ("OBJECTS", "LEGACY", "REMOVED", "EXTENSION_KEYS", "DEPRECATED"):
        for name, table in getattr(S, group).items():
            yield f"{group}[{name}]", table


def test_no_table_holds_keys_that_differ_only_in_case():
    for where, table in _tables():
        lows = [k.lower() for k in table]
        assert len(lows) == len(set(lows)), where


def test_lookup_is_case_insensitive_either_way():
    route = S.OBJECTS["Route"]
    assert S.lookup(route, "DownstreamScheme") == ("DownstreamScheme", route["DownstreamScheme"])
    assert S.lookup(route, "downstreamscheme") == ("DownstreamScheme", route["DownstreamScheme"])
    assert S.lookup(route, "Nope") == (None, None)
    assert S.lookup(route, 3) == (None, None)
    legacy = S.LEGACY["Route"]
    k = next(iter(legacy))
    assert S.ilookup(legacy, k.upper()) == S.ilookup(legacy, k) == (k, legacy[k])
