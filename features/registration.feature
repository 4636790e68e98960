Feature: Registering for Citizen Self Service
  If you have not registered your account, register first.

  @reference @guide
  Scenario: Register
    Register once; after that you sign in with your email address and password.

    # handout: 1
    Given I go to the City of Tulsa utilities website and select "Create an account"
    # handout: intro
    When I register with my email address and a password
      """
      tip: Your password needs 8 to 30 characters, with an upper-case letter, a number and a
      special character such as ! # or -.
      """
    # handout: 1
    Then I am already logged in
    # handout: 3
    And I see my "Account Settings" page
