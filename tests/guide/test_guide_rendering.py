"""The guide's renderers, without a browser: marks on pictures, pages, publishing and drift."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from PIL import Image
from playwright.sync_api import Locator

from driftless.__main__ import cli
from driftless.capture.actions import Action, Hands
from driftless.capture.marks import role_and_name, scroll_to_fit
from driftless.model.handout import Handout
from driftless.model.record import Box, Capture, Mark, ScenarioRecord, StepRecord, dump, load
from driftless.publish import guide_update as publish
from driftless.publish.guide_plan import UnmarkedPicture, check_marked
from driftless.render.annotate import (
    PAPER,
    STYLE,
    Style,
    annotate,
    badge_box,
    compare,
    crop,
)
from driftless.render.cropping import LIMITS, print_crop
from driftless.render.guide_pages import build
from driftless.render.guide_pictures import Picture
from driftless.render.guide_sentences import alt_text, as_instruction, described, tip_of
from driftless.render.paper import printed_at
from driftless.render.troubleshooting import in_order_met

ROOT = Path(__file__).resolve().parents[2]
HANDOUT = Handout.load(ROOT / "features" / "handout.toml")
TEMPLATES = ROOT / "features" / "templates"


def png(
    width: int = 200, height: int = 120, colour: tuple[int, int, int] = (245, 247, 249)
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def pixel(data: bytes, x: int, y: int) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(data)) as image:
        value = image.convert("RGB").getpixel((x, y))
    assert isinstance(value, tuple)
    return value[0], value[1], value[2]


# Pictures


def numbered(picture: bytes, marks: list[Box], number: int) -> bytes:
    """The picture marked, its badge placed as the guide places it."""
    with Image.open(io.BytesIO(picture)) as opened:
        size = opened.size
    return annotate(picture, marks, badge_box(marks, (), size) if number else None, number)


def test_annotation_outlines_the_box_and_leaves_the_rest() -> None:
    marked = numbered(png(), [Box(80, 40, 60, 30)], 3)
    assert pixel(marked, 80 - 4, 55) == STYLE.highlight  # left edge of the outline, 4 px of padding
    assert pixel(marked, 110, 55) == (245, 247, 249)  # inside the box: untouched
    assert pixel(marked, 190, 110) == (245, 247, 249)  # far away: untouched


def test_badge_sits_left_of_the_first_box() -> None:
    marked = numbered(png(), [Box(80, 40, 60, 30)], 3)
    centre_x, centre_y = 80 - 4 - 15 - 6, 55
    assert pixel(marked, centre_x - 8, centre_y) == STYLE.highlight


def test_no_badge_for_number_zero_and_no_marks_for_boxes_off_the_picture() -> None:
    plain = png()
    assert pixel(numbered(plain, [Box(500, 500, 10, 10)], 0), 23, 23) == (245, 247, 249)


def test_annotation_is_deterministic() -> None:
    boxes = [Box(10, 10, 50, 20), Box(100, 60, 40, 40)]
    assert numbered(png(), boxes, 12) == numbered(png(), boxes, 12)


def test_compare_measures_the_share_of_changed_pixels() -> None:
    before = png(10, 10)
    with Image.open(io.BytesIO(before)) as image:
        changed = image.convert("RGB")
    changed.putpixel((3, 3), (0, 0, 0))
    out = io.BytesIO()
    changed.save(out, format="PNG")
    share, sheet = compare(before, out.getvalue())
    assert share == pytest.approx(0.01)
    with Image.open(io.BytesIO(sheet)) as picture:
        assert picture.size == (30, 10)  # before | after | difference
    assert compare(before, before)[0] == 0.0
    assert compare(before, png(12, 10))[0] == 1.0


# Words


@pytest.mark.parametrize(
    ("keyword", "text", "said"),
    [
        (
            "Given",
            "I go to the City of Tulsa utilities website",
            "Go to the City of Tulsa utilities website.",
        ),
        ("When", 'I select "Submit"', "Select \u201cSubmit\u201d."),
        (
            "Then",
            'I see my "Account Settings" page',
            "You see your \u201cAccount Settings\u201d page.",
        ),
        ("Then", "I am signed out", "You are signed out."),
        (
            "Then",
            'my account is listed under "Utility Billing Accounts"',
            "Your account is listed under \u201cUtility Billing Accounts\u201d.",
        ),
        (
            "When",
            'I select "Log Out" from the user menu',
            "Select \u201cLog Out\u201d from the user menu.",
        ),
        (
            "Given",
            "I have signed in and linked my utility account",
            "You have signed in and linked your utility account.",
        ),
        ("Given", "I am viewing my account online", "You are viewing your account online."),
        (
            "Given",
            "I linked my utility account on an earlier visit",
            "You linked your utility account on an earlier visit.",
        ),
    ],
)
def test_steps_become_instructions(keyword: str, text: str, said: str) -> None:
    assert as_instruction(keyword, text) == said


def test_doc_strings_become_admonitions() -> None:
    assert tip_of('warning: Not the one across\n  from "Customer Accounts".') == {
        "kind": "warning",
        "lines": ['Not the one across from "Customer Accounts".'],
    }
    assert tip_of("Just a remark") == {"kind": "note", "lines": ["Just a remark"]}
    assert tip_of(None) is None


# Records and pages


def capture(
    name: str, screen: str, marks: tuple[Mark, ...] = (Mark(5, 5, 20, 10, "button", "Submit"),)
) -> Capture:
    return Capture(name, screen, 200, 120, "/citizens/", marks)


def scenario(
    screen: str,
    *,
    status: str = "passed",
    tags: tuple[str, ...] = ("guide",),
    example: dict[str, str] | None = None,
    name: str = "Link your utility account",
) -> ScenarioRecord:
    record = ScenarioRecord(
        "linking_accounts.feature",
        "Utility Billing Linking Accounts",
        name,
        "Have your bill ready.",
        list(tags),
        screen,
        example or {},
    )
    record.steps = [
        StepRecord("Given", "I have a recent utility bill", 5, "intro", None, True, "passed"),
        StepRecord(
            "Given",
            "I go to the City of Tulsa utilities website",
            9,
            "1",
            "note: You may already be logged in.",
            False,
            "passed",
            [capture(f"{record.key}--02.png", screen)],
        ),
        StepRecord(
            "When",
            'I select "Submit"',
            11,
            "5",
            None,
            False,
            "passed",
            [capture(f"{record.key}--03.png", screen)],
        ),
        StepRecord(
            "Then",
            'I am told "Enter your account number."',
            12,
            "5",
            None,
            False,
            status,
            [capture(f"{record.key}--04.png", screen)],
        ),
    ]
    record.status = status
    return record


def test_record_survives_a_round_trip(tmp_path: Path) -> None:
    record = scenario("phone")
    dump(record, tmp_path / "r.json")
    assert load(tmp_path / "r.json") == record


def test_record_keys_differ_per_screen_and_example() -> None:
    long = {"message": "x" * 200, "what to do": "y" * 200}
    keys = {scenario(s, example={**long, "n": n}).key for s in ("desktop", "phone") for n in "ab"}
    assert len(keys) == 4


def test_guide_page_numbers_actions_with_their_results_after_the_background() -> None:
    guide = build([scenario("desktop"), scenario("phone")], HANDOUT, TEMPLATES)
    page = guide.pages["link-your-utility-account.md"]
    assert "## Before you start\n\n- You have a recent utility bill.\n" in page
    # the website's address where the step names it
    assert "## 1. Go to www.cityoftulsa.org/utilities." in page
    # one action a step, its heading the action alone, and what it leads to under it
    assert "## 2. Select \u201cSubmit\u201d.\n" in page
    said = "**What you should see:** you are told \u201cEnter your account number.\u201d"
    assert said in page
    assert page.index("## 2. Select") < page.index(said)
    assert '!!! note "Note"\n    You may already be logged in.' in page
    assert "{ .guide-shot .on-desktop " in page  # the browser shows the reader's screen's own
    assert "{ .guide-shot .on-phone " in page
    assert "../screenshots/link-your-utility-account/01-phone.png" in page
    assert "[![Step 1, on a phone: the \u201cSubmit\u201d button is marked]" in page
    assert "Handout step" not in page  # an author's reference, kept for docs writers only:
    assert "<!-- From features/linking_accounts.feature:9, handout step 1 -->" in page
    assert page.index("## Next time") < page.index("## Need help?")  # the main page ends so
    assert "www.tulsa311.com" in page
    numbers = sorted({(p.target, p.number) for p in guide.pictures})
    assert ("link-your-utility-account/01-desktop.png", 1) in numbers
    assert ("link-your-utility-account/02-phone.png", 2) in numbers
    assert ("link-your-utility-account/02-2-phone.png", 2) in numbers


def test_troubleshooting_entries_show_the_message_and_what_to_do() -> None:
    example = {
        "account number": "",
        "customer ID": "7305186",
        "message": "Enter your account number.",
        "what to do": "Type the 6 digits.",
    }
    records = [
        scenario(s, tags=("troubleshooting",), example=example, name="Bad numbers")
        for s in ("desktop", "phone")
    ]
    guide = build(records, HANDOUT, TEMPLATES)
    page = guide.pages["troubleshooting.md"]
    assert (
        "## The portal says \u201cEnter your account number.\u201d { #enter-your-account-number }"
        in page
    )
    assert "*You typed: account number left empty, customer ID \u201c7305186\u201d.*" in page
    assert "Type the 6 digits." in page
    pictures = {p.target: p.number for p in guide.pictures}
    assert pictures == {
        "troubleshooting/enter-your-account-number-desktop.png": 0,
        "troubleshooting/enter-your-account-number-phone.png": 0,
    }
    assert "[Troubleshooting](generated/troubleshooting.md)" in guide.pages["contents.snippet"]


# Publishing


def recorded_run(folder: Path, records: list[ScenarioRecord], colour: tuple[int, int, int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        dump(record, folder / f"{record.key}.json")
        for step in record.steps:
            for shot in step.captures:
                (folder / shot.image).write_bytes(png(colour=colour))
    return folder


def publish_command(args: list[str]) -> int | str | None:
    """`python -m driftless publish ARGS`, in this process: its exit code."""
    try:
        cli.main(["publish", *args], standalone_mode=False)
    except SystemExit as done:
        return done.code
    return 0


def outputs(tmp_path: Path) -> list[str]:
    """Where a test's publication writes: pages, pictures and drift under tmp_path."""
    return [
        "--docs", str(tmp_path / "d"),
        "--screenshots", str(tmp_path / "s"),
        "--drift", str(tmp_path / "drift"),
    ]  # fmt: skip


