"""Statistics over lists of integer exam scores (0-100).

Written long before the statistics module was allowed on the lab machines,
so everything is done by hand.
"""


def total(scores: list[int]) -> int:
    """Sum of all scores."""
    result = 0
    for s in scores:
        result += s
    return result


def mean(scores):
    """Average score, 0.0 for an empty list."""
    if len(scores) == 0:
        return 0.0
    return total(scores) / len(scores)


def sort_scores(scores: list[int]) -> list[int]:
    """A sorted copy (insertion sort; the input is left alone)."""
    result = list(scores)
    i = 1
    while i < len(result):
        key = result[i]
        j = i - 1
        while j >= 0 and result[j] > key:
            result[j + 1] = result[j]
            j -= 1
        result[j + 1] = key
        i += 1
    return result


def median(scores: list[int]) -> float:
    """Middle score; the mean of the two middle ones for an even count."""
    n = len(scores)
    if n == 0:
        return 0.0
    ordered = sort_scores(scores)
    mid = n // 2
    if n % 2 == 1:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2.0


def variance(scores: list[int]) -> float:
    """Population variance."""
    if not scores:
        return 0.0
    m = mean(scores)
    acc = 0.0
    for s in scores:
        acc += (s - m) * (s - m)
    return acc / len(scores)


def count_above(scores, threshold: int) -> int:
    """How many scores are strictly above the threshold."""
    count = 0
    for i in range(len(scores)):
        if scores[i] > threshold:
            count += 1
    return count


def best_streak(passed: list[bool]) -> int:
    """Longest run of consecutive passed exams."""
    best = 0
    current = 0
    for p in passed:
        if p:
            current += 1
            if current > best:
                best = current
        else:
            current = 0
    return best
