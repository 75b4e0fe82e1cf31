"""Hostile candidates are contained: each is reported with a reason and the run finishes.

Every candidate here misbehaves on every input: loops forever, fork-bombs, allocates
without bound, connects to a port this test listens on, writes and deletes files outside
its work dir, floods stdout, sleeps forever, or (C++) blows up the compiler. One honest
candidate shares each batch and must still pass.
"""

from __future__ import annotations

import socket
import time

import pytest

from migrate.units import Language, VerdictStatus
from migrate.verify import VerifySettings, sandbox_status, verify
from tests.verify.conftest import candidates, context, extract, need

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

ORIGINAL = "def twice(x: int) -> int:\n    return 2 * x\n"
SETTINGS = VerifySettings(tests=3, test_timeout=1.5, startup_timeout=8, compile_timeout=15,
                          jobs=1)


@pytest.fixture
def world(tmp_path):
    """A listener on a loopback port, a file to protect, a path that must not appear."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("keep me")
    tmp_path.chmod(0o777)  # even a world-writable directory must stay untouched
    sentinel.chmod(0o666)
    yield {"port": listener.getsockname()[1], "sentinel": sentinel,
           "planted": tmp_path / "planted.txt"}
    try:
        conn, _ = listener.accept()
    except BlockingIOError:
        conn = None
    listener.close()
    assert conn is None, "a candidate reached the loopback listener"
    assert sentinel.read_text() == "keep me"
    assert not (tmp_path / "planted.txt").exists()


def run(language: Language, codes: dict[str, str]):
    functions, sources = extract(Language.PYTHON, ORIGINAL)
    f = functions[0]
    start = time.monotonic()
    out = verify([f], [candidates(f, language, list(codes.values()))],
                 context(functions, language), SETTINGS, sources=sources)
    elapsed = time.monotonic() - start
    return dict(zip(codes, out[f.id], strict=True)), elapsed


def check(verdicts, compile_error=()):
    assert verdicts["honest"].status is VerdictStatus.PASSED, verdicts["honest"]
    for name, v in verdicts.items():
        if name == "honest":
            continue
        expected = VerdictStatus.COMPILE_ERROR if name in compile_error else VerdictStatus.FAILED
        assert v.status is expected, (name, v)
        assert v.reason, name


def test_python(world):
    w = world
    codes = {
        "honest": "def twice(x):\n    return x + x\n",
        "loop": "def twice(x):\n    while True:\n        pass\n",
        "fork": "import os\ndef twice(x):\n    while True:\n        try:\n            os.fork()\n"
                "        except OSError:\n            pass\n",
        "memory": "def twice(x):\n    hog = []\n    while True:\n        hog.append(' ' * 10**8)\n",
        "network": f"import socket\ndef twice(x):\n    socket.create_connection(('127.0.0.1', "
                   f"{w['port']}), timeout=1)\n    return 2 * x\n",
        "files": f"import os\ndef twice(x):\n    open({str(w['planted'])!r}, 'w').write('x')\n"
                 f"    os.remove({str(w['sentinel'])!r})\n    return 2 * x\n",
        "flood": "def twice(x):\n    while True:\n        print('y' * 4096)\n",
        "sleep": "import time\ndef twice(x):\n    time.sleep(10**6)\n",
    }
    verdicts, elapsed = run(Language.PYTHON, codes)
    check(verdicts)
    assert "MemoryError" in verdicts["memory"].reason
    for name in ("loop", "sleep", "flood"):
        assert "timed out" in verdicts[name].reason, verdicts[name]
    if sandbox_status()[0] == "bwrap":
        assert "raised" in verdicts["network"].reason
    assert elapsed < 120


def test_java(world):
    need("javac", "java")
    w = world
    codes = {
        "honest": "static int twice(int x) { return x + x; }",
        "loop": "static int twice(int x) { while (true) { } }",
        "fork": "static int twice(int x) throws Exception { while (true) { try { new ProcessBuilder("
                "\"/bin/sh\", \"-c\", \"sleep 100\").start(); } catch (Exception e) { } } }",
        "memory": "static int twice(int x) { List<long[]> hog = new ArrayList<>(); while (true) "
                  "hog.add(new long[1 << 20]); }",
        "network": f"static int twice(int x) throws Exception {{ new java.net.Socket(\"127.0.0.1\", "
                   f"{w['port']}).close(); return 2 * x; }}",
        "files": f"static int twice(int x) throws Exception {{ java.nio.file.Files.writeString("
                 f"java.nio.file.Path.of(\"{w['planted']}\"), \"x\"); java.nio.file.Files.delete("
                 f"java.nio.file.Path.of(\"{w['sentinel']}\")); return 2 * x; }}",
        "flood": "static int twice(int x) { while (true) System.out.println(\"y\".repeat(4096)); }",
        "sleep": "static int twice(int x) throws Exception { Thread.sleep(1000000000L); return x; }",
    }
    verdicts, elapsed = run(Language.JAVA, codes)
    check(verdicts)
    assert "OutOfMemoryError" in verdicts["memory"].reason
    assert elapsed < 180


def test_cpp(world):
    need("g++")
    w = world
    codes = {
        "honest": "int twice(int x) { return x + x; }",
        "loop": "int twice(int x) { volatile int y = 0; while (true) { y++; } }",
        "fork": "#include <unistd.h>\nint twice(int x) { while (true) fork(); }",
        "memory": "int twice(int x) { while (true) { char* p = new char[1 << 24]; "
                  "for (int i = 0; i < (1 << 24); i += 4096) p[i] = 1; } }",
        "network": "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n"
                   "int twice(int x) { int s = socket(AF_INET, SOCK_STREAM, 0); sockaddr_in a{}; "
                   f"a.sin_family = AF_INET; a.sin_port = htons({w['port']}); "
                   "a.sin_addr.s_addr = htonl(0x7f000001); "
                   "if (connect(s, (sockaddr*)&a, sizeof a) != 0) throw std::runtime_error(\"no net\");"
                   " return 2 * x; }",
        "files": f"int twice(int x) {{ FILE* f = fopen(\"{w['planted']}\", \"w\"); "
                 f"if (f) {{ fputs(\"x\", f); fclose(f); }} remove(\"{w['sentinel']}\"); "
                 "if (!f) throw std::runtime_error(\"no write\"); return 2 * x; }",
        "flood": "int twice(int x) { while (true) std::cout << std::string(4096, 'y') << std::endl; }",
        "sleep": "#include <unistd.h>\nint twice(int x) { sleep(1000000); return x; }",
        "compiler_bomb": "template <int N, long M> struct Boom { static constexpr long v = "
                         "Boom<N - 1, 2 * M>::v + Boom<N - 1, 2 * M + 1>::v; };\n"
                         "template <long M> struct Boom<0, M> { static constexpr long v = 1; };\n"
                         "int twice(int x) { return x + x + (int) Boom<40, 0>::v * 0; }",
    }
    verdicts, elapsed = run(Language.CPP, codes)
    check(verdicts, compile_error=("compiler_bomb",))
    assert elapsed < 300
