Feature: Protecting residents' accounts
  Only the resident who linked an account can see it, and guessing numbers does not work.

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service
    And I have a recent utility bill

  @core @second_resident
  Scenario: Another resident's account page is not found
    # handout: 6
    Given another resident has linked their utility account
    # handout: 2
    And I have signed in
    # handout: 6
    When I open the address of their account page
    Then I am told the page was not found
    And I see none of their account details

  @reference
  Scenario: Guessing pairs of numbers is throttled
    # handout: 2
    Given I have signed in
    # handout: 4
    And I have opened the "Utility Billing Account Link Setup" page
    # handout: 5
    When I submit numbers that match no account 5 times
    And I enter the account number and customer ID from my bill
    And I select "Submit"
    Then I am told to wait before trying again
    # handout: 6
    And no utility account is linked
