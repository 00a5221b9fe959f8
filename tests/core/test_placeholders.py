"""The one test of "this value is a deploy-time placeholder" that every rule uses
(lib/common/placeholders.py), and the field grammars it is given (lib/k8s/names.py)."""
from __future__ import annotations

import pytest

from okla_lint.lib.common.placeholders import is_placeholder, only_placeholders, placeholder_spans, starts_with_placeholder
from okla_lint.lib.k8s.names import is_config_key, is_image_reference

# one per syntax, each a whole value
TOKENS = [
    "{{ .Values.image }}", "{{- include \"x.image\" . -}}", "${{ github.sha }}", "#{{ IMAGE }}",
    "{% set image = x %}", "<%= image %>", "#{IMAGE}#", "#{ IMAGE }#", "#{Octopus.Image}",
    "${IMAGE}", "${IMAGE:-nginx}", "$IMAGE", "$(IMAGE)", "$(Build.BuildId)", "##IMAGE##",
    "__IMAGE__", "__image_name__", "%IMAGE%", "@IMAGE@", "<image>", "<your registry>", "{IMAGE}",
]


@pytest.mark.parametrize("value", TOKENS)
def test_every_syntax_is_a_placeholder(value):
    assert placeholder_spans(value) == [(0, len(value))]
    assert is_placeholder(value)
    assert only_placeholders(value)


@pytest.mark.parametrize("value, spans", [
    ("registry.example.com/app:#{TAG}#", [(25, 32)]),
    ("$(ACR_NAME).azurecr.io/api:$(IMAGE_TAG)", [(0, 11), (27, 39)]),
    ("my-__ENV__-config", [(3, 10)]),
    ("##REGISTRY##/app:__TAG__", [(0, 12), (17, 24)]),
])
def test_tokens_inside_a_value(value, spans):
    assert placeholder_spans(value) == spans
    assert is_placeholder(value)
    assert not only_placeholders(value)


# text that looks like a token but is not one: glued to letters or digits, or no name
@pytest.mark.parametrize("value", [
    "Storage__S3__BucketName", "ConnectionStrings__Db", "user@example.com", "50%", "100%-ish",
    "nginx@sha256:0123456789abcdef0123456789abcdef", "a__b__c", "date +%Y%m%d", "#comment",
    "##", "{}", "{ }", "<>", "a < b > c", "$", "$$", "$5", "", "nginx:1.27", "https://x.example/a?b=1",
])
def test_not_placeholders(value):
    assert placeholder_spans(value) == []
    assert not is_placeholder(value)
    assert not only_placeholders(value)


@pytest.mark.parametrize("value, literal", [
    ("$(A)$(B)", False), ("${A}-${B}", False), ("$(HOST):$(PORT)", False), ("  #{PW}#  ", False),
    ("$(A)-s3cret", True), ("pa$word", True), ("prefix-#{X}#", True), ("x{{ .y }}", True),
])
def test_only_placeholders(value, literal):
    assert only_placeholders(value) is not literal


def test_what_the_field_allows_decides():
    # a value the field rejects is a placeholder as soon as it holds a token
    assert is_placeholder("__IMAGE__", is_image_reference)
    assert is_placeholder("##IMAGE##", is_image_reference)
    assert is_placeholder("@IMAGE@", is_image_reference)
    assert is_placeholder("$(IMAGE)", is_image_reference)
    # a value the field accepts is real, unless tokens are all it has
    assert not is_placeholder("registry.example.com/app:__TAG__", is_image_reference)
    assert not is_placeholder("__init__.py", is_config_key)
    assert is_placeholder("__init__.py")  # without the grammar every token counts
    assert is_placeholder("__KEY__", is_config_key)
    assert not is_placeholder("nginx", is_image_reference)
    assert not is_placeholder(None) and not is_placeholder(8080)


@pytest.mark.parametrize("text, yes", [
    ("##CRNAME##", True), ("#{REPLICAS}#", True), ("#{Octopus.Replicas}", True),
    ("# a comment", False), ("#CRNAME", False), ("", False),
])
def test_starts_with_placeholder(text, yes):
    assert starts_with_placeholder(text) is yes


@pytest.mark.parametrize("image", [
    "nginx", "nginx:1.27.2", "nginx:latest", "library/nginx", "docker.io/library/nginx:1",
    "localhost:5000/tools", "localhost:5000/tools:2.0", "Registry.Example.com/a_b/c-d.e:latest",
    "ghcr.io/acme/app@sha256:" + "0" * 64, "ghcr.io/acme/app:1.0@sha256:" + "a" * 64,
    "registry.k8s.io/spark:1.5.2_v1", "a__b/c---d", "[fd00::1]:5000/app", "app:__TAG__", "app:_x",
])
def test_image_references(image):
    assert is_image_reference(image)


@pytest.mark.parametrize("image", [
    "", "BUSYBOX", "MY_IMAGE", "Nginx", "nginx:", "nginx:-x", ":1.0", "a/_b", "a/b_", "nginx@sha256:abc",
    "nginx:invalid!", "nginx latest", "__IMAGE__", "##IMAGE##", "@IMAGE@", "$(IMAGE)", "{IMAGE}",
    "nginx:" + "x" * 129,
])
def test_not_image_references(image):
    assert not is_image_reference(image)
