Feature: Signing in to Citizen Self Service
  Your username is the email connected to your account.

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service

  @core @aside
  Scenario: Sign-in does not show Account Settings
    Select "My Account" from the user menu icon at the top right of your screen.

    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 2
    And I sign in with my email and password
    # handout: 3
    And I have moved on to the "Home" page
    When I select "My Account" from the user menu
    Then I see my "Account Settings" page

  @core @troubleshooting
  Scenario: A mistyped password
    Check the email and password you registered with. The practice copy of the portal pauses
    sign-in for a few minutes after several unsuccessful tries, for your security; the City's
    portal may do the same.

    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 2
    When I sign in with my email and a wrong password
    Then I am told "The email or password you entered is incorrect."
    And I am not signed in

  @reference @troubleshooting
  Scenario: A forgotten password
    Select "Forgot password?" on the sign-in page and type the email you registered with: the
    portal emails you a link to choose a new password (on the practice copy of the portal, the
    link works for 30 minutes). No email? Check your spam folder, or call 311.

    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 2
    When I ask for a link to choose a new password
    Then I am told that the link was emailed to me
