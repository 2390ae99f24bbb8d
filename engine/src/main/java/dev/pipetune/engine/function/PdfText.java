package dev.pipetune.engine.function;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF document through PDFBox's {@link PDFTextStripper}, in content-stream order. Not thread-safe: it
 * reuses one stripper (its setup is a good part of the cost of a small PDF); one instance serves a batch.
 */
final class PdfText {

    private static final int END_MARKER_WINDOW = 1024;
    private static final byte[] END_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private PDFTextStripper stripper;

    /**
     * Extracts the text of a PDF.
     *
     * @param content the file's bytes (read, not kept)
     * @param length how many bytes of {@code content} are the file
     * @return the text of all pages, as PDFBox lays it out (lines and pages separated by line breaks)
     * @throws DocumentException if the file is not a PDF, is truncated (no {@code %%EOF} in its last 1,024 bytes,
     *     where PDFBox would otherwise silently recover part of it), encrypted with a password, or corrupt
     */
    String extract(byte[] content, int length) throws DocumentException {
        if (!ContentSniffer.isPdf(content, length)) {
            throw new DocumentException("not a PDF: no %PDF- header in the first 1,024 bytes");
        }
        if (!hasEndMarker(content, length)) {
            throw new DocumentException("truncated PDF: no %%EOF marker in its last 1,024 bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(content, 0, length).slice();
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(buffer))) {
            if (stripper == null) {
                stripper = new PDFTextStripper();
            }
            return stripper.getText(document);
        } catch (InvalidPasswordException encrypted) {
            throw new DocumentException("encrypted PDF: it needs a password to be read", encrypted);
        } catch (IOException | RuntimeException corrupt) {
            // The stripper may hold state from the document it failed on: the next one gets a fresh stripper.
            stripper = null;
            throw new DocumentException("corrupt PDF: " + describe(corrupt), corrupt);
        }
    }

    private static boolean hasEndMarker(byte[] content, int length) {
        int first = Math.max(0, length - END_MARKER_WINDOW);
        for (int start = length - END_MARKER.length; start >= first; start--) {
            boolean match = true;
            for (int index = 0; index < END_MARKER.length && match; index++) {
                match = content[start + index] == END_MARKER[index];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
