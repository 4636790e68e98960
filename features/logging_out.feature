Feature: Logging out and coming back
  Your account holds personal information: log out after use.

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service
    And I have a recent utility bill

  @core @guide
  Scenario: Log out safely
    Your account holds personal information, so log out after each use.

    # handout: 6
    Given I have signed in and linked my utility account
    And I am viewing my account online
    # handout: 8
    When I select "Log Out" from the user menu icon at the top right of the screen
      """
      tip: As a further security measure, close any browser windows you opened during your
      session.
      """
    Then I am signed out
    And the browser's Back button brings none of my account details back
    And my account page asks me to sign in

  @core @guide
  Scenario: Find your accounts next time
    Once your accounts are linked, coming back takes only a sign-in and one click.

    # handout: 6
    Given I linked my utility account on an earlier visit
    # handout: closing
    When I go to the City of Tulsa utilities website and select "Sign in"
    And I sign in with my email and password
    And I select "Utility Billing"
    Then my account is listed there
