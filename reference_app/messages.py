"""Every message the portal shows a resident, in one place."""

from __future__ import annotations

# Sign-in and registration
SIGN_IN_FAILED = "The email or password you entered is incorrect. Check them and try again."
SIGN_IN_REQUIRED = "Please sign in to see this page."
SIGNED_OUT = "You have logged out. Close any browser windows you opened during your session."
IDLE_SIGNED_OUT = (
    "You were signed out after {minutes} minutes without activity. Sign in again to continue."
)
EMAIL_MISSING = "Enter your email address."
EMAIL_INVALID = "Enter your email address in the form name@example.org."
EMAIL_TAKEN = (
    "An account with this email address already exists. Sign in with it instead, "
    "or register with another email address."
)
PASSWORD_MISSING = "Enter your password."
PASSWORD_TOO_LONG = "Your password can be at most {maximum} characters long."
PASSWORD_NEEDS = "Your password needs {missing}."
PASSWORD_RULE_LENGTH = "at least {minimum} characters"
PASSWORD_RULE_UPPER = "an upper-case letter"
PASSWORD_RULE_DIGIT = "a number"
PASSWORD_RULE_SPECIAL = "a special character such as ! # or -"
PASSWORD_MISMATCH = "The passwords do not match. Type the same password in both boxes."
REGISTERED = "Your account is ready and you are signed in."
RESET_SENT = (
    "If {email} has an account, we have emailed it a link to choose a new password. The link"
    " works for {minutes} minutes. No email? Check your spam folder, or call 311."
)
RESET_SUBJECT = "Choose a new password for Citizen Self Service"
RESET_BODY = """Someone asked to reset the password of the Citizen Self Service account for {email}.

To choose a new password, open this link within {minutes} minutes:

{link}

If you did not ask for this, you can ignore this email: your password stays as it is.

City of Tulsa Customer Care Helpline: 311 or www.tulsa311.com
"""
RESET_LINK_BAD = (
    "This link to choose a new password has expired or was already used. Ask for a new one."
)
PASSWORD_CHANGED = "Your password is changed. Sign in with your new password."
TOO_MANY_RESETS = (
    "Too many requests to reset a password from this connection. Try again in {minutes}."
)

# Utility Billing Account Link Setup
ACCOUNT_NUMBER_MISSING = (
    "Enter your account number. It is 6 digits long and printed near the top of your bill."
)
CUSTOMER_ID_MISSING = (
    "Enter your customer ID. It is 7 digits long and printed near the top of your bill."
)
NUMBER_NOT_DIGITS = "The {what} can only contain the digits 0 to 9."
NUMBER_WRONG_LENGTH = "The {what} is {expected} digits long; you entered {actual}."
NUMBER_OLD_FORMAT = (
    "Utility numbers changed in May 2021, so 9-digit numbers no longer work. "
    "Enter the {expected}-digit {what} from a bill dated May 2021 or later."
)
LINK_NO_MATCH = (
    "We could not find a utility account with that account number and customer ID. "
    "Check both numbers against a recent bill and try again."
)
LINK_ALREADY_YOURS = "Account {number} is already linked to your account."
LINKED = "Account {number} is now linked. Select its number to view the account."
UNLINKED = "The link to account {number} was removed."

# Customer Account (General Billing) Link Setup
CUSTOMER_NUMBER_MISSING = "Enter your customer account number from a general billing invoice."
CUSTOMER_LINK_NO_MATCH = (
    "We could not find a general billing customer account with that number. "
    "For a utility bill, use the \u201clink to account\u201d across from "
    "\u201cUtility Billing Accounts\u201d instead."
)

# Throttling
TOO_MANY_SIGN_INS = (
    "Too many unsuccessful sign-in attempts. For your security, wait {minutes} before trying again."
)
TOO_MANY_LINKS = (
    "Too many unsuccessful attempts to link an account. For your security, wait {minutes} "
    "before trying again, or call 311 for help."
)
TOO_MANY_REGISTRATIONS = (
    "Too many accounts were created from your connection. Wait {minutes} and try again, "
    "or call 311 for help."
)
TOO_MANY_REQUESTS = "Too many requests from your connection. Wait a minute and try again."

# Error pages: (title, what to do next)
ERROR_PAGES = {
    400: ("We could not use that request", "Go back, check what you entered and try again."),
    404: (
        "Page not found",
        "The page or account you asked for is not here. Check the address, or start again "
        "from Home.",
    ),
    405: ("That action is not available here", "Use the buttons on the page instead."),
    413: (
        "What you sent is too large",
        "Go back and enter shorter values: no field here needs more than a few words.",
    ),
    429: ("Please slow down", TOO_MANY_REQUESTS),
    500: (
        "Something went wrong on our side",
        "Nothing was changed. Try again in a few minutes, or call 311 for help.",
    ),
}
CSRF_FAILED = (
    "This form has expired or did not come from this site, so nothing was changed. "
    "Go back, reload the page and try again."
)


def minutes_phrase(seconds: float) -> str:
    """'1 minute' or 'N minutes', rounding up so a resident never comes back too early."""
    minutes = max(1, -int(-seconds // 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
