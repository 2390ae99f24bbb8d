package dev.pipetune.engine.sample;

import dev.pipetune.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the documents, each atomically (a temporary file renamed into place). */
final class DocumentsWriter {

    private final DocumentGenerator generator;
    private final ProgressTracker progress;

    /**
     * Creates a writer.
     *
     * @param generator the documents' content
     * @param progress counts the documents written
     */
    DocumentsWriter(DocumentGenerator generator, ProgressTracker progress) {
        this.generator = generator;
        this.progress = progress;
    }

    /**
     * Writes documents {@code 0} to {@code count - 1}.
     *
     * @param count how many
     * @param folder where they go
     * @return their total size in bytes
     * @throws IOException if a file cannot be written
     * @throws InterruptedException if the thread is interrupted between documents
     */
    long write(int count, Path folder) throws IOException, InterruptedException {
        long total = 0;
        for (int index = 0; index < count; index++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("sample data generation was interrupted");
            }
            Document document = generator.generate(index);
            try (AtomicFile file = AtomicFile.create(folder.resolve(document.name()))) {
                file.stream().write(document.content());
                file.commit();
            }
            total += document.content().length;
            progress.addDocument();
        }
        return total;
    }
}
