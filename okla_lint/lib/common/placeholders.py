"""Deploy-time placeholders: text in a manifest that a tool replaces before it reaches the API
server (or GitHub, or Ocelot), so a rule must not judge it as the real value.

One test for every rule. The syntaxes, each with the tools that replace it:

- ``{{ .Values.image }}``, ``{% if %}``: Helm / Go templates, Jinja (Ansible), Mustache,
  replacetokens ``doublebraces``; ``${{ github.sha }}`` in a file a workflow writes;
- ``#{IMAGE}#``: Azure DevOps replacetokens (its default pattern); ``#{IMAGE}``: Octopus Deploy
  and replacetokens ``octopus``;
- ``${IMAGE}``, ``$IMAGE``: envsubst, shell heredocs, Terraform ``templatefile``;
- ``$(IMAGE)``: replacetokens ``azpipelines``, kustomize ``vars``, and in ``command``,
  ``args`` and ``env`` values Kubernetes' own dependent-variable expansion. Kubernetes does
  not expand it anywhere else (an ``image: $(IMAGE)`` applied unchanged fails to pull with
  InvalidImageName), so outside those fields it is a token a deploy step replaces;
- ``__IMAGE__``: replacetokens ``rm``/``doubleunderscores``, the Tokenizer task; ``##IMAGE##``:
  sed-style token replacement; ``%IMAGE%``, ``@IMAGE@`` (Maven resource filtering,
  autoconf), ``<%= image %>`` (ERB);
- ``{IMAGE}``: ``sed s|{IMAGE}|...|`` and ``str.format`` templates; ``<image>``: a value the
  reader is told to fill in.

``__X__``, ``%X%`` and ``@X@`` count only where they are not glued to letters or digits
(``Storage__S3__Bucket`` is an ASP.NET configuration path, not a token).

What a field allows decides the rest (``is_placeholder(value, allows)``): a value the field
rejects that holds a token is a placeholder; a value the field accepts is a real value, unless
tokens are all it has (``__KEY__`` as a ConfigMap key, ``__init__.py`` is a real key).
"""
from __future__ import annotations

import re
from typing import Callable

# one alternative per syntax (see above); the longer forms of a prefix first
_TOKEN = re.compile(
    r"\$\{\{.*?\}\}"  # ${{ github.sha }}
    r"|#?\{\{.*?\}\}"  # {{ .Values.x }}, replacetokens #{{ x }}
    r"|\{%.*?%\}"  # {% jinja %}
    r"|<%.*?%>"  # <%= erb %>
    r"|#\{[^{}]*\}#?"  # #{X}# replacetokens, #{X} Octopus
    r"|\$\{[^{}]*\}"  # ${X}
    r"|\$\([^()]*\)"  # $(X)
    r"|\$[A-Za-z_][A-Za-z0-9_]*"  # $X
    r"|##[A-Za-z_][\w.-]*##"  # ##X##
    r"|(?<![A-Za-z0-9])__[A-Za-z0-9][\w.-]*?__(?![A-Za-z0-9])"  # __X__
    r"|(?<![A-Za-z0-9])%[A-Za-z_][\w.-]+%(?![A-Za-z0-9])"  # %X%
    r"|(?<![A-Za-z0-9])@[A-Za-z_][\w.-]+@(?![A-Za-z0-9])"  # @X@
    r"|<[A-Za-z_][^<>]*>"  # <image>, <your registry>
    r"|\{[A-Za-z_][\w.-]*\}",  # {IMAGE}
    re.DOTALL,
)
_LITERAL = re.compile(r"[^\W_]")  # a letter or digit of the value's own


def placeholder_spans(value: str) -> list[tuple[int, int]]:
    """(start, end) of each placeholder token in ``value``, left to right."""
    return [m.span() for m in _TOKEN.finditer(value)] if isinstance(value, str) else []


def starts_with_placeholder(text: str) -> bool:
    """``text`` begins with a placeholder token (``##NAME##`` or ``#{NAME}#`` right after a
    key is a YAML comment: the key's value is null until the token is replaced)."""
    return _TOKEN.match(text) is not None


def only_placeholders(value: str) -> bool:
    """``value`` has tokens and no letter or digit outside them (``#{TOKEN}#``,
    ``${A}-${B}``, ``$(HOST):$(PORT)``): it holds nothing literal of its own."""
    if not isinstance(value, str) or not _TOKEN.search(value):
        return False
    return not _LITERAL.search(_TOKEN.sub("", value))


def is_placeholder(value: str, allows: Callable[[str], bool] | None = None) -> bool:
    """``value`` is (or contains) a placeholder a deploy tool replaces, so the real value is not
    in the file. ``allows`` says which values the field accepts (a DNS name, a label value, an
    image reference; None: not said, every token counts): a value it accepts is taken as real
    unless it is only tokens, a value it rejects is a placeholder as soon as it holds one."""
    if not isinstance(value, str) or not _TOKEN.search(value):
        return False
    if allows is None or not allows(value):
        return True
    return only_placeholders(value)
