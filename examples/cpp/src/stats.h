// Statistics over sensor readings.
#ifndef SENSORS_STATS_H
#define SENSORS_STATS_H

#include <vector>

double mean(const std::vector<double>& xs);
long long sumOfSquares(int arr[], int n);
int maxSubarraySum(int arr[], int n);
bool isSorted(const std::vector<int>& v);
int binarySearch(int arr[], int lo, int hi, int key);
void movingAverage(const double* in, double* out, int n, int window);

#endif
