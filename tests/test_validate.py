"""`mxguard validate` reports every problem as FILE:LINE:COL and exits 3; clean KBs exit 0."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, TESTS, cli

BROKEN = TESTS / "fixtures" / "broken"
LINE = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def problems(stderr: str) -> list[tuple[str, int, str]]:
    found = []
    for line in stderr.splitlines():
        m = LINE.match(line)
        if m:
            found.append((Path(m["file"]).name, int(m["line"]), m["msg"]))
    return found


def test_validate_tiny_kb_is_clean(tiny_kb: Path) -> None:
    result = cli("validate", str(tiny_kb))
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_validate_shipped_kb_is_clean() -> None:
    result = cli("validate", str(REPO))
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr


def test_validate_reports_every_dangling_reference() -> None:
    result = cli("validate", str(BROKEN / "dangling-references"))
    assert result.code == 3
    found = problems(result.stderr)
    assert ("facts.yaml", 43, "'const-reform-2024': source 'no-such-source' is not defined in sources") in found
    assert any(f == "faq.yaml" and "strength-2042" in m and "did you mean 'strength-2024'" in m for f, _, m in found)
    assert any(f == "faq.yaml" and "how-many-member'" in m for f, _, m in found)
    assert len(found) == 3
    assert "Traceback" not in result.stderr


def test_validate_reports_each_bad_field_with_its_line() -> None:
    result = cli("validate", str(BROKEN / "missing-and-bad-fields"))
    assert result.code == 3
    found = {(f, line): m for f, line, m in problems(result.stderr)}
    assert "not an ISO date" in found[("facts.yaml", 8)]
    assert "'tertiary' is not one of" in found[("facts.yaml", 10)]
    assert "must be a number" in found[("facts.yaml", 39)]
    assert "'confirmed' is not one of" in found[("facts.yaml", 46)]
    assert "did you mean 'answer'" in found[("faq.yaml", 21)]
    assert "es text is missing" in found[("faq.yaml", 27)]


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    result = cli("validate", str(BROKEN / "duplicate-key"))
    assert result.code == 3
    assert problems(result.stderr) == [("faq.yaml", 17, "duplicate key 'en' (first on line 15); keep one")]


def test_duplicate_id_is_an_error() -> None:
    result = cli("validate", str(BROKEN / "duplicate-id"))
    assert result.code == 3
    assert any("duplicate id 'how-many-members' (first on line 8)" in m for _, _, m in problems(result.stderr))


def test_python_tags_are_refused() -> None:
    result = cli("validate", str(BROKEN / "yaml-typing-and-tags"))
    assert result.code == 3
    assert problems(result.stderr)[0][:2] == ("facts.yaml", 10)


@pytest.mark.parametrize("case", sorted(p.name for p in BROKEN.iterdir()))
def test_broken_kb_makes_ask_exit_3_without_traceback(case: str) -> None:
    result = cli("ask", "how big is the guard", "--kb", str(BROKEN / case))
    assert result.code == 3
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "validate" in result.stderr


def test_missing_kb_folder_exits_3(tmp_path: Path) -> None:
    result = cli("ask", "how big is the guard", "--kb", str(tmp_path / "nope"))
    assert result.code == 3
    assert "does not exist" in result.stderr


def test_statistic_without_unit_is_reported(kb_copy: Path) -> None:
    facts = kb_copy / "facts.yaml"
    facts.write_text(facts.read_text().replace("    unit: members\n", "", 1))
    result = cli("validate", str(kb_copy))
    assert result.code == 3
    assert "'strength-2024': a statistic needs 'unit'" in result.stderr


def test_a_file_of_the_wrong_shape_is_one_problem_not_a_cascade(kb_copy: Path) -> None:
    (kb_copy / "facts.yaml").write_text("- a\n", encoding="utf-8")
    result = cli("validate", str(kb_copy))
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(kb_copy))]
    assert result.code == 3 and len(problems) == 1 and "must be a mapping" in problems[0]


def test_a_knowledge_base_file_that_is_a_folder_is_called_one(kb_copy: Path) -> None:
    (kb_copy / "faq.yaml").unlink()
    (kb_copy / "faq.yaml").mkdir()
    result = cli("validate", str(kb_copy))
    assert result.code == 3 and "faq.yaml is a folder, not a file" in result.stderr
