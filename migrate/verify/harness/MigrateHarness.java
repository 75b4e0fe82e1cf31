// The Java test harness of migrate's verifier (written for migrate; no external jars).
// Reads units.json and cases.jsonl from the working directory, calls each unit through
// reflection and prints one tagged JSON result per case (see migrate/verify/values.py).
import java.io.*;
import java.lang.reflect.*;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

public class MigrateHarness {
    // ------------------------------------------------------------------ JSON reading
    static final class Parser {
        final String s; int i = 0;
        Parser(String s) { this.s = s; }
        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>(); i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws(); String k = string(); ws(); i++; // ':'
                    m.put(k, value()); ws();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>(); i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value()); ws();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String num = s.substring(start, i);
            if (num.contains(".") || num.contains("e") || num.contains("E")) return Double.parseDouble(num);
            BigInteger big = new BigInteger(num);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        String string() {
            StringBuilder b = new StringBuilder(); i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ JSON writing
    static void str(StringBuilder b, String v) {
        b.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('"');
    }

    static void tag(StringBuilder b, String t) { b.append("{\"t\":\"").append(t).append("\",\"v\":"); }

    static void enc(StringBuilder b, Object o) {
        if (o == null) { tag(b, "null"); b.append("null}"); return; }
        if (o instanceof Boolean) { tag(b, "bool"); b.append(o); b.append('}'); return; }
        if (o instanceof Character) { tag(b, "char"); str(b, o.toString()); b.append('}'); return; }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte || o instanceof BigInteger) {
            tag(b, "int"); b.append(o); b.append('}'); return;
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            tag(b, "float");
            if (Double.isNaN(d)) b.append("\"nan\"");
            else if (Double.isInfinite(d)) b.append(d > 0 ? "\"inf\"" : "\"-inf\"");
            else b.append(Double.toString(d));
            b.append('}'); return;
        }
        if (o instanceof CharSequence) { tag(b, "str"); str(b, o.toString()); b.append('}'); return; }
        if (o.getClass().isArray()) {
            tag(b, "seq"); b.append('[');
            int n = Array.getLength(o);
            for (int k = 0; k < n; k++) { if (k > 0) b.append(','); enc(b, Array.get(o, k)); }
            b.append("]}"); return;
        }
        if (o instanceof Collection) {
            tag(b, "seq"); b.append('['); boolean first = true;
            for (Object x : (Collection<?>) o) { if (!first) b.append(','); first = false; enc(b, x); }
            b.append("]}"); return;
        }
        tag(b, "other"); str(b, String.valueOf(o)); b.append('}');
    }

