"""runner-tool-removed: `docker-compose` (Compose v1) on GitHub-hosted images that dropped it
(issue 10, missed on instana/robot-shop's `docker-compose build` on ubuntu-latest). Exact
line and column of the call inside `run:` (plain, block, folded, after `sudo`, in a chain),
flow style, CRLF, every hosted image family, and every case where the tool may be there."""
from __future__ import annotations

import pytest

from helpers import found, run

RULE = "runner-tool-removed"


def wf(steps: str, runs_on: str = "ubuntu-latest", job_extra: str = "") -> dict[str, str]:
    return {".github/workflows/ci.yml": f"on: push\njobs:\n  ci:\n    runs-on: {runs_on}\n{job_extra}    steps:\n{steps}"}


@pytest.mark.parametrize("steps, expect", [
    ("      - run: docker-compose build\n", "6:14"),
    ("      - run: |\n          set -e\n          docker-compose -f ci.yml up -d\n", "8:11"),
    ("      - run: >-\n          sudo docker-compose pull\n", "7:16"),
    ("      - run: sudo -E docker-compose build web\n", "6:22"),
    ("      - run: make deps && docker-compose run --rm tests\n", "6:27"),
    ("      - name: up\n        run: 'DOCKER_BUILDKIT=1 docker-compose build'\n", "7:33"),
    ("      - {name: up, run: docker-compose up -d}\n", "6:25"),
])
def test_reported_at_the_call(tmp_path, steps, expect):
    assert found(tmp_path, wf(steps), RULE) == [f".github/workflows/ci.yml:{expect}"]


@pytest.mark.parametrize("runs_on", ["ubuntu-22.04", "ubuntu-24.04", "[ubuntu-latest]", "windows-latest", "macos-14", "{labels: ubuntu-latest}"])
def test_every_hosted_image(tmp_path, runs_on):
    assert found(tmp_path, wf("      - run: docker-compose build\n", runs_on), RULE) == [".github/workflows/ci.yml:6:14"]


def test_crlf_and_one_finding_per_step(tmp_path):
    files = wf("      - run: |\n          docker-compose build\n          docker-compose up -d\n")
    files = {k: v.replace("\n", "\r\n") for k, v in files.items()}
    assert found(tmp_path, files, RULE) == [".github/workflows/ci.yml:7:11"]


@pytest.mark.parametrize("runs_on, job_extra, steps", [
    ("[self-hosted, linux]", "", "      - run: docker-compose build\n"),
    ("my-runner", "", "      - run: docker-compose build\n"),
    ("{group: builders}", "", "      - run: docker-compose build\n"),
    ("[ubuntu-latest, gpu]", "", "      - run: docker-compose build\n"),
    ("${{ matrix.os }}", "    strategy: {matrix: {os: [ubuntu-latest]}}\n", "      - run: docker-compose build\n"),
    ("ubuntu-latest", "    container: docker/compose:1.29.2\n", "      - run: docker-compose build\n"),
    ("ubuntu-latest", "", "      - run: docker compose build\n"),
    ("ubuntu-latest", "", "      - run: docker-compose build\n        continue-on-error: true\n"),
    ("ubuntu-latest", "", "      - run: sudo apt-get install -y docker-compose\n      - run: docker-compose build\n"),
    ("ubuntu-latest", "", "      - run: |\n          sudo curl -L https://github.com/docker/compose/releases/download/1.29.2/docker-compose-Linux-x86_64 -o /usr/local/bin/docker-compose\n          docker-compose build\n"),
    ("ubuntu-latest", "", "      - uses: KengoTODA/actions-setup-docker-compose@v1\n      - run: docker-compose build\n"),
    ("ubuntu-latest", "", "      - run: |\n          alias docker-compose='docker compose'\n          docker-compose build\n"),
    ("ubuntu-latest", "", "      - run: |\n          if command -v docker-compose; then docker-compose build; else docker compose build; fi\n"),
    ("ubuntu-latest", "", "      - run: echo not docker-compose here\n"),
    ("ubuntu-latest", "", "      - shell: python\n        run: print('docker-compose')\n"),
])
def test_quiet_where_the_tool_may_be_there(tmp_path, runs_on, job_extra, steps):
    assert found(tmp_path, wf(steps, runs_on, job_extra), RULE) == []


def test_a_later_install_does_not_help_an_earlier_call(tmp_path):
    steps = "      - run: docker-compose build\n      - run: pip install docker-compose\n"
    assert found(tmp_path, wf(steps), RULE) == [".github/workflows/ci.yml:6:14"]


def test_composite_action_steps_are_not_judged(tmp_path):
    action = ("name: a\nruns:\n  using: composite\n  steps:\n    - run: docker-compose build\n      shell: bash\n")
    assert found(tmp_path, {".github/actions/a/action.yml": action}, RULE) == []


@pytest.mark.parametrize("runs_on, why", [
    ("ubuntu-latest", "the runner images dropped it in July 2024"),
    ("windows-2022", "the runner images dropped it in July 2024"),
    ("macos-15", "GitHub's macOS images have no Docker at all"),
])
def test_message(tmp_path, runs_on, why):
    res = run(tmp_path, wf("      - run: docker-compose build\n", runs_on), [RULE])
    (f,) = res.findings
    assert f.message == (f"`docker-compose` (Docker Compose v1) is not on GitHub's `{runs_on}` image: {why}, so the "
                         "step fails with \"docker-compose: command not found\"; call Compose v2 as `docker compose` "
                         "(same subcommands and files)")
