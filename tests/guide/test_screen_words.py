"""A picture's screen in words: the ARIA snapshot read, and tidied into the form kept beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from driftless.model.aria_tree import MASKED, Node, UnreadableTree, read, tidy
from tests.guide.test_guide_rendering import outputs, publish_command, recorded_run, scenario

# As Playwright's ARIA snapshot gives the reference portal's sign-in page, typed into.
SIGN_IN = """- link "Skip to main content":
  - /url: "#main"
- main:
  - heading "Sign in" [level=1]
  - text: Email
  - textbox "Email": jordan.rivera@example.org
  - textbox "Password": Tulsa-Water-2026
  - button "Sign in"
  - paragraph:
    - link "Forgot password?":
      - /url: /identity/forgot
  - paragraph: "Call 311: we answer at 7:00"
"""


def test_tidying_keeps_what_a_resident_perceives_and_nothing_typed_or_per_run() -> None:
    assert tidy(SIGN_IN) == (
        '- link "Skip to main content"\n'
        "- main:\n"
        '  - heading "Sign in" [level=1]\n'
        "  - text: Email\n"
        '  - textbox "Email"\n'
        '  - textbox "Password"\n'
        '  - button "Sign in"\n'
        "  - paragraph:\n"
        '    - link "Forgot password?"\n'
        '  - paragraph: "Call 311: we answer at 7:00"\n'
    )
    assert "Tulsa-Water-2026" not in tidy(SIGN_IN)  # a password is never written
    assert tidy(tidy(SIGN_IN)) == tidy(SIGN_IN)


def test_the_words_of_masked_elements_are_masked() -> None:
    tree = '- paragraph: Call 918-555-0142 today\n- cell "918-555-0142"\n'
    assert tidy(tree, ["918-555-0142\n", ""]) == (
        f'- paragraph: Call {MASKED} today\n- cell "{MASKED}"\n'
    )


def test_reading_gives_each_element_its_role_name_words_and_depth() -> None:
    nodes = read(tidy(SIGN_IN))
    assert nodes[0] == Node("link", "Skip to main content")
    assert Node("heading", "Sign in", "", 1, ("level=1",)) in nodes
    assert Node("link", "Forgot password?", "", 2) in nodes
    assert nodes[-1] == Node("paragraph", "", "Call 311: we answer at 7:00", 1)


@pytest.mark.parametrize(
    ("line", "node"),
    [
        ('- button "Say \\"hi\\""', Node("button", 'Say "hi"')),
        ("- 'heading \"Fees: what''s new\" [level=2]'",
         Node("heading", "Fees: what's new", "", 0, ("level=2",))),
        ("- 'button \"a: b\"': \"c: d\"", Node("button", "a: b", "c: d")),
        ('- textbox "Amount" [invalid] [disabled]',
         Node("textbox", "Amount", "", 0, ("invalid", "disabled"))),
        ('- definition: "481207"', Node("definition", "", "481207")),
        ('- text: "tab\\there \\x41"', Node("text", "", "tab\there A")),
    ],
)  # fmt: skip
def test_names_and_words_are_read_as_yaml_quoted_them(line: str, node: Node) -> None:
    assert read(line) == [node]


def test_a_line_not_of_the_snapshot_is_told_with_its_number() -> None:
    with pytest.raises(UnreadableTree, match=r"line 2 is not an ARIA snapshot line: 'oops'"):
        read('- main:\noops\n  - button "Send"\n')


def test_publishing_writes_each_pictures_words_beside_it(tmp_path: Path) -> None:
    records = [scenario("desktop"), scenario("phone")]
    for record in records:
        for step in record.steps:
            step.captures = [replace(c, aria=SIGN_IN) for c in step.captures]
    run = recorded_run(tmp_path / "run", records, (250, 250, 250))
    assert publish_command(["--run", str(run), *outputs(tmp_path)]) == 0
    folder = tmp_path / "s" / "link-your-utility-account"
    assert (folder / "02-phone.aria.yml").read_text() == SIGN_IN
    assert sorted(p.name for p in folder.glob("01-desktop.*")) == [
        "01-desktop.aria.yml", "01-desktop.json", "01-desktop.png", "01-desktop.raw.png"
    ]  # fmt: skip
