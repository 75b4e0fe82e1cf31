// Text helpers for sensor labels.
#ifndef SENSORS_TEXT_H
#define SENSORS_TEXT_H

#include <string>

bool isPalindrome(const std::string& s);
int countVowels(std::string s);
std::string toUpper(std::string s);
long long parseDigits(const std::string& s);
char mostFrequent(const std::string& s);

#endif
