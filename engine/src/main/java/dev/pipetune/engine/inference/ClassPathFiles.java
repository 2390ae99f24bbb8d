package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Copies of class path resources (models, native libraries shipped inside jars) as files, for native code that reads
 * files. A copy is written to a temporary name and renamed, so a half-written file is never used, also when several
 * processes copy at once; a copy whose size matches the resource's is reused. The size comes from the jar's directory,
 * so reusing a copy costs no decompression (inflating a 90 MB model only to count its bytes took 1.3 s).
 */
final class ClassPathFiles {

    private ClassPathFiles() {
    }

    /**
     * Returns where a resource is, if it is on the class path.
     *
     * @param name the resource's name, e.g. {@code ai/onnxruntime/native/linux-x64/libonnxruntime.so}
     * @return its address, empty when no class path entry has it
     */
    static Optional<URL> find(String name) {
        requireNonNull(name, "name");
        return Optional.ofNullable(ClassPathFiles.class.getClassLoader().getResource(name));
    }

    /**
     * Returns where a resource is.
     *
     * @param name the resource's name
     * @param missing what the resource comes with, for the message when it is not on the class path
     * @return its address
     * @throws IOException if no class path entry has it (the message names it and {@code missing})
     */
    static URL require(String name, String missing) throws IOException {
        requireNonNull(missing, "missing");
        Optional<URL> url = find(name);
        if (url.isEmpty()) {
            throw new IOException(name + " is not on the class path; it comes with " + missing);
        }
        return url.get();
    }

    /**
     * Copies a resource to a file, unless the file is already a copy of it.
     *
     * @param resource the resource's name
     * @param target the file; its folder must exist
     * @param missing what the resource comes with, for the message when it is not on the class path
     * @return {@code target}
     * @throws IOException if the resource is not on the class path (the message names it and {@code missing}) or the
     *     file cannot be written
     */
    static Path copy(String resource, Path target, String missing) throws IOException {
        requireNonNull(target, "target");
        URL url = require(resource, missing);
        if (Files.isRegularFile(target) && Files.size(target) == size(url)) {
            return target;
        }
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try (InputStream in = url.openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /** The resource's size in bytes: from the jar's directory when it says, else by reading the resource. */
    private static long size(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            long size = connection.getContentLengthLong();
            return size >= 0 ? size : in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