    // ------------------------------------------------------------------ conversion
    static Object conv(Object j, Type t) {
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Class<?> raw = (Class<?>) p.getRawType();
            Type elem = p.getActualTypeArguments().length > 0 ? p.getActualTypeArguments()[0] : Object.class;
            return collection(raw, j, elem);
        }
        if (t instanceof GenericArrayType) { // e.g. ArrayList<Integer>[]: an array of collections
            if (j == null) return null;
            Type comp = ((GenericArrayType) t).getGenericComponentType();
            List<?> l = seq(j);
            Object arr = Array.newInstance(erasure(comp), l.size());
            for (int k = 0; k < l.size(); k++) Array.set(arr, k, conv(l.get(k), comp));
            return arr;
        }
        if (!(t instanceof Class)) return j;
        Class<?> c = (Class<?>) t;
        if (j == null) return null;
        if (c == int.class || c == Integer.class) return ((Number) num(j)).intValue();
        if (c == long.class || c == Long.class) return ((Number) num(j)).longValue();
        if (c == short.class || c == Short.class) return ((Number) num(j)).shortValue();
        if (c == byte.class || c == Byte.class) return ((Number) num(j)).byteValue();
        if (c == double.class || c == Double.class) return ((Number) num(j)).doubleValue();
        if (c == float.class || c == Float.class) return ((Number) num(j)).floatValue();
        if (c == boolean.class || c == Boolean.class) return j instanceof Boolean ? j : ((Number) j).longValue() != 0;
        if (c == char.class || c == Character.class) return j instanceof String ? ((String) j).charAt(0) : (char) ((Number) j).intValue();
        if (c == String.class || c == CharSequence.class) return j instanceof String ? j : String.valueOf(j);
        if (c == StringBuilder.class) return new StringBuilder(String.valueOf(j));
        if (c == BigInteger.class) return new BigInteger(String.valueOf(j));
        if (c.isArray()) {
            List<?> l = seq(j);
            Object arr = Array.newInstance(c.getComponentType(), l.size());
            for (int k = 0; k < l.size(); k++) Array.set(arr, k, conv(l.get(k), c.getComponentType()));
            return arr;
        }
        if (Collection.class.isAssignableFrom(c) || c == Iterable.class) return collection(c, j, Object.class);
        if (c == Object.class && j instanceof Long) {
            long v = (Long) j;
            return v == (int) v ? (Object) (int) v : j;
        }
        return j;
    }

    static Class<?> erasure(Type t) {
        if (t instanceof Class) return (Class<?>) t;
        if (t instanceof ParameterizedType) return (Class<?>) ((ParameterizedType) t).getRawType();
        if (t instanceof GenericArrayType)
            return Array.newInstance(erasure(((GenericArrayType) t).getGenericComponentType()), 0).getClass();
        return Object.class;
    }

    static Object num(Object j) {
        if (j instanceof Boolean) return ((Boolean) j) ? 1 : 0;
        if (j instanceof String && ((String) j).length() == 1) return (int) ((String) j).charAt(0);
        return j;
    }

    static List<?> seq(Object j) {
        if (j instanceof String) {
            List<Object> l = new ArrayList<>();
            for (char ch : ((String) j).toCharArray()) l.add(String.valueOf(ch));
            return l;
        }
        return (List<?>) j;
    }

    static Object collection(Class<?> raw, Object j, Type elem) {
        Collection<Object> out;
        if (Set.class.isAssignableFrom(raw)) out = raw.isAssignableFrom(TreeSet.class) && !raw.isAssignableFrom(LinkedHashSet.class) ? new TreeSet<>() : new LinkedHashSet<>();
        else if (raw.isAssignableFrom(ArrayList.class)) out = new ArrayList<>();
        else if (raw.isAssignableFrom(LinkedList.class)) out = new LinkedList<>();
        else if (raw.isAssignableFrom(ArrayDeque.class)) out = new ArrayDeque<>();
        else out = new ArrayList<>();
        for (Object x : seq(j)) out.add(conv(x, elem));
        return out;
    }

    // ------------------------------------------------------------------ running
    static final class Target {
        Class<?> cls; String entry; List<Method> methods = new ArrayList<>();
    }

    public static void main(String[] argv) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        System.setOut(System.err); // what the code under test prints never mixes with results
        String manifestText = new String(Files.readAllBytes(Paths.get("units.json")), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) new Parser(manifestText).value();
        Map<String, Target> targets = new HashMap<>();
        for (Map.Entry<String, Object> e : manifest.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> u = (Map<String, Object>) e.getValue();
            StringBuilder b = new StringBuilder();
            try {
                Target t = new Target();
                t.cls = Class.forName((String) u.get("cls"));
                t.entry = (String) u.get("entry");
                for (Method m : t.cls.getDeclaredMethods())
                    if (m.getName().equals(t.entry)) { m.setAccessible(true); t.methods.add(m); }
                if (t.methods.isEmpty()) throw new NoSuchMethodException(t.entry + " not found in " + t.cls.getName());
                boolean needsInstance = true;
                for (Method m : t.methods) if (Modifier.isStatic(m.getModifiers())) needsInstance = false;
                if (needsInstance) {
                    try { t.cls.getDeclaredConstructor(); }
                    catch (NoSuchMethodException ex) { throw new NoSuchMethodException(t.cls.getName() + " has no no-argument constructor to create an instance for " + t.entry); }
                    if (Modifier.isAbstract(t.cls.getModifiers())) throw new InstantiationException(t.cls.getName() + " is abstract; no instance to call " + t.entry + " on");
                }
                targets.put(e.getKey(), t);
            } catch (Throwable ex) {
                Throwable cause = ex instanceof ExceptionInInitializerError && ex.getCause() != null ? ex.getCause() : ex;
                b.append("{\"u\":"); str(b, e.getKey()); b.append(",\"error\":");
                str(b, "loading raised " + cause); b.append('}');
                out.println(b); out.flush();
            }
        }
        out.println("{\"ready\":true}"); out.flush();
        try (BufferedReader in = Files.newBufferedReader(Paths.get("cases.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                List<?> c = (List<?>) new Parser(line).value();
                long cid = ((Number) c.get(0)).longValue();
                Target t = targets.get((String) c.get(1));
                if (t == null) continue;
                List<?> raw = (List<?>) c.get(2);
                out.println(call(cid, t, raw)); out.flush();
            }
        }
        out.flush();
        System.exit(0); // threads the code under test started must not keep us alive
    }

    static String call(long cid, Target t, List<?> raw) {
        StringBuilder b = new StringBuilder("{\"c\":").append(cid);
        Method m = null; Object[] args = null; Throwable convError = null;
        for (Method cand : t.methods) {
            if (cand.getParameterCount() != raw.size()) continue;
            try {
                Type[] types = cand.getGenericParameterTypes();
                Object[] a = new Object[types.length];
                for (int k = 0; k < types.length; k++) a[k] = conv(raw.get(k), types[k]);
                m = cand; args = a; break;
            } catch (RuntimeException ex) { convError = ex; }
        }
        if (m == null) {
            b.append(",\"x\":");
            str(b, "HarnessError: no overload of " + t.entry + " takes these arguments" + (convError != null ? " (" + convError + ")" : ""));
            return b.append('}').toString();
        }
        long start = System.nanoTime();
        try {
            Object self = null;
            if (!Modifier.isStatic(m.getModifiers())) {
                Constructor<?> k = t.cls.getDeclaredConstructor();
                k.setAccessible(true);
                self = k.newInstance();
            }
            Object r = m.invoke(self, args);
            double ms = (System.nanoTime() - start) / 1e6;
            b.append(",\"r\":");
            enc(b, r);
            b.append(",\"a\":[");
            for (int k = 0; k < args.length; k++) {
                if (k > 0) b.append(',');
                Object a = args[k];
                if (a != null && (a.getClass().isArray() || a instanceof Collection)) enc(b, a); else b.append("null");
            }
            b.append("],\"ms\":").append(ms);
        } catch (Throwable ex) {
            Throwable cause = ex instanceof InvocationTargetException && ex.getCause() != null ? ex.getCause() : ex;
            String msg = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (msg.length() > 200) msg = msg.substring(0, 200);
            b.setLength(0);
            b.append("{\"c\":").append(cid).append(",\"x\":");
            str(b, msg);
            b.append(",\"ms\":").append((System.nanoTime() - start) / 1e6);
        }
        return b.append('}').toString();
    }
}
