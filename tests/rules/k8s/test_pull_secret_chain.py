"""Issue 10, family 2: one job token stored in one pull secret is one finding at the place to
fix (the workflow line), with every workload that pulls with it as a related location, in
every output format; the subfolder mode keeps one finding too."""
from __future__ import annotations

from click.testing import CliRunner

from pull_secret_util import FILES
from helpers import chdir, write_files
from okla_lint.cli import cli


def test_text_keeps_and_n_more_of_the_folded_token_finding(tmp_path):
    write_files(tmp_path, FILES)
    with chdir(tmp_path):
        text = CliRunner().invoke(cli, ["check", "--no-cache", "--select", "ephemeral-registry-token,pull-secret-from-ephemeral-token", "."]).stdout
    (line,) = [x for x in text.splitlines() if "[ephemeral-registry-token]" in x]
    assert line.endswith("(workloads that pull their images with it: k8s/api.yaml:9 and 3 more) [ephemeral-registry-token]")
