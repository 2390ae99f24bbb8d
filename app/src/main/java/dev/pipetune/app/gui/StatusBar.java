package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.run.MachineResources;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The window's status bar: the engine ("embedded") and the machine (cores, memory, GPUs). */
public final class StatusBar extends HBox {

    private final Label machine = new Label("detecting the machine…");

    /**
     * Builds the bar and detects the machine in the background.
     *
     * @param executor runs the detection (NVML and the OS are asked)
     * @param engineName the engine's name, e.g. "embedded"
     */
    public StatusBar(TaskExecutor executor, String engineName) {
        requireNonNull(executor, "executor");
        requireNonNull(engineName, "engineName");
        getStyleClass().add("status-bar");
        setSpacing(16);
        setPadding(new Insets(3, 8, 3, 8));
        Label engine = new Label("Engine: " + engineName);
        engine.setId("status-engine");
        machine.setId("status-machine");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(engine, spacer, machine);
        executor.execute(progress -> MachineResources.detect(), resources -> machine.setText(describe(resources)),
                failure -> machine.setText("machine unknown: " + failure.getMessage()));
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
