"""What changed on the portal, in words: the reference portal's screens, as the guide recorded
them (docs/screenshots/*.aria.yml), changed as a vendor's upgrade changes them.

A renamed button, a new box, a link moved to another section, menu items reordered, a message
reworded, and a new colour only: each is told in words, the guide's sentences that name what
changed are named, and the colour is told apart as a change to the eye only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from driftless.model.project import Project
from driftless.render.affected import Check, Sentence, checks, sentences
from driftless.render.changes import STRUCTURE, UNKNOWN, VISUAL, WORDS, Difference, difference
from tests.guide.test_failed_pages import records_of
from tests.support import ROOT

SHOTS = ROOT / "docs" / "screenshots"
NUMBERS = "link-your-utility-account/04-desktop"  # the Account Link Setup page
SETTINGS = "link-your-utility-account/03-desktop"  # Account Settings, before "link to account"
MENU = "link-your-utility-account/07-desktop"  # the user menu open, before "Log Out"
MESSAGE = "troubleshooting/enter-your-account-number-desktop"  # the link page, a message shown


def tree(picture: str) -> str:
    """A picture's screen in words, as the last `make run` published it."""
    return (SHOTS / f"{picture}.aria.yml").read_text("utf-8")


def changed(text: str, old: str, new: str) -> str:
    """The tree with `old` replaced: the vendor's upgrade (which must find what it changes)."""
    assert old in text, f"the reference portal's screen no longer has {old!r}"
    return text.replace(old, new)


# A vendor's upgrade, screen by screen.
def submit_renamed(text: str) -> str:
    return changed(text, 'button "Submit"', 'button "Send"')


def box_added(text: str) -> str:
    return changed(
        text,
        '  - textbox "What is the Customer ID?"\n',
        '  - textbox "What is the Customer ID?"\n  - text: What is the service address?\n'
        '  - textbox "What is the service address?"\n',
    )


def link_moved(text: str) -> str:
    """The Utility Billing "link to account" moved up, under the Linked Accounts heading."""
    link = '      - link "link to account"\n'
    heading = '      - heading "Utility Billing Accounts" [level=3]\n'
    text = changed(text, heading + link, heading)
    return changed(
        text,
        '    - heading "Linked Accounts" [level=2]\n',
        '    - heading "Linked Accounts" [level=2]\n    - link "link to account"\n',
    )


def menu_reordered(text: str) -> str:
    return changed(
        text,
        '    - menuitem "My Account"\n    - menuitem "Log Out"\n',
        '    - menuitem "Log Out"\n    - menuitem "My Account"\n',
    )


def told(found: Difference) -> list[str]:
    return [change.words() for change in found.changes] + list(found.words)


def test_a_renamed_button_is_told_renamed() -> None:
    found = difference(tree(NUMBERS), submit_renamed(tree(NUMBERS)), pixels_changed=True)
    assert found.kind == STRUCTURE
    assert told(found) == ["the “Submit” button is now called “Send”"]


def test_a_new_box_is_told_with_where_it_is() -> None:
    found = difference(tree(NUMBERS), box_added(tree(NUMBERS)), pixels_changed=True)
    assert found.kind == STRUCTURE
    assert told(found) == [
        "a new “What is the service address?” box in the main content, after "
        "“What is the Customer ID?”"
    ]


def test_a_link_moved_to_another_section_is_told_from_where_to_where() -> None:
    found = difference(tree(SETTINGS), link_moved(tree(SETTINGS)), pixels_changed=True)
    assert found.kind == STRUCTURE
    assert told(found) == [
        "the “link to account” link moved from the “Utility Billing Accounts” "
        "section to the “Linked Accounts” section"
    ]


def test_menu_items_reordered_are_told_moved_within_the_menu() -> None:
    found = difference(tree(MENU), menu_reordered(tree(MENU)), pixels_changed=True)
    assert told(found) == [
        "the “Log Out” menu item moved within the “User menu”: now first, before “My Account”"
    ]


def test_a_new_colour_only_is_a_change_to_the_eye() -> None:
    found = difference(tree(NUMBERS), tree(NUMBERS), pixels_changed=True)
    assert found == Difference(VISUAL)
    assert difference(tree(NUMBERS), tree(NUMBERS), pixels_changed=False) == Difference("")


def test_several_changes_on_one_screen_are_each_told_in_reading_order() -> None:
    upgraded = box_added(submit_renamed(tree(NUMBERS))).replace('  - link "Cancel"\n', "")
    assert told(difference(tree(NUMBERS), upgraded, pixels_changed=True)) == [
        "a new “What is the service address?” box in the main content, after "
        "“What is the Customer ID?”",
        "the “Submit” button is now called “Send”",
        "the “Cancel” link is gone (it was in the main content)",
    ]


def test_a_reworded_message_is_told_with_what_it_says_now() -> None:
    old = "Enter your account number. It is 6 digits long"
    upgraded = changed(tree(MESSAGE), old, "Type your account number. It has 6 digits")
    (change,) = difference(tree(MESSAGE), upgraded, pixels_changed=True).changes
    assert change.words().startswith(
        "the message “Please correct the following: Enter your account number."
    )
    assert "now says “Please correct the following: Type your account number." in (change.words())


