package dev.pipetune.profiler.report;

import java.util.Locale;

/** The formats {@code pipetune check} writes. */
public enum ReportFormat {
    /** Plain text for a terminal. */
    TEXT,
    /** JSON with a fixed schema, see {@link JsonReportWriter}. */
    JSON,
    /** Markdown (GitHub flavoured), e.g. for a pull request comment. */
    MD,
    /** One self-contained HTML page: inline CSS, charts as inline SVG. */
    HTML;

    /**
     * Returns the writer of this format.
     *
     * @return a new writer
     */
    public ReportWriter writer() {
        return switch (this) {
            case TEXT -> new TextReportWriter();
            case JSON -> new JsonReportWriter();
            case MD -> new MarkdownReportWriter();
            case HTML -> new HtmlReportWriter();
        };
    }

    /**
     * Returns the name users type, e.g. {@code md}.
     *
     * @return the lower-case name
     */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
