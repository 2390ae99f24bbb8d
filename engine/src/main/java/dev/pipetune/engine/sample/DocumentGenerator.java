package dev.pipetune.engine.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generates the documents: about half HTML and half plain text, ASCII only, 1 to 20 KiB each, with the features of
 * the reference generator. Plain text never contains {@code <} or {@code >}; about a fifth of the text files use
 * {@code \r\n} line ends, and some lines start with a tab or hold runs of spaces. HTML has a doctype, a head with a
 * title and a comment, block tags with class attributes, inline tags, links with query strings, {@code <br/>},
 * entities, newlines and indentation.
 *
 * <p>Each document draws from its own {@link RandomStream}, so documents can be generated in any order. Thread-safe.
 */
final class DocumentGenerator {

    /** The smallest document in bytes. */
    static final int SMALLEST = 1024;
    /** The largest document in bytes. */
    static final int LARGEST = 20 * 1024;

    /** Documents grow until they reach a target below this, so that the last block still fits under LARGEST. */
    private static final int LARGEST_TARGET = LARGEST - 2048;
    private static final List<String> BLOCK_TAGS = List.of("p", "div", "span", "li", "td", "section", "article",
            "blockquote");
    private static final List<String> INLINE_TAGS = List.of("b", "i", "em", "strong", "code", "small");
    private static final List<String> ENTITIES = List.of("&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#169;");
    private static final double HTML_SHARE = 0.5;
    private static final double CRLF_SHARE = 0.2;
    private static final double INLINE_SHARE = 0.25;
    private static final double LINK_SHARE = 0.35;
    private static final double ENTITY_SHARE = 0.42;
    private static final double BREAK_SHARE = 0.47;
    private static final double MULTILINE_SHARE = 0.3;
    private static final double TAB_SHARE = 0.1;
    private static final double SPACES_SHARE = 0.1;
    private static final int LARGEST_LINK_ID = 99_998;
    private static final int CLASSES = 8;

    private final long seed;
    private final Vocabulary vocabulary;

    /**
     * Creates a generator.
     *
     * @param seed the dataset's seed
     * @param vocabulary the words the documents are made of
     */
    DocumentGenerator(long seed, Vocabulary vocabulary) {
        this.seed = seed;
        this.vocabulary = vocabulary;
    }

    /**
     * Generates a document.
     *
     * @param index the document's number
     * @return its name ({@code doc_NNNNN.html} or {@code .txt}) and content
     */
    Document generate(int index) {
        RandomStream random = RandomStream.of(seed, RandomStream.DOCUMENTS, index);
        boolean html = random.nextDouble() < HTML_SHARE;
        int target = random.nextInt(SMALLEST, LARGEST_TARGET - 1);
        String content = html ? html(random, index, target) : text(random, target);
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < SMALLEST || bytes.length > LARGEST) {
            throw new IllegalStateException("document " + index + " has " + bytes.length + " bytes");
        }
        return new Document("doc_%05d.%s".formatted(index, html ? "html" : "txt"), bytes);
    }

    private String html(RandomStream random, int index, int target) {
        StringBuilder out = new StringBuilder(target + LARGEST - LARGEST_TARGET);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n");
        out.append("  <title>");
        words(out, random, random.nextInt(2, 7));
        out.append("</title>\n  <!-- generated document -->\n</head>\n<body>\n");
        out.append("  <h1 class=\"title\" id=\"t").append(index).append("\">");
        words(out, random, random.nextInt(2, 5));
        out.append("</h1>\n");
        while (out.length() < target) {
            String tag = pick(random, BLOCK_TAGS);
            out.append("  <").append(tag).append(" class=\"c").append(random.nextInt(0, CLASSES)).append("\">\n    ");
            int segments = random.nextInt(2, 6);
            String separator = random.nextDouble() < MULTILINE_SHARE ? "\n    " : " ";
            for (int segment = 0; segment < segments; segment++) {
                if (segment > 0) {
                    out.append(separator);
                }
                htmlSegment(out, random);
            }
            out.append("\n  </").append(tag).append(">\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void htmlSegment(StringBuilder out, RandomStream random) {
        double kind = random.nextDouble();
        if (kind < INLINE_SHARE) {
            String tag = pick(random, INLINE_TAGS);
            out.append('<').append(tag).append('>');
            words(out, random, random.nextInt(1, 3));
            out.append("</").append(tag).append('>');
        } else if (kind < LINK_SHARE) {
            out.append("<a href=\"https://example.com/").append(vocabulary.pick(random)).append("?id=")
                    .append(random.nextInt(0, LARGEST_LINK_ID)).append("\">");
            words(out, random, random.nextInt(1, 2));
            out.append("</a>");
        } else if (kind < ENTITY_SHARE) {
            out.append(pick(random, ENTITIES));
        } else if (kind < BREAK_SHARE) {
            out.append("<br/>");
        } else {
            words(out, random, random.nextInt(3, 24));
        }
    }

    private String text(RandomStream random, int target) {
        String newline = random.nextDouble() < CRLF_SHARE ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(target + LARGEST - LARGEST_TARGET);
        StringBuilder line = new StringBuilder();
        while (out.length() < target) {
            int lines = random.nextInt(1, 7);
            for (int count = 0; count < lines; count++) {
                line.setLength(0);
                if (random.nextDouble() < TAB_SHARE) {
                    line.append('\t');
                }
                int wordsStart = line.length();
                words(line, random, random.nextInt(4, 13));
                if (random.nextDouble() < SPACES_SHARE) {
                    int space = line.indexOf(" ", wordsStart);
                    line.insert(space, ' ').append("   ");
                }
                out.append(line).append(newline);
            }
            out.append(newline);
        }
        return out.toString();
    }

    private void words(StringBuilder out, RandomStream random, int count) {
        for (int word = 0; word < count; word++) {
            if (word > 0) {
                out.append(' ');
            }
            out.append(vocabulary.pick(random));
        }
    }

    private static String pick(RandomStream random, List<String> choices) {
        return choices.get((int) random.nextBelow(choices.size()));
    }
}
