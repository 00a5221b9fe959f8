"""Each rule's fix, exactly: the text after `okla-lint check --fix` (and --unsafe-fixes), in
the styles a file can be written in (block and flow, quoted scalars, anchors, several
documents, CRLF), and the cases that must stay untouched."""
from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import chdir, write_files  # noqa: E402
from okla_lint.cli import cli  # noqa: E402


def fixed(tmp_path: Path, files: dict[str, str], select: str, unsafe: bool = False) -> dict[str, str]:
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)
    write_files(tmp_path, files)
    args = ["check", "--fix", "--select", select] + (["--unsafe-fixes"] if unsafe else [])
    with chdir(tmp_path):
        r = CliRunner().invoke(cli, args)
    assert r.exit_code in (0, 1), r.output
    return {p: (tmp_path / p).read_bytes().decode("utf-8") for p in files}


def one(tmp_path, path, text, select, unsafe=False):
    return fixed(tmp_path, {path: text}, select, unsafe)[path]


# -- JSON ------------------------------------------------------------------------------

def test_json_comments_every_place(tmp_path):
    text = '{\n  /* a block\n     comment */\n  "a":/*x*/1, "b": 2 // end\n}\n'
    assert one(tmp_path, "ocelot.json", text, "json-comments") == '{\n  "a":1, "b": 2\n}\n'


def test_json_comment_in_a_configmap_block_scalar(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gw  # the gateway\ndata:\n"
        "  ocelot.json: |\n    {\n      // routes\n      \"Routes\": [],\n    }\n"
    )
    want = text.replace("      // routes\n", "").replace("\"Routes\": [],", "\"Routes\": []")
    assert one(tmp_path, "k8s/gw.yaml", text, "json-comments,json-trailing-comma") == want


# -- env order ---------------------------------------------------------------------------

def test_env_reorder_flow_sequence(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i:1\n"
            "    env: [{name: A, value: \"$(B)-$(C)\"}, {name: Z, value: z}, {name: B, value: b}, {name: C, value: $(B)}]\n")
    want = text.replace('[{name: A, value: "$(B)-$(C)"}, {name: Z, value: z}, {name: B, value: b}, {name: C, value: $(B)}]',
                        '[{name: B, value: b}, {name: C, value: $(B)}, {name: A, value: "$(B)-$(C)"}, {name: Z, value: z}]')
    assert one(tmp_path, "k8s/p.yaml", text, "env-ref-before-definition") == want


def test_env_reorder_second_document_crlf_keeps_separators_and_comments(tmp_path):
    doc = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: i:1\n"
           "      env:\n        - name: A   # uses B\n          value: x$(B)\n        # B comes from the chart\n"
           "        - name: B\n          value: 'b'\n")
    text = ("# first\n---\n" + doc.replace("name: p", "name: q").replace("$(B)", "b") + "---\n" + doc + "...\n").replace("\n", "\r\n")
    out = one(tmp_path, "k8s/p.yaml", text, "env-ref-before-definition")
    moved = doc.replace(
        "        - name: A   # uses B\n          value: x$(B)\n        # B comes from the chart\n        - name: B\n          value: 'b'\n",
        "        # B comes from the chart\n        - name: B\n          value: 'b'\n        - name: A   # uses B\n          value: x$(B)\n")
    assert out == ("# first\n---\n" + doc.replace("name: p", "name: q").replace("$(B)", "b") + "---\n" + moved + "...\n").replace("\n", "\r\n")


def test_env_reorder_refused_when_an_alias_would_come_before_its_anchor(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i:1\n    env:\n"
            "    - name: A\n      value: &v $(B)\n    - name: B\n      value: *v\n")
    assert one(tmp_path, "k8s/p.yaml", text, "env-ref-before-definition") == text


# -- suppressions ------------------------------------------------------------------------

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: i:latest\n"


def test_unused_suppression_comment_removed_or_one_id(tmp_path):
    text = POD.replace("    - name: c\n", "    # okla-lint: ignore[bare-pod] old reason\n    - name: c  # okla-lint: ignore[image-mutable-tag, resources-missing]\n")
    text = text.replace("      image: i:latest\n", "      image: i:latest  # okla-lint: ignore[image-mutable-tag, bare-pod]\n")
    out = one(tmp_path, "k8s/p.yaml", text, "unused-suppression,bare-pod,image-mutable-tag,resources-missing")
    assert out == POD.replace("    - name: c\n", "    - name: c  # okla-lint: ignore[resources-missing]\n").replace(
        "      image: i:latest\n", "      image: i:latest  # okla-lint: ignore[image-mutable-tag]\n"
    ).replace("metadata:\n  name: p\n", "metadata:\n  name: p\n")


