Feature: Utility Billing Linking Accounts
  Linking your online Citizen Self Service account to your utility account lets you pay
  future utility bills online.

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service
    And I have a recent utility bill

  @core @guide
  Scenario: Link your utility account
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 2
    When I sign in with my email and password
    # handout: 3
    Then I see my "Account Settings" page
    # handout: 4
    When I select "link to account" across from "Utility Billing Accounts"
    Then I see the "Utility Billing Account Link Setup" page
    # handout: 5
    When I enter the account number and customer ID from my bill
    And I select "Submit"
    # handout: 6
    Then I see my "Account Settings" page
    And my account is listed under "Utility Billing Accounts"
    When I select my account number
    Then I see my account online
    # handout: 8
    When I select "Log Out" from the user menu
    Then I am signed out

  @core
  Scenario: The link across from Customer Accounts leads elsewhere
    # handout: 2
    Given I have signed in
    # handout: 4
    When I select "link to account" across from "Customer Accounts"
    Then I am not asked for my utility account number

  @core
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
      | account number | customer ID | message                                                       |
      | 12345          | 1234567     | The account number is 6 digits long; you entered 5.           |
      | 1234567        | 1234567     | The account number is 6 digits long; you entered 7.           |
      | 12A456         | 1234567     | The account number can only contain the digits 0 to 9.        |
      |                | 1234567     | Enter your account number.                                    |
      | 123456789      | 1234567     | Utility numbers changed in May 2021                           |
      | 123456         | 123456      | The customer ID is 7 digits long; you entered 6.              |
      | 123456         | 12345678    | The customer ID is 7 digits long; you entered 8.              |
      | 123456         |             | Enter your customer ID.                                       |

  @core
  Scenario: Numbers that match no account
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

  @core
  Scenario: Linking an account that is already linked
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

  @core @guide
  Scenario: See your account's balance and bills
    # handout: 6
    Given I have signed in and linked my utility account
    When I select my account number
    Then I see my account online
    And I see its balance and its bills

  @core
  Scenario: Remove a linked account
    # handout: 6
    Given I have signed in and linked my utility account
    When I select "remove" for my account and confirm
    Then my account is no longer listed under "Utility Billing Accounts"
