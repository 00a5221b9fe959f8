"""The small shell reader behind the workflow rules: words and offsets, continuations,
quoting, redirections, heredocs, pipelines and reserved words."""
from __future__ import annotations

from okla_lint.lib.gha.shell import option_values, parse_script, pipelines


def argvs(script):
    return [[w.text for w in c.args] for c in parse_script(script)]


def test_line_continuations_join_one_command():
    s = "kubectl create secret generic x \\\n  --from-literal=a=b \\\n  -n ns\n"
    assert argvs(s) == [["kubectl", "create", "secret", "generic", "x", "--from-literal=a=b", "-n", "ns"]]


def test_crlf_continuations():
    s = "kubectl apply \\\r\n  -f k8s/\r\necho done\r\n"
    assert argvs(s) == [["kubectl", "apply", "-f", "k8s/"], ["echo", "done"]]


def test_quotes_are_removed_and_offsets_kept():
    s = 'echo "a b" \'c d\' e"f"g'
    cmd = parse_script(s)[0]
    assert [w.text for w in cmd.words] == ["echo", "a b", "c d", "efg"]
    w = cmd.words[1]
    assert s[w.start : w.end] == '"a b"'


def test_expressions_stay_whole_inside_words():
    s = 'echo ${{ format(\'{0} {1}\', a, b) }}-x "${{ secrets.T }}"'
    cmd = parse_script(s)[0]
    assert [w.text for w in cmd.words][1:] == ["${{ format('{0} {1}', a, b) }}-x", "${{ secrets.T }}"]


def test_parameter_expansion_with_spaces_is_one_word():
    assert argvs('echo ${NAME:-a default} x') == [["echo", "${NAME:-a default}", "x"]]


def test_continuation_inside_double_quotes():
    assert argvs('echo "a\\\nb"') == [["echo", "ab"]]


def test_redirections_are_not_arguments():
    cmd = parse_script("kubectl apply -f a.yaml 2>&1 >/dev/null >> log.txt &> all.txt")[0]
    assert [w.text for w in cmd.args] == ["kubectl", "apply", "-f", "a.yaml"]
    assert [(op, w.text) for op, w in cmd.redirects] == [(">", "/dev/null"), (">>", "log.txt"), ("&>", "all.txt")]


def test_reserved_words_and_wrappers_are_skipped():
    s = "if sudo kubectl apply -f x.yaml; then echo ok; fi\nfor f in a b; do env A=1 kubectl delete -f $f; done"
    progs = [c.prog() for c in parse_script(s)]
    assert progs[0] == "kubectl" and "echo" in progs
    assert ["kubectl", "delete", "-f", "$f"] in argvs(s)


def test_pipelines_and_lists():
    s = "echo $T | docker login -u x --password-stdin && kubectl get pods || true; ls"
    groups = [[c.prog() for c in p] for p in pipelines(parse_script(s))]
    assert groups == [["echo", "docker"], ["kubectl"], ["true"], ["ls"]]


def test_heredoc_bodies_belong_to_their_command():
    s = "cat <<'EOF' | kubectl apply -f -\nkind: Secret\nEOF\necho after\n"
    cmds = parse_script(s)
    assert cmds[0].heredoc[0] == "kind: Secret\n"
    assert s[cmds[0].heredoc[1] :].startswith("kind: Secret")
    assert [c.prog() for c in cmds] == ["cat", "kubectl", "echo"]


def test_comments_are_skipped_but_hash_inside_words_is_kept():
    assert argvs("echo a#b # a comment\n# whole line\necho c") == [["echo", "a#b"], ["echo", "c"]]


def test_option_values_both_spellings():
    cmd = parse_script("kubectl create cm x --from-file=a.json --from-file b.json")[0]
    assert [(n, w.text[o:]) for n, w, o in option_values(cmd.args, "--from-file")] == [
        ("--from-file", "a.json"),
        ("--from-file", "b.json"),
    ]
