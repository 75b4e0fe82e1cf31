// The C++ test harness of migrate's verifier (written for migrate; no external code).
// A tiny JSON reader and a writer of the tagged values of migrate/verify/values.py,
// argument holders that build whatever a function's parameter types need (int, double,
// char, std::string, std::vector<T>, T*, T(*)[N], T**) from JSON, and `call`, which
// deduces everything from the function pointer, so no per-function glue is generated.
#pragma once
#include <bits/stdc++.h>
#ifndef MIGRATE_SLACK
#define MIGRATE_SLACK 8  // spare elements after an array argument, like a caller's buffer
#endif
#include <unistd.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

namespace migrate {

struct J {
    enum Kind { NUL, BOOL, NUM, STR, ARR } k = NUL;
    bool b = false;
    bool integral = false;
    long long i = 0;
    double d = 0;
    std::string s;
    std::vector<J> a;
};

inline void ws(const char*& p) { while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') ++p; }

inline std::string parse_string(const char*& p) {
    std::string out;
    ++p;
    while (*p && *p != '"') {
        if (*p != '\\') { out += *p++; continue; }
        ++p;
        char e = *p++;
        if (e == 'n') out += '\n'; else if (e == 't') out += '\t'; else if (e == 'r') out += '\r';
        else if (e == 'b') out += '\b'; else if (e == 'f') out += '\f';
        else if (e == 'u') {
            unsigned code = std::stoul(std::string(p, 4), nullptr, 16);
            p += 4;
            if (code < 0x100) out += static_cast<char>(code);  // bytes as U+0000..U+00FF
            else if (code < 0x800) { out += char(0xC0 | (code >> 6)); out += char(0x80 | (code & 63)); }
            else { out += char(0xE0 | (code >> 12)); out += char(0x80 | ((code >> 6) & 63)); out += char(0x80 | (code & 63)); }
        } else out += e;
    }
    ++p;
    return out;
}

inline J parse(const char*& p) {
    J v;
    ws(p);
    if (*p == '[') {
        v.k = J::ARR; ++p; ws(p);
        if (*p == ']') { ++p; return v; }
        while (true) { v.a.push_back(parse(p)); ws(p); if (*p++ == ']') return v; }
    }
    if (*p == '{') {  // objects are not inputs; skip to the matching brace
        int depth = 0;
        do { if (*p == '{') ++depth; else if (*p == '}') --depth; ++p; } while (*p && depth);
        return v;
    }
    if (*p == '"') { v.k = J::STR; v.s = parse_string(p); return v; }
    if (!strncmp(p, "true", 4)) { v.k = J::BOOL; v.b = true; p += 4; return v; }
    if (!strncmp(p, "false", 5)) { v.k = J::BOOL; p += 5; return v; }
    if (!strncmp(p, "null", 4)) { p += 4; return v; }
    const char* start = p;
    while (*p && strchr("+-0123456789.eE", *p)) ++p;
    std::string num(start, p);
    v.k = J::NUM;
    v.d = std::strtod(num.c_str(), nullptr);
    v.integral = num.find_first_of(".eE") == std::string::npos;
    v.i = v.integral ? std::strtoll(num.c_str(), nullptr, 10) : static_cast<long long>(v.d);
    return v;
}

// ------------------------------------------------------------------ writing
struct Out {
    std::string s;
    void tag(const char* t) { s += "{\"t\":\""; s += t; s += "\",\"v\":"; }
    void str(const std::string& v) {
        s += '"';
        for (unsigned char c : v) {
            if (c == '"' || c == '\\') { s += '\\'; s += char(c); }
            else if (c < 0x20 || c > 0x7e) { char buf[8]; snprintf(buf, sizeof buf, "\\u%04x", c); s += buf; }
            else s += char(c);
        }
        s += '"';
    }
    void null() { tag("null"); s += "null}"; }
};

template <class T, class = void> struct Conv;

template <class T> struct Conv<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>>> {
    static T from(const J& j) {
        if (j.k == J::STR) return j.s.empty() ? T(0) : T(static_cast<unsigned char>(j.s[0]));
        if (j.k == J::BOOL) return T(j.b);
        return j.integral ? T(j.i) : T(j.d);
    }
    static void to(Out& o, T v) { o.tag("int"); o.s += std::to_string(v); o.s += '}'; }
};
template <> struct Conv<bool> {
    static bool from(const J& j) { return j.k == J::BOOL ? j.b : j.i != 0; }
    static void to(Out& o, bool v) { o.tag("bool"); o.s += v ? "true}" : "false}"; }
};
template <> struct Conv<char> {
    static char from(const J& j) { return j.k == J::STR ? (j.s.empty() ? '\0' : j.s[0]) : char(j.i); }
    static void to(Out& o, char v) { o.tag("char"); o.str(std::string(1, v)); o.s += '}'; }
};
template <class T> struct Conv<T, std::enable_if_t<std::is_floating_point_v<T>>> {
    static T from(const J& j) { return j.k == J::BOOL ? T(j.b) : j.integral ? T(j.i) : T(j.d); }
    static void to(Out& o, T v) {
        o.tag("float");
        double d = double(v);
        if (std::isnan(d)) o.s += "\"nan\"";
        else if (std::isinf(d)) o.s += d > 0 ? "\"inf\"" : "\"-inf\"";
        else { char buf[40]; snprintf(buf, sizeof buf, "%.17g", d); o.s += buf; }
        o.s += '}';
    }
};
template <> struct Conv<std::string> {
    static std::string from(const J& j) {
        if (j.k == J::ARR) { std::string s; for (auto& x : j.a) s += Conv<char>::from(x); return s; }
        return j.k == J::STR ? j.s : std::to_string(j.i);
    }
    static void to(Out& o, const std::string& v) { o.tag("str"); o.str(v); o.s += '}'; }
};
template <> struct Conv<const char*> {
    static void to(Out& o, const char* v) { if (!v) { o.null(); return; } Conv<std::string>::to(o, v); }
};
template <> struct Conv<char*> {
    static void to(Out& o, const char* v) { Conv<const char*>::to(o, v); }
};
template <class E> struct Conv<std::vector<E>> {
    static std::vector<E> from(const J& j) {
        std::vector<E> v;
        if (j.k == J::STR) { for (char c : j.s) { J x; x.k = J::STR; x.s = std::string(1, c); v.push_back(Conv<E>::from(x)); } return v; }
        for (auto& x : j.a) v.push_back(Conv<E>::from(x));
        return v;
    }
    static void to(Out& o, const std::vector<E>& v) {
        o.tag("seq"); o.s += '[';
        for (size_t k = 0; k < v.size(); ++k) { if (k) o.s += ','; Conv<E>::to(o, v[k]); }
        o.s += "]}";
    }
};
template <class A, class B> struct Conv<std::pair<A, B>> {
    static std::pair<A, B> from(const J& j) { return {Conv<A>::from(j.a.at(0)), Conv<B>::from(j.a.at(1))}; }
    static void to(Out& o, const std::pair<A, B>& v) {
        o.tag("seq"); o.s += '['; Conv<A>::to(o, v.first); o.s += ','; Conv<B>::to(o, v.second); o.s += "]}";
    }
};

template <class T> struct is_vector : std::false_type {};
template <class E> struct is_vector<std::vector<E>> : std::true_type {};

// ------------------------------------------------------------------ argument holders
template <class V> inline constexpr bool is_char_like =
    std::is_same_v<V, char> || std::is_same_v<V, signed char> || std::is_same_v<V, unsigned char> ||
    std::is_same_v<V, wchar_t> || std::is_same_v<V, char16_t> || std::is_same_v<V, char32_t>;
template <class P, class = void> struct Holder {  // values, strings, vectors
    P v{};
    void load(const J& j) { v = Conv<P>::from(j); }
    P& get() { return v; }
    void dump(Out& o) { if constexpr (is_vector<P>::value) Conv<P>::to(o, v); else o.s += "null"; }
};
template <class E> struct Holder<E*, std::enable_if_t<!std::is_pointer_v<E> && !std::is_array_v<E>>> {  // T arr[] / T*
    using V = std::remove_const_t<E>;
    std::vector<V> buf; size_t n = 0; bool text = false;
    void load(const J& j) {
        if constexpr (std::is_arithmetic_v<V>) text = j.k == J::STR;
        if (text) { if constexpr (std::is_arithmetic_v<V>) { for (char c : j.s) buf.push_back(V(c)); n = buf.size(); buf.push_back(V(0)); } }
        else {
            for (auto& x : j.a) buf.push_back(Conv<V>::from(x));
            n = buf.size();
            // A terminator only for character arrays (C strings) or with slack: an oracle
            // (MIGRATE_SLACK 0, under ASan) must stop on arr[n], not read a quiet zero.
            if (MIGRATE_SLACK || is_char_like<V>) buf.push_back(V());
        }
        buf.resize(buf.size() + MIGRATE_SLACK);
        if (!MIGRATE_SLACK) buf.shrink_to_fit();  // no spare capacity for ASan to miss
    }
    E* get_ptr() { return buf.data(); }
    E* p = nullptr;
    E*& get() { p = buf.data(); return p; }
    void dump(Out& o) {
        if constexpr (std::is_arithmetic_v<V>) if (text) { Conv<std::string>::to(o, std::string(buf.begin(), buf.begin() + n)); return; }
        o.tag("seq"); o.s += '[';
        for (size_t k = 0; k < n; ++k) { if (k) o.s += ','; Conv<V>::to(o, buf[k]); }
        o.s += "]}";
    }
};
template <class E, size_t N> struct Holder<E (*)[N]> {  // T mat[][N]
    std::vector<std::array<E, N>> buf; size_t rows = 0;
    E (*p)[N] = nullptr;
    void load(const J& j) {
        rows = j.a.size();
        buf.assign(std::max<size_t>(rows, N) + (MIGRATE_SLACK ? 1 : 0), std::array<E, N>{});
        for (size_t r = 0; r < rows; ++r)
            for (size_t c = 0; c < N && c < j.a[r].a.size(); ++c) buf[r][c] = Conv<E>::from(j.a[r].a[c]);
    }
    E (*&get())[N] { p = reinterpret_cast<E (*)[N]>(buf.data()); return p; }
    void dump(Out& o) {
        o.tag("seq"); o.s += '[';
        for (size_t r = 0; r < rows; ++r) {
            if (r) o.s += ',';
            o.tag("seq"); o.s += '[';
            for (size_t c = 0; c < N; ++c) { if (c) o.s += ','; Conv<E>::to(o, buf[r][c]); }
            o.s += "]}";
        }
        o.s += "]}";
    }
};
template <class E> struct Holder<E**> {  // T** rows
    std::vector<std::vector<E>> rows; std::vector<E*> ptrs; E** p = nullptr;
    void load(const J& j) {
        for (auto& r : j.a) { rows.push_back(Conv<std::vector<E>>::from(r)); }
        for (auto& r : rows) ptrs.push_back(r.data());
    }
    E**& get() { p = ptrs.data(); return p; }
    void dump(Out& o) { Conv<std::vector<std::vector<E>>>::to(o, rows); }
};

template <class A> using Base = std::remove_cv_t<std::remove_reference_t<A>>;

// Fill the stack where the function under test is about to run with a byte that changes
// from case to case, so that an original reading uninitialized locals gives different
// answers on two runs of the same input (and the verifier drops that input) instead of
// a stable, untrustworthy one.
inline unsigned char& poison_byte() { static unsigned char b = 0; return b; }
__attribute__((noinline)) inline void poison_stack() {
    volatile unsigned char area[1 << 16];
    for (size_t k = 0; k < sizeof area; ++k) area[k] = poison_byte();
}

template <class... T> struct Types {};

template <class Fn, class R, class... A, size_t... I>
void run(Fn& fn, Types<R, A...>, std::index_sequence<I...>, const std::vector<J>& args, Out& o) {
    if (args.size() != sizeof...(A)) throw std::invalid_argument("harness: wrong number of arguments");
    std::tuple<Holder<Base<A>>...> hs;
    (std::get<I>(hs).load(args[I]), ...);
    o.s += ",\"r\":";
    poison_stack();
    if constexpr (std::is_void_v<R>) { fn(std::get<I>(hs).get()...); o.null(); }
    else { auto&& r = fn(std::get<I>(hs).get()...); Conv<std::decay_t<R>>::to(o, r); }
    o.s += ",\"a\":[";
    size_t k = 0;
    ((o.s += (k++ ? "," : ""), std::get<I>(hs).dump(o)), ...);
    o.s += ']';
}

template <class R, class... A>
void call(R (*f)(A...), const std::vector<J>& args, Out& o) {
    run(f, Types<R, A...>{}, std::index_sequence_for<A...>{}, args, o);
}
template <class C, class R, class... A>
void call(R (C::*f)(A...), const std::vector<J>& args, Out& o) {
    C self{};
    auto bound = [&](auto&&... xs) -> R { return (self.*f)(std::forward<decltype(xs)>(xs)...); };
    run(bound, Types<R, A...>{}, std::index_sequence_for<A...>{}, args, o);
}
template <class C, class R, class... A>
void call(R (C::*f)(A...) const, const std::vector<J>& args, Out& o) {
    const C self{};
    auto bound = [&](auto&&... xs) -> R { return (self.*f)(std::forward<decltype(xs)>(xs)...); };
    run(bound, Types<R, A...>{}, std::index_sequence_for<A...>{}, args, o);
}

using Entry = void (*)(const std::vector<J>&, Out&);
inline std::map<std::string, Entry>& registry() { static std::map<std::string, Entry> r; return r; }

// Cases run in a forked worker that goes through them in order and sends one line per
// case through a pipe. When the worker crashes (a sanitizer stop, a segfault) or a case
// outlives MIGRATE_TEST_TIMEOUT_MS, that case is recorded as such and a new worker is
// forked for the cases after it: one fork, instead of a restart of the whole sandbox.
inline std::string one_case(const Entry& fn, const J& c, long long cid) {
    Out o;
    o.s = "{\"c\":" + std::to_string(cid);
    poison_byte() = static_cast<unsigned char>(cid * 131 + 7);
    auto start = std::chrono::steady_clock::now();
    try {
        fn(c.a.at(2).a, o);
    } catch (const std::exception& e) {
        o.s = "{\"c\":" + std::to_string(cid) + ",\"x\":";
        o.str(std::string("exception: ") + e.what());
    } catch (...) {
        o.s = "{\"c\":" + std::to_string(cid) + ",\"x\":\"exception (not std::exception)\"";
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return o.s + ",\"ms\":" + std::to_string(ms) + "}";
}

inline void write_all(int fd, const std::string& text) {
    size_t off = 0;
    while (off < text.size()) { ssize_t w = write(fd, text.data() + off, text.size() - off); if (w <= 0) _exit(3); off += w; }
}

inline int main_loop() {
    int results = dup(1);
    dup2(2, 1);  // what the code under test prints goes to stderr, never among results
    const char* limit = getenv("MIGRATE_TEST_TIMEOUT_MS");
    int timeout_ms = limit ? atoi(limit) : 2000;
    write_all(results, "{\"ready\":true}\n");
    std::vector<std::pair<long long, std::pair<Entry, J>>> cases;
    std::ifstream in("cases.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const char* p = line.c_str();
        J c = parse(p);
        auto it = registry().find(c.a.at(1).s);
        if (it != registry().end()) cases.push_back({c.a.at(0).i, {it->second, c}});
    }
    size_t next = 0;
    std::map<std::string, int> timeouts;
    std::set<std::string> banned;
    while (next < cases.size()) {
        int fds[2];
        if (pipe(fds) != 0) _exit(4);
        pid_t pid = fork();
        if (pid < 0) _exit(5);  // the runner treats this as a crash of the current case
        if (pid == 0) {
            setpgid(0, 0);
            close(fds[0]);
            for (size_t k = next; k < cases.size(); ++k) {
                const J& c = cases[k].second.second;
                if (banned.count(c.a.at(1).s))  // timed out twice already: judged on that
                    write_all(fds[1], "{\"c\":" + std::to_string(cases[k].first) + ",\"timeout\":\"not run after two timeouts\"}\n");
                else
                    write_all(fds[1], one_case(cases[k].second.first, c, cases[k].first) + "\n");
            }
            _exit(0);
        }
        setpgid(pid, pid);
        close(fds[1]);
        std::string pending;
        bool timed_out = false;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        char buf[65536];
        while (next < cases.size()) {
            int left = (int) std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            if (left <= 0) { timed_out = true; break; }
            struct pollfd p{fds[0], POLLIN, 0};
            int r = poll(&p, 1, left);
            if (r < 0 && errno == EINTR) continue;
            if (r == 0) { timed_out = true; break; }
            ssize_t n = r < 0 ? -1 : read(fds[0], buf, sizeof buf);
            if (n <= 0) break;  // the worker is gone
            pending.append(buf, n);
            size_t nl;
            while ((nl = pending.find('\n')) != std::string::npos) {
                write_all(results, pending.substr(0, nl + 1));
                pending.erase(0, nl + 1);
                ++next;
                deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
            }
        }
        close(fds[0]);
        kill(-pid, SIGKILL);  // the worker's whole process group: anything it started dies too
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (next >= cases.size()) break;
        std::string head = "{\"c\":" + std::to_string(cases[next].first);
        if (timed_out) {
            const std::string& uid = cases[next].second.second.a.at(1).s;
            if (++timeouts[uid] >= 2) banned.insert(uid);
            write_all(results, head + ",\"timeout\":\"no result within " + std::to_string(timeout_ms) + " ms\"}\n");
        } else {
            std::string how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                  : "exit status " + std::to_string(WEXITSTATUS(status));
            write_all(results, head + ",\"crash\":\"" + how + " (the sanitizer report, if any, is on stderr)\"}\n");
        }
        ++next;
    }
    return 0;
}

}  // namespace migrate
