"""ephemeral-registry-token and registry-username-actor variants: env at every level,
shell indirection ($T, ${T}, "$T"), pipes, folded blocks, CRLF, composite actions, and the
created_secrets() API other rules use."""
from __future__ import annotations

from _ephemeral_registry_token import TOKEN, wf
from helpers import found, lint, locs, run, write_files
from okla_lint.core.engine import Engine
from okla_lint.core.model import RepoModel
from okla_lint.core.settings import Settings
from okla_lint.lib.gha.secrets_created import created_secrets


def test_indirection_spellings(tmp_path):
    steps = (
        "      - run: |\n"
        "          T=${{ secrets.GITHUB_TOKEN }}\n"
        "          kubectl create secret generic a --from-literal=p=$T\n"
        "          kubectl create secret generic b --from-literal=p=${T}\n"
        "          kubectl create secret generic c --from-literal=p=\"$T\"\n"
        "          kubectl create secret generic d --from-literal=\"p=${T}\"\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == sorted([
        ".github/workflows/w.yml:8:60",
        ".github/workflows/w.yml:9:60",
        ".github/workflows/w.yml:10:61",
        ".github/workflows/w.yml:11:61",
    ])


def test_env_at_workflow_job_and_step_level(tmp_path):
    steps = (
        "      - run: kubectl create secret docker-registry a --docker-password=$W\n"
        "      - run: kubectl create secret docker-registry b --docker-password=$J\n"
        "      - env:\n"
        "          S: ${{ github.token }}\n"
        "        run: kubectl create secret docker-registry c --docker-password=\"$S\"\n"
        "      - env:\n"
        "          W: ${{ secrets.GHCR_PAT }}\n"
        "        run: kubectl create secret docker-registry d --docker-password=$W\n"
    )
    text = wf(steps, env="  W: ${{ secrets.GITHUB_TOKEN }}\n", job_env="      J: ${{ github.token }}\n")
    r = run(tmp_path, {".github/workflows/w.yml": text}, (TOKEN,))
    # the step that overrides W with a PAT is silent
    assert locs(r, TOKEN) == sorted([
        ".github/workflows/w.yml:10:72",
        ".github/workflows/w.yml:11:72",
        ".github/workflows/w.yml:14:73",
    ])


