"""The shipped table of popular actions (okla_lint/data/popular_actions.json) holds together."""
from __future__ import annotations

from okla_lint.lib.gha.popular import DATA, major_of, resolve, table, tags_of, version_key


def test_the_table_ships_inside_the_package():
    assert DATA.is_file() and DATA.parent.name == "data" and DATA.parent.parent.name == "okla_lint"


def test_every_action_names_a_repository_and_its_major_versions_exist():
    data = table()
    for key, entry in data["actions"].items():
        info = data["repos"][entry["repo"]]
        assert key.lower().startswith(entry["repo"].lower())
        for major, spec in entry["majors"].items():
            latest = spec["latest"]
            assert latest in info["tags"] or latest in info.get("branches", []), (key, major)
            assert major_of(latest) == major
            for name, flags in spec["inputs"].items():
                assert set(flags) <= {"required", "deprecated", "deprecated_since"}, (key, name)
                if "deprecated" in flags:
                    assert major_of(flags["deprecated_since"]) == major


def test_retired_and_archived_entries_name_known_things():
    data = table()
    for r in data["retired"]:
        assert r["action"] in data["actions"]
        for major, tag in r.get("below", {}).items():
            assert major_of(tag) == major
        assert set(r.get("tags", ())) <= set(tags_of(data["actions"][r["action"]]["repo"]))
    assert all(name == name.lower() and name.count("/") == 1 for name in data["archived"])
    assert {"node12", "node16"} == set(data["outdated_runtimes"])


def test_floating_tags_sort_after_their_releases():
    assert version_key("v4.2.1") < version_key("v4") and version_key("v4.1") < version_key("v4")
    assert version_key("v4.10.0") > version_key("v4.9.3")


def test_resolution():
    assert resolve("actions/checkout@v4").tag == "v4"
    assert resolve("ACTIONS/Checkout@v4").key == "actions/checkout"
    assert resolve("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683").tag == "v4.2.2"
    assert resolve("actions/cache/restore@v4").key == "actions/cache/restore"
    assert resolve("actions/cache/nope@v4") is None
    assert resolve("actions/checkout@releases/v4") is None
    assert resolve("pnpm/action-setup@v4").major == "4"  # a branch
