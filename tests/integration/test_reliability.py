"""Issue 12: what a hostile-input attack found, each attack kept as a test of the real thing
(real device nodes, FIFOs, /dev/full, closed pipes, real processes where it matters)."""
from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from integration_util import DEPLOYMENT, run, run_process
from helpers import write_files
from okla_lint.core.io import NotAFile, write_output_atomically

ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX special files")


def _null_device(tmp_path: Path) -> Path:
    """A character device node made by the test: the same device as /dev/null (1, 3),
    never the real /dev/null."""
    dev = tmp_path / "null"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return dev


def _project(tmp_path: Path) -> Path:
    write_files(tmp_path, {"deploy/web.yaml": DEPLOYMENT})
    return tmp_path


# -- 1. output writes -----------------------------------------------------------------
@ROOT_ONLY
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_to_a_device_node_writes_through_it_and_keeps_it(tmp_path, option):
    dev = _null_device(tmp_path)
    code, _, err = run(["check", "-q", "deploy", option, str(dev)], _project(tmp_path))
    assert code in (0, 1), err
    assert stat.S_ISCHR(os.lstat(dev).st_mode)  # still the device, not a regular file
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".null")] == []  # no temporary left


@ROOT_ONLY
def test_writing_a_full_device_is_an_io_error_not_a_replacement(tmp_path):
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # the /dev/full device
    code, _, err = run(["check", "-q", "deploy", "-o", str(full)], _project(tmp_path))
    assert code == 2 and "No space left on device" in err
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@POSIX
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_to_a_fifo_with_a_reader_is_written_in_place(tmp_path, option):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # the reader's end, opened first (non-blocking: no writer yet); the report is smaller
    # than the pipe's buffer, so the write completes before anything is read
    rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = run(["check", "-q", "--format", "json", "deploy", option, str(fifo)], _project(tmp_path))
        got = [os.read(rfd, 1 << 20)]
    finally:
        os.close(rfd)
    assert code in (0, 1), err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    doc = json.loads(b"".join(got))
    assert "findings" in doc


@POSIX
def test_output_to_a_fifo_without_a_reader_is_refused_not_blocking(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    code, _, err = run(["check", "-q", "deploy", "-o", str(fifo)], _project(tmp_path))
    assert code == 2
    assert f"--output: cannot write {fifo}: a FIFO (named pipe) with no reader" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@POSIX
def test_output_to_a_socket_or_folder_is_refused(tmp_path):
    sock_path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(sock_path))
        code, _, err = run(["check", "-q", "deploy", "--write-baseline", str(sock_path)], _project(tmp_path))
    finally:
        s.close()
    assert code == 2 and "a socket; refusing to write over it" in err
    with pytest.raises(NotAFile, match="a folder"):
        write_output_atomically(tmp_path / "deploy", "x")


