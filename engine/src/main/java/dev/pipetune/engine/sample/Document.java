package dev.pipetune.engine.sample;

/**
 * A generated document.
 *
 * @param name the file name
 * @param content the ASCII bytes (not copied; nobody changes them)
 */
record Document(String name, byte[] content) {
}
