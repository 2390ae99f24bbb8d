package dev.pipetune.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Supplies {@code --version}: pipetune's version, and the Java runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** Returns pipetune's version, as filtered into the app's resources by the build. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream input = VersionProvider.class.getResourceAsStream("/dev/pipetune/app/version.properties")) {
            if (input == null) {
                return "unknown";
            }
            properties.load(input);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "pipetune " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
