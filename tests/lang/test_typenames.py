"""The declared-type tables of each language, spelling by spelling."""

from __future__ import annotations

import pytest

from migrate.lang.cpp import cpp_type
from migrate.lang.java import java_type
from migrate.lang.python import annotation_type
from migrate.lang.treesitter import clean_comment
from migrate.units import UNKNOWN, VOID, Kind, Type, array_of, list_of

INT, LONG, FLOAT, DOUBLE = Type(Kind.INT), Type(Kind.LONG), Type(Kind.FLOAT), Type(Kind.DOUBLE)
BOOL, CHAR, STR = Type(Kind.BOOL), Type(Kind.CHAR), Type(Kind.STRING)

JAVA = [
    ("int", INT),
    ("Integer", INT),
    ("long", LONG),
    ("short", UNKNOWN),
    ("byte", UNKNOWN),
    ("float", FLOAT),
    ("double", DOUBLE),
    ("boolean", BOOL),
    ("char", CHAR),
    ("String", STR),
    ("java.lang.String", STR),
    ("void", VOID),
    ("int[]", array_of(INT)),
    ("int [ ] [ ]", array_of(array_of(INT))),
    ("List<Integer>", list_of(INT)),
    ("java.util.ArrayList<List<Double>>", list_of(list_of(DOUBLE))),
    ("List", list_of(UNKNOWN)),
    ("List<int[]>[]", array_of(list_of(array_of(INT)))),
    ("Map<String, Integer>", UNKNOWN),
    ("T", UNKNOWN),
]
CPP = [
    ("int", INT),
    ("signed int", INT),
    ("long", LONG),
    ("long long", LONG),
    ("long  long int", LONG),
    ("int64_t", LONG),
    ("std::int64_t", LONG),
    ("unsigned int", UNKNOWN),
    ("short", UNKNOWN),
    ("size_t", UNKNOWN),
    ("long double", UNKNOWN),
    ("float", FLOAT),
    ("double", DOUBLE),
    ("bool", BOOL),
    ("char", CHAR),
    ("string", STR),
    ("std::string", STR),
    ("const std::string", STR),
    ("vector<int>", list_of(INT)),
    ("std::vector<std::vector<long long>>", list_of(list_of(LONG))),
    ("std::array<double, 3>", array_of(DOUBLE)),
    ("std::map<int, int>", UNKNOWN),
    ("auto", UNKNOWN),
]
PYTHON = [
    ("int", INT),
    ("float", DOUBLE),
    ("bool", BOOL),
    ("str", STR),
    ("None", VOID),
    ("list[int]", list_of(INT)),
    ("List[List[str]]", list_of(list_of(STR))),
    ("typing.List[float]", list_of(DOUBLE)),
    ("'list[bool]'", list_of(BOOL)),
    ("list", list_of(UNKNOWN)),
    ("Optional[int]", UNKNOWN),
    ("dict[str, int]", UNKNOWN),
    ("tuple[int, int]", UNKNOWN),
    ("int | None", UNKNOWN),
]


@pytest.mark.parametrize("spelling,expected", JAVA, ids=[s for s, _ in JAVA])
def test_java(spelling, expected):
    assert java_type(spelling) == expected


@pytest.mark.parametrize("spelling,expected", CPP, ids=[s for s, _ in CPP])
def test_cpp(spelling, expected):
    assert cpp_type(spelling) == expected


@pytest.mark.parametrize("spelling,expected", PYTHON, ids=[s for s, _ in PYTHON])
def test_python(spelling, expected):
    assert annotation_type(spelling) == expected


@pytest.mark.parametrize(
    "comment,text",
    [
        ("/** One line. */", "One line."),
        ("/**\n   * First.\n   *\n   * @return x\n   */", "First.\n\n@return x"),
        ("/* plain\n   block */", "plain\nblock"),
        ("// a\n// b", "a\nb"),
        ("/// doxygen", "doxygen"),
        ("//! bang", "bang"),
    ],
)
def test_clean_comment(comment, text):
    assert clean_comment(comment) == text
