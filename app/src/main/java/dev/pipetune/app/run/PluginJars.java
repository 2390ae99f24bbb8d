package dev.pipetune.app.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks the {@code --plugin} jars a run or a study from the workbench loads, before it starts. */
public final class PluginJars {

    private PluginJars() {
    }

    /**
     * Returns the jars when each is a file.
     *
     * @param jars the chosen jars
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming the first jar that is not a file
     */
    public static List<Path> requireExisting(List<Path> jars) {
        for (Path jar : requireNonNull(jars, "jars")) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("plugin jar " + jar + " does not exist");
            }
        }
        return List.copyOf(jars);
    }
}
