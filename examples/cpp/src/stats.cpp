#include "stats.h"

// Arithmetic mean; 0 for no readings.
double mean(const std::vector<double>& xs) {
    if (xs.empty()) {
        return 0.0;
    }
    double sum = 0.0;
    for (int i = 0; i < (int)xs.size(); i++) {
        sum += xs[i];
    }
    return sum / xs.size();
}

/* Energy of a signal: the sum of squared samples, kept in 64 bits. */
long long sumOfSquares(int arr[], int n) {
    long long total = 0;
    for (int i = 0; i < n; i++) {
        total += (long long)arr[i] * arr[i];
    }
    return total;
}

/** Largest sum of a contiguous run of readings (Kadane). n must be at least 1. */
int maxSubarraySum(int arr[], int n) {
    int best = arr[0];
    int current = arr[0];
    for (int i = 1; i < n; i++) {
        current = current + arr[i] > arr[i] ? current + arr[i] : arr[i];
        if (current > best) {
            best = current;
        }
    }
    return best;
}

// True when the readings never decrease.
bool isSorted(const std::vector<int>& v) {
    for (int i = 1; i < (int)v.size(); i++) {
        if (v[i - 1] > v[i]) {
            return false;
        }
    }
    return true;
}

// Index of key in the sorted range arr[lo..hi], or -1.
int binarySearch(int arr[], int lo, int hi, int key) {
    if (lo > hi) {
        return -1;
    }
    int mid = lo + (hi - lo) / 2;
    if (arr[mid] == key) {
        return mid;
    }
    if (arr[mid] < key) {
        return binarySearch(arr, mid + 1, hi, key);
    }
    return binarySearch(arr, lo, mid - 1, key);
}

// out[i] = mean of the last `window` readings up to i (fewer at the start).
void movingAverage(const double* in, double* out, int n, int window) {
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        sum += in[i];
        if (i >= window) {
            sum -= in[i - window];
        }
        int count = i + 1 < window ? i + 1 : window;
        out[i] = sum / count;
    }
}
