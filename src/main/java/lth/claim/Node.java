package lth.claim;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A YAML mapping being read with its path, so that every error names the file and the field
 * ({@code comparisons[1].min_effect}) and says what was expected.
 */
final class Node {
    private final Path file;
    private final String path;
    private final JsonNode json;

    Node(Path file, String path, JsonNode json) {
        this.file = file;
        this.path = path;
        this.json = json;
    }

    ClaimFileException error(String field, String problem) {
        return new ClaimFileException(file, join(field), problem);
    }

    private String join(String field) {
        return path.isEmpty() ? field : field == null ? path : path + "." + field;
    }

    /** Fails on any field not in {@code allowed}: a typo must not silently fall back to a default. */
    Node only(Set<String> allowed) {
        if (!json.isObject()) throw new ClaimFileException(file, path, "expected a mapping, found " + kind(json));
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f))
                throw error(f, "unknown field; allowed here: " + allowed.stream().sorted().toList());
        }
        return this;
    }

    private JsonNode required(String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) throw error(field, "missing (required)");
        return v;
    }

    boolean has(String field) { return json.has(field) && !json.get(field).isNull(); }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual() && !v.isNumber()) throw error(field, "expected text, found " + kind(v));
        String s = v.asText().strip();
        if (s.isEmpty()) throw error(field, "must not be empty");
        return s;
    }


    String oneOf(String field, String fallback, Set<String> allowed) {
        String s = has(field) || fallback == null ? text(field) : fallback;
        if (!allowed.contains(s)) throw error(field, "'" + s + "' is not one of " + allowed.stream().sorted().toList());
        return s;
    }

    /** One of {@code values} by its spelling in the file ({@code label}); the error lists the spellings. */
    <E> E choice(String field, E fallback, E[] values, java.util.function.Function<E, String> label) {
        java.util.Map<String, E> byLabel = new java.util.LinkedHashMap<>();
        for (E v : values) byLabel.put(label.apply(v), v);
        return byLabel.get(oneOf(field, fallback == null ? null : label.apply(fallback), byLabel.keySet()));
    }

    double number(String field, double min, double max) {
        JsonNode v = required(field);
        if (!v.isNumber()) throw error(field, "expected a number, found " + kind(v) + " '" + v.asText() + "'");
        double d = v.asDouble();
        if (!(d >= min && d <= max)) throw error(field, d + " is out of range [" + min + ", " + max + "]");
        return d;
    }

    double number(String field, double min, double max, double fallback) {
        return has(field) ? number(field, min, max) : fallback;
    }

    int integer(String field, int min, int max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber()) throw error(field, "expected an integer, found " + kind(v) + " '" + v.asText() + "'");
        long d = v.asLong();
        if (d < min || d > max) throw error(field, d + " is out of range [" + min + ", " + max + "]");
        return (int) d;
    }

    int integer(String field, int min, int max, int fallback) {
        return has(field) ? integer(field, min, max) : fallback;
    }

    boolean bool(String field, boolean fallback) {
        if (!has(field)) return fallback;
        JsonNode v = json.get(field);
        if (!v.isBoolean()) throw error(field, "expected true or false, found '" + v.asText() + "'");
        return v.asBoolean();
    }

    boolean isObject(String field) { return has(field) && json.get(field).isObject(); }

    Node object(String field) { return new Node(file, join(field), required(field)); }

    List<Node> list(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) throw error(field, "expected a list, found " + kind(v));
        if (v.isEmpty()) throw error(field, "must not be empty");
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(new Node(file, join(field) + "[" + i + "]", v.get(i)));
        return out;
    }

    List<Integer> integers(String field, int min, int max) {
        JsonNode v = required(field);
        if (!v.isArray()) throw error(field, "expected a list of integers, found " + kind(v));
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isIntegralNumber() || e.asInt() < min || e.asInt() > max)
                throw error(field, "'" + e.asText() + "' is not an integer in [" + min + ", " + max + "]");
            out.add(e.asInt());
        }
        return out;
    }

    private static String kind(JsonNode v) {
        return v.isObject() ? "a mapping" : v.isArray() ? "a list" : v.isTextual() ? "text"
                : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.getNodeType().toString().toLowerCase();
    }
}
