package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;

/**
 * Chooses the jars with user functions ({@code fn: java:CLASS}) that a run or a study loads, as the command line's
 * {@code --plugin JAR} options do. The button reads "Plugins…" or "Plugins (N)…", its tooltip lists the chosen jars,
 * and it opens a file chooser for several jars that replace the list (choosing none clears it). It is disabled while
 * its owner is busy, so the jars of a running run or study do not change under it.
 */
public final class PluginJarsButton extends Button {

    /**
     * Creates the button.
     *
     * @param id the node's id, for styling and tests
     * @param jars the chosen jars, which the button replaces and shows
     * @param busy true while the jars must not change
     */
    public PluginJarsButton(String id, ObservableList<Path> jars, ObservableValue<Boolean> busy) {
        requireNonNull(jars, "jars");
        setId(requireNonNull(id, "id"));
        textProperty().bind(Bindings.size(jars).map(count -> count.intValue() == 0
                ? "Plugins…" : "Plugins (" + count + ")…"));
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> jars.isEmpty()
                ? "Jars with user functions (fn: java:CLASS); none chosen"
                : String.join("\n", jars.stream().map(Path::toString).toList()), jars));
        setTooltip(tooltip);
        disableProperty().bind(requireNonNull(busy, "busy"));
        setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Jars with user functions (choose none to clear)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Java archives", "*.jar"));
            List<File> chosen = chooser.showOpenMultipleDialog(getScene().getWindow());
            if (chosen != null) {
                jars.setAll(chosen.stream().map(File::toPath).toList());
            }
        });
    }
}
