"""The catalogue is read with libyaml (CSafeLoader) for start-up speed; it must read every
entry exactly as the pure-Python safe loader does."""
from __future__ import annotations

import yaml

from okla_lint.core.catalogue import catalogue_dir, read_entry, yaml_loader


def test_libyaml_is_used_when_available():
    if hasattr(yaml, "CSafeLoader"):
        assert yaml_loader() is yaml.CSafeLoader


def test_every_entry_reads_the_same_with_both_loaders():
    paths = sorted(catalogue_dir().glob("*.yaml"))
    assert paths
    for path in paths:
        assert read_entry(path) == read_entry(path, yaml.SafeLoader), path.name
