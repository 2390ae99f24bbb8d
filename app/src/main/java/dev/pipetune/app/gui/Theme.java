package dev.pipetune.app.gui;

import java.net.URL;
import java.util.Objects;

/** The workbench's themes, from {@code ui-resources}: light and dark. */
public enum Theme {
    /** Light background. */
    LIGHT("light.css"),
    /** Dark background. */
    DARK("dark.css");

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    /** {@return the theme's style sheet URL, for Scene.getStylesheets()} */
    public String styleSheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource("/dev/pipetune/ui/themes/" + file),
                "the theme " + file + " is missing from ui-resources");
        return url.toExternalForm();
    }
}
