Feature: Registering for Citizen Self Service
  If you have not registered your account, register first.

  @reference @guide
  Scenario: Register with your email address
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: intro
    When I register with my email address and a password
    # handout: 1
    Then I am already logged in
    # handout: 3
    And I see my "Account Settings" page