# -- Ocelot ------------------------------------------------------------------------------

def test_ocelot_renames_and_typos(tmp_path):
    text = ('{ "ReRoutes": [ { "DownstreamPathTemplate": "/a", "DownstreamScheme": "http://",'
            ' "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ], "UpstreamPathTemplate": "/a",'
            ' "UpstreamHttpMethod": [ "GTE", "Post" ], "ReRouteIsCaseSensitive": false,'
            ' "LoadBalancerOptions": { "Type": "roundrobin" } } ] }\n')
    want = text.replace('"ReRoutes"', '"Routes"').replace('"http://"', '"http"').replace('"GTE"', '"GET"').replace(
        '"ReRouteIsCaseSensitive"', '"RouteIsCaseSensitive"').replace('"roundrobin"', '"RoundRobin"')
    sel = "ocelot-legacy-reroutes,ocelot-invalid-downstream-scheme,ocelot-invalid-http-verb,ocelot-load-balancer-type-typo"
    assert one(tmp_path, "ocelot.json", text, sel) == want


def test_ocelot_scheme_with_two_candidates_is_left_alone(tmp_path):
    text = ('{ "Routes": [ { "DownstreamPathTemplate": "/a", "DownstreamScheme": "wsx",'
            ' "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ], "UpstreamPathTemplate": "/a" } ] }\n')
    assert one(tmp_path, "ocelot.json", text, "ocelot-invalid-downstream-scheme") == text


# -- Kubernetes probes -------------------------------------------------------------------

def test_probe_scheme_keeps_its_quotes(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i:1\n"
            "    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\n        scheme: \"https\"  # TLS\n")
    assert one(tmp_path, "k8s/p.yaml", text, "probe-field-rejected") == text.replace('"https"', '"HTTPS"')


def test_startup_budget_inserted_in_block_and_flow_mappings(tmp_path):
    base = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i:1\n"
    block = base + "    startupProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: 5\n"
    flow = base + "    startupProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}\n"
    params = ".okla-lint.yaml"
    cfg = "params: {startup-probe-budget: {min-seconds: 90}}\n"
    assert one(tmp_path / "b", "k8s/p.yaml", block, "startup-probe-budget") == block  # unsafe: not without the flag
    (tmp_path / "c").mkdir()
    out = fixed(tmp_path / "c", {"k8s/p.yaml": block, params: cfg}, "startup-probe-budget", unsafe=True)["k8s/p.yaml"]
    assert out == block.replace("    startupProbe:\n", "    startupProbe:\n      failureThreshold: 18\n")
    (tmp_path / "d").mkdir()
    out = fixed(tmp_path / "d", {"k8s/p.yaml": flow, params: cfg}, "startup-probe-budget", unsafe=True)["k8s/p.yaml"]
    assert out == flow.replace("startupProbe: {", "startupProbe: {failureThreshold: 18, ")


# -- GitHub Actions ----------------------------------------------------------------------

WF = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"


def test_set_output_simple_echo_forms_only(tmp_path):
    text = WF + ("      - run: |\n          echo \"::set-output name=a::$A\"\n          echo '::save-state name=b::x y'\n"
                 "          printf '::set-output name=c::%s\\n' \"$C\"\n")
    want = WF + ("      - run: |\n          echo \"a=$A\" >> \"$GITHUB_OUTPUT\"\n          echo 'b=x y' >> \"$GITHUB_STATE\"\n"
                 "          printf '::set-output name=c::%s\\n' \"$C\"\n")
    assert one(tmp_path, ".github/workflows/w.yml", text, "deprecated-workflow-command") == want


