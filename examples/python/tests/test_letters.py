from gradebook.letters import gcd, initials, is_passing, letter_counts, letter_for, pass_ratio


def test_letter_for():
    assert [letter_for(s) for s in (95, 90, 85, 72, 60, 59, 0)] == ["A", "A", "B", "C", "D", "F", "F"]


def test_letter_counts():
    assert letter_counts([95, 91, 85, 40, 65]) == [2, 1, 0, 1, 1]


def test_is_passing():
    assert is_passing(60)
    assert not is_passing(55)
    assert is_passing(55, 5)


def test_initials():
    assert initials("ada king lovelace") == "AKL"
    assert initials("  grace   hopper ") == "GH"
    assert initials("") == ""


def test_gcd_and_ratio():
    assert gcd(12, 18) == 6
    assert gcd(7, 0) == 7
    assert pass_ratio([70, 80, 30, 65]) == "3/4"
    assert pass_ratio([]) == "0/0"
