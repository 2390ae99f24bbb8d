package dev.pipetune.engine.io.parquet;

import java.nio.file.Path;

/** Turns failures inside parquet-java or the decoders into {@link ParquetReadException}s with one-line causes. */
final class ReadFailures {

    private static final int MAX_MESSAGE_LENGTH = 300;
    private static final String FORMAT_PACKAGE = "org.apache.parquet.format.";

    private ReadFailures() {
    }

    static ParquetReadException wrap(Path file, String context, Throwable failure) {
        if (failure instanceof ParquetReadException readException) {
            return readException;
        }
        String reason = isEncryption(failure)
                ? "encrypted Parquet files are not supported (" + oneLine(failure) + ")"
                : oneLine(failure);
        return new ParquetReadException(file, context + ": " + reason, failure);
    }

    private static boolean isEncryption(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current.getClass().getName().startsWith("org.apache.parquet.crypto.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }

    /** The innermost useful message, on one line; metadata that Thrift cannot decode is called corrupt. */
    static String oneLine(Throwable failure) {
        for (Throwable current = failure; current != null && current.getCause() != current;
                current = current.getCause()) {
            if (current.getMessage() != null && current.getMessage().contains("is not a Parquet file")) {
                return "not a Parquet file: it does not end with Parquet's magic number PAR1";
            }
        }
        String metadata = corruptMetadata(failure);
        return metadata != null ? shorten(metadata) : shorten(innermostMessage(failure));
    }

    /**
     * Describes a failure to decode Parquet's Thrift metadata (a page header, the footer), which parquet-java
     * reports as a Thrift transport or protocol error, or as a null pointer when a required field is missing.
     */
    private static String corruptMetadata(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String message = current.getMessage() == null ? "" : current.getMessage();
            int structure = message.indexOf(FORMAT_PACKAGE);
            boolean thrift = current.getClass().getName().contains(".thrift.");
            if (structure >= 0 || thrift) {
                String name = structure < 0 ? "metadata" : message.substring(structure + FORMAT_PACKAGE.length())
                        .split("[^A-Za-z0-9]", 2)[0];
                String detail = innermostMessage(current);
                int struct = detail.indexOf(" Struct: ");
                return "corrupt Parquet metadata: cannot decode its " + describe(name) + " ("
                        + (struct >= 0 ? detail.substring(0, struct) : detail) + ")";
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static String describe(String structure) {
        return switch (structure) {
            case "PageHeader", "DataPageHeader", "DataPageHeaderV2", "DictionaryPageHeader" -> "page header";
            case "FileMetaData", "ColumnChunk", "ColumnMetaData", "RowGroup", "SchemaElement" -> "footer";
            default -> structure.isEmpty() ? "metadata" : structure;
        };
    }

    private static String shorten(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_MESSAGE_LENGTH ? line.substring(0, MAX_MESSAGE_LENGTH) + "..." : line;
    }

    private static String innermostMessage(Throwable failure) {
        Throwable current = failure;
        String message = null;
        while (current != null) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getClass().getSimpleName() + ": " + current.getMessage();
                if (current instanceof CorruptDataException) {
                    message = current.getMessage();
                    break;
                }
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        if (message == null) {
            message = hasCause(failure, java.io.EOFException.class)
                    ? "the data ends before the metadata says it should (EOFException)"
                    : failure.getClass().getSimpleName();
        }
        return message;
    }
}