def test_if_conditions(tmp_path):
    text = WF.replace("    runs-on", "    if: ${{ github.ref }} == 'refs/heads/main'\n    runs-on") + (
        "      - if: |\n          ${{ github.event_name == 'push' }}\n        run: a\n"
        "      - if: \"${{ success() }} \"\n        run: b\n"
        "      - if: ${{ github.actor }}-bot\n        run: c\n")
    want = WF.replace("    runs-on", "    if: github.ref == 'refs/heads/main'\n    runs-on") + (
        "      - if: |-\n          ${{ github.event_name == 'push' }}\n        run: a\n"
        "      - if: \"${{ success() }}\"\n        run: b\n"
        "      - if: ${{ github.actor }}-bot\n        run: c\n")
    assert one(tmp_path, ".github/workflows/w.yml", text, "if-always-true,expr-unknown-context") == want


def test_script_injection_moves_the_value_to_env(tmp_path):
    text = ("on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: echo ${{ github.event.issue.title }}\n"
            "      - name: two\n        env:\n          X: 1\n        run: |\n          echo \"t=${{ github.event.issue.title }}\"\n"
            "      - run: echo '${{ github.event.issue.body }}'\n")
    p = ".github/workflows/w.yml"
    assert one(tmp_path / "a", p, text, "script-injection") == text
    want = ("on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: echo \"${ISSUE_TITLE}\"\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n"
            "      - name: two\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n          X: 1\n"
            "        run: |\n          echo \"t=${ISSUE_TITLE}\"\n"
            "      - run: echo '${{ github.event.issue.body }}'\n")
    assert one(tmp_path / "b", p, text, "script-injection", unsafe=True) == want


def test_missing_permissions_above_jobs_and_its_comment(tmp_path):
    text = "on: push\n\n# the jobs\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    want = text.replace("\n# the jobs", "\npermissions: {contents: read}\n# the jobs")
    p = ".github/workflows/w.yml"
    assert one(tmp_path, p, text, "missing-permissions", unsafe=True) == want


def test_event_name_typo(tmp_path):
    text = WF.replace("    runs-on", "    if: github.event_name == 'pull-request'\n    runs-on") + "      - run: make\n"
    out = one(tmp_path, ".github/workflows/w.yml", text, "expr-event-name-typo")
    assert out == text.replace("'pull-request'", "'pull_request'")


def test_disabled_commands_and_shell_path_are_unsafe(tmp_path):
    text = WF + ("      - shell: /bin/bash\n        run: |\n          echo \"::set-env name=A::1\"\n"
                 "          echo ::add-path::/opt/bin\n")
    p = ".github/workflows/w.yml"
    sel = "disabled-workflow-command,shell-invalid"
    assert one(tmp_path / "a", p, text, sel) == text
    want = WF + ("      - shell: bash\n        run: |\n          echo \"A=1\" >> \"$GITHUB_ENV\"\n"
                 "          echo /opt/bin >> \"$GITHUB_PATH\"\n")
    assert one(tmp_path / "b", p, text, sel, unsafe=True) == want


def test_security_and_probe_values_are_unsafe(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i:1\n"
            "    securityContext: {allowPrivilegeEscalation: true}\n"
            "    livenessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 3\n")
    sel = "privilege-escalation-allowed,probe-success-threshold"
    assert one(tmp_path / "a", "k8s/p.yaml", text, sel) == text
    want = text.replace("allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false").replace("successThreshold: 3", "successThreshold: 1")
    assert one(tmp_path / "b", "k8s/p.yaml", text, sel, unsafe=True) == want


def test_hpa_target_replicas_line_deleted(tmp_path):
    deploy = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n"
              "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
              "    spec:\n      containers:\n        - name: web\n          image: web:1.0\n")
    hpa = ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n"
           "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n")
    (tmp_path / ".git").mkdir()
    out = fixed(tmp_path, {"k8s/web.yaml": deploy, "k8s/hpa.yaml": hpa}, "hpa-target-sets-replicas", unsafe=True)
    assert out == {"k8s/web.yaml": deploy.replace("  replicas: 3\n", ""), "k8s/hpa.yaml": hpa}


def test_script_injection_in_github_script(tmp_path):
    text = ("on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/github-script@v7\n        with:\n          script: |\n"
            "            const title = \"${{ github.event.issue.title }}\";\n"
            "            console.log(`body: ${{ github.event.issue.body }}`);\n")
    want = ("on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/github-script@v7\n        env:\n          ISSUE_BODY: ${{ github.event.issue.body }}\n"
            "          ISSUE_TITLE: ${{ github.event.issue.title }}\n        with:\n          script: |\n"
            "            const title = process.env.ISSUE_TITLE;\n"
            "            console.log(`body: ${process.env.ISSUE_BODY}`);\n")
    assert one(tmp_path, ".github/workflows/w.yml", text, "script-injection", unsafe=True) == want


