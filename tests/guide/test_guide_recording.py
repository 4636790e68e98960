"""Recording the guide in a real browser: what it captures, and that it is the same every run."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from playwright.sync_api import Page

from driftless.capture.recorder import Recorder
from driftless.model.project import Project
from driftless.model.record import load
from driftless.plugin import reports
from driftless.publish import guide_update as publish
from driftless.render.annotate import badge_box

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two recordings of the same scenario, published into two folders."""
    outputs = []
    for name in ("first", "second"):
        folder = tmp_path_factory.mktemp(name)
        run = folder / "run"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "steps/test_scenarios.py",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "test_link_your_utility_account",
            f"--guide-run={run}",
            f"--output={folder / 'test-results'}",
            f"--cucumberjson={folder / 'cucumber.json'}",
            f"--guide-profile={folder / 'profile.json'}",
        ]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        publish.publish_into(Project.find(ROOT), run, folder)
        outputs.append(folder)
    return outputs[0], outputs[1]


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for sub in ("docs", "screenshots")
        for path in sorted((folder / sub).rglob("*"))
        if path.is_file()
    }


def test_a_second_run_changes_no_byte(two_runs: tuple[Path, Path]) -> None:
    first, second = (files(folder) for folder in two_runs)
    assert len(first) > 40
    changed = sorted(name for name in first if first[name] != second.get(name))
    assert changed == []
    assert first.keys() == second.keys()


def test_each_picture_keeps_its_screen_in_words(two_runs: tuple[Path, Path]) -> None:
    # The page's accessibility tree beside each picture, the same bytes on the second run (above).
    folder = two_runs[0] / "screenshots" / "link-your-utility-account"
    pictures = sorted(folder.glob("*.raw.png"))
    assert pictures
    for picture in pictures:
        assert picture.with_name(picture.name.replace(".raw.png", ".aria.yml")).is_file(), picture
    sign_in = (folder / "02-desktop.aria.yml").read_text()
    assert '  - textbox "Password"\n' in sign_in  # its value, the password, never written
    assert "Tulsa-Water" not in sign_in
    numbers = (folder / "04-desktop.aria.yml").read_text()
    assert '  - heading "Utility Billing Account Link Setup" [level=1]\n' in numbers
    assert '  - textbox "What is the Account number?"\n' in numbers
    assert '  - button "Submit"\n' in numbers
    assert "/url:" not in numbers
    log_out = (folder / "07-desktop.aria.yml").read_text()
    assert (
        '  - menu "User menu":\n    - menuitem "My Account"\n    - menuitem "Log Out"\n' in log_out
    )


def test_the_profile_counts_each_picture_once(two_runs: tuple[Path, Path]) -> None:
    # Each step's clicks that only lead on are said to (`Hands.on_the_way`), so no picture is
    # taken before them to be replaced by a later click's.
    profile = json.loads((two_runs[0] / "profile.json").read_text())
    pictures = len(list((two_runs[0] / "run").glob("*.png")))
    assert pictures > 0
    for phase in ("settle", "measure", "screenshot", "write", "name"):
        assert profile[phase]["times"] == pictures, phase
        assert profile[phase]["seconds"] >= 0
    assert "replaced" not in profile, profile
    assert profile["actions and checks"]["times"] >= pictures


def test_every_step_has_a_picture_on_both_screens(two_runs: tuple[Path, Path]) -> None:
    records = [load(path) for path in sorted((two_runs[0] / "run").glob("*.json"))]
    assert sorted(r.screen for r in records) == ["desktop", "phone"]
    for recorded in records:
        assert recorded.status == "passed"
        for step in recorded.steps:
            assert (len(step.captures) == 1) is not step.background, step.text


def test_the_click_target_is_marked_before_the_click(two_runs: tuple[Path, Path]) -> None:
    desktop = next(
        json.loads(path.read_text())
        for path in (two_runs[0] / "screenshots" / "link-your-utility-account").glob(
            "*-desktop.json"
        )
        if "across from" in json.loads(path.read_text())["step"]
    )
    assert desktop["path"] == "/citizens/account/settings"
    (box,) = desktop["marks"]
    assert (box["role"], box["name"]) == ("link", "link to account")
    # The Utility Billing Accounts section comes after Customer Accounts: its link is lower.
    assert box["y"] > 600
    assert box["x"] > 900


def test_passwords_are_never_visible(two_runs: tuple[Path, Path]) -> None:
    folder = two_runs[0] / "screenshots" / "link-your-utility-account"
    sign_in = json.loads((folder / "02-desktop.json").read_text())
    assert sign_in["path"] == "/identity/signin"
    email, password, button = sign_in["marks"]
    assert [mark["role"] for mark in (email, password, button)] == ["textbox", "textbox", "button"]
    with Image.open(folder / "02-desktop.raw.png") as picture:
        inside = picture.convert("RGB").crop(
            (
                password["x"] + 3,
                password["y"] + 3,
                password["x"] + password["width"] - 3,
                password["y"] + password["height"] - 3,
            )
        )
        colours = {colour for _count, colour in inside.getcolors(maxcolors=4096) or []}
    assert colours == {(0x5B, 0x67, 0x70)}  # the mask colour, and nothing of what was typed
    assert email["y"] < password["y"] < button["y"]


