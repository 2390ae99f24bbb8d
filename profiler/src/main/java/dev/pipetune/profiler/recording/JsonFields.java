package dev.pipetune.profiler.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one JSON object of a recording entry, with errors that name the file, the entry and the field
 * (e.g. {@code run.json: run.start: missing}). Writes doubles so that NaN becomes null and infinities strings.
 *
 * @param file the recording file, for messages
 * @param entry the zip entry, for messages
 * @param path where the object lies in the entry, e.g. {@code run} or {@code events[3]}; empty at the top
 * @param node the object
 */
record JsonFields(Path file, String entry, String path, JsonNode node) {

    /** Returns the fields of the object in {@code name}. */
    JsonFields object(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isObject()) {
            throw problem(name, "must be an object");
        }
        return new JsonFields(file, entry, qualified(name), child);
    }

    /** Returns the fields of each object of the array in {@code name}. */
    List<JsonFields> objects(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isArray()) {
            throw problem(name, "must be an array");
        }
        List<JsonFields> objects = new ArrayList<>();
        for (int index = 0; index < child.size(); index++) {
            JsonNode element = child.get(index);
            String elementPath = qualified(name) + "[" + index + "]";
            if (!element.isObject()) {
                throw new RecordingFormatException(file, entry + ": " + elementPath + ": must be an object", null);
            }
            objects.add(new JsonFields(file, entry, elementPath, element));
        }
        return objects;
    }

    /** Returns the strings of the array in {@code name}. */
    List<String> strings(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isArray()) {
            throw problem(name, "must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : child) {
            if (!element.isTextual()) {
                throw problem(name, "must be an array of strings");
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** Returns whether {@code name} is present. */
    boolean has(String name) {
        return node.has(name);
    }

    /** Returns the string in {@code name}. */
    String string(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isTextual()) {
            throw problem(name, "must be a string");
        }
        return child.textValue();
    }

    /** Returns the whole number in {@code name}. */
    long longValue(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isIntegralNumber() || !child.canConvertToLong()) {
            throw problem(name, "must be a whole number");
        }
        return child.longValue();
    }

    /** Returns the whole number in {@code name}, which must fit an int. */
    int intValue(String name) throws RecordingFormatException {
        long value = longValue(name);
        if (value != (int) value) {
            throw problem(name, "is out of range: " + value);
        }
        return (int) value;
    }

    /** Returns the number in {@code name}: null means NaN, and the strings Infinity and -Infinity are accepted. */
    double doubleValue(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (child.isNull()) {
            return Double.NaN;
        }
        if (child.isNumber()) {
            return child.doubleValue();
        }
        if (child.isTextual() && child.textValue().equals("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (child.isTextual() && child.textValue().equals("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        throw problem(name, "must be a number");
    }

    /** Returns the boolean in {@code name}. */
    boolean booleanValue(String name) throws RecordingFormatException {
        JsonNode child = require(name);
        if (!child.isBoolean()) {
            throw problem(name, "must be true or false");
        }
        return child.booleanValue();
    }

    /** Returns the ISO-8601 instant in {@code name}. */
    Instant instant(String name) throws RecordingFormatException {
        String text = string(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            throw problem(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + text + "'");
        }
    }

    /** Returns the enum constant named by the string in {@code name}. */
    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws RecordingFormatException {
        String text = string(name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException unknown) {
            throw problem(name, "unknown value '" + text + "'");
        }
    }

    /** Returns an exception naming the file, entry and field. */
    RecordingFormatException problem(String name, String what) {
        return new RecordingFormatException(file, entry + ": " + qualified(name) + ": " + what, null);
    }

    /** Writes a double: NaN as null, infinities as the strings Infinity and -Infinity. */
    static void putDouble(ObjectNode object, String name, double value) {
        if (Double.isNaN(value)) {
            object.putNull(name);
        } else if (Double.isInfinite(value)) {
            object.put(name, value > 0 ? "Infinity" : "-Infinity");
        } else {
            object.put(name, value);
        }
    }

    /** Adds strings to an array. */
    static ArrayNode putStrings(ObjectNode object, String name, List<String> values) {
        ArrayNode array = object.putArray(name);
        values.forEach(array::add);
        return array;
    }

    private JsonNode require(String name) throws RecordingFormatException {
        JsonNode child = node.get(name);
        if (child == null) {
            throw problem(name, "missing");
        }
        return child;
    }

    private String qualified(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