def test_crlf_and_folded(tmp_path):
    steps = (
        "      - run: >\n"
        "          kubectl create secret docker-registry a\n"
        "          --docker-password=${{ secrets.GITHUB_TOKEN }}\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps).replace("\n", "\r\n")}, (TOKEN,))
    assert locs(r, TOKEN) == [".github/workflows/w.yml:8:29"]


def test_pipe_into_gh_secret_and_login_stays_silent(tmp_path):
    steps = (
        "      - run: |\n"
        "          echo ${{ github.token }} | docker login ghcr.io -u x --password-stdin\n"
        "          printf '%s' \"$GITHUB_TOKEN\" | gh secret set NEXT_TOKEN\n"
        "        env:\n"
        "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == [".github/workflows/w.yml:8:24"]


def test_app_token_in_composite_action(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - id: app\n      uses: actions/create-github-app-token@v1\n"
        "      with: {app-id: '1', private-key: x}\n"
        "    - shell: bash\n"
        "      run: helm upgrade x ./c --set registry.password=${{ steps.app.outputs.token }}\n"
    )
    r = run(tmp_path, {".github/actions/a/action.yml": action}, (TOKEN,))
    assert locs(r, TOKEN) == [".github/actions/a/action.yml:9:55"]
    assert "one hour" in r.findings[0].message


def test_token_file_uploaded_with_a_glob_and_tee(tmp_path):
    steps = (
        "      - run: echo \"${{ github.token }}\" | tee build/token.txt\n"
        "      - run: echo \"${{ github.token }}\" > /tmp/t && echo ok > build/other.txt\n"
        "      - uses: actions/upload-artifact@v4\n"
        "        with:\n"
        "          name: b\n"
        "          path: |\n"
        "            build/*.txt\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == [".github/workflows/w.yml:6:20"]
    assert "upload-artifact" in r.findings[0].message


def test_token_file_committed_by_an_action(tmp_path):
    steps = (
        "      - run: echo \"${{ secrets.GITHUB_TOKEN }}\" > .token\n"
        "      - uses: stefanzweifel/git-auto-commit-action@v5\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == [".github/workflows/w.yml:6:20"]


def test_commit_without_push_is_silent(tmp_path):
    steps = "      - run: echo \"${{ secrets.GITHUB_TOKEN }}\" > .token && git add -A && git commit -m x\n"
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == []


def test_created_secrets_api(tmp_path):
    steps = (
        "      - run: |\n"
        "          kubectl create secret docker-registry regcred -n okla \\\n"
        "            --docker-password=${{ secrets.GITHUB_TOKEN }}\n"
        "          kubectl create secret generic app-secrets --namespace=okla --from-literal=a=b\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": wf(steps)})
    engine = Engine(Settings(select=[TOKEN]))
    from helpers import chdir

    with chdir(tmp_path):
        from okla_lint.core.discover import discover

        parsed = engine.parse(discover(["."]))
    model = RepoModel.build([u for _, u in parsed])
    from okla_lint.core.engine import Ctx

    got = created_secrets(model, Ctx(engine, model, None))
    assert [(s.name, s.namespace, s.type, s.span.line, s.span.col, bool(s.ephemeral)) for s in got] == [
        ("regcred", "okla", "docker-registry", 7, 49, True),
        ("app-secrets", "okla", "generic", 9, 41, False),
    ]


def test_other_cluster_objects_and_secret_stores(tmp_path):
    steps = (
        "      - env:\n"
        "          T: ${{ github.token }}\n"
        "        run: |\n"
        "          kubectl set env deployment/api GH_TOKEN=$T\n"
        "          kubectl create configmap c --from-literal=token=$T\n"
        "          kubectl --token=$T get pods && kubectl create ns x --token \"$T\"\n"
        "          az keyvault secret set --vault-name v --name gh --value \"$T\"\n"
        "          echo -n $T | gcloud secrets versions add gh --data-file=-\n"
        "          kubectl create -f - <<EOF\n"
        "          data: {token: $T}\n"
        "          EOF\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (TOKEN,))
    assert locs(r, TOKEN) == sorted([
        ".github/workflows/w.yml:9:51",
        ".github/workflows/w.yml:10:59",
        ".github/workflows/w.yml:12:68",
        ".github/workflows/w.yml:13:19",
        ".github/workflows/w.yml:15:25",
    ])


TOKEN_GHA_TOKENS = "ephemeral-registry-token"


P = ".github/workflows/w.yml"


def wf_gha_tokens(steps: str, env: str = "") -> str:
    return "on: push\n" + (f"env:\n{env}" if env else "") + "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


def found_in_steps(tmp_path, steps: str, env: str = "", rule: str = TOKEN_GHA_TOKENS) -> list[str]:
    return sorted(found(tmp_path, {P: wf_gha_tokens(steps, env)}, rule), key=lambda s: [int(x) if x.isdigit() else x for x in s.split(":")])


def test_here_string_into_gh_secret_set(tmp_path):
    steps = (
        "      - run: gh secret set X <<< \"$T\"\n"
        "        env:\n"
        "          T: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:6:35"]


def test_stdin_into_kubectl_create_secret_from_dev_stdin(tmp_path):
    steps = (
        "      - run: |\n"
        "          echo ${{ github.token }} | base64 | kubectl create secret generic r --from-file=t=/dev/stdin\n"
        "          printf '%s' \"$T\" | kubectl create secret generic s --from-file=t=/dev/stdin\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:16", f"{P}:8:24"]


def test_manifest_piped_from_cat_heredoc_into_kubectl_apply(tmp_path):
    steps = (
        "      - run: |\n"
        "          cat <<EOF | kubectl apply -f -\n"
        "          apiVersion: v1\n"
        "          kind: Secret\n"
        "          metadata: {name: t}\n"
        "          stringData:\n"
        "            token: ${{ github.token }}\n"
        "          EOF\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:12:20"]


def test_kubectl_global_flags_before_create_secret(tmp_path):
    steps = (
        "      - run: |\n"
        "          kubectl --namespace prod --context x create secret generic r --from-literal=p=${{ github.token }}\n"
        "          kubectl -n prod create secret docker-registry q --docker-password=${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:89", f"{P}:8:77"]


def test_kubectl_auth_token_is_not_stored(tmp_path):
    steps = "      - run: kubectl --token=${{ github.token }} create secret generic r --from-literal=p=x\n"
    assert found_in_steps(tmp_path, steps) == []


def test_command_substitution_does_not_swallow_the_rest_of_the_script(tmp_path):
    # `$(...)` used to run to the end of the script, hiding every later command
    steps = (
        "      - run: |\n"
        "          VERSION=$(cat VERSION)\n"
        "          kubectl create secret generic r --from-literal=p=${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:8:60"]


def test_token_through_an_emitting_substitution(tmp_path):
    steps = (
        "      - run: |\n"
        "          AUTH=$(echo -n \"x:${{ github.token }}\" | base64)\n"
        "          V=`echo $T`\n"
        "          kubectl create secret generic t --from-literal=auth=$AUTH --from-literal=v=\"$V\"\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:9:63", f"{P}:9:87"]


def test_token_through_stream_filters(tmp_path):
    # lib/gha/shell.PASS_THROUGH: grep, rev and fold print what they read
    steps = (
        "      - run: |\n"
        "          A=$(echo \"$T\" | grep -o 'gh[a-z]_.*')\n"
        "          B=$(echo \"$T\" | rev)\n"
        "          kubectl create secret generic t --from-literal=a=$A --from-literal=b=$B\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:9:60", f"{P}:9:80"]


def test_output_of_a_call_authenticated_with_the_token_is_not_the_token(tmp_path):
    # fluxcd/flux2 update.yaml: LATEST_VERSION=$(curl -H "Authorization: token ${GITHUB_TOKEN}" ...)
    steps = (
        "      - run: |\n"
        "          V=$(curl -s -H \"Authorization: token ${GITHUB_TOKEN}\" https://api.github.com/x | jq -r .tag)\n"
        "          W=$(echo $(curl -H \"Authorization: token $GITHUB_TOKEN\" https://x))\n"
        "          kubectl create secret generic t --from-literal=v=$V --from-literal=w=$W\n"
        "          curl -H \"Authorization: token $GITHUB_TOKEN\" https://x | gh secret set X\n"
        "          echo \"- bump to $V\" >> body.md\n"
        "        env:\n"
        "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
        "      - uses: peter-evans/create-pull-request@v7\n"
    )
    assert found_in_steps(tmp_path, steps) == []


def test_token_file_shipped_into_a_secret_or_a_repository_secret(tmp_path):
    steps = (
        "      - run: |\n"
        "          echo \"${{ github.token }}\" > token.txt\n"
        "          kubectl create secret generic t --from-file=token=token.txt\n"
        "      - run: |\n"
        "          printf '%s' \"$T\" > ./tok\n"
        "          gh secret set T < tok\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
        "      - run: |\n"
        "          cat > secret.yaml <<EOF\n"
        "          apiVersion: v1\n"
        "          kind: Secret\n"
        "          stringData: {token: \"$T\"}\n"
        "          EOF\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
        "      - run: kubectl apply -f secret.yaml\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:17", f"{P}:10:24", f"{P}:18:32"]


def test_token_file_outside_the_workspace_is_not_committed(tmp_path):
    steps = (
        "      - run: echo \"${{ github.token }}\" > ~/.npmrc && echo x > $RUNNER_TEMP/t\n"
        "      - run: echo \"${{ github.token }}\" > /tmp/token\n"
        "      - uses: stefanzweifel/git-auto-commit-action@v5\n"
    )
    assert found_in_steps(tmp_path, steps) == []


def test_docker_config_with_separate_from_file_value(tmp_path):
    steps = (
        "      - run: |\n"
        "          echo ${{ github.token }} | docker login ghcr.io -u x --password-stdin\n"
        "          kubectl create secret generic regcred --from-file .dockerconfigjson=$HOME/.docker/config.json\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:8:61"]


def test_safe_patterns_stay_silent(tmp_path):
    steps = (
        "      - run: echo \"$T\" | docker login ghcr.io -u ${{ github.actor }} --password-stdin\n"
        "        env:\n"
        "          T: ${{ secrets.GITHUB_TOKEN }}\n"
        "      - run: gh release create v1 && gh pr list\n"
        "        env:\n"
        "          GH_TOKEN: ${{ github.token }}\n"
        "      - run: kubectl create secret docker-registry r --docker-password=${{ secrets.GHCR_PAT }}\n"
        "      - uses: docker/login-action@v3\n"
        "        with: {registry: ghcr.io, username: x, password: '${{ secrets.GITHUB_TOKEN }}'}\n"
        "      - uses: docker/build-push-action@v6\n"
        "        with: {push: true, tags: 'ghcr.io/o/r:latest'}\n"
        "      - run: helm upgrade --install app ./chart --set image.tag=${{ github.sha }}\n"
    )
    assert found_in_steps(tmp_path, steps) == []


def test_token_through_github_env_and_step_outputs(tmp_path):
    steps = (
        "      - run: echo \"REG_TOKEN=${{ github.token }}\" >> $GITHUB_ENV\n"
        "      - run: kubectl create secret generic t --from-literal=p=$REG_TOKEN\n"
        "      - id: t\n"
        "        run: echo \"token=${{ secrets.GITHUB_TOKEN }}\" >> \"$GITHUB_OUTPUT\"\n"
        "      - run: gh secret set NEXT --body \"${{ steps.t.outputs.token }}\"\n"
        "      - run: echo \"REG_TOKEN=${{ secrets.GHCR_PAT }}\" >> $GITHUB_ENV\n"
        "      - run: kubectl create secret generic u --from-literal=p=$REG_TOKEN\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:63", f"{P}:10:41"]


def test_powershell_env_variable(tmp_path):
    steps = (
        "      - shell: pwsh\n"
        "        run: kubectl create secret generic t --from-literal=p=$env:T\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:63"]


def test_composite_action_input_defaulting_to_the_job_token(tmp_path):
    action = (
        "name: publish-pull-secret\n"
        "inputs:\n"
        "  token:\n"
        "    default: ${{ github.token }}\n"
        "  namespace:\n"
        "    default: default\n"
        "runs:\n"
        "  using: composite\n"
        "  steps:\n"
        "    - shell: bash\n"
        "      run: |\n"
        "        kubectl create secret docker-registry regcred -n ${{ inputs.namespace }} \\\n"
        "          --docker-password=${{ inputs.token }}\n"
        "    - shell: bash\n"
        "      env:\n"
        "        T: ${{ inputs.token }}\n"
        "      run: 'gh api /user -H \"Authorization: token $T\" && gh secret set X --body \"$T\"'\n"
        "    - shell: bash\n"
        "      run: echo \"${{ github.token }}\" | gh secret set Y\n"
    )
    write_files(tmp_path, {".github/actions/pps/action.yml": action})
    r = lint(tmp_path, select=[TOKEN_GHA_TOKENS])
    assert sorted(locs(r, TOKEN_GHA_TOKENS)) == sorted([
        ".github/actions/pps/action.yml:13:29",
        ".github/actions/pps/action.yml:17:82",
        ".github/actions/pps/action.yml:19:18",
    ])
    assert "`inputs.token` (which defaults to `github.token`)" in " ".join(f.message for f in r.findings)


def test_quoting_keeps_shell_variables_literal(tmp_path):
    # a quoted heredoc delimiter and single quotes keep $T literal, but GitHub substitutes
    # ${{ }} before the shell runs
    steps = (
        "      - run: |\n"
        "          cat <<'EOF' | kubectl apply -f -\n"
        "          token: $T\n"
        "          other: ${{ github.token }}\n"
        "          EOF\n"
        "          kubectl create secret generic x --from-literal='p=$T' --from-literal='q=${{ github.token }}' --from-literal=\"r='$T'\"\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:9:18", f"{P}:11:83", f"{P}:11:123"]


def test_token_passed_to_a_local_reusable_workflow(tmp_path):
    called = (
        "on:\n"
        "  workflow_call:\n"
        "    inputs:\n"
        "      token: {type: string}\n"
        "    secrets:\n"
        "      registry-token: {required: true}\n"
        "env:\n"
        "  REG: ${{ secrets.registry-token }}\n"
        "jobs:\n"
        "  deploy:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: kubectl create secret docker-registry r --docker-password=${{ secrets.registry-token }}\n"
        "      - run: kubectl create secret docker-registry s --docker-password=$REG\n"
        "      - run: gh secret set X --body \"${{ inputs.token }}\"\n"
    )
    caller = (
        "on: push\n"
        "jobs:\n"
        "  call:\n"
        "    uses: ./.github/workflows/deploy.yml\n"
        "    with:\n"
        "      token: ${{ github.token }}\n"
        "    secrets:\n"
        "      registry-token: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    write_files(tmp_path, {".github/workflows/deploy.yml": called, ".github/workflows/ci.yml": caller})
    r = lint(tmp_path, select=[TOKEN_GHA_TOKENS])
    d = ".github/workflows/deploy.yml"
    assert sorted(locs(r, TOKEN_GHA_TOKENS)) == sorted([f"{d}:13:72", f"{d}:14:72", f"{d}:15:38"])
    # a PAT passed instead: silent
    write_files(tmp_path, {".github/workflows/ci.yml": caller.replace("${{ secrets.GITHUB_TOKEN }}", "${{ secrets.PAT }}").replace("${{ github.token }}", "x")})
    assert locs(lint(tmp_path, select=[TOKEN_GHA_TOKENS]), TOKEN_GHA_TOKENS) == []


def test_docker_config_read_into_a_manifest_or_a_variable(tmp_path):
    steps = (
        "      - uses: docker/login-action@v3\n"
        "        with: {registry: ghcr.io, username: x, password: '${{ secrets.GITHUB_TOKEN }}'}\n"
        "      - run: |\n"
        "          CFG=$(base64 -w0 ~/.docker/config.json)\n"
        "          kubectl patch secret regcred -p \"{\\\"data\\\":{\\\".dockerconfigjson\\\":\\\"$CFG\\\"}}\"\n"
        "          cat <<EOF | kubectl apply -f -\n"
        "          data:\n"
        "            .dockerconfigjson: $(cat ~/.docker/config.json | base64 -w0)\n"
        "          EOF\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:10:79", f"{P}:13:32"]
    # without a login with the job token: silent
    assert found_in_steps(tmp_path, steps.replace("secrets.GITHUB_TOKEN", "secrets.GHCR_PAT")) == []


def test_throwaway_cluster_on_the_runner_is_not_a_long_lived_sink(tmp_path):
    steps = (
        "      - uses: helm/kind-action@v1\n"
        "      - run: |\n"
        "          kubectl create secret docker-registry regcred --docker-password=${{ secrets.GITHUB_TOKEN }}\n"
        "          helm install app ./chart --set registry.password=${{ github.token }}\n"
        "          gh secret set LEAK --body \"${{ github.token }}\"\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:10:38"]
    steps = (
        "      - run: |\n"
        "          kubectl create secret generic before --from-literal=t=${{ github.token }}\n"
        "          k3d cluster create test\n"
        "          kubectl create secret generic after --from-literal=t=${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:65"]


def test_artifact_paths_with_the_workspace_and_exclusions(tmp_path):
    steps = (
        "      - run: echo \"${{ github.token }}\" > $GITHUB_WORKSPACE/out/token\n"
        "      - uses: actions/upload-artifact@v4\n"
        "        with:\n"
        "          name: x\n"
        "          path: ${{ github.workspace }}/out\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:6:20"]
    steps = (
        "      - run: echo \"${{ github.token }}\" > out/token\n"
        "      - uses: actions/upload-artifact@v4\n"
        "        with:\n"
        "          name: x\n"
        "          path: |\n"
        "            out/\n"
        "            !out/token\n"
    )
    assert found_in_steps(tmp_path, steps) == []


def test_sink_inside_sh_c(tmp_path):
    steps = (
        "      - run: |\n"
        "          sh -c \"kubectl create secret generic t --from-literal=p=${{ github.token }}\"\n"
        "          bash -c 'kubectl create secret generic u --from-literal=p=$T'\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:67", f"{P}:8:69"]


def test_other_long_lived_stores(tmp_path):
    steps = (
        "      - run: |\n"
        "          flux create secret oci ghcr-auth --url=ghcr.io --username=flux --password=${{ secrets.GITHUB_TOKEN }}\n"
        "          argocd repo add https://github.com/o/r --username x --password \"$T\"\n"
        "          flux create secret git x --url=https://github.com/o/r --password=$T --export > s.yaml\n"
        "          echo \"$T\" | docker secret create gh_token -\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:85", f"{P}:8:75", f"{P}:10:17"]


def test_token_in_a_helm_values_file(tmp_path):
    steps = (
        "      - run: |\n"
        "          cat > values.yaml <<EOF\n"
        "          registry:\n"
        "            password: ${{ github.token }}\n"
        "          EOF\n"
        "          helm upgrade --install app ./chart -f values.yaml\n"
        "      - run: |\n"
        "          echo -n \"$T\" > pw.txt\n"
        "          helm upgrade --install app ./chart --set-file registry.password=pw.txt\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:9:23", f"{P}:13:20"]


def test_printenv_into_gh_secret_set(tmp_path):
    steps = "      - run: printenv T | gh secret set X\n        env:\n          T: ${{ github.token }}\n"
    assert found_in_steps(tmp_path, steps) == [f"{P}:6:23"]


def test_parameter_expansion_forms(tmp_path):
    steps = (
        "      - run: |\n"
        "          kubectl create secret generic a --from-literal=p=${T:-x}\n"
        "          kubectl create secret generic b --from-literal=p=${X:-$T}\n"
        "          kubectl create secret generic c --from-literal=p=${#T}\n"
        "        env:\n"
        "          T: ${{ github.token }}\n"
    )
    assert found_in_steps(tmp_path, steps) == [f"{P}:7:60", f"{P}:8:65"]


def test_envsubst_fills_a_manifest_template_with_the_token(tmp_path):
    wf_gha_tokens = (
        "on: push\n"
        "jobs:\n"
        "  d:\n"
        "    runs-on: ubuntu-latest\n"
        "    env:\n"
        "      GHCR_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
        "      IMAGE_TAG: ${{ github.sha }}\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: envsubst < k8s/regcred.yaml | kubectl apply -f -\n"
        "      - run: envsubst '$IMAGE_TAG' < k8s/regcred.yaml | kubectl apply -f -\n"
        "      - run: cat k8s/deploy.yaml | envsubst | kubectl apply -f -\n"
    )
    write_files(tmp_path, {
        P: wf_gha_tokens,
        "k8s/regcred.yaml": "apiVersion: v1\nkind: Secret\nstringData:\n  password: ${GHCR_TOKEN}\n",
        "k8s/deploy.yaml": "image: x:$IMAGE_TAG\n",
    })
    r = lint(tmp_path, select=[TOKEN_GHA_TOKENS])
    assert locs(r, TOKEN_GHA_TOKENS) == [f"{P}:10:25"]
    assert "envsubst" in r.findings[0].message


def test_per_job_facts_are_computed_once_per_job(tmp_path, monkeypatch):
    """issue 11: every step asked for the earlier steps' local cluster, app-token steps,
    checkouts and text by scanning them again (a job of 2,000 steps took 10 CPU s instead
    of 1.5); each is now found once per job, with the same answers."""
    from okla_lint.lib.gha import taint

    steps = []
    for i in range(150):
        steps.append("      - run: kind create cluster" if i == 70 else
                     f"      - run: kubectl create secret docker-registry r{i} --docker-password=${{{{ github.token }}}}")
    write_files(tmp_path, {".github/workflows/w.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                           + "\n".join(steps) + "\n"})
    calls = []
    real = taint.parse_script
    monkeypatch.setattr(taint, "parse_script", lambda s: calls.append(s) or real(s))
    r = lint(tmp_path, select=["ephemeral-registry-token"])
    lines = sorted(int(loc.split(":")[1]) for loc in locs(r, "ephemeral-registry-token"))
    assert lines == list(range(6, 76))  # the 70 steps before `kind create cluster`, none after it
    assert len(calls) < 3 * 150


def test_messages_put_the_expressions_of_the_token_phrase_in_backticks():
    # docs/CONTRIBUTING.md "Message style": expressions and variables in backticks, the
    # parts already in backticks untouched; the finding context keeps the plain phrase
    from okla_lint.lib.gha.taint import shown

    assert shown("$T (set from env.X (set from secrets['GITHUB_TOKEN']), substituted by envsubst into `k8s/s.yaml`)") == (
        "`$T` (set from `env.X` (set from `secrets['GITHUB_TOKEN']`), substituted by envsubst into `k8s/s.yaml`)"
    )
    assert shown("secrets.t (passed github.token by job `call` of .github/workflows/c.yml)") == (
        "`secrets.t` (passed `github.token` by job `call` of .github/workflows/c.yml)"
    )
    assert shown("env.T (set from github.token), written to $GITHUB_ENV by the step at line 4") == (
        "`env.T` (set from `github.token`), written to `$GITHUB_ENV` by the step at line 4"
    )


WFP = ".github/workflows/w.yml"


def _found(tmp_path, steps: str, **files) -> list[str]:
    return found(tmp_path, {WFP: wf(steps), **files}, TOKEN)


def test_token_edited_into_a_manifest_that_is_applied(tmp_path):
    # sed -i / perl -pi / yq -i put the token into a manifest that kubectl then applies:
    # the file itself, its folder, or (with -R) a parent folder; in this step or a later one
    steps = (
        "      - run: |\n"
        "          sed -i \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" k8s/regcred.yaml\n"
        "          kubectl apply -f k8s/regcred.yaml\n"
        "      - env: {T: \"${{ github.token }}\"}\n"
        "        run: sed -i.bak -e \"s|__T__|$T|g\" ./k8s/a/one.yaml\n"
        "      - run: >-\n"
        "          perl -pi -e 's/__T__/${{ github.token }}/' k8s/b/two.yaml &&\n"
        "          yq -i '.stringData.t = \"${{ secrets.GITHUB_TOKEN }}\"' k8s/c/deep/three.yaml\n"
        "      - run: kubectl apply -f k8s/a/ && kubectl apply --filename=k8s/b/two.yaml && kubectl apply -R -f k8s/c\n"
    )
    assert _found(tmp_path, steps) == sorted([
        f"{WFP}:7:27", f"{WFP}:10:37", f"{WFP}:12:32", f"{WFP}:13:35",
    ])


def test_token_edited_into_a_manifest_piped_to_kubectl(tmp_path):
    steps = (
        "      - run: |\n"
        "          sed \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" k8s/regcred.yaml | kubectl apply -f -\n"
        "          sed 's/__T__/$T/' k8s/regcred.yaml | kubectl apply -f -\n"  # '$T' is literal
    )
    assert _found(tmp_path, steps) == [f"{WFP}:7:24"]


def test_token_edited_into_files_nothing_applies_is_silent(tmp_path):
    steps = (
        "      - run: |\n"
        "          sed -i \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" .npmrc && npm ci\n"
        "          sed -i \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" k8s/a.yaml\n"
        "          sed -i \"s/x/y/\" k8s/b.yaml\n"
        "          kubectl apply -f k8s/b.yaml\n"
        "          kubectl apply -f k8s/sub/\n"
        "          sed -i 's/x/y/' k8s/${{ github.token }}.yaml\n"  # a file name, not the edit
    )
    assert _found(tmp_path, steps) == []


def test_token_edited_into_a_manifest_of_a_throwaway_cluster_is_silent(tmp_path):
    steps = (
        "      - uses: helm/kind-action@v1\n"
        "      - run: |\n"
        "          sed -i \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" k8s/a.yaml\n"
        "          echo ${{ secrets.GITHUB_TOKEN }} > k8s/b.yaml\n"
        "          kubectl apply -f k8s/\n"
    )
    assert _found(tmp_path, steps) == []


def test_token_edited_into_a_committed_file(tmp_path):
    steps = (
        "      - run: |\n"
        "          sed -i \"s/__T__/${{ secrets.GITHUB_TOKEN }}/\" config/app.yaml\n"
        "          git add config/app.yaml && git commit -m x && git push\n"
    )
    assert _found(tmp_path, steps) == [f"{WFP}:7:27"]


def test_secret_created_on_a_host_reached_by_ssh(tmp_path):
    # the local shell expands a double-quoted or unquoted command and an unquoted heredoc;
    # GitHub substitutes ${{ }} everywhere; '$T' and <<'EOF' are the remote shell's $T
    steps = (
        "      - env: {T: \"${{ github.token }}\"}\n"
        "        run: |\n"
        "          ssh -o StrictHostKeyChecking=no -i key deploy@host \"kubectl create secret docker-registry r --docker-password=$T\"\n"
        "          ssh host 'kubectl create secret docker-registry r --docker-password=${{ github.token }}'\n"
        "          ssh host kubectl create secret generic g --from-literal=t=${{ secrets.GITHUB_TOKEN }}\n"
        "          ssh -p 2222 deploy@host <<EOF\n"
        "            kubectl create secret docker-registry r --docker-password=$T\n"
        "          EOF\n"
        "          ssh host 'kubectl create secret docker-registry r --docker-password=$T'\n"
        "          ssh host bash -s <<'EOF'\n"
        "            kubectl create secret docker-registry r --docker-password=$T\n"
        "          EOF\n"
        "          ssh host \"echo $T | docker login ghcr.io -u x --password-stdin && docker compose pull\"\n"
    )
    assert _found(tmp_path, steps) == sorted([
        f"{WFP}:8:121", f"{WFP}:9:79", f"{WFP}:10:69", f"{WFP}:12:71",
    ])


def test_secret_created_by_an_ssh_action_script(tmp_path):
    # appleboy/ssh-action runs `script` on the host with the env variables named in `envs`
    steps = (
        "      - uses: appleboy/ssh-action@v1\n"
        "        env: {T: \"${{ secrets.GITHUB_TOKEN }}\", U: \"${{ secrets.GITHUB_TOKEN }}\"}\n"
        "        with:\n"
        "          host: h\n"
        "          envs: T\n"
        "          script: |\n"
        "            kubectl create secret docker-registry r --docker-password=$T\n"
        "            kubectl create secret docker-registry s --docker-password=$U\n"
        "            kubectl create secret docker-registry t --docker-password=${{ github.token }}\n"
        "            kubectl create secret docker-registry u --docker-password=${{ secrets.GHCR_PAT }}\n"
        "      - uses: appleboy/ssh-action@v1\n"
        "        with: {host: h, script: \"echo ${{ github.token }} | docker login ghcr.io -u x --password-stdin\"}\n"
    )
    assert _found(tmp_path, steps) == sorted([f"{WFP}:12:71", f"{WFP}:14:71"])


def test_token_passed_to_a_local_composite_action(tmp_path):
    # a workflow step (directly or through env) and another composite action pass the job
    # token into inputs of a local composite action that stores it; a PAT and a docker
    # login inside the action stay silent
    action = (
        "name: k8s secret\n"
        "inputs:\n"
        "  registry-password: {required: true}\n"
        "  pat: {required: false}\n"
        "runs:\n"
        "  using: composite\n"
        "  steps:\n"
        "    - shell: bash\n"
        "      run: kubectl create secret docker-registry regcred --docker-password=${{ inputs.registry-password }}\n"
        "    - shell: bash\n"
        "      env:\n"
        "        PW: ${{ inputs.registry-password }}\n"
        "      run: |\n"
        "        echo \"$PW\" | docker login ghcr.io -u x --password-stdin\n"
        "        kubectl create secret docker-registry other --docker-password=${{ inputs.pat }}\n"
        "        kubectl create secret docker-registry regcred2 --docker-password=\"$PW\"\n"
    )
    steps = (
        "      - uses: actions/checkout@v4\n"
        "      - env: {T: \"${{ github.token }}\"}\n"
        "        uses: ./.github/actions/k8s-secret\n"
        "        with: {registry-password: \"${{ env.T }}\", pat: \"${{ secrets.GHCR_PAT }}\"}\n"
    )
    act = ".github/actions/k8s-secret/action.yml"
    assert _found(tmp_path, steps, **{act: action}) == sorted([f"{act}:9:76", f"{act}:16:75"])


def test_token_passed_to_a_local_composite_action_by_another_action(tmp_path):
    inner = (
        "runs:\n  using: composite\n  steps:\n"
        "    - shell: bash\n"
        "      run: kubectl create secret generic t --from-literal=t=${{ inputs.token }}\n"
    )
    outer = (
        "runs:\n  using: composite\n  steps:\n"
        "    - uses: ./.github/actions/inner\n"
        "      with:\n"
        "        token: ${{ github.token }}\n"
    )
    files = {".github/actions/inner/action.yml": inner, ".github/actions/outer/action.yml": outer}
    assert found(tmp_path, files, TOKEN) == [".github/actions/inner/action.yml:5:61"]
    files[".github/actions/outer/action.yml"] = outer.replace("github.token", "secrets.GHCR_PAT")
    assert found(tmp_path, files, TOKEN) == []


def test_gh_auth_token_prints_the_token_gh_was_given(tmp_path):
    # `gh auth token` prints GH_TOKEN, else GITHUB_TOKEN: the job token when that is what
    # the env holds; a PAT in GH_TOKEN wins over a job token in GITHUB_TOKEN
    steps = (
        "      - env: {GH_TOKEN: \"${{ github.token }}\"}\n"
        "        run: kubectl create secret docker-registry a --docker-password=$(gh auth token)\n"
        "      - env: {GITHUB_TOKEN: \"${{ secrets.GITHUB_TOKEN }}\"}\n"
        "        run: |\n"
        "          kubectl create secret docker-registry b --docker-password=\"`gh auth token --hostname github.com`\"\n"
        "      - env: {GH_TOKEN: \"${{ secrets.GHCR_PAT }}\", GITHUB_TOKEN: \"${{ github.token }}\"}\n"
        "        run: kubectl create secret docker-registry c --docker-password=$(gh auth token)\n"
        "      - env: {GH_TOKEN: \"${{ github.token }}\"}\n"
        "        run: gh auth token | docker login ghcr.io -u x --password-stdin\n"
        "      - run: kubectl create secret docker-registry d --docker-password=$(gh auth token)\n"
    )
    assert _found(tmp_path, steps) == sorted([f"{WFP}:7:72", f"{WFP}:10:70"])


def test_token_stored_by_a_script_file_the_step_runs(tmp_path):
    # the script file inherits the env and what the step exported; GitHub substitutes no
    # ${{ }} in files; reported at the word that runs the script, naming its line
    script = (
        "#!/bin/sh\nset -e\n"
        "kubectl create secret docker-registry regcred --docker-password=\"$GHCR_TOKEN\" -n shop\n"
        "kubectl create secret generic literal --from-literal=t='${{ secrets.GITHUB_TOKEN }}'\n"
    )
    steps = (
        "      - uses: actions/checkout@v4\n"
        "      - env: {GHCR_TOKEN: \"${{ secrets.GITHUB_TOKEN }}\"}\n"
        "        run: ./scripts/deploy.sh\n"
        "      - run: |\n"
        "          export GHCR_TOKEN=${{ github.token }}\n"
        "          bash -e scripts/deploy.sh\n"
        "      - run: |\n"
        "          GHCR_TOKEN=${{ github.token }}\n"  # not exported: the script does not see it
        "          bash scripts/deploy.sh\n"
        "      - working-directory: scripts\n"
        "        env: {GHCR_TOKEN: \"${{ github.token }}\"}\n"
        "        run: sh ./deploy.sh && ./missing.sh\n"
        "      - env: {GHCR_TOKEN: \"${{ secrets.GHCR_PAT }}\"}\n"
        "        run: ./scripts/deploy.sh\n"
    )
    res = run(tmp_path, {WFP: wf(steps), "scripts/deploy.sh": script}, (TOKEN,))
    assert locs(res, TOKEN) == sorted([f"{WFP}:8:14", f"{WFP}:11:19", f"{WFP}:17:17"])
    assert "in `./scripts/deploy.sh` line 3 is stored in a Kubernetes Secret" in res.findings[0].message


def test_token_read_by_yq_from_the_environment(tmp_path):
    # yq's strenv(NAME) / env(NAME) read the variable themselves: no $ in the script
    steps = (
        "      - env: {T: \"${{ github.token }}\", P: \"${{ secrets.GHCR_PAT }}\"}\n"
        "        run: |\n"
        "          yq -i '.stringData.password = strenv(T)' k8s/regcred.yaml\n"
        "          yq -i '.stringData.other = strenv(P)' k8s/other.yaml\n"
        "          kubectl apply -f k8s/\n"
        "      - run: |\n"
        "          T=${{ github.token }} yq '.stringData.password = env(T)' k8s/regcred.tpl | kubectl apply -f -\n"
    )
    res = run(tmp_path, {WFP: wf(steps)}, (TOKEN,))
    assert locs(res, TOKEN) == sorted([f"{WFP}:8:41", f"{WFP}:12:60"])
    assert "`$T` (set from `github.token`) through yq's `strenv(T)` is stored in `k8s/regcred.yaml`" in res.findings[0].message