def test_a_renamed_section_is_told_once_as_its_heading() -> None:
    upgraded = tree(SETTINGS).replace("Utility Billing Accounts", "Utility Accounts")
    assert told(difference(tree(SETTINGS), upgraded, pixels_changed=True)) == [
        "the “Utility Billing Accounts” heading is now called “Utility Accounts”"
    ]


def test_a_control_of_another_kind_is_told_as_such() -> None:
    upgraded = changed(tree(NUMBERS), 'button "Submit"', 'link "Submit"')
    assert told(difference(tree(NUMBERS), upgraded, pixels_changed=True)) == [
        "the “Submit” button is now a link"
    ]


def test_other_words_are_told_apart_from_the_structure() -> None:
    upgraded = changed(tree(NUMBERS), "6 digits, near the top", "Six digits, at the top")
    found = difference(tree(NUMBERS), upgraded, pixels_changed=False)
    assert found.kind == WORDS
    assert told(found) == [
        "“6 digits, near the top of your bill.” now reads “Six digits, at the top of your bill.”"
    ]
    level = changed(tree(NUMBERS), "[level=1]", "[level=2]")
    assert difference(tree(NUMBERS), level, pixels_changed=True).words == (
        "only what a screen reader announces about an element changed (a state, a level)",
    )


@pytest.mark.parametrize(
    ("before", "after", "pixels", "said"),
    [
        (None, "- main\n", True, "no words were kept with the last picture to compare"),
        ("- main\n", "", True, "no words were kept with this picture to compare"),
        (  # a file edited by hand
            "- main\nnot a tree\n",
            "- main\n",
            True,
            "the words kept with the last picture are not an ARIA snapshot (edited?)",
        ),
    ],
)
def test_without_words_to_compare_a_change_is_told_as_unknown(
    before: str | None, after: str, pixels: bool, said: str
) -> None:
    assert difference(before, after, pixels) == Difference(UNKNOWN, words=(said,))


def test_words_kept_for_the_first_time_on_the_same_pixels_are_no_change() -> None:
    assert difference(None, tree(NUMBERS), pixels_changed=False) == Difference("")


# The guide's sentences that name what changed.


@pytest.fixture(scope="module")
def said() -> list[Sentence]:
    return sentences(records_of(Project.find(ROOT).features))


def sentences_to_check(said: list[Sentence], before: str, after: str) -> list[str]:
    found = difference(before, after, pixels_changed=True)
    return [check.words() for check in checks(said, found.changes)]


def test_a_renamed_button_names_the_step_that_says_to_select_it(said: list[Sentence]) -> None:
    assert sentences_to_check(said, tree(NUMBERS), submit_renamed(tree(NUMBERS))) == [
        "step 5 of “Link your utility account” says ‘Select “Submit”’, but"
        " the page has no “Submit” button any more; it has “Send”"
    ]


def test_a_moved_link_names_the_sentences_that_say_where_it_is(said: list[Sentence]) -> None:
    assert sentences_to_check(said, tree(SETTINGS), link_moved(tree(SETTINGS))) == [
        "step 3 of “Link your utility account” says ‘Select “link to account” across from "
        "“Utility Billing Accounts”’, but “link to account” is now in the “Linked Accounts” "
        "section",
        "the Troubleshooting entry “The link across from Customer Accounts leads elsewhere” "
        "says ‘“Customer Account Link Setup” is for general billing invoices, not utility bills. "
        "Go back to Account Settings and select the “link to account” across from “Utility "
        "Billing Accounts”’, but “link to account” is now in the “Linked Accounts” section",
    ]


def test_reordered_menu_items_name_each_step_that_selects_one(said: list[Sentence]) -> None:
    found = sentences_to_check(said, tree(MENU), menu_reordered(tree(MENU)))
    now = "“Log Out” is now first, before “My Account”"
    assert found == [
        f"step 7 of “Link your utility account” says ‘Select “Log Out” from the user menu icon at "
        f"the top right of the screen’, but {now}",
        f"step 1 of “Log out safely” says ‘Select “Log Out” from the user menu icon at the top "
        f"right of the screen’, but {now}",
    ]


def test_a_reworded_message_names_its_troubleshooting_entry(said: list[Sentence]) -> None:
    upgraded = changed(tree(MESSAGE), "Enter your account number.", "Type your account number.")
    (found,) = sentences_to_check(said, tree(MESSAGE), upgraded)
    assert found.startswith(
        "the Troubleshooting entry “Enter your account number.” says ‘The portal "
        "says “Enter your account number.”’, but the message now says"
    )


def test_a_new_box_or_colour_names_no_sentence(said: list[Sentence]) -> None:
    assert sentences_to_check(said, tree(NUMBERS), box_added(tree(NUMBERS))) == []
    assert sentences_to_check(said, tree(NUMBERS), tree(NUMBERS)) == []


def test_a_check_says_where_the_sentence_is_written(said: list[Sentence]) -> None:
    found = difference(tree(NUMBERS), submit_renamed(tree(NUMBERS)), pixels_changed=True)
    (check,) = checks(said, found.changes)
    assert isinstance(check, Check)
    assert check.sentence.source == "features/linking_accounts.feature:40"
    line = (ROOT / "features" / "linking_accounts.feature").read_text().splitlines()[39]
    assert line.strip() == 'And I select "Submit"'


def test_the_trees_read_are_the_published_ones() -> None:
    assert Path(SHOTS / f"{NUMBERS}.raw.png").is_file()
