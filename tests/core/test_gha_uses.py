"""lib/gha/uses.py: full commit SHAs and the version the comment after a SHA pin names."""
from __future__ import annotations

import pytest

from okla_lint.core.located import Span
from okla_lint.lib.gha.uses import is_full_sha, version_comment

SHA = "11bd71901bbe5b1630ceea73d27597364c9af683"


@pytest.mark.parametrize(
    "ref, full",
    [(SHA, True), (SHA.upper(), True), (SHA[:39], False), (SHA + "0", False), ("v4", False), (SHA[:39] + "g", False)],
)
def test_is_full_sha(ref, full):
    assert is_full_sha(ref) is full


def _comment(after: str, value: str = f"a/b@{SHA}", style: str = "") -> tuple[str, str] | None:
    text = f"- uses: {value}{after}\n  with: {{}}\n"
    start = text.index(value)
    span = Span(1, start + 1, 1, start + len(value) + 1, start, start + len(value), style)
    got = version_comment(text, span)
    return None if got is None else (got.version, text[got.start:got.end])


@pytest.mark.parametrize(
    "after, version",
    [
        (" # v4.2.2", "v4.2.2"),
        ("  #v4.2.2", "v4.2.2"),
        (" # 4.2.2", "4.2.2"),
        (" # v4", "v4"),
        (" # 4", "4"),
        (" # tag=v4.2.2", "v4.2.2"),
        (" # tag = v4.2.2", "v4.2.2"),
        (" # pin@v4.2.2", "v4.2.2"),
        (" # version: 4.2.2", "4.2.2"),
        (" # ratchet:actions/checkout@v4", "v4"),
        (" # v1.2.3-rc.1", "v1.2.3-rc.1"),
        (" # v4.2.2 (Oct 2024)", "v4.2.2"),
        (" # v4.2.2, the last with node20", "v4.2.2"),
        (" # v4.2.2\r", "v4.2.2"),
        (" # main", None),
        (" # head as of 2026-03-04", None),
        (" # 2026-03-04", None),
        (" # see #123", None),
        (" # release notes: see v4.2.2", None),
        (" # zizmor: ignore[cache-poisoning] v6.3.0", None),
        (" # v4.2.2-", None),
        (" # v4.2.2_x", None),
        ("", None),
        (" x # v4.2.2", None),
    ],
)
def test_version_comment(after, version):
    got = _comment(after)
    assert got == (None if version is None else (version, version))


def test_version_comment_after_a_quoted_value():
    assert _comment(" # v4.2.2", value=f"'a/b@{SHA}'") == ("v4.2.2", "v4.2.2")


def test_no_version_comment_for_a_block_scalar():
    assert _comment(" # v4.2.2", style="|") is None


def test_major():
    text = f"uses: a/b@{SHA} # v12.3.4\n"
    span = Span(1, 7, 1, 7 + 44, 6, 6 + 44, "")
    got = version_comment(text, span)
    assert got is not None and got.major == 12
