"""Vendors' portal config files: read when right, one clear message when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from steps.contract import PortalContract, UnknownElement, markdown_table, words
from steps.vendor_config import Account, ConfigError, load
from tests.support import run_suite

ROOT = Path(__file__).resolve().parents[2]
BILL = '[utility_account]\nnumber = "481207"\ncustomer_id = "7305186"\n'
GOOD = """
[user]
email = "resident@example.org"
password_env = "PORTAL_PASSWORD"

[utility_account]
number = "481207"
customer_id = "7305186"

[second_user]
email = "second@example.org"
password = "Second#2026"

[locators]
user_menu = "role=button[name='Account menu']"

[redact]
selectors = ["text=/\\\\d{3}-\\\\d{4}/"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portal.toml"
    path.write_text(text)
    return path


def test_a_good_file_is_read(tmp_path: Path) -> None:
    config = load(write(tmp_path, GOOD), {"PORTAL_PASSWORD": "Secret#1"})
    assert config.user == Account("resident@example.org", "Secret#1")
    assert (config.account_number, config.customer_id) == ("481207", "7305186")
    assert config.second_user == Account("second@example.org", "Second#2026")
    assert config.locators == {"user_menu": "role=button[name='Account menu']"}
    assert config.redact == ("text=/\\d{3}-\\d{4}/",)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    text = """
[user]
email = "resident@example.org"
password_env = "NOT_SET_ANYWHERE"
colour = "blue"

[utility_account]
number = 481207
customer_id = "73051866"

[extras]
x = 1
"""
    with pytest.raises(ConfigError) as raised:
        load(write(tmp_path, text), {})
    message = str(raised.value)
    assert "unknown section [extras]" in message
    assert "[user] has unknown key 'colour'" in message
    assert (
        "password_env names NOT_SET_ANYWHERE, which is not set: export NOT_SET_ANYWHERE=..."
        in message
    )
    assert '[utility_account] number must be 6 digits in quotes, e.g. number = "481207"' in message
    assert "[utility_account] customer_id must be 7 digits in quotes" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "missing section [user]"),
        (
            '[user]\npassword = "x"\n' + BILL,
            "[user] is missing 'email'",
        ),
        (
            '[user]\nemail = "a@example.org"\n' + BILL,
            "[user] needs exactly one of 'password' or 'password_env'",
        ),
        ("[user\n", "not valid TOML"),
        (
            'user = "x"\n[utility_account]\nnumber = "481207"\ncustomer_id = "7305186"\n',
            "[user] must be a table of keys",
        ),
        (
            '[user]\nemail = "a@example.org"\npassword = "p"\n'
            + BILL
            + '[redact]\nselectors = "one"\n',
            "[redact] selectors must be a list of selector strings",
        ),
        (
            '[user]\nemail = 7\npassword = "p"\n' + BILL + "[locators]\nuser_menu = 5\n",
            "[user] email must be an address in quotes",
        ),
        (
            '[user]\nemail = "a@example.org"\npassword = "p"\n'
            + BILL
            + "[locators]\nuser_menu = 5\n",
            "[locators] user_menu must be a selector string",
        ),
    ],
)
def test_mistakes_say_what_to_fix(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=r".*") as raised:
        load(write(tmp_path, text), {})
    assert expected in str(raised.value)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load(tmp_path / "absent.toml")


def test_unknown_locator_keys_are_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownElement, match=r"unknown keys: user_menuu\. Known keys: "):
        PortalContract({"user_menuu": "role=button"})


def test_vendors_page_shows_the_contract_as_it_is() -> None:
    assert markdown_table() in (ROOT / "handbooks" / "vendors.md").read_text()


USAGE_CASES = [
    (
        ["--base-url", "http://127.0.0.1:9/"],
        "Run against another portal with both --base-url URL and --portal-config FILE",
    ),
    (
        ["--base-url", "http://127.0.0.1:9/", "--portal-config", "{config}"],
        "cannot reach http://127.0.0.1:9/ (",
    ),
    (
        ["--base-url", "http://127.0.0.1:9/", "--portal-config", "{bad}"],
        "[utility_account] is missing 'customer_id'",
    ),
    (
        ["--base-url", "http://127.0.0.1:9/", "--portal-config", "{worded}"],
        "[wording] names messages the scenarios do not expect:\n  - 'Enter the number.'",
    ),
    (
        ["--base-url", "http://127.0.0.1:9/", "--portal-config", "{config}", "--step-timeout", "0"],
        "--step-timeout takes seconds",
    ),
]


@pytest.mark.parametrize(("args", "expected"), USAGE_CASES)
def test_bad_runs_stop_before_any_browser_with_one_message(
    pytester: pytest.Pytester, tmp_path: Path, args: list[str], expected: str
) -> None:
    config = write(tmp_path, GOOD.replace('password_env = "PORTAL_PASSWORD"', 'password = "p"'))
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[user]\nemail = "a@example.org"\npassword = "p"\n[utility_account]\nnumber = "481207"\n'
    )
    worded = tmp_path / "worded.toml"
    worded.write_text(config.read_text() + '[wording]\n"Enter the number." = "Number?"\n')
    filled = [arg.format(config=config, bad=bad, worded=worded) for arg in args]
    result = run_suite(
        pytester,
        *filled,
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert expected in result.stderr.str()
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


@pytest.mark.parametrize(
    "label",
    [
        "What is the Account number?",
        "What is the Account number? *",
        "what is the account  number:",
        "What is the Account number (required)",
        "* What is the Account number?",
    ],
)
def test_a_label_is_read_as_a_person_reads_it(label: str) -> None:
    assert words("What is the Account number?").match(label)


@pytest.mark.parametrize(
    "label", ["What is the Account number of the previous owner?", "Account number", "What is"]
)
def test_another_label_is_another_box(label: str) -> None:
    assert not words("What is the Account number?").match(label)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('user_menu = "label=Account menu"', 'write { label = "Account menu" }'),
        ('user_menu = { role = "buton" }', '"buton" is not an ARIA role'),
        ('user_menu = { label = "A", text = "A" }', "give exactly one of role, label"),
        ('user_menu = { text = "A", colour = 1 }', "has unknown key 'colour'"),
        ('user_menu = { name = "A" }', "give exactly one of"),
        ("user_menu = 5", "must be a selector string or a table"),
    ],
)
def test_an_override_is_checked_in_the_contracts_terms(
    tmp_path: Path, entry: str, expected: str
) -> None:
    text = '[user]\nemail = "a@example.org"\npassword = "p"\n' + BILL + f"[locators]\n{entry}\n"
    with pytest.raises(ConfigError) as raised:
        load(write(tmp_path, text), {})
    assert expected in str(raised.value)


def test_overrides_in_the_contracts_terms_are_read(tmp_path: Path) -> None:
    text = (
        '[user]\nemail = "a@example.org"\npassword = "p"\n'
        + BILL
        + '[locators]\nuser_menu = { role = "button", name = "Account menu" }\n'
        + 'home = "#home"\n[wording]\n"Enter your customer ID." = "Customer ID needed"\n'
    )
    config = load(write(tmp_path, text), {})
    assert config.locators == {
        "user_menu": {"role": "button", "name": "Account menu"},
        "home": "#home",
    }
    assert config.wording == {"Enter your customer ID.": "Customer ID needed"}
    PortalContract(config.locators)  # known keys
