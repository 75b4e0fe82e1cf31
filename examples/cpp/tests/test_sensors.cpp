// Checks for the sensors library: every assert must hold.
#include <cassert>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "../src/grid.h"
#include "../src/stats.h"
#include "../src/text.h"

static void testStats() {
    assert(mean(std::vector<double>{1.0, 2.0, 6.0}) == 3.0);
    assert(mean(std::vector<double>{}) == 0.0);
    int big[] = {100000, 100000};
    assert(sumOfSquares(big, 2) == 20000000000LL);
    int arr[] = {-2, 1, -3, 4, -1, 2, 1, -5, 4};
    assert(maxSubarraySum(arr, 9) == 6);
    int neg[] = {-3, -1, -2};
    assert(maxSubarraySum(neg, 3) == -1);
    assert(isSorted(std::vector<int>{1, 2, 2, 5}));
    assert(!isSorted(std::vector<int>{3, 1}));
    int sorted[] = {1, 3, 5, 7, 9, 11};
    assert(binarySearch(sorted, 0, 5, 7) == 3);
    assert(binarySearch(sorted, 0, 5, 4) == -1);
    double in[] = {2.0, 4.0, 6.0, 8.0};
    double out[4];
    movingAverage(in, out, 4, 2);
    assert(out[0] == 2.0 && out[1] == 3.0 && out[2] == 5.0 && out[3] == 7.0);
}

static void testText() {
    assert(isPalindrome("level") && isPalindrome("") && !isPalindrome("levels"));
    assert(countVowels("Sensor Array") == 4);
    assert(toUpper("temp-3b") == "TEMP-3B");
    assert(parseDigits("T-12-07") == 1207 && parseDigits("") == 0);
    assert(parseDigits("9999999999") == 9999999999LL);
    assert(mostFrequent("banana") == 'a' && mostFrequent("123") == '?');
}

static void testGrid() {
    Heatmap h;
    assert(h.get(1, 1) == 0 && h.hottestRow() == 0);
    h.set(2, 0, 5);
    h.set(2, 7, 3);
    h.set(1, 4, 6);
    assert(h.get(2, 7) == 3);
    assert(h.hottestRow() == 2);
    assert(std::fabs(h.rowMean(2) - 1.0) < 1e-12);

    int grid[3][COLS] = {
        {1, 1, 0, 0, 0, 0, 0, 1},
        {0, 1, 0, 0, 1, 0, 0, 1},
        {0, 0, 0, 1, 1, 0, 0, 0},
    };
    assert(countRegions(grid, 3) == 3);
    assert(countRegions(grid, 3) == 0);  // flood cleared every region
}

int main() {
    testStats();
    testText();
    testGrid();
    std::printf("OK\n");
    return 0;
}