def test_regular_file_is_replaced_atomically_with_its_mode(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    inode = os.stat(target).st_ino
    write_output_atomically(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert os.stat(target).st_ino != inode  # renamed over, not truncated in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@POSIX
def test_symlink_is_followed_and_kept_and_confined(tmp_path):
    project, outside = tmp_path / "p", tmp_path / "outside"
    project.mkdir(), outside.mkdir()
    (outside / "real.yaml").write_text("a: 1\n")
    (project / "inside.yaml").write_text("a: 1\n")
    (project / "link.yaml").symlink_to(project / "inside.yaml")
    (project / "escape.yaml").symlink_to(outside / "real.yaml")
    write_output_atomically(project / "link.yaml", "a: 2\n", confine_to=project)
    assert (project / "link.yaml").is_symlink() and (project / "inside.yaml").read_text() == "a: 2\n"
    with pytest.raises(NotAFile, match="leads out of"):
        write_output_atomically(project / "escape.yaml", "a: 3\n", confine_to=project)
    assert (outside / "real.yaml").read_text() == "a: 1\n"


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "r.json"

    def boom(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_output_atomically(target, "{}")
    assert list(tmp_path.iterdir()) == []


# -- 3. standard input has the same size limit as a path ------------------------------
def test_stdin_over_max_file_size_is_refused_like_the_path(tmp_path):
    big = "a: " + "x" * 5000 + "\n"
    write_files(tmp_path, {".okla-lint.yaml": "max-file-size: 1000\n", "big.yaml": big})
    code, out, _ = run(["check", "--format", "json", "big.yaml"], tmp_path)
    (as_path,) = json.loads(out)["findings"]
    code2, out2, _ = run(["check", "--format", "json", "--stdin-filename", "big.yaml"], tmp_path, input=big)
    (as_stdin,) = json.loads(out2)["findings"]
    assert code == code2 == 1
    assert as_stdin["rule"] == as_path["rule"] == "parse-error"
    assert "over the 1000-byte limit; it was not linted" in as_stdin["message"]


def test_stdin_reads_at_most_the_limit_plus_one_byte(tmp_path):
    """A real process reading an endless stream: it stops after max-file-size + 1 bytes."""
    write_files(tmp_path, {".okla-lint.yaml": "max-file-size: 4096\n"})
    p = subprocess.Popen([sys.executable, "-m", "okla_lint", "check", "-q", "-"], cwd=tmp_path,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sent = 0
    try:
        chunk = b"a: " + b"x" * 1021 + b"\n"
        while sent < 64 * 1024 * 1024:  # would take far more memory if read whole
            p.stdin.write(chunk)
            sent += len(chunk)
    except BrokenPipeError:
        pass
    out, _ = p.communicate(timeout=60)
    assert p.returncode == 1
    assert b"over the 4096-byte limit" in out
    assert sent < 64 * 1024 * 1024  # the reader stopped early and closed its end


def test_stdin_invalid_utf8_is_a_parse_error_as_for_a_path(tmp_path):
    # (CliRunner encodes text input as UTF-8: real bytes go through a process)
    p = subprocess.run([sys.executable, "-m", "okla_lint", "check", "--format", "json", "-"], cwd=tmp_path,
                       input=b"a: b\xff\n", capture_output=True, timeout=60)
    (f,) = json.loads(p.stdout)["findings"]
    assert (f["rule"], f["line"], f["column"]) == ("parse-error", 1, 5)
    assert "invalid UTF-8" in f["message"]


# -- 4. absurd numbers in the configuration --------------------------------------------
@pytest.mark.parametrize("value, expect", [
    ("99999999999999999999999", "greater than the maximum"),
    ("-1", "less than the minimum"),
    ("0", "less than the minimum"),
    ("1.5", "is not of type 'integer'"),
    (".inf", "is not of type 'integer'"),
    ("'10'", "is not of type 'integer'"),
])
def test_max_file_size_out_of_range_is_a_configuration_error(tmp_path, value, expect):
    write_files(tmp_path, {".okla-lint.yaml": f"fail-on: error\nmax-file-size: {value}\n", "a.yaml": "a: 1\n"})
    code, _, err = run(["check", "a.yaml"], tmp_path)
    assert code == 2
    assert ".okla-lint.yaml:2:16: error: `max-file-size`: " in err and expect in err
    assert "internal error" not in err


def test_huge_max_file_size_in_pyproject_is_a_configuration_error(tmp_path):
    write_files(tmp_path, {"pyproject.toml": "[tool.okla-lint]\nmax-file-size = 99999999999999999999999\n",
                           "a.yaml": "a: 1\n"})
    code, _, err = run(["check", "a.yaml"], tmp_path)
    assert code == 2 and "pyproject.toml:2:1: error: `max-file-size`: 99999999999999999999999 is greater" in err


@pytest.mark.parametrize("rule, param", [("startup-probe-budget", "min-seconds"),
                                         ("resources-quantity-suspicious", "max-cpu")])
@pytest.mark.parametrize("value", ["99999999999999999999999", "-5", ".inf", "-.inf"])
def test_numeric_rule_parameters_out_of_range_are_configuration_errors(tmp_path, rule, param, value):
    write_files(tmp_path, {".okla-lint.yaml": f"params:\n  {rule}:\n    {param}: {value}\n", "a.yaml": "a: 1\n"})
    code, _, err = run(["check", "a.yaml"], tmp_path)
    assert code == 2
    assert f".okla-lint.yaml:3:{len(param) + 7}: error: `params.{rule}.{param}` must be a number from 0 to 1000000000" in err


def test_every_numeric_setting_is_bounded():
    """Every numeric setting and rule parameter, present and future, refuses absurd values
    with a configuration error (no hard-coded list: a new parameter is covered or fails)."""
    from okla_lint.config import SCHEMA, ConfigError, ConfigFile, validate
    from okla_lint.core.catalogue import load_catalogue

    numeric = {k for k, v in SCHEMA["properties"].items() if v.get("type") in ("integer", "number")}
    assert numeric == {"max-file-size"} and "maximum" in SCHEMA["properties"]["max-file-size"]
    catalogue = load_catalogue()
    params = sorted((rid, k) for rid, d in catalogue.items() for k, v in d.params.items()
                    if isinstance(v, (int, float)) and not isinstance(v, bool))
    assert ("startup-probe-budget", "min-seconds") in params
    for rid, k in params:
        for bad in (-1, 10**30, float("inf")):
            data = {"params": {rid: {k: bad}}}
            with pytest.raises(ConfigError, match="must be a number from 0 to"):
                validate(ConfigFile(Path(".okla-lint.yaml"), data, None, ""), catalogue)


# -- 5. special files named explicitly --------------------------------------------------
@POSIX
def test_fifo_named_explicitly_is_reported_and_never_opened(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    write_files(tmp_path, {"deploy/web.yaml": DEPLOYMENT})
    # a real process with a timeout: a read would block forever
    code, out, err = run_process(["check", "--format", "json", "pipe.yaml", "deploy/web.yaml"], tmp_path)
    assert code == 1, err
    got = {(f["path"], f["rule"]): f for f in json.loads(out)["findings"]}
    f = got[("pipe.yaml", "parse-error")]
    assert (f["line"], f["column"]) == (1, 1)
    assert f["message"] == "this is a FIFO (named pipe), not a file; it was not read"
    assert ("deploy/web.yaml", "env-ref-before-definition") in got


@POSIX
def test_socket_named_explicitly_is_reported(tmp_path):
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(tmp_path / "s.yaml"))
    try:
        code, out, _ = run(["check", "--format", "json", "s.yaml"], tmp_path)
    finally:
        s.close()
    (f,) = json.loads(out)["findings"]
    assert f["message"] == "this is a socket, not a file; it was not read"


@ROOT_ONLY
def test_device_named_explicitly_is_reported_not_read(tmp_path):
    dev = tmp_path / "zero.yaml"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero: endless
    code, out, _ = run(["check", "--format", "json", "zero.yaml"], tmp_path)
    (f,) = json.loads(out)["findings"]
    assert code == 1 and f["message"] == "this is a character device, not a file; it was not read"


@POSIX
def test_file_swapped_for_a_fifo_after_the_stat_is_not_read(tmp_path, monkeypatch):
    """The race guard: the descriptor is opened non-blocking and checked again."""
    from okla_lint.core import io

    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(io.os, "stat", lambda p, *a, **k: real_stat(__file__))  # "a regular file"
    with pytest.raises(NotAFile, match="FIFO"):
        io.open_regular(fifo)


@POSIX
def test_folder_scan_skips_special_files(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    write_files(tmp_path, {"deploy/web.yaml": DEPLOYMENT})
    code, out, err = run_process(["check", "--format", "json", "."], tmp_path)
    assert code == 1 and {f["path"] for f in json.loads(out)["findings"]} == {"deploy/web.yaml"}


# -- 6. unreadable folders ---------------------------------------------------------------
def _assert_unreadable_is_an_error(code, out, err, where):
    assert code == 2, (out, err)
    assert f"okla-lint: error: cannot read folder {where}: Permission denied" in err
    assert "0 findings in 0 files" not in err or code == 2


@POSIX
def test_unreadable_folder_is_an_error_exit_2(tmp_path, monkeypatch):
    write_files(tmp_path, {"k8s/ok.yaml": DEPLOYMENT, "k8s/secret/web.yaml": DEPLOYMENT})
    locked = tmp_path / "k8s" / "secret"
    if os.geteuid() != 0:
        os.chmod(locked, 0)  # the real thing
    else:  # root reads everything: make scandir fail as it does for other users
        real_scandir = os.scandir

        def scandir(path="."):
            if os.path.abspath(os.fspath(path)).endswith(os.sep + os.path.join("k8s", "secret")):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, out, err = run(["check", "--format", "sarif", "k8s"], tmp_path)
    finally:
        os.chmod(locked, 0o755)
    _assert_unreadable_is_an_error(code, out, err, "k8s/secret")
    inv = json.loads(out)["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "cannot read folder k8s/secret" in inv["toolExecutionNotifications"][0]["message"]["text"]
    # the readable part is still linted, and excluding the folder is the way to skip it
    assert any(r["ruleId"] == "env-ref-before-definition" for r in json.loads(out)["runs"][0]["results"])
    write_files(tmp_path, {".okla-lint.yaml": "exclude: [k8s/secret]\n"})
    code, out, err = run(["check", "-q", "k8s"], tmp_path)
    assert code == 1 and "cannot read" not in err


@POSIX
def test_folder_listed_but_not_entered_is_an_error(tmp_path, monkeypatch):
    """r-- without x: names are listed, the files cannot be opened or stat'ed."""
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT})
    from okla_lint.core import discover

    real_stat = os.stat

    def fake_stat(p, *a, **k):
        if os.fspath(p).endswith("web.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(p))
        return real_stat(p, *a, **k)

    monkeypatch.setattr(discover.os, "stat", fake_stat)
    code, out, err = run(["check", "-q", "k8s"], tmp_path)
    assert code == 2 and "cannot read k8s/web.yaml: Permission denied; it was not linted" in err


# -- 7. full disk and closed pipes on standard output ----------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_on_stdout_is_an_io_error(tmp_path):
    _project(tmp_path)
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "okla_lint", "check", "deploy"], cwd=tmp_path,
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr.strip() == "okla-lint: error: cannot write to standard output: No space left on device"


@POSIX
def test_closed_pipe_on_stdout_exits_quietly(tmp_path):
    """`okla-lint check | head -1`: no traceback, no message, exit 141 (as cat or grep
    killed by SIGPIPE)."""
    body = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}, name: d{i}}}\n" for i in range(1200))
    write_files(tmp_path, {"many.yaml": body})
    p = subprocess.Popen([sys.executable, "-m", "okla_lint", "check", "--isolated", "many.yaml"], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141
    assert first and err == b""


# -- found by the fuzzer ------------------------------------------------------------------
@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_separators_do_not_shift_positions(tmp_path, brk):
    """libyaml breaks lines at NEL, LS and PS; editors and reports do not: a finding after
    one is on the line an editor shows."""
    from helpers import lint, locs

    write_files(tmp_path, {"a.yaml": f"a: x{brk}y\nb: 1\nb: 2\n"})
    r = lint(tmp_path, select=["duplicate-key"])
    assert locs(r) == ["a.yaml:2:1"]  # (libyaml counts 3)
    write_files(tmp_path, {"a.yaml": f"k:\n  a: x{brk}  b: ]\n"})
    r = lint(tmp_path, select=["parse-error"])
    assert locs(r) == ["a.yaml:2:13"]  # the `]`


# -- 2. masking by construction: planted secrets in every format --------------------------
TOKEN = "ghp_R8x2Kq9Lm4Vt7Zp1Wn6Yc3Hb5Jd0Fs2Ga8Qe"
AWS = "AKIAZ7Q3K9M2X4B8N6LP"
PASSWORD = "hunter2-Sup3rS3cret"
URL_PW, CONN_PW = "p4ssW0rdInUrl", "C0nnStr1ngPwd"
PEM_BODY = ("MIIEowIBAAKCAQEAx4Zq8V2mK9pL3rT7wYbN5cQ1hJ6fD0sG8eU2iO4aR9tW3yXvB7nM",
            "Lq2Zt8Vw3Xy7Nb4Rc1Pd6Se9Tf0Ug5Hh2Ji8Kk3Ll7Mm1Nn4Oo6Pp9Qq2Rr5Ss8Tt0Uu")
RAW = [TOKEN[4:], AWS[4:], PASSWORD, URL_PW, CONN_PW, *PEM_BODY]

PLANTED = {
    # script-injection on a run: line that also holds a token
    ".github/workflows/ci.yml": (
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n"
        f"          echo \"${{{{ github.event.issue.title }}}}\" && curl -H \"Authorization: token {TOKEN}\" https://api.github.com\n"
    ),
    # ocelot-unknown-key on a key whose value is a token, and a misspelt password key
    "ocelot.json": (
        '{"Routes": [{"DownstreamPathTemplate": "/a", "UpstreamPathTemplate": "/a", "DownstreamScheme": "http",\n'
        f'  "AuthTokn": "{TOKEN}", "Passwordd": "{PASSWORD}",\n'
        '  "DownstreamHostAndPorts": [{"Host": "a.example.org", "Port": 80}]}]}\n'
    ),
    # parse errors on lines holding secrets, YAML and JSON
    "broken.yaml": f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata:\n  a: b: password={PASSWORD} {TOKEN}\n",
    "broken.json": ('{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"},\n'
                    f' "stringData": {{"password": "{PASSWORD}" "aws": "{AWS}"}}}}\n'),
    # a password beside a token on one line; URL and connection-string passwords
    "pod.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n"
        "      env:\n"
        f"        - {{name: API, value: \"{TOKEN}\", password: {PASSWORD}}}\n"
        f"        - {{name: DB_URL, value: \"postgres://admin:{URL_PW}@db:5432/x\"}}\n"
        f"        - {{name: CONN, value: \"Server=db;User Id=sa;Password={CONN_PW};\"}}\n"
        "        - name: DB_PASSWORD\n"
        f"          value: {PASSWORD}\n"
    ),
    # a private key whose body line is a syntax error
    "key.yaml": ("apiVersion: v1\nkind: Secret\nmetadata: {name: k}\nstringData:\n  tls.key: |\n"
                 f"    -----BEGIN RSA PRIVATE KEY-----\n    {PEM_BODY[0]}\n  ]{PEM_BODY[1]}\n"),
}


def _no_raw_secret(text: str, where: str) -> None:
    leaked = [s for s in RAW if s in text]
    assert not leaked, f"{where} repeats {leaked}"


@pytest.fixture
def planted(tmp_path):
    write_files(tmp_path, PLANTED)
    return tmp_path


def _formats() -> list[str]:
    from okla_lint.report import FORMATS

    return sorted(FORMATS)


@pytest.mark.parametrize("fmt", _formats())
def test_planted_secrets_never_reach_a_report(planted, fmt):
    code, out, err = run(["check", "--isolated", "--select", "ALL", "--format", fmt, "."], planted)
    assert code == 1, err
    _no_raw_secret(out, f"--format {fmt}")
    _no_raw_secret(err, "standard error")


def test_sarif_snippets_of_every_rule_are_masked(planted):
    code, out, _ = run(["check", "--isolated", "--select", "ALL", "--format", "sarif", "."], planted)
    results = json.loads(out)["runs"][0]["results"]
    snippets = {}
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        key = (r["ruleId"], loc["artifactLocation"]["uri"], loc["region"]["startLine"])
        snippets[key] = loc["region"]["snippet"]["text"]
    masked_token = "ghp_R8****** (40 characters)"
    assert masked_token in snippets[("script-injection", ".github/workflows/ci.yml", 7)]
    assert snippets[("ocelot-unknown-key", "ocelot.json", 2)] == '"AuthTokn": "****", "Passwordd": "****",'
    assert snippets[("parse-error", "broken.yaml", 5)] == f"a: b: password=**** {masked_token}"
    assert snippets[("parse-error", "broken.json", 2)] == '"stringData": {"password": "****" "aws": "AKIAZ7****** (20 characters)"}}'
    # the password beside the token the credential rule masks, whichever rule reports the line
    line9 = {rule: text for (rule, path, line), text in snippets.items() if path == "pod.yaml" and line == 9}
    assert line9 and all(PASSWORD not in t and masked_token in t for t in line9.values()), line9
    assert snippets[("parse-error", "key.yaml", 8)] == "]****"


def test_statistics_and_baselines_never_repeat_a_secret(planted):
    code, out, err = run(["check", "--isolated", "--select", "ALL", "--statistics", "."], planted)
    assert code == 1 and "script-injection" in out
    _no_raw_secret(out + err, "--statistics")
    code, _, err = run(["check", "--isolated", "--select", "ALL", "--write-baseline", "bl.json", "."], planted)
    assert code == 0, err
    _no_raw_secret((planted / "bl.json").read_text(), "the baseline")
    # and the baseline still matches: nothing new on the next run
    code, out, _ = run(["check", "--isolated", "--select", "ALL", "--baseline", "bl.json", "--format", "json", "."], planted)
    assert json.loads(out)["findings"] == []


def test_internal_error_messages_are_masked(planted, monkeypatch):
    from okla_lint.core import registry

    def broken(ctx, unit):
        raise ValueError(f"cannot handle token={TOKEN} `password: {PASSWORD}`")

    chk = registry.Check(rules=("parse-error",), hook="file", func=broken)
    monkeypatch.setattr(registry, "all_checks", lambda: [chk])
    from okla_lint.core import engine

    monkeypatch.setattr(engine, "all_checks", lambda: [chk])
    code, out, err = run(["check", "--isolated", "--format", "sarif", "broken.yaml"], planted)
    assert code == 2 and "internal error in" in err and "ghp_R8******" in err
    _no_raw_secret(out + err, "internal errors")


# -- 8. memory bounded by input ----------------------------------------------------------
# Peak RSS of a real process, less that of the same run on a tiny input, must stay under
# 30x the bytes read (and under 1 GB). CI runs small inputs; the issue's sizes (a 10 MB
# workflow of 2,000 jobs each needing every earlier one, 100,000 tiny documents) run with
#     OKLA_MEMORY_FULL=1 python -m pytest -q tests/integration/test_reliability.py -k memory
FULL = bool(os.environ.get("OKLA_MEMORY_FULL"))
_MEASURE = (
    "import resource, sys\n"
    "from okla_lint.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "sys.stderr.write('MAXRSS=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def _peak_kib(args: list[str], cwd: Path) -> int:
    p = subprocess.run([sys.executable, "-c", _MEASURE, *args], cwd=cwd, capture_output=True, text=True, timeout=3600)
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr[-2000:]
    return int(p.stderr.rsplit("MAXRSS=", 1)[1].split()[0])


def _workflow(jobs: int) -> str:
    out = ["on: push", "jobs:"]
    for i in range(jobs):
        out += [f"  j{i}:", "    runs-on: ubuntu-latest"]
        if i:
            out.append("    needs: [" + ",".join(f"j{k}" for k in range(i)) + "]")
        out += ["    steps:", "      - run: echo hi"]
    return "\n".join(out) + "\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
@pytest.mark.parametrize("case", ["needs", "documents"])
def test_memory_is_bounded_by_the_input(tmp_path, case):
    if case == "needs":
        name, text = ".github/workflows/big.yml", _workflow(2000 if FULL else 250)
        small = _workflow(3)
        # CI: jsonschema's time on 30,000 `needs` items is not what this measures
        extra = [] if FULL else ["--ignore", "workflow-schema"]
    else:
        name, text = "many.yaml", "".join(f"---\na{i % 10}: {i}\n" for i in range(100_000 if FULL else 30_000))
        small = "---\na0: 0\n---\na1: 1\n"
        extra = []
    size = len(text.encode())
    assert size <= 10 * 1024 * 1024
    args = ["check", "--isolated", "--select", "ALL", *extra, "-q", "--exit-zero", "."]
    write_files(tmp_path / "small", {name: small})
    write_files(tmp_path / "big", {name: text})
    base = _peak_kib(args, tmp_path / "small")
    peak = _peak_kib(args, tmp_path / "big")
    grown = (peak - base) * 1024
    assert grown <= 30 * size + 4 * 1024 * 1024, f"{case}: {grown / 2**20:.1f} MiB for {size / 2**20:.2f} MiB read"
    assert peak * 1024 < 1 << 30


def test_full_format_code_frame_is_masked_and_its_caret_follows(planted):
    code, out, _ = run(["check", "--isolated", "--select", "k8s-schema", "--output-format", "full", "pod.yaml"], planted)
    lines = out.splitlines()
    i = lines.index('9 |         - {name: API, value: "ghp_R8****** (40 characters)", password: ****}')
    caret = lines[i + 1]
    assert caret.index("^") == lines[i].index("password") and caret.count("^") == len("password")


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_output_to_dev_stdout_writes_through_the_open_descriptor(tmp_path):
    """`-o /dev/stdout` into a pipe, and into a file opened for appending (`>> log`):
    written through the descriptor, never renamed over (the rename failed in a pipe and
    dropped what `>>` had kept)."""
    _project(tmp_path)
    args = [sys.executable, "-m", "okla_lint", "check", "-q", "--format", "json", "-o", "/dev/stdout", "deploy"]
    p = subprocess.run(args, cwd=tmp_path, capture_output=True, timeout=120)
    assert p.returncode == 1 and json.loads(p.stdout)["findings"], p.stderr
    log = tmp_path / "log.txt"
    log.write_text("kept\n")
    with open(log, "ab") as fh:
        p = subprocess.run(args, cwd=tmp_path, stdout=fh, stderr=subprocess.PIPE, timeout=120)
    assert p.returncode == 1, p.stderr
    text = log.read_text()
    assert text.startswith("kept\n") and json.loads(text[len("kept\n"):])["findings"]


def test_service_with_an_empty_spec_behind_an_ingress_is_no_internal_error(tmp_path):
    """Fuzzer, seed 300 example 355: a truncated Service (`spec:` and nothing after)."""
    from helpers import lint

    write_files(tmp_path, {
        "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n",
        "ing.yaml": ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n"
                     "    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
                     "            backend: {service: {name: api, port: {number: 80}}}\n"),
    })
    r = lint(tmp_path, select=["ALL"])
    assert r.internal_errors == []
    (f,) = [f for f in r.findings if f.rule == "ingress-backend-port-missing"]
    assert (f.path, f.line, f.related[0].path, f.related[0].line) == ("ing.yaml", 10, "svc.yaml", 1)


def test_workflow_naming_a_file_name_too_long_is_no_internal_error(tmp_path):
    """Fuzzer, seeds 310 and 313: a workflow that applies a path no file system can hold
    (a name over 255 bytes) made gha wiring's existence check raise ENAMETOOLONG."""
    from okla_lint.rules.gha.wiring import _exists

    (tmp_path / "k8s").mkdir()
    assert _exists(tmp_path, "k8s/" + "x" * 300 + ".yaml") is False
    assert _exists(tmp_path, "k8s") is True
