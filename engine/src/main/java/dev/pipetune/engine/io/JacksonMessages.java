package dev.pipetune.engine.io;

/**
 * Jackson's error messages as users should see them: the first line only, without the source location Jackson
 * appends ({@code (for Array starting at [Source: REDACTED ...; line: 1, column: 14])}), which names no source here;
 * callers give the file and line themselves.
 */
public final class JacksonMessages {

    private JacksonMessages() {
    }

    /**
     * Shortens a Jackson (or SnakeYAML) message.
     *
     * @param message the message, possibly null
     * @param fallback what to say without one
     * @return the problem in one line
     */
    public static String oneLine(String message, String fallback) {
        if (message == null) {
            return fallback;
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int source = line.indexOf("[Source:");
        if (source >= 0) {
            int opening = line.lastIndexOf(" (", source);
            line = line.substring(0, opening >= 0 ? opening : source);
        }
        // Jackson's advice names its own settings ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"),
        // which users cannot change.
        return line.replaceAll(":? (?:enable|disable) `[A-Za-z.]+(?:_[A-Z]+)*` to allow", "")
                .replaceAll(" \\(or enable `[^`]+`\\)", "").strip();
    }
}
