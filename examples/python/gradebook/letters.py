"""Letter grades and small text helpers for report cards."""

from gradebook.scores import count_above

# Lower bounds of A, B, C and D; anything below the last one is an F.
CUTOFFS = [90, 80, 70, 60]


def letter_for(score: int) -> str:
    """The letter grade of one score."""
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    return "F"


def letter_counts(scores: list[int]) -> list[int]:
    """How many A, B, C, D and F grades, in that order (E is never given)."""
    counts = [0, 0, 0, 0, 0]
    for s in scores:
        letter = letter_for(s)
        index = ord(letter) - ord("A")
        if letter == "F":
            index = 4
        counts[index] += 1
    return counts


def is_passing(score: int, curve: int = 0) -> bool:
    """A D or better after adding the curve."""
    return score + curve >= 60


def initials(name: str) -> str:
    """Upper-case initials of a full name: "ada king lovelace" -> "AKL"."""
    result = ""
    take = True
    for ch in name:
        if ch == " ":
            take = True
        elif take:
            result += ch.upper()
            take = False
    return result


def gcd(a: int, b: int) -> int:
    """Greatest common divisor (Euclid, recursive)."""
    if b == 0:
        return a
    return gcd(b, a % b)


def pass_ratio(scores) -> str:
    """Share of passing scores as a reduced fraction, e.g. "3/4"."""
    n = len(scores)
    if n == 0:
        return "0/0"
    passed = count_above(scores, 59)
    d = gcd(passed, n)
    return str(passed // d) + "/" + str(n // d)
