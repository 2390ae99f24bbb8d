package dev.pipetune.engine.io.csv;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.pipetune.engine.io.DataFileException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a CSV stream into rows of fields with Jackson's CSV parser: comma-separated, {@code "}-quoted with
 * {@code ""} for a quote inside a quoted field (which may span lines), empty lines skipped. An empty unquoted field is
 * {@code null}; a quoted empty field is {@code ""}. Jackson's parse errors become {@link DataFileException}s with the
 * row's first line and the field's number.
 */
final class CsvRowParser implements AutoCloseable {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
            .build();

    private final Path file;
    private final CsvParser parser;
    private String[] fields = new String[16];
    private int fieldCount;
    private long line;
    private boolean ended;

    CsvRowParser(Path file, InputStream input) throws IOException {
        this.file = file;
        this.parser = FACTORY.createParser(input);
    }

    /**
     * Reads the next non-empty row.
     *
     * @return whether there was one; its fields are in {@link #fields()}
     */
    boolean next() throws IOException {
        if (ended) {
            return false;
        }
        try {
            while (true) {
                fieldCount = 0;
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_ARRAY && parser.getParsingContext().getParent().inRoot()) {
                    token = parser.nextToken();
                }
                if (token != JsonToken.START_ARRAY) {
                    ended = true;
                    return false;
                }
                readFields();
                if (fieldCount != 1 || fields[0] != null) {
                    return true;
                }
            }
        } catch (JacksonException | CharConversionException e) {
            throw positioned(e);
        }
    }

    /** Returns the current row's fields; only the first {@link #fieldCount()} are set. */
    String[] fields() {
        return fields;
    }

    /** Returns how many fields the current row has. */
    int fieldCount() {
        return fieldCount;
    }

    /** Returns the 1-based line where the current row starts. */
    long line() {
        return line;
    }

    /** Returns a copy of the current row's fields. */
    String[] copyOfFields() {
        return Arrays.copyOf(fields, fieldCount);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void readFields() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (fieldCount == 0) {
                line = parser.currentTokenLocation().getLineNr();
            }
            if (fieldCount == fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            fields[fieldCount++] = token == JsonToken.VALUE_NULL ? null : parser.getText();
        }
    }

    private DataFileException positioned(IOException error) {
        String problem = error instanceof JacksonException jackson ? jackson.getOriginalMessage() : error.getMessage();
        long errorLine = error instanceof JacksonException jackson && jackson.getLocation() != null
                ? jackson.getLocation().getLineNr() : parser.currentLocation().getLineNr();
        if (fieldCount == 0) {
            return new DataFileException(file, errorLine, 1, null, problem, error);
        }
        String where = errorLine > line ? " (the parser stopped at line " + errorLine + ")" : "";
        return new DataFileException(file, line, fieldCount + 1, null, problem + where, error);
    }
}
