"""What `env-duplicate-name` reports (the same environment variable name is defined twice in
one container): exact rule, path, line and column."""
from __future__ import annotations

from _containers import line_of, workload
from helpers import lint, locs, write_files


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
