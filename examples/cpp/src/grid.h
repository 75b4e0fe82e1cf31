// A heat map of sensor readings on a fixed grid, and region counting.
#ifndef SENSORS_GRID_H
#define SENSORS_GRID_H

const int ROWS = 4;
const int COLS = 8;

class Heatmap {
  public:
    Heatmap();
    void set(int r, int c, int value);
    int get(int r, int c) const;
    int hottestRow() const;
    double rowMean(int r) const;

  private:
    int cells[ROWS][COLS];
};

void flood(int grid[][COLS], int rows, int r, int c);
int countRegions(int grid[][COLS], int rows);

#endif
