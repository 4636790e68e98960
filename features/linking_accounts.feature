Feature: Utility Billing Linking Accounts
  Linking your online Citizen Self Service account to your utility account lets you pay
  future utility bills online.

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service
    And I have a recent utility bill

  @core @guide
  Scenario: Link your utility account
    You will need a copy of a recent utility bill or your account numbers.

    # handout: 1
    Given I go to the City of Tulsa utilities website and select "Sign in"
      """
      note: If you just registered your account, you may already be logged in.
      """
    # handout: 2
    When I sign in with my email and password
      """
      note: Use the same email and password you registered with: your username is the email
      connected to your account.
      """
    # handout: 3
    Then I see my "Account Settings" page
    # handout: 4
    When I select "link to account" across from "Utility Billing Accounts"
      """
      warning: Select the link across from "Utility Billing Accounts", not the one across from
      "Customer Accounts".
      """
    Then I see the "Utility Billing Account Link Setup" page
    # handout: 5
    When I enter the account number and customer ID from my bill
      """
      tip: Both numbers are near the top of your bill. The account number is 6 digits long; the
      customer ID is 7 digits long.
      """
    And I select "Submit"
    # handout: 6
    Then I see my "Account Settings" page
    And my account is listed under "Utility Billing Accounts"
    When I select my account number
    Then I see my account online
    # handout: 8
    When I select "Log Out" from the user menu icon at the top right of the screen
      """
      warning: Your account holds personal information. Log out after each use, and close any
      browser windows you opened during your session.
      """
    Then I am signed out

  @core @troubleshooting
  Scenario: The link across from Customer Accounts leads elsewhere
    "Customer Account Link Setup" is for general billing invoices, not utility bills. Go back to
    Account Settings and select the "link to account" across from "Utility Billing Accounts".

    # handout: 2
    Given I have signed in
    # handout: 4
    When I select "link to account" across from "Customer Accounts"
    Then I am not asked for my utility account number

  @core @troubleshooting
  Scenario Outline: Numbers that are not as printed on the bill
    # handout: 2
    Given I have signed in
    # handout: 4
    And I have opened the "Utility Billing Account Link Setup" page
    # handout: 5
    When I enter "<account number>" as the account number and "<customer ID>" as the customer ID
    And I select "Submit"
    Then I am told "<message>"
    # handout: 6
    And no utility account is linked

    Examples:
      | account number | customer ID | message                                                | what to do                                                                                              |
      | 48120          | 7305186     | The account number is 6 digits long; you entered 5.    | Check the account number near the top of your bill: it has exactly 6 digits.                            |
      | 7305186        | 7305186     | The account number is 6 digits long; you entered 7.    | You may have typed the customer ID as the account number. The account number has 6 digits.              |
      | 48I207         | 7305186     | The account number can only contain the digits 0 to 9. | Type only the digits 0 to 9, with no letters, spaces or dashes.                                         |
      |                | 7305186     | Enter your account number.                             | Both boxes are required. Type the 6-digit account number from your bill.                                 |
      | 004812073      | 7305186     | Utility numbers changed in May 2021                    | The City's billing system changed in May 2021, and older 9-digit numbers no longer work. Use a bill dated May 2021 or later. |
      | 481207         | 481207      | The customer ID is 7 digits long; you entered 6.       | Check the customer ID near the top of your bill: it has exactly 7 digits.                               |
      | 481207         | 73051866    | The customer ID is 7 digits long; you entered 8.       | Check the customer ID near the top of your bill: it has exactly 7 digits.                               |
      | 481207         |             | Enter your customer ID.                                | Both boxes are required. Type the 7-digit customer ID from your bill.                                   |

  @core @troubleshooting
  Scenario: Numbers that match no account
    Check both numbers against a recent bill. If they are right and still not accepted, call 311:
    with this portal's software, a new account often cannot be linked until its first bill has
    been issued.

    # handout: 2
    Given I have signed in
    # handout: 4
    And I have opened the "Utility Billing Account Link Setup" page
    # handout: 5
    When I enter my account number with a customer ID that is not mine
    And I select "Submit"
    Then I am told "We could not find a utility account with that account number and customer ID."
    # handout: 6
    And no utility account is linked

  @core @troubleshooting
  Scenario: Linking an account that is already linked
    Nothing more to do: the account is already in your Account Settings, under "Utility Billing
    Accounts". Select its number to see it.

    # handout: 6
    Given I have signed in and linked my utility account
    # handout: 4
    And I have opened the "Utility Billing Account Link Setup" page
    # handout: 5
    When I enter the account number and customer ID from my bill
    And I select "Submit"
    Then I am told that the account is already linked
    # handout: 6
    And my account is listed once under "Utility Billing Accounts"

  @core
  Scenario: See your account's balance and bills
    # handout: 6
    Given I have signed in and linked my utility account
    When I select my account number
    Then I see my account online
    And I see its balance and its bills

  @reference @illustration
  Scenario: The numbers on your bill, as the portal shows it
    # handout: 6
    Given I have signed in and linked my utility account
    When I open my account's latest bill
    # handout: 5
    Then I see my account number and customer ID near the top of the bill

  @core
  Scenario: Remove a linked account
    # handout: 6
    Given I have signed in and linked my utility account
    When I select "remove" for my account and confirm
    Then my account is no longer listed under "Utility Billing Accounts"
