"""Compact positions (issue 12): packed Span, SpanList, and trees built from parser events
give the same positions as before."""
from __future__ import annotations

import json
import pickle

from okla_lint.core.located import Span, SpanDict, SpanList
from okla_lint.core.parse_json import load_json
from okla_lint.core.parse_yaml import load_documents
from okla_lint.core.source import SourceText


def test_span_packs_and_compares_like_a_value():
    s = Span(3, 5, 3, 9, 40, 44, "")
    assert (s.line, s.col, s.end_line, s.end_col, s.start, s.end, s.style) == (3, 5, 3, 9, 40, 44, "")
    assert s == Span(3, 5, 3, 9, 40, 44, "") and hash(s) == hash(Span(3, 5, 3, 9, 40, 44, ""))
    assert s != Span(3, 5, 3, 9, 40, 44, '"')
    assert pickle.loads(pickle.dumps(s)) == s
    big = Span(1, 1, 1, 1, 0, 1 << 40)  # beyond 32 bits: kept as it is
    assert big.end == 1 << 40 and Span(-1, 0, 0, 0).line == -1
    assert repr(Span(1, 2, 3, 4)) == "Span(line=1, col=2, end_line=3, end_col=4, start=0, end=0, style=None)"


def test_span_list_gives_back_the_spans_it_was_given():
    src = SourceText("a:\n  - x\n  - 'y'\n  - |\n    z\n")
    (doc,), err = load_documents(src)
    seq = doc.root["a"]
    assert err is None and isinstance(seq.spans, SpanList) and len(seq.spans) == 3
    assert [(s.line, s.col, s.style) for s in seq.spans] == [(2, 5, ""), (3, 5, "'"), (4, 5, "|")]
    assert seq.spans[1:] == [seq.item_span(1), seq.item_span(2)]
    j = load_json(SourceText('{"k": [1,\n  "two"]}'))
    assert [(s.line, s.col, s.end_col) for s in j.root["k"].spans] == [(1, 8, 9), (2, 3, 8)]


def test_mapping_spans_are_kept_packed_and_read_as_spans():
    text = "a: 1\r\nb: 'two'\r\nc: |\r\n  x\r\na: [y]\r\n"
    src = SourceText(text)
    (doc,), err = load_documents(src)
    m = doc.root
    assert err is None and isinstance(m.kspans, SpanDict)
    assert any(type(p) is int for p in dict.values(m.vspans))  # kept as ints
    assert m.key_span("b") == Span(2, 1, 2, 2, 6, 7, "")
    assert m.value_span("b") == Span(2, 4, 2, 9, 9, 14, "'")
    assert m.value_span("c").style == "|" and m.vspans.get("c").line == 3
    assert m.vspans.get("zz") is None and m.vspans.get("zz", 5) == 5
    assert all(type(s) is Span for s in m.kspans.values())
    assert [k for k, _ in m.vspans.items()] == ["a", "b", "c"]
    # the duplicate key and the document span are Spans
    assert [(k, s1.line, s2.line) for k, s1, s2 in doc.dups] == [("a", 1, 5)]
    assert type(doc.span) is Span
    again = pickle.loads(pickle.dumps(m))
    assert again.value_span("b") == m.value_span("b") and again == m
    assert m.kspans.pop("b") == Span(2, 1, 2, 2, 6, 7, "") and "b" not in m.kspans


def test_aliases_and_merge_keys_keep_their_positions():
    src = SourceText("base: &b {a: 1}\nlist: &l [x, y]\nuse:\n  <<: *b\n  l: *l\n  items: [*l, z]\n")
    (doc,), err = load_documents(src)
    use = doc.root["use"]
    assert err is None and use["a"] == 1 and use.value_span("a").line == 1
    assert use["l"] is doc.root["list"] and use.value_span("l").line == 2
    assert use["items"].item_span(0).line == 2 and use["items"].item_span(1).col == 15


