"""Gradebook: score statistics, letter grades and a class roster."""
