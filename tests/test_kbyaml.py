"""The strict YAML reader: text stays text, and every unsupported construct is refused with its line."""

from __future__ import annotations

import pytest

from mxguard.kbyaml import MAX_DEPTH, YamlProblem, decode, load


def problem(text: str | bytes) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        load(decode(text if isinstance(text, bytes) else text.encode()))
    return caught.value


def test_scalars_stay_text_despite_yaml_1_1_typing() -> None:
    data = load("a: no\nb: 2019-03-26\nc: 010\nd: 1e3\ne: ~\nf: yes\n")
    assert data == {"a": "no", "b": "2019-03-26", "c": "010", "d": "1e3", "e": "~", "f": "yes"}
    assert all(type(v) is not bool for v in data.values())


def test_duplicate_key_names_both_lines() -> None:
    err = problem("id: x\nanswer: first\nother: 1\nanswer: second\n")
    assert err.line == 4 and "duplicate key 'answer'" in err.message and "line 2" in err.message


def test_duplicate_key_found_at_depth() -> None:
    err = problem("faqs:\n  - id: a\n    answer:\n      en: one\n      en: two\n")
    assert err.line == 5 and "duplicate key 'en'" in err.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: &x 1\nb: *x\n", "anchors"),
        ("a: [1]\nb: *x\n", "aliases"),
        ("a: !!python/object:os.system echo\n", "tags"),
        ("a: !custom 1\n", "tags"),
        ("base: {x: 1}\nother:\n  <<: {y: 2}\n", "merge keys"),
        ("---\na: 1\n---\nb: 2\n", "one YAML document"),
        ("? [a, b]\n: 1\n", "plain text"),
    ],
)
def test_unsupported_constructs_are_refused(text: str, words: str) -> None:
    assert words in problem(text).message


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    assert "anchors" in problem(bomb).message


def test_deep_nesting_is_refused_with_line() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert "nesting deeper" in problem(deep).message
    very_deep = "a: " + "[" * 600 + "]" * 600 + "\n"  # would be RecursionError in a recursive loader
    assert "nesting deeper" in problem(very_deep).message


def test_invalid_utf8_reports_line() -> None:
    err = problem(b"a: ok\nb: caf\xe9\n")
    assert err.line == 2 and "UTF-8" in err.message


def test_bom_and_crlf_are_accepted() -> None:
    assert load(decode(b"\xef\xbb\xbfa: 1\r\nb: dos\r\n")) == {"a": "1", "b": "dos"}


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x85", "\u202e", "\u2066"])
def test_control_and_bidi_characters_are_refused_with_code_point(char: str) -> None:
    err = problem(f"a: fine\nb: bad{char}text\n".encode())
    assert err.line == 2 and f"U+{ord(char):04X}" in err.message


def test_oversized_file_is_refused_before_parsing() -> None:
    from mxguard import kbyaml

    with pytest.raises(YamlProblem) as caught:
        decode(b"a" * (kbyaml.MAX_FILE_BYTES + 1))
    assert "limit" in caught.value.message


def test_syntax_error_has_line_and_column() -> None:
    err = problem("a: [1, 2\nb: 3\n")
    assert err.line >= 2 and "YAML syntax" in err.message
