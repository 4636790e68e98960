"""A step sentence the suite does not know is told before a run, with the nearest it knows."""

from __future__ import annotations

import shutil
from pathlib import Path

from steps.sentences import told, unknown_sentences
from tests.support import ROOT

SAID = "When I sign in with my email and password"
REWORDED = "When I sign in using my email address and password"


def test_the_projects_features_use_only_sentences_the_suite_knows() -> None:
    assert unknown_sentences(ROOT / "features") == []


def test_a_reworded_sentence_is_told_with_the_one_it_was(tmp_path: Path) -> None:
    features = tmp_path / "features"
    shutil.copytree(ROOT / "features", features)
    linking = features / "linking_accounts.feature"
    text = linking.read_text()
    assert SAID in text
    linking.write_text(text.replace(SAID, REWORDED, 1))
    line = next(n for n, said in enumerate(linking.read_text().splitlines(), 1) if REWORDED in said)

    [unknown] = unknown_sentences(features)
    assert unknown.where == f"features/linking_accounts.feature:{line}"
    assert unknown.sentence == REWORDED
    assert unknown.nearest[0] == SAID
    message = told([unknown])
    assert f"features/linking_accounts.feature:{line}: {REWORDED}" in message
    assert f"      {SAID}" in message
    assert "steps/" not in message  # a writer is not sent to the Python