def test_short_strings_are_shared():
    (doc,), _ = load_documents(SourceText("a: [" + ", ".join(["same"] * 50) + "]\n"))
    assert len({id(x) for x in doc.root["a"]}) == 1


def test_documents_no_rule_reads_are_dropped_in_plain_yaml_files(tmp_path):
    from okla_lint.core.files import parse_file

    p = tmp_path / "many.yaml"
    p.write_text("a: 1\n---\nb: 2\n---\napiVersion: v1\nkind: ConfigMap\n---\nc: [1, 1]\nc: 2\n")
    unit = parse_file(p, "many.yaml", True)
    assert [d.root is None for d in unit.docs] == [False, True, False, True]
    assert unit.docs[3].dups and unit.kind == "kubernetes"
    wf = tmp_path / ".github" / "workflows" / "w.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text("on: push\n---\nb: 2\n")
    assert all(d.root is not None for d in parse_file(wf, ".github/workflows/w.yml", True).docs)


def _walk_json(node, src, text, out):
    """Check every key and value span of a JSON tree against the text it was read from."""
    from okla_lint.core.located import LMap, LSeq

    if isinstance(node, LMap):
        for k, v in node.items():
            ks, vs = node.key_span(k), node.value_span(k)
            assert json.loads(text[ks.start:ks.end]) == k
            assert (ks.line, ks.col) == src.position(ks.start)
            out.append(vs)
            _walk_json(v, src, text, out)
            if not isinstance(v, (LMap, LSeq)):
                assert json.loads(text[vs.start:vs.end]) == v
                assert (vs.end_line, vs.end_col) == src.position(vs.end)
    elif isinstance(node, LSeq):
        for i, v in enumerate(node):
            s = node.item_span(i)
            out.append(s)
            _walk_json(v, src, text, out)
            if not isinstance(v, (LMap, LSeq)):
                assert json.loads(text[s.start:s.end]) == v


def test_json_reader_spans_and_values_match_the_text_on_random_documents():
    import random

    rnd = random.Random(7)
    words = ["", "a", "Ocelot", 'q"uote', "back\\slash", "tab\there", "é ü", "\u2028", "/* not a comment */", "// nor this"]

    def value(depth):
        r = rnd.random()
        if depth > 3 or r < 0.3:
            return rnd.choice([0, -1, 12.5, -3e-2, 10**20, True, False, None] + words)
        if r < 0.65:
            return {rnd.choice(words) + str(i): value(depth + 1) for i in range(rnd.randint(0, 4))}
        return [value(depth + 1) for _ in range(rnd.randint(0, 4))]

    for _ in range(200):
        doc = value(0)
        text = json.dumps(doc, indent=rnd.choice([None, 2, "\t"]), ensure_ascii=rnd.random() < 0.5)
        if rnd.random() < 0.5:  # comments and CRLF line breaks, as Ocelot files have them
            text = text.replace("\n", "\r\n  // note\r\n") if "\n" in text else "/* c */ " + text
        src = SourceText(text)
        got = load_json(src)
        assert json.loads(json.dumps(_plain(got.root))) == json.loads(json.dumps(doc))
        spans = []
        _walk_json(got.root, src, text, spans)
        assert all(s.start <= s.end for s in spans)


def _plain(node):
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def test_plain_scalar_tags_do_not_depend_on_what_was_read_before():
    # the reader remembers each plain scalar's tag; quoted text stays a string
    from okla_lint.core.parse_yaml import load_documents

    text = "a: on\nb: 0x1F\nc: '12'\nd: 12\nf: null\ng: \"null\"\nh: .inf\ni: 0o17\n"
    for _ in range(2):
        docs, err = load_documents(SourceText(text))
        assert err is None
        assert dict(docs[0].root) == {"a": "on", "b": 31, "c": "12", "d": 12, "f": None,
                                      "g": "null", "h": float("inf"), "i": 15}
