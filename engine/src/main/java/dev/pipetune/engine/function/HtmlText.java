package dev.pipetune.engine.function;

import org.jsoup.Jsoup;

/** The visible text of an HTML document through jsoup. Thread-safe: every call parses its own document. */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * Extracts the text of an HTML document: the title and body text, entities decoded, without scripts, styles,
     * comments or markup, whitespace normalized by jsoup.
     *
     * @param html the decoded document
     * @return its text
     */
    static String extract(String html) {
        return Jsoup.parse(html).text();
    }
}
