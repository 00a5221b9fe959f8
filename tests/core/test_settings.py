"""Rule selection (core/settings.py): ruff's resolution. The configuration's `select`,
`extend-select` and `ignore`, then the command line's `--extend-select` and `--ignore`
over them (`--select` replaces the configuration's three lists); within one of the two
levels the more specific selector wins (ALL < kind < tag < glob < rule id) and, at equal
specificity, ignore."""
from __future__ import annotations

import pytest

from okla_lint.core.catalogue import load_catalogue
from okla_lint.core.settings import Settings

CAT = load_catalogue()
PRIV = "privileged-container"  # kind kubernetes, tag security, on by default
ADVICE = "resources-missing"  # kind kubernetes, tag advice, off by default


def enabled(**kw) -> set[str]:
    return Settings(**kw).enabled_rules(CAT)


@pytest.mark.parametrize("kw, on", [
    # a rule id beats the kind or tag it belongs to, whichever list holds which
    ({"ignore": ["kubernetes"], "extend_select": [PRIV]}, True),
    ({"ignore": ["security"], "extend_select": [PRIV]}, True),
    ({"select": [PRIV], "ignore": ["ALL"]}, True),
    ({"select": ["kubernetes"], "ignore": [PRIV]}, False),
    ({"select": ["ALL"], "ignore": ["advice"], "extend_select": [ADVICE]}, True),
    ({"select": ["ALL"], "ignore": ["advice"], "extend_select": ["kubernetes"]}, False),
    # a tag beats a kind, a glob beats a tag
    ({"ignore": ["kubernetes"], "extend_select": ["security"]}, True),
    ({"extend_select": ["kubernetes"], "ignore": ["security"]}, False),
    ({"ignore": ["security"], "extend_select": ["privileged-*"]}, True),
    # equal specificity: ignore wins
    ({"extend_select": [PRIV], "ignore": [PRIV]}, False),
    ({"extend_select": ["security"], "ignore": ["security"]}, False),
    # the command line over the file, whatever the file's specificity
    ({"ignore": [PRIV], "cli_extend_select": [PRIV]}, True),
    ({"ignore": [PRIV], "cli_extend_select": ["kubernetes"]}, True),
    ({"extend_select": [PRIV], "cli_ignore": ["kubernetes"]}, False),
    # and within the command line, specificity again
    ({"cli_ignore": ["kubernetes"], "cli_extend_select": [PRIV]}, True),
    ({"cli_ignore": [PRIV], "cli_extend_select": ["kubernetes"]}, False),
    ({"cli_ignore": [PRIV], "cli_extend_select": [PRIV]}, False),
])
def test_the_more_specific_selector_wins_within_a_level(kw, on):
    rule = ADVICE if "advice" in str(kw) else PRIV
    assert (rule in enabled(**kw)) is on


def test_parse_error_is_on_unless_ignored_by_name():
    assert "parse-error" in enabled(ignore=["ALL"])
    assert "parse-error" in enabled(cli_ignore=["ALL"])
    assert "parse-error" in enabled(select=[PRIV])
    assert "parse-error" not in enabled(ignore=["parse-error"])
    assert "parse-error" not in enabled(cli_ignore=["parse-error"])
    assert enabled(select=[PRIV], cli_ignore=["ALL"]) == {"parse-error"}


def test_defaults_are_the_base_without_select():
    on = enabled()
    assert PRIV in on and ADVICE not in on
    assert enabled(extend_select=["advice"]) >= {PRIV, ADVICE}
