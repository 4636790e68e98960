"""Sign-ins the steps keep: used again while they hold, renewed where the portal asks."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from driftless.capture.actions import Hands
from steps.contract import PortalContract
from steps.data import reference_portal
from steps.moves import SignIns, choose_from_user_menu
from steps.reference_portal import LivePortal

pytestmark = pytest.mark.browser


def test_a_kept_sign_in_that_was_logged_out_is_renewed_on_the_form_the_portal_shows(
    browser: Browser, live_portal: LivePortal
) -> None:
    portal, contract, hands, sign_ins = (
        reference_portal(live_portal.url + "/"),
        PortalContract({}),
        Hands(),
        SignIns(),
    )
    contexts = [browser.new_context() for _ in range(3)]
    try:
        first, second, third = (context.new_page() for context in contexts)
        sign_ins.be_signed_in(first, portal.url, contract, hands, portal.resident)
        choose_from_user_menu(first, contract, hands, "log_out")  # the kept session ends
        contract.locate(first, "user_menu").wait_for(state="detached")

        def opened(page: Page) -> list[str]:
            """The paths of the pages this tab will load."""
            paths: list[str] = []

            def loaded(frame: Frame) -> None:
                if frame.parent_frame is None:
                    paths.append(urlsplit(frame.url).path)

            page.on("framenavigated", loaded)
            return paths

        renewing, reusing = opened(second), opened(third)
        sign_ins.be_signed_in(second, portal.url, contract, hands, portal.resident)
        expect(contract.locate(second, "user_menu")).to_be_visible()
        # The kept page led to the sign-in form; signed in there, not from the start page again.
        assert "/" not in renewing, renewing
        assert len(renewing) == 2, renewing  # the kept page, then where signing in led
        sign_ins.be_signed_in(third, portal.url, contract, hands, portal.resident)
        expect(contract.locate(third, "user_menu")).to_be_visible()
        assert reusing == [renewing[-1]]  # the renewed sign-in is kept: one page, no form
    finally:
        for context in contexts:
            context.close()
