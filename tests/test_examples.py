"""examples.yaml: labelled user questions the matcher learns from (docs/matching.md). An example finds
its entry; a question closest to an example no entry answers is declined; the file is checked like the
others; and the shipped one is the tune split's, with no held-out question in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, TESTS, cli
from mxguard import textnorm

ORCHESTRA = "which ministry runs the guard orchestra"  # the tiny KB answers it from "which ministry runs the guard"


def write_examples(kb: Path, *lines: str) -> None:
    (kb / "examples.yaml").write_text("version: 1\nexamples:\n" + "".join(f"  {line}\n" for line in lines),
                                      encoding="utf-8")


def test_an_example_finds_its_entry_and_explain_says_it_was_an_example(kb_copy: Path) -> None:
    before = cli("ask", "headcount of the gn", "--json", "--kb", str(kb_copy))
    assert before.code == 1 and before.json()["answered"] is False
    write_examples(kb_copy, 'how-many-members: ["what is the headcount of the gn"]')
    after = cli("ask", "headcount of the gn", "--json", "--explain", "--kb", str(kb_copy))
    assert after.code == 0, after.stderr
    assert [r["id"] for r in after.json()["results"]] == ["how-many-members"]
    assert "via example 'what is the headcount of the gn'" in after.stderr


def test_a_question_closest_to_an_example_no_entry_answers_is_declined(kb_copy: Path) -> None:
    assert cli("ask", ORCHESTRA, "--json", "--kb", str(kb_copy)).json()["answered"] is True
    write_examples(kb_copy, f'none: ["{ORCHESTRA}"]')
    result = cli("ask", ORCHESTRA, "--explain", "--kb", str(kb_copy))
    assert result.code == 1 and not result.stdout  # a decline, its suggestions and --explain go to stderr
    assert "No confident answer" in result.stderr
    assert "(faq who-controls-it," in result.stderr  # still suggested: the example is never shown as an entry
    assert f"closest question no entry answers: 100 via example '{ORCHESTRA}'" in result.stderr


def test_an_example_naming_no_entry_is_an_error_with_file_and_line(kb_copy: Path) -> None:
    write_examples(kb_copy, 'how-many-members: ["guard size"]', 'who-controls: ["who runs it"]')
    result = cli("validate", str(kb_copy))
    assert result.code == 3
    assert "examples.yaml:4:3: 'who-controls' is not an FAQ or claim id (did you mean 'who-controls-it'?)" in result.stderr
    assert cli("ask", "guard size", "--kb", str(kb_copy)).code != 0  # a broken file is never half-used


def test_a_malformed_examples_file_names_itself_and_the_line(kb_copy: Path) -> None:
    (kb_copy / "examples.yaml").write_text('version: 1\nexamples:\n  how-many-members: ["guard size"\n', encoding="utf-8")
    result = cli("validate", str(kb_copy))
    assert result.code == 3
    assert "examples.yaml:" in result.stderr


def test_the_shipped_examples_are_the_tune_splits() -> None:
    """benchmarks/examples.py writes the file from the tune split; --check fails when it is out of date."""
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "examples.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_no_held_out_question_is_an_example() -> None:
    queries = yaml.safe_load((TESTS / "eval" / "queries.yaml").read_text(encoding="utf-8"))["queries"]
    shipped = [q for questions in yaml.safe_load((REPO / "examples.yaml").read_text(encoding="utf-8"))["examples"].values()
               for q in questions]

    def key(text: str) -> str:
        return " ".join(textnorm.words(text))

    tune = {q["q"] for q in queries if q["split"] == "tune"}
    held_out = {key(q["q"]) for q in queries if q["split"] != "tune"}
    assert len(shipped) > 3000
    assert all(q in tune for q in shipped)
    assert not [q for q in shipped if key(q) in held_out]


def test_examples_under_a_question_that_is_not_a_list_or_an_id_that_is_reserved_are_errors(kb_copy: Path) -> None:
    write_examples(kb_copy, 'how-many-members: "guard size"')
    faq = kb_copy / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("id: who-controls-it", "id: none"), encoding="utf-8")
    found = cli("validate", str(kb_copy)).stderr
    assert "examples.yaml:3:21: 'how-many-members' must be a list of non-empty questions" in found
    assert "the id 'none' is reserved" in found


def test_a_question_only_none_examples_share_words_with_is_explained_so(kb_copy: Path) -> None:
    write_examples(kb_copy, 'none: ["what will the weather be in oslo tomorrow"]')
    result = cli("ask", "weather in oslo", "--explain", "--kb", str(kb_copy))
    assert result.code == 1
    assert "no entry scored: only questions no entry answers share its words" in result.stderr
    assert "closest question no entry answers: " in result.stderr
    assert "via example 'what will the weather be in oslo tomorrow'" in result.stderr


def test_a_claim_check_found_through_its_example_is_not_marked_down_for_a_question(kb_copy: Path) -> None:
    """A question prefers FAQs (claims x 0.75, docs/matching.md step 5), but an example carries its own answer."""
    question = "what did inegi count for murders in 2019"
    before = cli("ask", question, "--json", "--explain", "--top", "3", "--kb", str(kb_copy))
    claim_line = next(line for line in before.stderr.splitlines() if "claim claim-inegi-34000-2019:" in line)
    assert "weight 0.6)" in claim_line  # 0.75 for a question, 0.8 for "count", a word the tiny KB lacks
    write_examples(kb_copy, f'claim-inegi-34000-2019: ["{question}"]')
    after = cli("ask", question, "--json", "--explain", "--kb", str(kb_copy))
    assert after.code == 0 and [r["id"] for r in after.json()["results"]] == ["claim-inegi-34000-2019"]
    assert f"claim claim-inegi-34000-2019: 100 via example '{question}'" in after.stderr
