"""What `ocelot-global-config-ignored` reports (a GlobalConfiguration in an ocelot.*.json
fragment that AddOcelot merges, where only ocelot.global.json's is used): exact rule, path,
line and column."""
from __future__ import annotations

from helpers import found, run

RULE = "ocelot-global-config-ignored"
GLOBAL = '{\n  "GlobalConfiguration": { "BaseUrl": "https://api.example.com" }\n}\n'
ROUTES = '"Routes": [{"DownstreamPathTemplate": "/a", "DownstreamScheme": "http", "ServiceName": "a", "UpstreamPathTemplate": "/a"}]'


def fragment(global_key: str = '"GlobalConfiguration"', value: str = '{ "RequestIdKey": "X-Id" }') -> str:
    return "{\n  " + ROUTES + ",\n  " + global_key + ": " + value + "\n}\n"


def test_every_fragment_with_settings_is_reported_at_its_key(tmp_path):
    files = {"gw/ocelot.global.json": GLOBAL, "gw/ocelot.orders.json": fragment(),
             "gw/ocelot.users.json": fragment('"globalConfiguration"')}
    assert found(tmp_path, files, RULE) == ["gw/ocelot.orders.json:3:3", "gw/ocelot.users.json:3:3"]


def test_the_related_location_is_the_global_file(tmp_path):
    res = run(tmp_path, {"gw/ocelot.global.json": GLOBAL, "gw/ocelot.orders.json": fragment()}, [RULE])
    [f] = res.findings
    assert [(r.path, r.line, r.col) for r in f.related] == [("gw/ocelot.global.json", 2, 3)]
    assert "ocelot.orders.json" in f.message and "ocelot.global.json" in f.message


def test_crlf_and_comments(tmp_path):
    text = "// orders\r\n" + fragment().replace("\n", "\r\n")
    assert found(tmp_path, {"gw/ocelot.global.json": GLOBAL, "gw/ocelot.orders.json": text}, RULE) == [
        "gw/ocelot.orders.json:4:3"
    ]


def test_quiet_cases(tmp_path):
    # no ocelot.global.json in the folder: nothing shows that AddOcelot merges it (one file
    # may be loaded with AddJsonFile); an empty GlobalConfiguration drops nothing; the
    # global file's own GlobalConfiguration is the one used
    files = {
        "a/ocelot.orders.json": fragment(),
        "b/ocelot.global.json": GLOBAL,
        "b/ocelot.orders.json": fragment(value="{}"),
    }
    assert found(tmp_path, files, RULE) == []
