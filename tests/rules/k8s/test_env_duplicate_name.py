"""What `env-duplicate-name` reports (the same environment variable name is defined twice in
one container): exact rule, path, line and column."""
from __future__ import annotations

from k8s_containers_util import line_of, workload
from _aliases import shared
from helpers import found, lint, locs, write_files


def test_env_redefinition_that_extends_the_earlier_value_is_intended(tmp_path):
    spec = """
    containers:
      - name: a
        image: nginx:1.27
        env:
          - {name: PATH, value: /usr/bin}
          - {name: PATH, value: "$(PATH):/opt/bin"}
          - {name: MODE, value: a}
          - {name: MODE, value: "$(MODE)"}
    """
    text = workload("Pod", spec)
    write_files(tmp_path, {"w.yaml": text})
    line, col = line_of(text, "{name: MODE", 2)
    # the API server does not warn for PATH (extends itself); $(MODE) alone is a plain duplicate
    assert locs(lint(tmp_path, select=["env-duplicate-name"])) == [f"w.yaml:{line}:{col + 7}"]


def test_env_duplicate_name_in_env_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `env` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('env', '[{name: B, value: b}, {name: B, value: c}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'env-duplicate-name') == ['d.yaml:12:53']
