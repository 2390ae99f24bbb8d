package dev.pipetune.app;

/** Entry point of the {@code pipetune} launcher. */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param arguments the command-line arguments
     */
    public static void main(String[] arguments) {
        System.exit(0);
    }
}
