from gradebook.roster import Gradebook, matrix_totals, transpose


def test_gradebook():
    book = Gradebook()
    assert book.top_student() == ""
    assert book.add_student("Ada", [90, 95]) == 0
    assert book.add_student("Alan", [70, 100, 80]) == 1
    assert book.student_average(0) == 92.5
    assert book.column_max(1) == 100
    assert book.column_max(2) == 80
    assert book.column_max(5) == -1
    assert book.top_student() == "Ada"


def test_matrix_helpers():
    grid = [[1, 2, 3], [4, 5, 6]]
    assert matrix_totals(grid) == [6, 15]
    assert transpose(grid) == [[1, 4], [2, 5], [3, 6]]
    assert transpose([]) == []
