"""A class roster: one row of scores per student."""

from gradebook.scores import mean


class Gradebook:
    """Names and score rows; row i belongs to names[i]."""

    def __init__(self):
        self.names = []
        self.rows = []

    def add_student(self, name: str, scores: list[int]) -> int:
        """Add a student and return their row number."""
        self.names.append(name)
        self.rows.append(list(scores))
        return len(self.names) - 1

    def student_average(self, index: int) -> float:
        return mean(self.rows[index])

    def column_max(self, column: int) -> int:
        """Best score on one exam; -1 when nobody has taken it."""
        best = -1
        for row in self.rows:
            if column < len(row) and row[column] > best:
                best = row[column]
        return best

    def top_student(self) -> str:
        """Name of the student with the best average ("" for an empty roster)."""
        best_name = ""
        best_avg = -1.0
        for i in range(len(self.names)):
            avg = self.student_average(i)
            if avg > best_avg:
                best_avg = avg
                best_name = self.names[i]
        return best_name


def matrix_totals(grid: list[list[int]]) -> list[int]:
    """Row sums of a score matrix."""
    totals = []
    for row in grid:
        s = 0
        for value in row:
            s += value
        totals.append(s)
    return totals


def transpose(grid):
    """Exams as rows instead of students (the grid must be rectangular)."""
    if len(grid) == 0:
        return []
    rows = len(grid)
    cols = len(grid[0])
    result = [[0] * rows for _ in range(cols)]
    for r in range(rows):
        for c in range(cols):
            result[c][r] = grid[r][c]
    return result
