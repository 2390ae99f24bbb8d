package dev.pipetune.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Documents for extract_text tests, made in the test: PDFs written with PDFBox, text in a given charset. */
public final class TestDocuments {

    private TestDocuments() {
    }

    /**
     * Writes a PDF with one page per text, each a line in Helvetica.
     *
     * @param pages each page's text (Latin-1 characters only: the standard font's encoding)
     * @return the PDF's bytes
     */
    public static byte[] pdf(String... pages) throws IOException {
        return pdf(null, pages);
    }

    /**
     * Writes a PDF that needs a password to be opened.
     *
     * @param userPassword the password to open it
     * @param pages each page's text
     * @return the PDF's bytes
     */
    public static byte[] encryptedPdf(String userPassword, String... pages) throws IOException {
        return pdf(userPassword, pages);
    }

    /** Returns the first {@code fraction} of a document's bytes, as an interrupted download leaves it. */
    public static byte[] truncated(byte[] document, double fraction) {
        return Arrays.copyOf(document, (int) (document.length * fraction));
    }

    /** Returns a text's bytes in a charset, with its byte order mark first if {@code mark} is given. */
    public static byte[] text(String text, Charset charset, byte... mark) {
        byte[] body = text.getBytes(charset);
        byte[] bytes = Arrays.copyOf(mark, mark.length + body.length);
        System.arraycopy(body, 0, bytes, mark.length, body.length);
        return bytes;
    }

    private static byte[] pdf(String userPassword, String... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
