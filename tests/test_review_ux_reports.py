"""Review (user experience): what the linted files contain never reaches a terminal, a CI
log or an XML parser as raw control characters."""
from __future__ import annotations

import xml.dom.minidom

import pytest

from integration_util import run, write_files

# a Pod whose name sets the terminal's title and clears the screen, a container name
# with a newline (which would split a finding into two lines for a problem matcher)
HOSTILE = """apiVersion: v1
kind: Pod
metadata: {name: "x\\e[2J\\e]0;pwned\\a"}
spec:
  containers:
    - name: "a\\nb"
      image: "nginx\\e[31m"
"""


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_control_characters_of_the_input_are_escaped_in_every_human_facing_format(tmp_path, fmt):
    write_files(tmp_path, {"pod.yaml": HOSTILE})
    code, out, _ = run(["check", "--isolated", "--select", "bare-pod,image-mutable-tag", "--format", fmt,
                        "--color", "never", "."], tmp_path)
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "x\\x1b[2J\\x1b]0;pwned\\x07" in out
    if fmt == "text":
        lines = out.splitlines()
        assert len(lines) == 2 and all(ln.startswith("pod.yaml:") for ln in lines)
    if fmt == "junit":
        xml.dom.minidom.parseString(out.encode("utf-8"))  # well-formed XML 1.0


def test_colour_codes_of_the_text_format_itself_survive(tmp_path):
    write_files(tmp_path, {"pod.yaml": HOSTILE})
    code, out, _ = run(["check", "--isolated", "--select", "bare-pod", "--color", "always", "."], tmp_path)
    assert out.startswith("\x1b[1mpod.yaml:2:7\x1b[0m: \x1b[36minfo\x1b[0m: ")
    assert "pwned\\x07" in out and "\x07" not in out
