"""Account Settings, Utility Billing Account Link Setup, the account page and removing links."""

from __future__ import annotations

import pytest
from flask import Flask

from reference_app import messages
from tests.support import BILL, SAM, SAMS_BILL, ResidentClient, csrf_token, snapshot, text

SETTINGS = "/citizens/account/settings"
LINK = "/citizens/utility-billing/link"
ACCOUNT = "/citizens/utility-billing/accounts/481207"


@pytest.fixture
def signed_in(resident: ResidentClient) -> ResidentClient:
    resident.sign_in()
    return resident


def test_settings_explain_linking_and_start_empty(signed_in: ResidentClient) -> None:
    page = text(signed_in.client.get(SETTINGS))
    assert "Account Information" in page
    assert "Now logged in as" in page
    assert "Last successful login" in page
    assert "E-Mail address" in page
    assert "can be “linked” to your self-service user id" in page
    assert '<h3 id="customer-accounts">Customer Accounts</h3>' in page
    assert '<h3 id="utility-accounts">Utility Billing Accounts</h3>' in page
    assert page.count("There are currently no linked accounts") == 2
    assert f'<a href="{LINK}">link to account</a>' in page
    assert '<a href="/citizens/general-billing/link">link to account</a>' in page


def test_customer_accounts_link_leads_to_a_different_page(signed_in: ResidentClient) -> None:
    page = text(signed_in.client.get("/citizens/general-billing/link"))
    assert "<h1>Customer Account Link Setup</h1>" in page
    assert "What is the Account number?" not in page
    assert f'href="{LINK}">Utility Billing Account Link Setup</a>' in page


def test_customer_account_link_never_links_a_utility_bill(
    signed_in: ResidentClient, app: Flask
) -> None:
    before = snapshot(app)
    response = signed_in.submit("/citizens/general-billing/link", {"customer_number": "481207"})
    assert response.status_code == 400
    assert messages.CUSTOMER_LINK_NO_MATCH in text(response)
    assert snapshot(app) == before
    empty = signed_in.submit("/citizens/general-billing/link", {"customer_number": " "})
    assert messages.CUSTOMER_NUMBER_MISSING in text(empty)


def test_link_setup_page_uses_the_handouts_words(signed_in: ResidentClient) -> None:
    page = text(signed_in.client.get(LINK))
    assert "<h1>Utility Billing Account Link Setup</h1>" in page
    assert "Enter the Account and Customer ID numbers as found on your Utility Bill" in page
    assert '<label for="account_number">What is the Account number?' in page
    assert '<label for="customer_id">What is the Customer ID?' in page
    assert 'name="account_number" required' in page
    assert '<button type="submit" class="button">Submit</button>' in page


def test_linking_lists_the_account_with_a_confirmation(signed_in: ResidentClient) -> None:
    response = signed_in.link(" 481207 ", "\t7305186 ")
    assert response.status_code == 302
    assert response.headers["Location"] == SETTINGS
    page = text(signed_in.client.get(SETTINGS))
    assert messages.LINKED.format(number="481207") in page
    assert f'<a href="{ACCOUNT}">481207</a>' in page
    assert "<span>7305186</span>" in page
    assert 'aria-label="remove account 481207">remove</a>' in page
    assert page.count("There are currently no linked accounts") == 1


@pytest.mark.parametrize(
    ("account_number", "customer_id", "message"),
    [
        ("48120", "7305186", "The account number is 6 digits long; you entered 5."),
        ("7305186", "7305186", "The account number is 6 digits long; you entered 7."),
        ("12a456", "7305186", "The account number can only contain the digits 0 to 9."),
        ("", "7305186", messages.ACCOUNT_NUMBER_MISSING),
        ("   ", "7305186", messages.ACCOUNT_NUMBER_MISSING),
        ("004812073", "7305186", "Utility numbers changed in May 2021"),
        ("123 456", "7305186", "can only contain the digits 0 to 9"),
        ("１２３４５６", "7305186", "can only contain the digits 0 to 9"),
        ("١٢٣٤٥٦", "7305186", "can only contain the digits 0 to 9"),
        ("481207", "481207", "The customer ID is 7 digits long; you entered 6."),
        ("481207", "73051866", "The customer ID is 7 digits long; you entered 8."),
        ("481207", "", messages.CUSTOMER_ID_MISSING),
        ("481207", "004812073", "Enter the 7-digit customer ID from a bill dated May 2021"),
    ],
)
def test_number_format_errors(
    signed_in: ResidentClient, app: Flask, account_number: str, customer_id: str, message: str
) -> None:
    before = snapshot(app)
    response = signed_in.link(account_number, customer_id)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'role="alert"' in page
    assert 'aria-invalid="true"' in page
    assert snapshot(app) == before


def test_each_field_shows_its_own_message(signed_in: ResidentClient) -> None:
    page = text(signed_in.link("48120", ""))
    assert 'id="account_number-error">The account number is 6 digits long' in page
    assert f'id="customer_id-error">{messages.CUSTOMER_ID_MISSING}' in page


@pytest.mark.parametrize(
    ("account_number", "customer_id"),
    [
        ("481207", "7654321"),  # right account, wrong customer
        ("654321", "7305186"),  # wrong account, right customer
        ("999999", "9999999"),  # no such account at all
        ("481207", "3051842"),  # halves of two different bills
    ],
)
def test_a_pair_matching_no_account_gets_one_generic_message(
    signed_in: ResidentClient, app: Flask, account_number: str, customer_id: str
) -> None:
    before = snapshot(app)
    response = signed_in.link(account_number, customer_id)
    assert response.status_code == 400
    page = text(response)
    assert messages.LINK_NO_MATCH in page
    assert "aria-invalid" not in page
    assert snapshot(app) == before


