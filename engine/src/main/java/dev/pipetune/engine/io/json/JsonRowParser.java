package dev.pipetune.engine.io.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.JacksonMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a stream of JSON objects into rows of values with Jackson's streaming parser. Values are {@link Long},
 * {@link Double}, {@link Boolean}, {@link String}, {@code null} (a JSON {@code null} or a missing key), and for nested
 * arrays and objects a {@link List} or a {@link LinkedHashMap} (keys in file order) of such values. Top-level keys
 * become column numbers in order of first appearance while new keys are allowed; afterwards a new key is an error.
 * Integers beyond int64, duplicate keys (at any depth) and malformed or non-UTF-8 input are errors too, each a
 * {@link DataFileException} naming the file, line and key (a nested key as {@code outer.inner}).
 */
final class JsonRowParser implements AutoCloseable {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Path file;
    private final JsonParser parser;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private boolean newKeysAllowed = true;
    private String frozenReason = "";
    private Object[] values = new Object[8];
    private long line;

    JsonRowParser(Path file, InputStream input) throws IOException {
        this.file = file;
        this.parser = FACTORY.createParser(input);
    }

    /**
     * Reads the next object.
     *
     * @return whether there was one; its values are in {@link #values()}, indexed by column number
     */
    boolean next() throws IOException {
        boolean inObject = false;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            long start = parser.currentTokenLocation().getLineNr();
            if (start == line) {
                throw DataFileException.atLine(file, line, "a second JSON object on the line; JSON lines holds one "
                        + "object per line");
            }
            line = start;
            if (token != JsonToken.START_OBJECT) {
                throw DataFileException.atLine(file, line, "expected a JSON object, found " + describe(token));
            }
            inObject = true;
            Arrays.fill(values, null);
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int column = columnOf(key);
                values[column] = readValue(key, parser.nextToken());
            }
            long end = parser.currentTokenLocation().getLineNr();
            if (end != line) {
                throw DataFileException.atLine(file, line, "the object goes on to line " + end + "; JSON lines holds "
                        + "one object per line");
            }
            return true;
        } catch (JacksonException e) {
            long errorLine = e.getLocation() != null ? e.getLocation().getLineNr() : line;
            String problem = JacksonMessages.oneLine(e.getOriginalMessage(), "malformed JSON");
            if (inObject && errorLine > line) {
                // Jackson only notices an unfinished line at the next one; the object is the line's fault.
                throw DataFileException.atLine(file, line, "the object is incomplete at the end of the line ("
                        + problem + ")");
            }
            throw DataFileException.atLine(file, errorLine, problem);
        }
    }

    /** Returns the current row's values by column number; entries past {@link #columnCount()} are null. */
    Object[] values() {
        return values;
    }

    /** Returns the 1-based line where the current object starts. */
    long line() {
        return line;
    }

    /** Returns how many keys have been seen. */
    int columnCount() {
        return columns.size();
    }

    /** Returns the keys in order of first appearance. */
    List<String> keys() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Gives keys their column numbers in this order before any row is read, so that rows number their keys as a
     * first pass over the same file did.
     *
     * @param keys the keys, in order
     */
    void presetKeys(List<String> keys) {
        for (String key : keys) {
            columns.putIfAbsent(key, columns.size());
        }
        if (values.length < columns.size()) {
            values = Arrays.copyOf(values, columns.size());
        }
    }

    /**
     * From now on, a key not seen so far is an error.
     *
     * @param reason where the schema came from, for the message
     */
    void freezeKeys(String reason) {
        newKeysAllowed = false;
        frozenReason = reason;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private int columnOf(String key) throws DataFileException {
        Integer column = columns.get(key);
        if (column != null) {
            return column;
        }
        if (!newKeysAllowed) {
            throw new DataFileException(file, parser.currentTokenLocation().getLineNr(), 0, key,
                    "this key is not in the schema inferred from " + frozenReason, null);
        }
        int added = columns.size();
        columns.put(key, added);
        if (added == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        return added;
    }

    private Object readValue(String key, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw valueError(key, "the integer " + parser.getText() + " does not fit int64");
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(readValue(key, item));
                }
                yield items;
            }
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, readValue(key + "." + name, parser.nextToken()));
                }
                yield object;
            }
            default -> throw valueError(key, "unexpected " + describe(token));
        };
    }

    private DataFileException valueError(String key, String problem) {
        return new DataFileException(file, parser.currentTokenLocation().getLineNr(), 0, key, problem, null);
    }

    private static String describe(JsonToken token) {
        return token.asString() != null ? "'" + token.asString() + "'" : token.name().toLowerCase(Locale.ROOT);
    }
}