def test_publish_writes_pages_pictures_and_sidecars(tmp_path: Path) -> None:
    run = recorded_run(tmp_path / "run", [scenario("desktop"), scenario("phone")], (250, 250, 250))
    docs, shots = tmp_path / "d", tmp_path / "s"
    assert publish_command(["--run", str(run), *outputs(tmp_path)]) == 0
    assert (docs / "link-your-utility-account.md").is_file()
    sidecar = json.loads((shots / "link-your-utility-account" / "02-phone.json").read_text())
    assert sidecar["number"] == 2
    assert sidecar["step"] == 'I select "Submit"'
    assert sidecar["handout"] == "5"
    assert sidecar["viewport"] == {"width": 200, "height": 120}
    assert sidecar["marks"] == [
        {"x": 5, "y": 5, "width": 20, "height": 10, "role": "button", "name": "Submit", "acted": ""}
    ]
    badge = sidecar["badge"]  # on the picture, clear of the mark's outline (1, 1)-(29, 19)
    assert badge["x"] > 0
    assert badge["x"] + badge["width"] < 200
    assert badge["y"] > 19 or badge["x"] > 29
    assert (shots / "link-your-utility-account" / "02-phone.raw.png").is_file()


def test_publishing_twice_changes_no_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = recorded_run(tmp_path / "run", [scenario("desktop"), scenario("phone")], (250, 250, 250))
    args = ["--run", str(run), *outputs(tmp_path)]

    def snapshot() -> dict[str, bytes]:
        return {
            str(p.relative_to(tmp_path)): p.read_bytes()
            for p in sorted(tmp_path.glob("[ds]/**/*"))
            if p.is_file()
        }

    publish_command(args)
    first = snapshot()
    assert f"Guide: 2 pages; {len(first)} files written or removed." in capsys.readouterr().out
    times = {name: (tmp_path / name).stat().st_mtime_ns for name in first}
    publish_command(args)
    assert snapshot() == first
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in first} == times
    assert "Guide: 2 pages; 0 files written or removed." in capsys.readouterr().out