def test_linking_twice_says_it_is_already_linked(signed_in: ResidentClient, app: Flask) -> None:
    signed_in.link(**BILL)
    before = snapshot(app)
    response = signed_in.link(**BILL)
    assert response.status_code == 409
    assert messages.LINK_ALREADY_YOURS.format(number="481207") in text(response)
    assert snapshot(app) == before


def test_an_account_another_resident_linked_can_be_linked_too(signed_in: ResidentClient) -> None:
    # Sam Okafor has 204815 linked; anyone holding its bill may link it as well (see README).
    response = signed_in.link(**SAMS_BILL)
    assert response.status_code == 302
    assert "204815" in text(signed_in.client.get(SETTINGS))


def test_account_page_shows_numbers_balance_and_bills(signed_in: ResidentClient) -> None:
    signed_in.link(**BILL)
    page = text(signed_in.client.get(ACCOUNT))
    assert "<h1>Utility Billing Account 481207</h1>" in page
    assert "<dd>7305186</dd>" in page
    assert "1842 E Redbud Ln, Tulsa, OK 74104" in page
    assert "<dd>$60.45</dd>" in page
    assert "<dd>10/28/2026</dd>" in page
    for header in ("Bill Date", "Due Date", "Status"):
        assert f'<th scope="col">{header}</th>' in page
    assert '<th scope="col" class="num">Amount</th>' in page
    assert page.count("<td>Paid</td>") == 5
    assert page.count("<td>Due</td>") == 1
    assert "$79.79" in page


def test_a_bill_prints_both_numbers_near_its_top(signed_in: ResidentClient) -> None:
    signed_in.link(**BILL)
    account = text(signed_in.client.get(ACCOUNT))
    assert account.count(">View bill<") == 6
    page = text(signed_in.client.get(f"{ACCOUNT}/bills/2026-10-08"))
    numbers = page.index("<dt>Account number</dt><dd>481207</dd>")
    assert numbers < page.index("<dt>Customer ID</dt><dd>7305186</dd>") < page.index("Charges")
    assert "<dd>$60.45</dd>" in page
    assert "<dd>10/28/2026</dd>" in page
    assert "data-print" in page  # "Print this bill"


def test_a_bill_of_no_such_date_or_account_is_not_found(signed_in: ResidentClient) -> None:
    signed_in.link(**BILL)
    for wrong in (f"{ACCOUNT}/bills/2026-10-09", f"{ACCOUNT}/bills/yesterday",
                  "/citizens/utility-billing/accounts/204815/bills/2026-10-08"):  # fmt: skip
        assert signed_in.client.get(wrong).status_code == 404


def test_someone_elses_account_is_not_found(signed_in: ResidentClient) -> None:
    others = signed_in.client.get("/citizens/utility-billing/accounts/204815")
    missing = signed_in.client.get("/citizens/utility-billing/accounts/999999")
    nonsense = signed_in.client.get("/citizens/utility-billing/accounts/<script>")
    assert others.status_code == missing.status_code == nonsense.status_code == 404
    # The log-out form's CSRF token is signed with the second it was made in: two pages served
    # a moment apart may differ there and nowhere else.
    assert text(others).replace(csrf_token(others), "") == text(missing).replace(
        csrf_token(missing), ""
    )
    assert "204815" not in text(others)
    assert "Cimarron" not in text(others)


def test_someone_elses_link_cannot_be_removed(signed_in: ResidentClient, app: Flask) -> None:
    before = snapshot(app)
    page = signed_in.client.get("/citizens/utility-billing/accounts/204815/remove")
    assert page.status_code == 404
    response = signed_in.submit(
        SETTINGS, {}, action="/citizens/utility-billing/accounts/204815/remove"
    )
    assert response.status_code == 404
    assert snapshot(app) == before


def test_remove_asks_first_and_changes_nothing_on_get(
    signed_in: ResidentClient, app: Flask
) -> None:
    signed_in.link(**BILL)
    before = snapshot(app)
    page = text(signed_in.client.get(f"{ACCOUNT}/remove"))
    assert "Remove the link to utility account <strong>481207</strong>" in page
    assert snapshot(app) == before


def test_remove_unlinks_only_for_this_resident(signed_in: ResidentClient, app: Flask) -> None:
    signed_in.link(**SAMS_BILL)
    response = signed_in.submit("/citizens/utility-billing/accounts/204815/remove", {})
    assert response.status_code == 302
    page = text(signed_in.client.get(SETTINGS))
    assert messages.UNLINKED.format(number="204815") in page
    assert 'href="/citizens/utility-billing/accounts/204815"' not in page
    assert signed_in.client.get("/citizens/utility-billing/accounts/204815").status_code == 404
    sam = ResidentClient(app.test_client())
    sam.sign_in(SAM)
    assert sam.client.get("/citizens/utility-billing/accounts/204815").status_code == 200


def test_utility_billing_lists_linked_accounts(signed_in: ResidentClient) -> None:
    empty = text(signed_in.client.get("/citizens/utility-billing/"))
    assert "There are currently no linked accounts." in empty
    signed_in.link(**BILL)
    page = text(signed_in.client.get("/citizens/utility-billing/"))
    assert f'<a href="{ACCOUNT}">481207</a>' in page
    assert "1842 E Redbud Ln" in page


def test_general_billing_page(signed_in: ResidentClient) -> None:
    page = text(signed_in.client.get("/citizens/general-billing/"))
    assert "<h1>General Billing</h1>" in page
    assert "There are currently no linked accounts" in page
