"""What `registry-username-actor` reports (github.actor is the username of a registry
credential that outlives the job (a pull secret)): exact rule, path, line and column."""
from __future__ import annotations

from _ephemeral_registry_token import wf
from helpers import locs, run


ACTOR = "registry-username-actor"


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
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps, env="  WHO: ${{ github.actor }}\n")}, (ACTOR,))
    assert locs(r, ACTOR) == sorted([
        ".github/workflows/w.yml:10:70",
        ".github/workflows/w.yml:11:67",
        ".github/workflows/w.yml:16:40",
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
    r = run(tmp_path, {".github/workflows/w.yml": wf(steps)}, (ACTOR,))
    # the second script logs in again as the owner before copying: not reported
    assert locs(r, ACTOR) == [".github/workflows/w.yml:8:52"]
    assert "docker/login-action step at line 6" in r.findings[0].message