def test_publishing_again_draws_and_cuts_only_the_pictures_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [scenario("desktop"), scenario("phone")]
    args = [
        "--run",
        str(recorded_run(tmp_path / "run", records, (250, 250, 250))),
        *outputs(tmp_path),
    ]
    publish_command(args)
    printed = sorted((tmp_path / "s").rglob("*-print.png"))
    assert printed, "the desktop pictures are cut for print"
    done: list[str] = []

    def counted(name: str, work: Callable[..., bytes]) -> Callable[..., bytes]:
        def doing(*args: object) -> bytes:
            done.append(name)
            return work(*args)

        return doing

    monkeypatch.setattr(publish, "annotate", counted("drawn", annotate))
    monkeypatch.setattr(publish, "crop", counted("cut", crop))
    publish_command(args)
    assert done == []  # the published pictures and their print cuts are used again
    recorded_run(tmp_path / "run", records, (200, 200, 200))  # every screenshot changed
    publish_command(args)
    assert done.count("drawn") == len(list((tmp_path / "s").rglob("*.raw.png")))
    assert done.count("cut") == len(printed)


def test_drift_is_measured_and_can_fail_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drift = tmp_path / "drift"
    common = outputs(tmp_path)
    first = recorded_run(tmp_path / "one", [scenario("desktop")], (250, 250, 250))
    publish_command(["--run", str(first), *common])
    second = recorded_run(tmp_path / "two", [scenario("desktop")], (10, 10, 10))
    assert publish_command(["--run", str(second), *common, "--fail-on-drift", "0.5"]) == 1
    output = capsys.readouterr().out
    assert "changed: link-your-utility-account/01-desktop.png  100.00% of pixels" in output
    assert (drift / "link-your-utility-account" / "01-desktop.png").is_file()


