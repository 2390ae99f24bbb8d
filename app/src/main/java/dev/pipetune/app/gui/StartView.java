package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The start view's layout and bindings: the project's pipelines and recordings, and the sample data progress bar.
 * Opening a pipeline (double-click, or Enter) or a recording calls back to the shell.
 */
public final class StartView extends VBox {

    /**
     * Builds the view.
     *
     * @param viewModel the state it shows
     * @param openPipeline called with a pipeline the user opens
     * @param openRecording called with a recording the user opens
     */
    public StartView(StartViewModel viewModel, Consumer<Path> openPipeline, Consumer<Path> openRecording) {
        requireNonNull(viewModel, "viewModel");
        requireNonNull(openPipeline, "openPipeline");
        requireNonNull(openRecording, "openRecording");
        getStyleClass().add("start-view");
        setSpacing(8);
        setPadding(new Insets(12));
        Label title = new Label();
        title.getStyleClass().add("start-title");
        title.textProperty().bind(viewModel.projectProperty().map(project -> "Project " + project.name() + " — "
                + project.folder()).orElse("Opening " + viewModel.folder() + "…"));
        Label message = new Label();
        message.setId("start-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("sample-data-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.sampleDataProgressProperty());
        progress.visibleProperty().bind(viewModel.generatingProperty());
        progress.managedProperty().bind(viewModel.generatingProperty());

        ListView<Path> pipelines = fileList("start-pipelines", viewModel.pipelines(), openPipeline);
        pipelines.setPlaceholder(new Label("No pipeline files (*.yaml, *.json) in the project."));
        ListView<Path> recordings = fileList("start-recordings", viewModel.recordings(), openRecording);
        recordings.setPlaceholder(new Label("No recordings yet: run a pipeline, it is recorded in recordings/."));
        VBox pipelineColumn = new VBox(4, heading("Pipelines — double-click to open in the run dashboard"),
                pipelines);
        VBox recordingColumn = new VBox(4, heading("Recordings — double-click to replay"), recordings);
        VBox.setVgrow(pipelines, Priority.ALWAYS);
        VBox.setVgrow(recordings, Priority.ALWAYS);
        HBox.setHgrow(pipelineColumn, Priority.ALWAYS);
        HBox.setHgrow(recordingColumn, Priority.ALWAYS);
        HBox lists = new HBox(12, pipelineColumn, recordingColumn);
        VBox.setVgrow(lists, Priority.ALWAYS);
        getChildren().addAll(title, message, progress, lists);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("start-heading");
        return label;
    }

    private static ListView<Path> fileList(String id, ObservableList<Path> files,
            Consumer<Path> open) {
        ListView<Path> list = new ListView<>(files);
        list.setId(id);
        list.setCellFactory(unused -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName().toString());
            }
        });
        list.setOnMouseClicked(event -> {
            Path selected = list.getSelectionModel().getSelectedItem();
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && selected != null) {
                open.accept(selected);
            }
        });
        list.setOnKeyPressed(event -> {
            Path selected = list.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                open.accept(selected);
            }
        });
        return list;
    }
}
