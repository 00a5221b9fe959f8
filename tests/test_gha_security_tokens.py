"""ephemeral-registry-token and registry-username-actor variants: env at every level,
shell indirection ($T, ${T}, "$T"), pipes, folded blocks, CRLF, composite actions, and the
created_secrets() API other rules use."""
from __future__ import annotations

from helpers import lint, locs, write_files
from okla_lint.core.engine import Engine
from okla_lint.lib.gha.secrets_created import created_secrets
from okla_lint.core.model import RepoModel
from okla_lint.core.settings import Settings

TOKEN = "ephemeral-registry-token"
ACTOR = "registry-username-actor"


def run(tmp_path, files, rules=(TOKEN,)):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result


def wf(steps: str, env: str = "", job_env: str = "") -> str:
    return (
        "on: push\n"
        + (f"env:\n{env}" if env else "")
        + "jobs:\n  j:\n    runs-on: ubuntu-latest\n"
        + (f"    env:\n{job_env}" if job_env else "")
        + "    steps:\n"
        + steps
    )


def test_indirection_spellings(tmp_path):
    steps = (
        "      - run: |\n"
        "          T=${{ secrets.GITHUB_TOKEN }}\n"
        "          kubectl create secret generic a --from-literal=p=$T\n"
        "          kubectl create secret generic b --from-literal=p=${T}\n"
        "          kubectl create secret generic c --from-literal=p=\"$T\"\n"
        "          kubectl create secret generic d --from-literal=\"p=${T}\"\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
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
    r = run(tmp_path, {".github/workflows/w.yml": text})
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
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps).replace("\n", "\r\n")})
    assert locs(r, TOKEN) == [".github/workflows/w.yml:8:29"]


def test_pipe_into_gh_secret_and_login_stays_silent(tmp_path):
    steps = (
        "      - run: |\n"
        "          echo ${{ github.token }} | docker login ghcr.io -u x --password-stdin\n"
        "          printf '%s' \"$GITHUB_TOKEN\" | gh secret set NEXT_TOKEN\n"
        "        env:\n"
        "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, TOKEN) == [".github/workflows/w.yml:8:24"]


def test_app_token_in_composite_action(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - id: app\n      uses: actions/create-github-app-token@v1\n"
        "      with: {app-id: '1', private-key: x}\n"
        "    - shell: bash\n"
        "      run: helm upgrade x ./c --set registry.password=${{ steps.app.outputs.token }}\n"
    )
    r = run(tmp_path, {".github/actions/a/action.yml": action})
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
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, TOKEN) == [".github/workflows/w.yml:6:20"]
    assert "upload-artifact" in r.findings[0].message


def test_token_file_committed_by_an_action(tmp_path):
    steps = (
        "      - run: echo \"${{ secrets.GITHUB_TOKEN }}\" > .token\n"
        "      - uses: stefanzweifel/git-auto-commit-action@v5\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, TOKEN) == [".github/workflows/w.yml:6:20"]


def test_commit_without_push_is_silent(tmp_path):
    steps = "      - run: echo \"${{ secrets.GITHUB_TOKEN }}\" > .token && git add -A && git commit -m x\n"
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, TOKEN) == []


def test_actor_variants(tmp_path):
    steps = (
        "      - run: |\n"
        "          U=$GITHUB_ACTOR\n"
        "          kubectl create secret docker-registry a --docker-username \"$U\" --docker-password=x\n"
        "          kubectl create secret generic b --from-literal=username=${{ github.triggering_actor }}\n"
        "          kubectl create secret generic c --from-literal=owner=${{ github.actor }}\n"
        "          kubectl create secret docker-registry d --docker-username=${{ github.actor_id }}\n"
        "      - uses: azure/k8s-create-secret@v4\n"
        "        with:\n"
        "          container-registry-username: ${{ env.WHO }}\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps, env="  WHO: ${{ github.actor }}\n")}, rules=(ACTOR,))
    assert locs(r, ACTOR) == sorted([
        ".github/workflows/w.yml:10:70",
        ".github/workflows/w.yml:11:67",
        ".github/workflows/w.yml:16:40",
    ])


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
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)})
    assert locs(r, TOKEN) == sorted([
        ".github/workflows/w.yml:9:51",
        ".github/workflows/w.yml:10:59",
        ".github/workflows/w.yml:12:68",
        ".github/workflows/w.yml:13:19",
        ".github/workflows/w.yml:15:25",
    ])


def test_actor_login_then_docker_config_copied_into_a_secret(tmp_path):
    steps = (
        "      - uses: docker/login-action@v3\n"
        "        with: {registry: ghcr.io, username: '${{ github.actor }}', password: '${{ secrets.GHCR_PAT }}'}\n"
        "      - run: kubectl create secret generic regcred --from-file=.dockerconfigjson=$HOME/.docker/config.json\n"
        "      - run: |\n"
        "          echo \"$PAT\" | docker login ghcr.io --username=$GITHUB_REPOSITORY_OWNER --password-stdin\n"
        "          kubectl create secret generic other --from-file=.dockerconfigjson=$HOME/.docker/config.json\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, rules=(ACTOR,))
    # the second script logs in again as the owner before copying: not reported
    assert locs(r, ACTOR) == [".github/workflows/w.yml:8:52"]
    assert "docker/login-action step at line 6" in r.findings[0].message
