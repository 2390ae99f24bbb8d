package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the window's size, position and theme between launches, in {@link Preferences} (the user's node
 * {@code dev/pipetune/app/gui} by default). A saved position that is on no screen any more is ignored.
 */
public final class WindowPreferences {

    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";
    private static final String THEME = "theme";
    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 820;

    private final Preferences node;

    /**
     * Uses a preferences node.
     *
     * @param node where the values are kept
     */
    public WindowPreferences(Preferences node) {
        this.node = requireNonNull(node, "node");
    }

    /** {@return the preferences of the installed application} */
    public static WindowPreferences forUser() {
        return new WindowPreferences(Preferences.userNodeForPackage(WindowPreferences.class));
    }

    /**
     * Sizes and places a stage as it was last time (or 1280×820, centered), no larger than the primary screen.
     *
     * @param stage the window, not shown yet
     */
    public void restore(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(node.getDouble(WIDTH, DEFAULT_WIDTH), screen.getWidth());
        double height = Math.min(node.getDouble(HEIGHT, DEFAULT_HEIGHT), screen.getHeight());
        stage.setWidth(width);
        stage.setHeight(height);
        double x = node.getDouble(X, Double.NaN);
        double y = node.getDouble(Y, Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, width, height)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(node.getBoolean(MAXIMIZED, false));
    }

    /**
     * Saves a stage's size and position.
     *
     * @param stage the window
     */
    public void save(Stage stage) {
        node.putBoolean(MAXIMIZED, stage.isMaximized());
        if (!stage.isMaximized()) {
            node.putDouble(X, stage.getX());
            node.putDouble(Y, stage.getY());
            node.putDouble(WIDTH, stage.getWidth());
            node.putDouble(HEIGHT, stage.getHeight());
        }
        flush();
    }

    /** {@return the theme chosen last time, light by default} */
    public Theme theme() {
        try {
            return Theme.valueOf(node.get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException unknown) {
            return Theme.LIGHT;
        }
    }

    /**
     * Saves the chosen theme.
     *
     * @param theme the theme
     */
    public void saveTheme(Theme theme) {
        node.put(THEME, requireNonNull(theme, "theme").name());
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException cannotSave) {
            // Preferences are a convenience: the window opens at its default size next time.
        }
    }
}
