#!/bin/sh
# Compile the sources and the checks into a temporary folder and run them.
set -e
cd "$(dirname "$0")"
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" src/main/java/warehouse/*.java src/test/java/warehouse/*.java
java -cp "$classes" warehouse.WarehouseTest