def test_unused_suppression_annotation(tmp_path):
    text = POD.replace("  name: p\n", "  name: p\n  annotations:\n    okla-lint.io/ignore: \"bare-pod,job-ttl-missing\"\n    team: web\n")
    out = one(tmp_path / "a", "k8s/p.yaml", text, "unused-suppression,bare-pod,job-ttl-missing")
    assert out == text.replace('"bare-pod,job-ttl-missing"', '"bare-pod"')
    text = POD.replace("  name: p\n", "  name: p\n  annotations:\n    okla-lint.io/ignore: job-ttl-missing\n    team: web\n")
    out = one(tmp_path / "b", "k8s/p.yaml", text, "unused-suppression,job-ttl-missing")
    assert out == text.replace("    okla-lint.io/ignore: job-ttl-missing\n", "")


# -- fixes that must know the shell (audit of issue 13) ---------------------------------

def _wf(steps: str, runs_on: str = "ubuntu-latest") -> str:
    return f"on: pull_request_target\npermissions: {{}}\njobs:\n  a:\n    runs-on: {runs_on}\n    steps:\n{steps}"


WPATH = ".github/workflows/w.yml"


def test_script_injection_no_fix_where_the_variable_would_not_be_read(tmp_path):
    # `"${VAR}"` reads the environment in bash/sh only, and only where the shell expands it
    for steps, runs_on in (
        ("      - shell: pwsh\n        run: echo ${{ github.head_ref }}\n", "ubuntu-latest"),
        ("      - run: echo ${{ github.head_ref }}\n", "windows-latest"),  # pwsh by default
        ("      - shell: python\n        run: print('${{ github.event.pull_request.title }}')\n", "ubuntu-latest"),
        # a quoted heredoc expands nothing; an unquoted one would print the quotes
        ("      - run: |\n          cat <<'EOF'\n          ${{ github.event.pull_request.title }}\n          EOF\n", "ubuntu-latest"),
        ("      - run: |\n          cat <<EOF\n          ${{ github.event.pull_request.title }}\n          EOF\n", "ubuntu-latest"),
        # single quotes opened on the line before
        ("      - run: |\n          echo 'a\n          ${{ github.event.pull_request.title }}'\n", "ubuntu-latest"),
        # a flow mapping step has no line for `env:`
        ("      - {run: 'echo ${{ github.head_ref }}', name: x}\n", "ubuntu-latest"),
    ):
        text = _wf(steps, runs_on)
        assert one(tmp_path, WPATH, text, "script-injection", unsafe=True) == text, steps


def test_script_injection_same_value_twice_and_flow_env(tmp_path):
    text = _wf("      - run: |\n          echo ${{ github.head_ref }} ${{ github.head_ref }}\n")
    assert one(tmp_path, WPATH, text, "script-injection", unsafe=True) == _wf(
        '      - run: |\n          echo "${HEAD_REF}" "${HEAD_REF}"\n'
        "        env:\n          HEAD_REF: ${{ github.head_ref }}\n")
    text = _wf('      - env: {A: b}  # c\n        run: echo "${{ github.head_ref }}"\n')
    assert one(tmp_path, WPATH, text, "script-injection", unsafe=True) == _wf(
        "      - env: {HEAD_REF: '${{ github.head_ref }}', A: b}  # c\n"
        '        run: echo "${HEAD_REF}"\n')
    # bash named by the job's defaults, CRLF
    text = _wf("      - run: |\n          echo 'x' \"${{ github.head_ref }}\"\n").replace(
        "    steps:", "    defaults: {run: {shell: bash}}\n    steps:").replace("\n", "\r\n")
    assert one(tmp_path, WPATH, text, "script-injection", unsafe=True) == text.replace(
        '"${{ github.head_ref }}"\r\n', '"${HEAD_REF}"\r\n        env:\r\n          HEAD_REF: ${{ github.head_ref }}\r\n')


