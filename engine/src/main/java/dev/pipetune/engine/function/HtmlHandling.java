package dev.pipetune.engine.function;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How {@link DocumentFormat#AUTO} extracts the files it finds to be HTML, chosen by {@code fn_kwargs.html}: with
 * W3's tag stripping (the default, which keeps W3's checksums exact) or through jsoup.
 */
public enum HtmlHandling {
    /** W3's rule: every {@code <[^>]*>} becomes a space, entities stay as they are. */
    TAGS("tags"),
    /** jsoup's text: entities decoded, scripts, styles and comments dropped. */
    JSOUP("jsoup");

    private final String fileName;

    HtmlHandling(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }

    /**
     * Finds a handling by its pipeline-file name.
     *
     * @param name {@code tags} or {@code jsoup}
     * @return the handling, or empty if there is none of that name
     */
    public static Optional<HtmlHandling> byName(String name) {
        return Arrays.stream(values()).filter(handling -> handling.fileName.equals(name)).findFirst();
    }

    /** Returns every handling's pipeline-file name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(HtmlHandling::fileName).toList();
    }
}
