#include "text.h"

// True when the label reads the same both ways.
bool isPalindrome(const std::string& s) {
    int i = 0;
    int j = (int)s.size() - 1;
    while (i < j) {
        if (s[i] != s[j]) {
            return false;
        }
        i++;
        j--;
    }
    return true;
}

int countVowels(std::string s) {
    int count = 0;
    for (char c : s) {
        switch (c) {
            case 'a': case 'e': case 'i': case 'o': case 'u':
            case 'A': case 'E': case 'I': case 'O': case 'U':
                count++;
                break;
            default:
                break;
        }
    }
    return count;
}

// Upper-case copy (ASCII letters only).
std::string toUpper(std::string s) {
    for (int i = 0; i < (int)s.size(); i++) {
        if (s[i] >= 'a' && s[i] <= 'z') {
            s[i] = s[i] - 'a' + 'A';
        }
    }
    return s;
}

// The number formed by the digits of a label, ignoring everything else: "T-12-07" -> 1207.
long long parseDigits(const std::string& s) {
    long long value = 0;
    int i = 0;
    if (s.empty()) {
        return 0;
    }
    do {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
        }
        i++;
    } while (i < (int)s.size());
    return value;
}

// Most frequent lower-case letter (the earliest in the alphabet on ties), '?' if none.
char mostFrequent(const std::string& s) {
    int counts[26] = {0};
    for (int i = 0; i < (int)s.size(); i++) {
        if (s[i] >= 'a' && s[i] <= 'z') {
            counts[s[i] - 'a']++;
        }
    }
    int best = -1;
    for (int k = 0; k < 26; k++) {
        if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
            best = k;
        }
    }
    return best < 0 ? '?' : (char)('a' + best);
}
