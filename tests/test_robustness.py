"""Bad input of every kind: untrusted text stays inert, and nothing crashes (property tests included)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY_KB, cli
from mxguard.errors import KbError
from mxguard.kb import check_kb, load_kb, locate_kb
from mxguard.kbyaml import YamlProblem, decode, load

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_markup_and_links_in_kb_text_print_literally(kb_copy: Path) -> None:
    faq = kb_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace(
        "Its 2024 annual report listed 137,716 active members.",
        "Its [bold]report[/] [link=file:///etc/passwd]listed[/link] 137,716 [/] members.", 1))
    result = cli("ask", "guard size", "--kb", str(kb_copy))
    assert result.code == 0
    assert "[link=file:///etc/passwd]listed[/link]" in result.stdout and "[/]" in result.stdout
    assert "\x1b]8" not in result.stdout


def test_escape_sequences_in_kb_are_refused_with_line_and_code_point(kb_copy: Path) -> None:
    faq = kb_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace("137,716 active members", "137,716 \x1b]52;c;aGk=\x07 members", 1))
    result = cli("validate", str(kb_copy))
    assert result.code == 3 and "U+001B" in result.stderr and re.search(r"faq\.yaml:\d+:\d+:", result.stderr)


def test_usage_error_quoting_user_input_is_sanitised() -> None:
    result = cli("faq", "--topic")  # missing value: Typer's own error path
    assert result.code == 2
    evil = cli("ask", "x", "--\x1b]52;c;aGk=\x07")
    assert evil.code == 2 and "\x1b" not in evil.stderr


def test_error_naming_a_path_with_controls_is_inert(tmp_path: Path) -> None:
    result = cli("ask", "x", "--kb", str(tmp_path / "no\x1b[31mpe"))
    assert result.code == 3 and "\x1b" not in result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_any_query_gives_a_valid_result_or_a_clean_exit(query: str) -> None:
    # after "--" even "-h" or "--top" is the question, as on a shell command line
    result = cli("ask", "--json", "--kb", str(TINY_KB), "--", query)
    assert result.code in (0, 1, 2), result.exception
    assert "Traceback" not in result.stderr
    if result.code in (0, 1):
        data = json.loads(result.stdout)
        assert set(data) == {"query", "answered", "results"}
        assert all(0 <= r["score"] <= 100 for r in data["results"])
        assert not RAW_CONTROL.search(data["query"])
    else:
        assert result.stdout == ""


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=200))
def test_any_kb_text_round_trips_or_is_refused(tmp_path_factory: object, text: str) -> None:
    kb = Path(tmp_path_factory.mktemp("kb"))  # type: ignore[attr-defined]
    shutil.copytree(TINY_KB, kb, dirs_exist_ok=True)
    faq = kb / "faq.yaml"
    faq.write_text(faq.read_text().replace(
        '"Its 2024 annual report listed 137,716 active members."', json.dumps(text, ensure_ascii=False), 1),
        encoding="utf-8")
    location = locate_kb(kb)
    try:
        loaded = load_kb(location, use_cache=False)
    except KbError as err:
        assert err.problems and all(p.line >= 1 for p in err.problems)
        return
    exported = cli("export", "--kb", str(kb))
    as_json = cli("export", "--format", "json", "--kb", str(kb))
    assert exported.code == 0 and as_json.code == 0
    assert not RAW_CONTROL.search(exported.stdout)
    answer = json.loads(as_json.stdout)["faqs"][0]["answer"]
    assert not RAW_CONTROL.search(answer)
    assert loaded.faq("how-many-members").answer.en == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_loader_raises_only_its_own_error_on_arbitrary_bytes(data: bytes) -> None:
    try:
        load(decode(data))
    except YamlProblem as err:
        assert err.line >= 1 and err.col >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=1500))
def test_checker_reports_problems_for_arbitrary_faq_bytes(tmp_path_factory: object, data: bytes) -> None:
    kb = Path(tmp_path_factory.mktemp("kb"))  # type: ignore[attr-defined]
    shutil.copytree(TINY_KB, kb, dirs_exist_ok=True)
    (kb / "faq.yaml").write_bytes(data)
    location = locate_kb(kb)
    _, problems = check_kb(location, {"faq.yaml": data, "facts.yaml": (kb / "facts.yaml").read_bytes()})
    assert problems  # random bytes are never a valid faq.yaml
    assert all(str(p).startswith(str(kb / "faq.yaml")) or "facts.yaml" in str(p) for p in problems)


def test_messages_name_what_the_user_gave() -> None:
    empty_claim = cli("check", "  ")
    assert empty_claim.code == 2 and "the claim is empty" in empty_claim.stderr and "mxguard check" in empty_claim.stderr
    missing = cli("validate", "/no/such/folder")
    assert missing.code == 3 and "(given as DIR)" in missing.stderr


def test_messages_on_a_piped_stderr_are_not_wrapped() -> None:
    """Each suggestion stays on one line, so its id can be found with grep in a log."""
    result = cli("check", "the guard commander is Hernán Cortés")
    suggestions = [line for line in result.stderr.splitlines() if line.startswith(" • ")]
    assert result.code == 1 and suggestions
    assert all(re.search(r"\((?:faq|claim|fact) [a-z0-9-]+, score [\d.]+\)$", line) for line in suggestions)
