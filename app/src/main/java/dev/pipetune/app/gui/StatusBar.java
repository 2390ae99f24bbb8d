package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.run.MachineResources;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The window's status bar: the engine selector (the {@link EngineChoice}s available; only "embedded" now) and the
 * machine (cores, memory, GPUs).
 */
public final class StatusBar extends HBox {

    private final Label machine = new Label("detecting the machine…");
    private final ComboBox<EngineChoice> engines = new ComboBox<>();

    /**
     * Builds the bar and detects the machine in the background.
     *
     * @param executor runs the detection (NVML and the OS are asked)
     * @param available the engines to choose from, the first selected
     */
    public StatusBar(TaskExecutor executor, List<EngineChoice> available) {
        requireNonNull(executor, "executor");
        requireNonNull(available, "available");
        if (available.isEmpty()) {
            throw new IllegalArgumentException("the status bar needs at least one engine");
        }
        getStyleClass().add("status-bar");
        setSpacing(16);
        setPadding(new Insets(3, 8, 3, 8));
        Label engine = new Label("Engine:");
        engine.setId("status-engine");
        engines.getItems().setAll(available);
        engines.getSelectionModel().selectFirst();
        engines.setId("status-engine-choice");
        engines.setFocusTraversable(false);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> {
            EngineChoice chosen = engines.getValue();
            return chosen == null ? "" : chosen.description() + " (" + chosen.location() + ")";
        }, engines.valueProperty()));
        engines.setTooltip(tooltip);
        engine.setLabelFor(engines);
        machine.setId("status-machine");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox engineBox = new HBox(4, engine, engines);
        engineBox.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(engineBox, spacer, machine);
        setAlignment(Pos.CENTER_LEFT);
        executor.execute(progress -> MachineResources.detect(), resources -> machine.setText(describe(resources)),
                failure -> machine.setText("machine unknown: " + failure.getMessage()));
    }

    /** {@return the chosen engine} */
    public ReadOnlyObjectProperty<EngineChoice> engineProperty() {
        return engines.valueProperty();
    }

    /**
     * Describes a machine in one line.
     *
     * @param resources the machine
     * @return e.g. "16 cores · 62.8 GiB · no GPU"
     */
    public static String describe(MachineResources resources) {
        String gpus = switch (resources.gpus()) {
            case 0 -> "no GPU";
            case 1 -> "1 GPU";
            default -> resources.gpus() + " GPUs";
        };
        return String.format(Locale.ROOT, "%d cores · %.1f GiB · %s", resources.cpus(),
                resources.physicalMemoryBytes() / (1024.0 * 1024 * 1024), gpus);
    }
}
