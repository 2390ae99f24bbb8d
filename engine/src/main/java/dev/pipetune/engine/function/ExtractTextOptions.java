package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

/**
 * {@code extract_text}'s arguments ({@code fn_kwargs}).
 *
 * @param format how files are read ({@code format}, default {@code auto})
 * @param html how {@code auto} extracts files it finds to be HTML ({@code html}, default {@code tags}); only
 *     {@code auto} takes {@link HtmlHandling#JSOUP}, as the other formats decide it themselves
 */
public record ExtractTextOptions(DocumentFormat format, HtmlHandling html) {

    /** The defaults: {@code auto} with W3's tag stripping for HTML. */
    public static final ExtractTextOptions DEFAULTS = new ExtractTextOptions(DocumentFormat.AUTO, HtmlHandling.TAGS);

    /** Rejects nulls and {@code jsoup} with a format other than {@code auto}. */
    public ExtractTextOptions {
        requireNonNull(format, "format");
        requireNonNull(html, "html");
        if (html == HtmlHandling.JSOUP && format != DocumentFormat.AUTO) {
            throw new IllegalArgumentException("html: jsoup applies to format auto; format " + format.fileName()
                    + " decides how it reads HTML itself");
        }
    }

    /**
     * Returns the options of one format with the default HTML handling.
     *
     * @param format the format
     * @return the options
     */
    public static ExtractTextOptions of(DocumentFormat format) {
        return new ExtractTextOptions(format, HtmlHandling.TAGS);
    }
}