def test_each_picture_marks_what_its_step_did_or_checked(two_runs: tuple[Path, Path]) -> None:
    folder = two_runs[0] / "screenshots" / "link-your-utility-account"
    marked = {
        path.stem: [(m["role"], m["name"]) for m in json.loads(path.read_text())["marks"]]
        for path in sorted(folder.glob("*.json"))
    }
    assert marked["01-phone"] == [("link", "Sign in")]  # the website: where to sign in
    assert marked["05-2-phone"] == [("link", "481207")]  # the account, listed
    signed_out = marked["07-2-desktop"]  # the message saying so, not an invitation to sign in
    assert [role for role, _ in signed_out] in (["status"], ["alert"])
    assert "logged out" in signed_out[0][1]


def test_marks_and_badges_are_inside_the_picture_and_badges_cover_no_words(
    two_runs: tuple[Path, Path],
) -> None:
    records = [load(path) for path in sorted((two_runs[0] / "run").glob("*.json"))]
    captures = [capture for r in records for step in r.steps for capture in step.captures]
    assert captures
    for capture in captures:
        assert capture.marks, capture.image
        assert capture.outside() == [], capture.image  # scrolled so that all of them show
        assert capture.ink  # the words, pictures and controls measured on screen
        badge = badge_box(capture.marks, capture.ink, (capture.width, capture.height))
        assert badge is not None
        for word in capture.ink:
            clear = (
                badge.x + badge.width <= word.x
                or word.x + word.width <= badge.x
                or badge.y + badge.height <= word.y
                or word.y + word.height <= badge.y
            )
            assert clear, (capture.image, badge, word)


def test_the_cucumber_report_embeds_each_steps_picture(two_runs: tuple[Path, Path]) -> None:
    features = json.loads((two_runs[0] / "cucumber.json").read_text())
    scenarios = {e["id"]: e for f in features for e in f["elements"]}
    steps = scenarios["test_link_your_utility_account[phone]"]["steps"]
    pictured = [step for step in steps if step.get("embeddings")]
    assert len(pictured) == len(steps) - 2  # all but the Background's two
    for step in pictured:
        for embedded in step["embeddings"]:
            assert embedded["mime_type"] == "image/png"
            with Image.open(io.BytesIO(base64.b64decode(embedded["data"]))) as picture:
                assert picture.size == (390, 844)


def test_a_picture_over_the_embedding_limit_is_named_instead(tmp_path: Path) -> None:
    options = {"cucumber_embed_limit": 1}  # 1 KB
    config = SimpleNamespace(getoption=lambda name, default=None: options.get(name, default))
    embedder = reports.Embedder(tmp_path / "cucumber.json", config)  # type: ignore[arg-type]
    small, large = tmp_path / "small.png", tmp_path / "large.png"
    small.write_bytes(b"x" * 900)
    large.write_bytes(b"x" * 5000)
    assert embedder.embedding(small) == {
        "mime_type": "image/png", "data": base64.b64encode(b"x" * 900).decode(), "name": "small.png"
    }  # fmt: skip
    named = embedder.embedding(large)
    assert named is not None
    assert named["mime_type"] == "text/plain"
    assert (
        "large.png (4 KB, over --cucumber-embed-limit)" in base64.b64decode(named["data"]).decode()
    )


def test_a_page_that_never_settles_is_pictured_when_its_time_runs_out(
    page: Page, tmp_path: Path
) -> None:
    # An image whose answer never comes keeps the page from settling: the picture is taken as
    # the page is once the limit has passed, counted as unsettled, and the mark still measured.
    page.route("**/held.png", lambda route: None)  # never answered
    page.set_content(
        '<h1>Your bills</h1><img src="https://portal.example.org/held.png" alt="Bill">',
        wait_until="domcontentloaded",
    )
    feature = tmp_path / "bills.feature"
    feature.write_text("Feature: Bills\n  Scenario: See your bills\n    Then I see my bills\n")
    recorder = Recorder(tmp_path / "run", settle_limit_ms=300)
    recorder.start(
        feature,
        "Bills",
        "See your bills",
        "",
        {"guide"},
        "desktop",
        {},
        [("then", "I see my bills", 3, None, False)],
    )
    recorder.begin_step(3)
    recorder.noticed(page.get_by_role("heading", name="Your bills"))
    recorder.end_step(page, passed=True)
    record = recorder.finish(passed=True)

    assert recorder.timings.times.get("unsettled") == 1
    assert record is not None
    assert record.status == "passed"
    (capture,) = record.steps[0].captures
    assert (tmp_path / "run" / capture.image).stat().st_size > 0
    ((role, name),) = [(mark.role, mark.name) for mark in capture.marks]
    assert (role, name) == ("heading", "Your bills")


def test_a_settled_page_counts_nothing_unsettled(two_runs: tuple[Path, Path]) -> None:
    profile = json.loads((two_runs[0] / "profile.json").read_text())
    assert "unsettled" not in profile, profile
