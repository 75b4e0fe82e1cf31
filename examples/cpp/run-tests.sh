#!/bin/sh
# Build the library with its checks (asserts stay on) and run them.
set -e
cd "$(dirname "$0")"
exe=$(mktemp)
trap 'rm -f "$exe"' EXIT
g++ -std=c++17 -Wall -Wextra -O1 -UNDEBUG -o "$exe" src/stats.cpp src/text.cpp src/grid.cpp tests/test_sensors.cpp
"$exe"
