"""A guide page's words: actions only, each naming what its picture marks, results under them."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from driftless.model.handout import Handout
from driftless.model.record import Capture, Mark, ScenarioRecord, StepRecord, is_condition
from driftless.render.catalogues import Words
from driftless.render.counts import counted
from driftless.render.guide_pages import build
from driftless.render.numbered import Slot, at_address, drop_repeats, how, named_in, seen
from driftless.render.paper import PaperReferences, address

ROOT = Path(__file__).resolve().parents[2]
HANDOUT = Handout.load(ROOT / "features" / "handout.toml")
TEMPLATES = ROOT / "features" / "templates"


def mark(name: str, acted: str = "", role: str = "button") -> Mark:
    return Mark(10, 10, 50, 20, role, name, acted)


def test_a_step_names_what_it_types_into_and_selects_when_its_sentence_does_not() -> None:
    say = Words()
    signing_in = [
        mark("Email", "fill", "textbox"),
        mark("Password", "fill"),
        mark("Sign in", "click"),
    ]
    assert how("Sign in with your email and password.", signing_in, say) == ""
    registering = [
        *signing_in[:2],
        mark("Confirm password", "fill"),
        mark("Create account", "click"),
    ]
    assert how("Register with your email address and a password.", registering, say) == (
        "Fill in \u201cEmail\u201d, \u201cPassword\u201d and \u201cConfirm password\u201d, then "
        "select \u201cCreate account\u201d."
    )
    boxes = [
        mark("What is the Account number? *", "fill"),
        mark("What is the Customer ID?", "fill"),
    ]
    assert how("Enter the numbers from your bill.", boxes, say) == (
        "Fill in \u201cWhat is the Account number?\u201d and \u201cWhat is the Customer ID?\u201d."
    )
    # a control named by the example's data is shown as it is in the pictures
    assert how("Select your account number.", [mark("481207", "click", "link")], say) == (
        "In the pictures, it is \u201c481207\u201d."
    )
    # what a step only checked is no control it asks for
    assert (
        how("Select \u201cSubmit\u201d.", [mark("Account Settings"), mark("Submit", "click")], say)
        == ""
    )
    assert named_in("Select \u201cLog Out\u201d from the user menu", "User menu")
    assert not named_in("Select \u201cSubmit\u201d", "Sign in")


def test_the_website_is_named_by_its_address_and_results_as_what_to_see() -> None:
    called = HANDOUT.website_called
    assert (
        at_address(
            "Go to the City of Tulsa utilities website and select \u201cSign in\u201d.",
            called,
            HANDOUT.website,
        )
        == "Go to www.cityoftulsa.org/utilities and select \u201cSign in\u201d."
    )
    assert (
        seen("You see your \u201cAccount Settings\u201d page.")
        == "your \u201cAccount Settings\u201d page."
    )
    assert seen("You are signed out.") == "you are signed out."


def test_conditions_are_no_steps() -> None:
    assert is_condition("Given", "I have signed in and linked my utility account")
    assert is_condition("Given", "I am viewing my account online")
    assert is_condition("Given", "I linked my utility account on an earlier visit")
    assert not is_condition(
        "Given", 'I go to the City of Tulsa utilities website and select "Sign in"'
    )
    assert not is_condition("When", "I have signed in")


def test_a_result_showing_the_screen_of_the_picture_beside_it_is_not_pictured_again() -> None:
    slots = [
        Slot("action", "a", [{"image": "05.png"}]),
        Slot("result", "b", [{"image": "05-2.png"}]),
        Slot("action", "b", [{"image": "06.png"}]),
        Slot("result", "c", [{"image": "06-2.png"}]),
    ]
    drop_repeats(slots)
    assert [bool(slot.shots) for slot in slots] == [True, False, True, True]


def record(screen: str) -> ScenarioRecord:
    def shot(index: int, digest: str, *marks: Mark) -> list[Capture]:
        return [Capture(f"r-{screen}--{index}.png", screen, 200, 120, "/", marks, (), (), digest)]

    made = ScenarioRecord(
        "logging_out.feature", "Logging out", "Log out safely", "", ["guide"], screen
    )
    made.steps = [
        StepRecord("Given", "I have registered for Citizen Self Service", 4, "intro", None, True),
        StepRecord("Given", "I am viewing my account online", 8, "6", None, False, "passed",
                   shot(1, "account", mark("481207"))),
        StepRecord("When", 'I select "Log Out" from the user menu', 10, "8", None, False, "passed",
                   shot(2, "menu", mark("Log Out", "click"))),
        StepRecord("Then", "I am signed out", 11, "8", None, False, "passed",
                   shot(3, "signed-out", mark("You have logged out.", role="status"))),
        StepRecord("Then", "my account page asks me to sign in", 12, "8", None, False, "passed",
                   shot(4, "sign-in", mark("Sign in", role="heading"))),
    ]  # fmt: skip
    return made


def test_a_page_is_made_of_actions_its_conditions_before_them() -> None:
    guide = build(
        [record("desktop"), record("phone")], HANDOUT, TEMPLATES, site="https://g.example.org/"
    )
    page = guide.pages["log-out-safely.md"]
    assert "- You are viewing your account online.\n" in page.split("## 1.")[0]
    assert "## 1. Select \u201cLog Out\u201d from the user menu.\n" in page
    assert "## 2." not in page
    assert "**What you should see:** you are signed out." in page
    assert "Your account page asks you to sign in." in page
    assert "log-out-safely/01-desktop.png" in page  # the action's picture
    assert "log-out-safely/01-3-desktop.png" in page  # each result's own
    assert not any(p.target.startswith("log-out-safely/00") for p in guide.pictures)


def test_paper_gives_a_pages_address_and_its_qr_code_once() -> None:
    assert (
        address("https://g.example.org/es/", "register") == "g.example.org/es/generated/register/"
    )
    assert address("", "register") == ""
    paper = PaperReferences("https://g.example.org/")
    first, again = paper.to("troubleshooting"), paper.to("troubleshooting", "a-mistyped-password")
    assert first["address"] == "g.example.org/generated/troubleshooting/"
    assert first["qr"].startswith("data:image/svg+xml")
    assert again["qr"] == ""  # one code a page is enough
    assert PaperReferences("https://g.example.org/").to("troubleshooting") == first  # same bytes


def test_a_count_says_its_noun_in_the_singular_for_one_only() -> None:
    assert [counted(n, "page") for n in (0, 1, 2)] == ["0 pages", "1 page", "2 pages"]
    assert counted(1, "sentence needs", "sentences need") == "1 sentence needs"
    assert counted(3, "sentence needs", "sentences need") == "3 sentences need"


def test_what_is_missing_is_noted_on_the_page_being_written_and_only_there() -> None:
    words = Words("es", Catalog(locale="es"))
    with words.on("register.md"):
        words("Select “Register”.")
        with words.on("mkdocs.yml"):
            words("Linking your utility account")
        words("Fill in the form.")
    words("Need help?")
    assert words.missing_on == {
        "register.md": {"Select “Register”.": None, "Fill in the form.": None},
        "mkdocs.yml": {"Linking your utility account": None},
        "": {"Need help?": None},
    }