def test_a_failed_scenario_keeps_its_last_good_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs, shots = tmp_path / "d", tmp_path / "s"
    common = outputs(tmp_path)
    good = recorded_run(tmp_path / "good", [scenario("desktop")], (250, 250, 250))
    publish_command(["--run", str(good), *common])
    page = (docs / "link-your-utility-account.md").read_bytes()
    bad = recorded_run(tmp_path / "bad", [scenario("desktop", status="failed")], (0, 0, 0))
    assert publish_command(["--run", str(bad), *common]) == 1
    assert "kept as last published (a scenario it shows failed): link-your-utility-account.md" in (
        capsys.readouterr().out
    )
    assert (docs / "link-your-utility-account.md").read_bytes() == page
    assert pixel(
        (shots / "link-your-utility-account" / "01-desktop.raw.png").read_bytes(), 1, 1
    ) == (250, 250, 250)


def test_an_interrupted_publication_leaves_the_guide_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    common = outputs(tmp_path)
    publish_command(
        [
            "--run",
            str(recorded_run(tmp_path / "a", [scenario("desktop")], (250, 250, 250))),
            *common,
        ]
    )
    before = {p: p.read_bytes() for p in sorted(tmp_path.glob("[ds]/**/*")) if p.is_file()}

    def broken(*_args: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(publish, "annotate", broken)
    assert publish_command(
        ["--run", str(recorded_run(tmp_path / "b", [scenario("desktop")], (0, 0, 0))), *common]
    )
    assert {p: p.read_bytes() for p in sorted(tmp_path.glob("[ds]/**/*")) if p.is_file()} == before


def test_publish_without_a_run_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert publish_command(["--run", str(tmp_path / "none")]) == 2
    assert "Run the suite with --guide-run" in capsys.readouterr().err


def test_a_failed_troubleshooting_entry_keeps_the_whole_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "d"
    common = outputs(tmp_path)

    def entries(status: str) -> list[ScenarioRecord]:
        return [
            scenario(
                "desktop",
                tags=("troubleshooting",),
                name="Bad numbers",
                status=status,
                example={"message": message, "what to do": "Fix it."},
            )
            for message in ("First problem.", "Second problem.")
        ]

    publish_command(
        ["--run", str(recorded_run(tmp_path / "one", entries("passed"), (250, 250, 250))), *common]
    )
    page = (docs / "troubleshooting.md").read_text()
    assert "## The portal says \u201cFirst problem.\u201d" in page
    assert "## The portal says \u201cSecond problem.\u201d" in page
    broken = entries("passed")
    broken[1].status = "failed"
    assert (
        publish_command(["--run", str(recorded_run(tmp_path / "two", broken, (0, 0, 0))), *common])
        == 1
    )
    assert (docs / "troubleshooting.md").read_text() == page
    assert (
        "kept as last published (a scenario it shows failed): troubleshooting.md"
        in capsys.readouterr().out
    )


def test_a_troubleshooting_scenario_without_a_result_step_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = scenario("desktop", tags=("troubleshooting",), name="No result")
    record.steps = record.steps[:3]  # ends with a "When"
    run = recorded_run(tmp_path / "run", [record], (250, 250, 250))
    assert publish_command(["--run", str(run), *outputs(tmp_path)]) == 1
    assert 'needs a "Then" step after its last "When"' in capsys.readouterr().err


def test_the_marks_style_changes_with_its_parameters_not_with_the_code() -> None:
    assert Style().digest() == STYLE.digest()
    assert Style(line=4).digest() != STYLE.digest()
    assert Style(revision=STYLE.revision + 1).digest() != STYLE.digest()


# Marks and badges


def overlaps(a: Box, b: Box) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def test_the_badge_goes_clear_of_words_and_marks() -> None:
    mark = Mark(150, 80, 60, 20, "button", "Cancel")
    words = [Box(60, 82, 85, 16), Box(215, 82, 80, 16), Box(150, 40, 120, 16)]  # all around it
    badge = badge_box([mark], words, (400, 200))
    assert badge is not None
    for other in [*words, Box(146, 76, 68, 28)]:  # the words, and the mark's outline
        assert not overlaps(badge, other), (badge, other)
    assert badge.x > 0
    assert badge.x + badge.width < 400
    assert 0 < badge.y < 200 - badge.height


def test_with_no_free_place_the_badge_covers_least() -> None:
    crowded = [Box(0, 0, 400, 200)]  # words everywhere
    assert badge_box([Mark(150, 80, 60, 20)], crowded, (400, 200)) is not None
    assert badge_box([], [], (400, 200)) is None


def test_marks_outside_the_viewport_are_scrolled_into_it() -> None:
    assert scroll_to_fit([Box(10, 100, 50, 20)], 800, None) == 0
    below = scroll_to_fit([Box(108, 1084, 55, 24)], 844, None)  # a phone's listed account
    assert 1084 - below >= 0
    assert 1084 + 24 - below <= 844
    tall = [Box(0, 100, 10, 10), Box(0, 2000, 10, 10)]  # cannot both fit: the click's target
    assert scroll_to_fit(tall, 800, tall[1]) == round(2000 - (800 - 10) / 2)


def test_a_picture_says_what_is_marked() -> None:
    shot = Capture("a.png", "phone", 390, 844, "/", (
        Mark(1, 1, 9, 9, "textbox", "Email"), Mark(1, 20, 9, 9, "button", "Sign in"),
    ))  # fmt: skip
    assert alt_text(shot, "Step 2") == (
        "Step 2, on a phone: the \u201cEmail\u201d box and the \u201cSign in\u201d button"
        " are marked"
    )
    alert = Mark(0, 0, 9, 9, "alert", "You have logged out. Close any browser windows [...]")
    assert described(alert).startswith("the \u201cYou have logged out.")
    assert described(alert).endswith("\u201d message")


def test_publishing_refuses_a_picture_marking_nothing_or_beyond_its_edge() -> None:
    def picture(*marks: Mark) -> Picture:
        return Picture("p/01-phone.png", Capture("a.png", "phone", 390, 844, "/", marks), 1,
                       "Link your utility account", "I go to the website", "1")  # fmt: skip

    check_marked([picture(Mark(10, 10, 50, 20))])
    with pytest.raises(UnmarkedPicture, match='"I go to the website" marks nothing'):
        check_marked([picture()])
    with pytest.raises(UnmarkedPicture, match="link \u201c481207\u201d outside the picture"):
        check_marked([picture(Mark(108, 1084, 55, 24, "link", "481207"))])


def test_an_aria_snapshot_line_gives_role_and_name() -> None:
    lines = ('- heading "Account Settings" [level=1]', "- alert: You have logged out.",
             '- link "link to account":', '- textbox "What is the \\"Account\\" number?"',
             '- definition: "481207"', "not a snapshot line")  # fmt: skip
    assert [role_and_name(line) for line in lines] == [
        ("heading", "Account Settings"),
        ("alert", "You have logged out."),
        ("link", "link to account"),
        ("textbox", 'What is the "Account" number?'),
        ("definition", "481207"),  # a number's text is quoted in the snapshot, never in a name
        ("", ""),
    ]


def test_asides_and_troubleshooting_links_go_under_the_step_of_their_instruction() -> None:
    aside = [
        scenario(screen, tags=("aside",), name="No confirmation shows")
        for screen in ("desktop", "phone")
    ]
    for record in aside:
        record.description = 'Select "Submit" once more.'
    trouble = [scenario(s, tags=("troubleshooting",), name="Submit says no") for s in ("desktop",)]
    guide = build([scenario("desktop"), scenario("phone"), *aside, *trouble], HANDOUT, TEMPLATES)
    page = guide.pages["link-your-utility-account.md"]
    step_2 = page[page.index("## 2. ") :]
    assert "**If you do not see it:** select \u201cSubmit\u201d once more." in step_2
    assert "link-your-utility-account/02-if-not-phone.png" in step_2
    assert "See [Submit says no](troubleshooting.md#submit-says-no)." in step_2
    assert "## Submit says no { #submit-says-no }" in guide.pages["troubleshooting.md"]
    assert "If you do not see it" not in page[: page.index("## 2. ")]


def test_an_illustration_goes_above_the_pictures_of_the_step_citing_it() -> None:
    bill = [scenario(s, tags=("illustration",), name="Your bill") for s in ("desktop", "phone")]
    guide = build([scenario("desktop"), scenario("phone"), *bill], HANDOUT, TEMPLATES)
    page = guide.pages["link-your-utility-account.md"]
    step_2 = page[page.index("## 2. ") :]
    caption = step_2.index("**Your bill:**")
    assert caption < step_2.index("your-bill-phone.png") < step_2.index("/02-desktop.png")
    assert "your-bill" not in page[: page.index("## 2. ")]
    targets = [picture.target for picture in guide.pictures if "your-bill" in picture.target]
    assert targets == [
        "link-your-utility-account/02-your-bill-desktop.png",
        "link-your-utility-account/02-your-bill-phone.png",
    ]
    for record in bill:
        record.steps[-1].handout = None
    with pytest.raises(ValueError, match='illustration scenario "Your bill" needs a "Then"'):
        build([scenario("desktop"), *bill], HANDOUT, TEMPLATES)


def test_troubleshooting_follows_the_order_a_resident_meets_the_problems() -> None:
    def entry(name: str, ref: str) -> list[ScenarioRecord]:
        record = scenario("desktop", tags=("troubleshooting",), name=name)
        record.steps[2].handout = ref  # the "When" that goes wrong
        return [record]

    at_submit, at_sign_in = entry("At Submit", "5"), entry("At sign-in", "2")
    ordered = in_order_met([at_submit, entry("At the link", "4"), at_sign_in], HANDOUT)
    assert [group[0].name for group in ordered] == ["At sign-in", "At the link", "At Submit"]
    # One instruction's problems as the feature file lists them, an outline's rows in order.
    answered, typed, mistyped = entry("B answered", "5"), entry("C typed", "5"), entry("A", "5")
    answered[0].line, typed[0].line, mistyped[0].line = 90, 60, 60
    typed[0].row, mistyped[0].row = 0, 1
    ordered = in_order_met([answered, mistyped, typed], HANDOUT)
    assert [group[0].name for group in ordered] == ["C typed", "A", "B answered"]


def test_paper_crops_a_picture_around_its_whole_marks_their_meaning_and_whole_words() -> None:
    size = (1280, 800)
    button, badge = Box(600, 400, 120, 40), Box(560, 405, 30, 30)
    box = print_crop([button], badge, size)
    assert (box.width, box.height) == (PAPER.width, PAPER.least_height)
    assert inside(badge, box)
    assert inside(button, box)
    corner = print_crop([Box(1200, 760, 70, 30)], None, size)  # kept inside the picture
    assert corner.x + corner.width == 1280
    assert corner.y + corner.height == 800
    # A heading's mark spans the page: it is printed whole, at most the width between margins.
    heading, its_badge = Box(250, 100, 900, 40), Box(210, 105, 30, 30)
    whole = print_crop([heading], its_badge, size)
    assert inside(heading, whole)
    assert whole.width <= LIMITS.widest
    # The title of the link's section, across from it, is printed with it.
    link, title = Box(1000, 600, 110, 24), Box(280, 600, 200, 24)
    across = print_crop([link], Box(960, 597, 30, 30), size, context=[title])
    assert inside(title, across)
    assert inside(link, across)
    # A word an edge would cut is taken in; a paragraph too wide to take in is left out.
    beside = Box(740, 405, 150, 22)  # "Create an account", just right of the crop
    taken = print_crop([button], badge, size, [beside])
    assert inside(beside, taken)
    paragraph = Box(100, 360, 1100, 20)  # a line across the page, above the button
    left_out = print_crop([button], badge, size, [paragraph])
    assert left_out.y >= paragraph.y + paragraph.height
    assert inside(button, left_out)
    picture = annotate(png(1280, 800), [button], badge, 1)
    with Image.open(io.BytesIO(crop(picture, box))) as part:
        assert part.size == (box.width, box.height)
    assert PAPER.css(PAPER.width) * PAPER.ppi == PAPER.width * 96  # printed at `ppi`
    assert 16 * 72 / PAPER.ppi >= 8  # the portal's 16-px words print at 8 pt or more


def inside(box: Box, crop_to: Box) -> bool:
    return (
        crop_to.x <= box.x
        and crop_to.y <= box.y
        and box.x + box.width <= crop_to.x + crop_to.width
        and box.y + box.height <= crop_to.y + crop_to.height
    )


def test_clicks_on_the_way_are_told_as_such_and_the_rest_are_not() -> None:
    heard: list[Action] = []

    class Listener:
        def before_action(self, action: Action) -> None:
            heard.append(action)

        def after_action(self, action: Action) -> None: ...
        def noticed(self, target: Locator) -> None: ...
        def shown(self, target: Locator) -> None: ...

    hands = Hands([Listener()])
    page = SimpleNamespace(context=None)  # a page no wait watches: waits are Playwright's own
    target = cast(
        Locator,
        SimpleNamespace(
            click=lambda: None, fill=lambda value: None, wait_for=lambda **_: None, page=page
        ),
    )
    with hands.on_the_way():
        hands.click(target)
        with hands.on_the_way():
            hands.click(target)
        hands.fill(target, "481207")
        hands.click(target)
    hands.click(target)
    with contextlib.suppress(RuntimeError), hands.on_the_way():
        raise RuntimeError  # a step that fails on the way leaves later steps' clicks alone
    hands.click(target)
    assert [(a.kind, a.on_the_way) for a in heard] == [
        ("click", True), ("click", True), ("fill", False), ("click", True),
        ("click", False), ("click", False),
    ]  # fmt: skip


def test_only_the_printed_page_links_its_pdf_and_only_when_the_guide_is_printed() -> None:
    """The link is there before the PDF is: the site is built once, then the page printed."""
    records = [scenario("desktop"), scenario("phone")]
    records += [scenario(s, name="Log out safely") for s in ("desktop", "phone")]
    printed = build(records, HANDOUT, TEMPLATES, printed=True).pages
    link = "](/generated/link-your-utility-account.pdf){ .md-button }"
    assert link in printed["link-your-utility-account.md"]
    assert ".pdf" not in printed["log-out-safely.md"]
    unprinted = build(records, HANDOUT, TEMPLATES).pages  # another portal's guide
    assert ".pdf" not in unprinted["link-your-utility-account.md"]


@pytest.mark.parametrize(
    ("site", "language", "link"),
    [
        ("", "en", "/generated/x.pdf"),
        ("", "es", "/es/generated/x.pdf"),
        ("https://guide.example.org/", "en", "/generated/x.pdf"),
        ("https://city.example.org/guide/es/", "es", "/guide/es/generated/x.pdf"),
    ],
)
def test_the_pdf_is_linked_from_the_root_of_the_sites_address(
    site: str, language: str, link: str
) -> None:
    assert printed_at("x", site, language) == link
