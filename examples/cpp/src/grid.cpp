#include <vector>

#include "grid.h"
#include "stats.h"

// All readings start at zero.
Heatmap::Heatmap() {
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++)
            cells[r][c] = 0;
}

void Heatmap::set(int r, int c, int value) {
    cells[r][c] = value;
}

int Heatmap::get(int r, int c) const {
    return cells[r][c];
}

// Row with the largest total (the first one on ties).
int Heatmap::hottestRow() const {
    int best = 0;
    long long bestSum = -1;
    for (int r = 0; r < ROWS; r++) {
        long long sum = 0;
        for (int c = 0; c < COLS; c++) {
            sum += cells[r][c];
        }
        if (sum > bestSum) {
            bestSum = sum;
            best = r;
        }
    }
    return best;
}

double Heatmap::rowMean(int r) const {
    std::vector<double> row;
    for (int c = 0; c < COLS; c++) {
        row.push_back(cells[r][c]);
    }
    return mean(row);
}

// Clears the region of non-zero cells around (r, c), four-connected.
void flood(int grid[][COLS], int rows, int r, int c) {
    if (r < 0 || r >= rows || c < 0 || c >= COLS || grid[r][c] == 0) {
        return;
    }
    grid[r][c] = 0;
    flood(grid, rows, r + 1, c);
    flood(grid, rows, r - 1, c);
    flood(grid, rows, r, c + 1);
    flood(grid, rows, r, c - 1);
}

// Number of separate hot regions; the grid is cleared on the way.
int countRegions(int grid[][COLS], int rows) {
    int regions = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < COLS; c++) {
            if (grid[r][c] != 0) {
                regions++;
                flood(grid, rows, r, c);
            }
        }
    }
    return regions;
}