def test_set_output_no_fix_where_the_redirection_would_change_meaning(tmp_path):
    sel = "deprecated-workflow-command"
    for steps, runs_on in (
        ('      - shell: pwsh\n        run: echo "::set-output name=x::1"\n', "ubuntu-latest"),
        ('      - run: echo "::set-output name=x::1"\n', "windows-2022"),
        # unquoted: the redirection would follow a comment, or apply to the next command
        ("      - run: |\n          echo ::set-output name=x::1 # note\n", "ubuntu-latest"),
        ("      - run: |\n          echo ::set-output name=x::1; echo done\n", "ubuntu-latest"),
        ("      - run: |\n          echo ::set-output name=x::1 | tee log\n", "ubuntu-latest"),
        # a line of a heredoc body is text the script writes
        ("      - run: |\n          cat <<EOF\n          echo \"::set-output name=x::1\"\n          EOF\n", "ubuntu-latest"),
    ):
        text = _wf(steps, runs_on)
        assert one(tmp_path, WPATH, text, sel) == text, steps
    text = _wf("      - shell: sh\n        run: |\n          echo ::set-output name=x::$(date)\n")
    assert one(tmp_path, WPATH, text, sel) == text.replace("echo ::set-output name=x::$(date)", 'echo x=$(date) >> "$GITHUB_OUTPUT"')


# -- a fix on an anchored node changes every place an alias uses it ---------------------

_DEP = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n"
        "  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n"
        "          image: nginx:1.27\n")


def test_no_probe_fix_in_an_anchor_an_alias_uses_in_another_role(tmp_path):
    sel = "probe-success-threshold"
    for probes in (
        # a readiness probe may have successThreshold 3: setting the anchor to 1 changes it
        "          readinessProbe: &p\n            httpGet: {path: /, port: 80}\n            successThreshold: 3\n"
        "          livenessProbe: *p\n",
        "          livenessProbe: &p\n            httpGet: {path: /, port: 80}\n            successThreshold: 3\n"
        "          readinessProbe: *p\n",
        "          readinessProbe: &p\n            httpGet: {path: /, port: 80}\n            successThreshold: 3\n"
        "          livenessProbe:\n            <<: *p\n            periodSeconds: 20\n",
    ):
        text = _DEP + probes
        assert one(tmp_path, "k8s/d.yaml", text, sel, unsafe=True) == text, probes
    # the same role wherever the alias is used: fixed once, in the anchor
    text = (_DEP + "          livenessProbe: &p\n            httpGet: {path: /, port: 80}\n            successThreshold: 3\n"
            "        - name: b\n          image: nginx:1.27\n          \"livenessProbe\": *p\n")
    assert one(tmp_path, "k8s/d.yaml", text, sel, unsafe=True) == text.replace("successThreshold: 3", "successThreshold: 1")


def test_no_startup_budget_fix_in_a_shared_or_merged_probe(tmp_path):
    cfg = {".okla-lint.yaml": "params: {startup-probe-budget: {min-seconds: 90}}\n"}
    for probes in (
        "          startupProbe: &p\n            httpGet: {path: /health, port: 80}\n            failureThreshold: 2\n"
        "            periodSeconds: 5\n          livenessProbe: *p\n",
        # failureThreshold would be inserted into the liveness probe's anchor
        "          livenessProbe: &p\n            httpGet: {path: /health, port: 80}\n            periodSeconds: 5\n"
        "          startupProbe:\n            <<: *p\n",
    ):
        text = _DEP + probes
        out = fixed(tmp_path, {**cfg, "k8s/d.yaml": text}, "startup-probe-budget", unsafe=True)
        assert out["k8s/d.yaml"] == text, probes
    text = _DEP + "          startupProbe: &p\n            httpGet: {path: /health, port: 80}\n            periodSeconds: 5\n"
    out = fixed(tmp_path, {**cfg, "k8s/d.yaml": text}, "startup-probe-budget", unsafe=True)
    assert out["k8s/d.yaml"] == text.replace("          startupProbe: &p\n", "          startupProbe: &p\n            failureThreshold: 18\n")


def test_no_hpa_replicas_fix_in_a_spec_another_object_shares(tmp_path):
    text = """apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec: &s
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.27
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: copy}
    spec: *s
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      minReplicas: 2
      maxReplicas: 5
"""
    # Deployment/copy has no autoscaler: deleting the anchor's replicas would scale it to 1
    assert one(tmp_path, "k8s/d.yaml", text, "hpa-target-sets-replicas", unsafe=True) == text


