from gradebook.scores import (
    best_streak,
    count_above,
    mean,
    median,
    sort_scores,
    total,
    variance,
)


def test_total_and_mean():
    assert total([70, 80, 90]) == 240
    assert total([]) == 0
    assert mean([70, 80, 90]) == 80.0
    assert mean([]) == 0.0


def test_sort_leaves_input_alone():
    data = [88, 42, 97, 42, 10]
    assert sort_scores(data) == [10, 42, 42, 88, 97]
    assert data == [88, 42, 97, 42, 10]


def test_median():
    assert median([5, 1, 3]) == 3.0
    assert median([4, 1, 3, 2]) == 2.5
    assert median([]) == 0.0


def test_variance():
    assert variance([2, 4, 4, 4, 5, 5, 7, 9]) == 4.0
    assert variance([]) == 0.0


def test_count_above_and_streak():
    assert count_above([50, 60, 61, 99], 60) == 2
    assert best_streak([True, True, False, True, True, True, False]) == 3
    assert best_streak([]) == 0