def _gs(script: str) -> str:
    return ("on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/github-script@v7\n        with:\n          script: |\n"
            + "".join("            " + line + "\n" for line in script.split("\n")))


def test_script_injection_in_github_script_reads_the_javascript_strings(tmp_path):
    # `"${{ }}"` inside a single-quoted string is text: `process.env.X` there would be too
    for script in ("core.info('Title: \"${{ github.event.issue.title }}\"')",
                   "// `${{ github.event.issue.title }}\nconst x = 1;"):
        text = _gs(script)
        assert one(tmp_path, WPATH, text, "script-injection", unsafe=True) == text, script
    env = "        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n"
    # a template literal opened on the line before; a closed one earlier on the line
    for script, want in (
        ("const m = `Hello\n${{ github.event.issue.title }}`;", "const m = `Hello\n${process.env.ISSUE_TITLE}`;"),
        ("const a = `x`; const m = `${{ github.event.issue.title }}`;", "const a = `x`; const m = process.env.ISSUE_TITLE;"),
        ("f(`a ${ g({b: 1}) } ${{ github.event.issue.title }}`)", "f(`a ${ g({b: 1}) } ${process.env.ISSUE_TITLE}`)"),
    ):
        got = one(tmp_path, WPATH, _gs(script), "script-injection", unsafe=True)
        assert got == _gs(want).replace("        with:\n", env + "        with:\n"), script


def test_env_reorder_keeps_comments_with_their_entries(tmp_path):
    head = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n"
    # a flow sequence over several lines with a comment after an item: swapping the items
    # would leave "# uses host" next to HOST
    text = head + "      env: [\n        {name: URL, value: $(HOST)},  # uses host\n        {name: HOST, value: h}   # the host\n      ]\n"
    assert one(tmp_path, "p.yaml", text, "env-ref-before-definition") == text
    text = head + "      env: [\n        {name: URL, value: $(HOST)},\n        {name: HOST, value: h}\n      ]  # c\n"
    assert one(tmp_path, "p.yaml", text, "env-ref-before-definition") == text.replace(
        "        {name: URL, value: $(HOST)},\n        {name: HOST, value: h}\n",
        "        {name: HOST, value: h},\n        {name: URL, value: $(HOST)}\n")
    # the last entry's own comment lines (indented as its content) move with it; a
    # commented-out entry at the dash's indentation stays where it is
    text = head + ("      env:\n        - name: URL\n          value: $(HOST)\n          # trailing of URL\n"
                   "        - name: HOST\n          valueFrom:\n            configMapKeyRef: {name: c, key: h}\n"
                   "          # trailing of HOST\n\n        # - name: OLD\n      ports: []\n")
    assert one(tmp_path, "p.yaml", text, "env-ref-before-definition") == head + (
        "      env:\n        - name: HOST\n          valueFrom:\n            configMapKeyRef: {name: c, key: h}\n"
        "          # trailing of HOST\n        - name: URL\n          value: $(HOST)\n          # trailing of URL\n"
        "\n        # - name: OLD\n      ports: []\n")


def test_if_condition_rewrite_keeps_anchor_tag_and_header_comment(tmp_path):
    def wf(steps):
        return "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" + steps
    sel = "if-always-true"
    # the anchor stays (an alias uses it: dropping it made the file fail to parse), the tag stays
    text = wf("      - if: &c ${{ github.event_name }} == 'push'\n        run: make\n      - if: *c\n        run: make2\n")
    assert one(tmp_path, WPATH, text, sel) == text.replace("&c ${{ github.event_name }} == 'push'", "&c github.event_name == 'push'")
    text = wf("      - if: !!str ${{ github.event_name }} == 'push'\n        run: make\n")
    assert one(tmp_path, WPATH, text, sel) == text.replace("${{ github.event_name }} == 'push'", "github.event_name == 'push'")
    # a comment on a block scalar's header would be deleted with the header: no fix
    text = wf("      - if: >- # why\n          ${{ github.event_name }} == 'push'\n        run: make\n")
    assert one(tmp_path, WPATH, text, sel) == text
    text = wf("      - if: >-\n          ${{ github.event_name }} == 'push'\n        run: make\n")
    assert one(tmp_path, WPATH, text, sel) == wf("      - if: github.event_name == 'push'\n        run: make\n")
