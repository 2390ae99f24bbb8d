package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.StepKind;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.PropertySheet;

/**
 * The pipeline editor's layout, bound to a {@link PipelineEditorViewModel}: a tool bar (open, save, undo, redo, add,
 * remove and move steps), the steps as a flow of cards from read to write, a property sheet with the selected step's
 * options, the document's text beside them, and the list of problems below. Shortcuts: Ctrl+Z undo, Ctrl+Y or
 * Ctrl+Shift+Z redo, Ctrl+S save, Ctrl+O open. Holds no state of its own.
 */
public final class PipelineEditorView extends BorderPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_SHIFT =
            new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    private final PipelineEditorViewModel viewModel;
    private final HBox cards = new HBox();
    private final PropertySheet sheet = new PropertySheet();
    private final Label stepProblems = new Label();
    private final TextArea text = new TextArea();
    private List<OptionValue> shownOptions = List.of();
    private int shownStep = -2;
    private boolean updatingText;

    /**
     * Lays out the editor for a view model.
     *
     * @param viewModel the editor's state
     */
    public PipelineEditorView(PipelineEditorViewModel viewModel) {
        this.viewModel = requireNonNull(viewModel, "viewModel");
        getStyleClass().add("pipeline-editor");
        getStylesheets().add(Objects.requireNonNull(PipelineEditorView.class.getResource("editor.css"),
                "editor.css").toExternalForm());
        setTop(toolBar());
        setCenter(center());
        setBottom(problemList());
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        viewModel.steps().addListener((ListChangeListener<StepCard>) change -> showCards());
        viewModel.settings().addListener((ListChangeListener<OptionValue>) change -> {
            if (viewModel.selectedStepProperty().get() == null) {
                showCards();
                showOptions(null);
            }
        });
        viewModel.selectedStepProperty().addListener((observable, old, step) -> {
            showCards();
            showOptions(step);
        });
        showCards();
        showOptions(viewModel.selectedStepProperty().get());
    }

    /** Returns the view model this view shows. */
    public PipelineEditorViewModel viewModel() {
        return viewModel;
    }

    private ToolBar toolBar() {
        Button open = button("Open…", "Open a pipeline file (Ctrl+O)", this::openFile);
        Button save = button("Save", "Save (Ctrl+S)", this::save);
        save.disableProperty().bind(viewModel.dirtyProperty().not().or(viewModel.busyProperty()));
        Button saveAs = button("Save as…", "Save to another file (.yaml, .yml or .json)", this::saveAs);
        Button undo = button("Undo", "Undo (Ctrl+Z)", viewModel::undo);
        undo.disableProperty().bind(viewModel.undoLabelProperty().isEmpty());
        undo.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip("Undo " + viewModel.undoLabelProperty().get() + " (Ctrl+Z)"),
                viewModel.undoLabelProperty()));
        Button redo = button("Redo", "Redo (Ctrl+Y)", viewModel::redo);
        redo.disableProperty().bind(viewModel.redoLabelProperty().isEmpty());
        MenuButton add = new MenuButton("Add step");
        add.setId("add-step");
        add.setTooltip(new Tooltip("Add a step after the selected one"));
        add.getItems().setAll(addItems());
        Button remove = button("Remove", "Remove the selected step", () -> {
            if (viewModel.selectedIndexProperty().get() >= 0) {
                viewModel.removeStep(viewModel.selectedIndexProperty().get());
            }
        });
        remove.disableProperty().bind(viewModel.selectedIndexProperty().lessThan(0));
        Button left = button("◀ Move", "Move the selected step earlier", viewModel::moveSelectedUp);
        left.disableProperty().bind(viewModel.selectedIndexProperty().lessThan(1));
        Button right = button("Move ▶", "Move the selected step later", viewModel::moveSelectedDown);
        right.disableProperty().bind(viewModel.selectedIndexProperty().lessThan(0)
                .or(viewModel.selectedIndexProperty().greaterThanOrEqualTo(Bindings.size(viewModel.steps())
                        .subtract(1))));
        Label file = new Label();
        file.getStyleClass().add("editor-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            Path path = viewModel.fileProperty().get();
            String name = path == null ? "untitled" : path.getFileName().toString();
            return (viewModel.dirtyProperty().get() ? "● " : "") + name;
        }, viewModel.fileProperty(), viewModel.dirtyProperty()));
        Label status = new Label();
        status.getStyleClass().add("editor-status");
        status.textProperty().bind(viewModel.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(open, save, saveAs, new Separator(Orientation.VERTICAL), undo, redo,
                new Separator(Orientation.VERTICAL), add, remove, left, right, spacer, status, file);
    }

    private List<MenuItem> addItems() {
        return StepKind.names().stream().map(kindName -> {
            MenuItem item = new MenuItem(kindName);
            item.setId("add-" + kindName);
            item.setOnAction(event -> viewModel.addStep(StepKind.byName(kindName).orElseThrow(),
                    viewModel.selectedIndexProperty().get() + 1));
            return item;
        }).toList();
    }

    private static Button button(String label, String tooltip, Runnable action) {
        Button button = new Button(label);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private Node center() {
        cards.getStyleClass().add("step-flow");
        cards.setAlignment(Pos.CENTER_LEFT);
        ScrollPane flow = new ScrollPane(cards);
        flow.getStyleClass().add("step-flow-scroll");
        flow.setFitToHeight(true);
        flow.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        flow.setMinHeight(Region.USE_PREF_SIZE);

        sheet.setId("option-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(new OptionEditors());
        stepProblems.getStyleClass().add("step-problems");
        stepProblems.setWrapText(true);
        stepProblems.managedProperty().bind(stepProblems.textProperty().isNotEmpty());
        stepProblems.visibleProperty().bind(stepProblems.managedProperty());
        Label optionsTitle = new Label();
        optionsTitle.getStyleClass().add("section-title");
        optionsTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            StepCard step = viewModel.selectedStepProperty().get();
            return step == null ? "Pipeline settings" : "Options of " + describe(step);
        }, viewModel.selectedStepProperty()));
        VBox options = new VBox(6, optionsTitle, stepProblems, sheet);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        options.setPadding(new Insets(6, 8, 8, 8));

        text.setId("pipeline-text");
        text.getStyleClass().add("pipeline-text");
        text.setText(viewModel.text());
        viewModel.textProperty().addListener((observable, old, value) -> {
            if (!value.equals(text.getText())) {
                updatingText = true;
                int caret = Math.min(text.getCaretPosition(), value.length());
                text.setText(value);
                text.positionCaret(caret);
                updatingText = false;
            }
        });
        text.textProperty().addListener((observable, old, value) -> {
            if (!updatingText) {
                viewModel.editText(value);
            }
        });
        Label textTitle = new Label();
        textTitle.getStyleClass().add("section-title");
        textTitle.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.formatProperty().get() + " text", viewModel.formatProperty()));
        Label syntax = new Label();
        syntax.setId("syntax-error");
        syntax.getStyleClass().add("syntax-error");
        syntax.setWrapText(true);
        syntax.textProperty().bind(viewModel.syntaxErrorProperty());
        syntax.managedProperty().bind(viewModel.syntaxErrorProperty().isNotEmpty());
        syntax.visibleProperty().bind(syntax.managedProperty());
        VBox textPane = new VBox(6, textTitle, syntax, text);
        VBox.setVgrow(text, Priority.ALWAYS);
        textPane.setPadding(new Insets(6, 8, 8, 8));

        SplitPane split = new SplitPane(options, textPane);
        split.setDividerPositions(0.5);
        VBox center = new VBox(flow, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        return center;
    }

    private Node problemList() {
        ListView<PipelineProblem> list = new ListView<>(viewModel.problems());
        list.setId("problem-list");
        list.getStyleClass().add("problem-list");
        list.setPrefHeight(72);
        list.setPlaceholder(new Label("No problems: the pipeline is valid."));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(PipelineProblem problem, boolean empty) {
                super.updateItem(problem, empty);
                setText(empty || problem == null ? null
                        : (problem.severity() == PipelineProblem.Severity.ERROR ? "✖ " : "⚠ ") + problem);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((observable, old, problem) -> {
            if (problem == null) {
                return;
            }
            String location = problem.location();
            if (location.startsWith("context") || location.equals("name") || location.equals("description")) {
                viewModel.select(-1);
            }
            StepCards.Place.of(problem).filter(place -> place.step() < viewModel.steps().size())
                    .ifPresent(place -> viewModel.select(place.step()));
        });
        return list;
    }

    private void showCards() {
        List<Node> nodes = new java.util.ArrayList<>();
        nodes.add(settingsCard());
        for (StepCard step : viewModel.steps()) {
            if (!nodes.isEmpty()) {
                Label arrow = new Label(nodes.size() == 1 ? "" : "→");
                arrow.getStyleClass().add("step-arrow");
                nodes.add(arrow);
            }
            nodes.add(card(step));
        }
        cards.getChildren().setAll(nodes);
    }

    private Node settingsCard() {
        Label kind = new Label("⚙ pipeline");
        kind.getStyleClass().add("step-kind");
        String name = viewModel.settings().isEmpty() ? "" : viewModel.settings().getFirst().text();
        Label title = new Label(name.isEmpty() ? "settings" : name);
        title.getStyleClass().add("step-name");
        long set = viewModel.settings().stream().filter(OptionValue::set).filter(s -> s.key().startsWith("context."))
                .count();
        Label summary = new Label(set == 0 ? "context defaults" : set + " context settings");
        summary.getStyleClass().add("step-summary");
        VBox card = new VBox(2, kind, title, summary);
        card.setId("settings-card");
        card.getStyleClass().addAll("step-card", "settings-card");
        if (viewModel.selectedIndexProperty().get() < 0) {
            card.getStyleClass().add("step-card-selected");
        }
        if (viewModel.settings().stream().anyMatch(setting -> !setting.problems().isEmpty())) {
            card.getStyleClass().add("step-card-invalid");
        }
        card.setOnMousePressed(event -> {
            card.requestFocus();
            viewModel.select(-1);
        });
        return card;
    }

    private Node card(StepCard step) {
        Label kind = new Label(step.kindName());
        kind.getStyleClass().add("step-kind");
        Label name = new Label(step.name().isEmpty() ? "#" + step.index() : step.name());
        name.getStyleClass().add("step-name");
        Label summary = new Label(step.summary().isEmpty() ? "defaults" : step.summary());
        summary.getStyleClass().add("step-summary");
        summary.setTooltip(new Tooltip(summary.getText()));
        VBox card = new VBox(2, kind, name, summary);
        card.setId("step-card-" + step.index());
        card.getStyleClass().add("step-card");
        step.kind().ifPresent(stepKind -> card.getStyleClass().add("step-" + stepKind.role().name().toLowerCase(
                java.util.Locale.ROOT)));
        if (step.index() == viewModel.selectedIndexProperty().get()) {
            card.getStyleClass().add("step-card-selected");
        }
        if (step.hasProblems()) {
            card.getStyleClass().add("step-card-invalid");
            Tooltip.install(card, new Tooltip(String.join("\n", problemLines(step))));
        }
        card.setOnMousePressed(event -> {
            // Taking the focus first commits an option being typed, before the sheet shows another step.
            card.requestFocus();
            if (step.index() < viewModel.steps().size()) {
                viewModel.select(step.index());
            }
        });
        MenuItem remove = new MenuItem("Remove");
        remove.setOnAction(event -> viewModel.removeStep(step.index()));
        MenuItem earlier = new MenuItem("Move earlier");
        earlier.setDisable(step.index() == 0);
        earlier.setOnAction(event -> viewModel.moveStep(step.index(), step.index() - 1));
        MenuItem later = new MenuItem("Move later");
        later.setDisable(step.index() == viewModel.steps().size() - 1);
        later.setOnAction(event -> viewModel.moveStep(step.index(), step.index() + 1));
        ContextMenu menu = new ContextMenu(earlier, later, remove);
        card.setOnContextMenuRequested(event -> {
            viewModel.select(step.index());
            menu.show(card, event.getScreenX(), event.getScreenY());
        });
        return card;
    }

    private static List<String> problemLines(StepCard step) {
        List<String> lines = new java.util.ArrayList<>(step.problems());
        step.options().forEach(option -> option.problems().forEach(problem ->
                lines.add(option.key() + ": " + problem)));
        return lines;
    }

    private void showOptions(StepCard step) {
        List<OptionValue> options = step == null ? List.copyOf(viewModel.settings()) : step.options();
        int index = step == null ? -1 : step.index();
        stepProblems.setText(step == null ? settingProblems() : String.join("\n", problemLines(step)));
        if (index == shownStep && options.equals(shownOptions)) {
            return;
        }
        shownStep = index;
        shownOptions = options;
        List<OptionItem> items = new java.util.ArrayList<>();
        options.stream().filter(OptionValue::set).forEach(option -> items.add(item(index, option)));
        options.stream().filter(option -> !option.set()).forEach(option -> items.add(item(index, option)));
        sheet.getItems().setAll(items);
    }

    private OptionItem item(int step, OptionValue option) {
        return new OptionItem(option, typed -> {
            if (step < 0) {
                viewModel.setSettingText(option.key(), typed);
            } else {
                viewModel.setOptionText(step, option.key(), typed);
            }
        });
    }

    private String settingProblems() {
        return String.join("\n", viewModel.settings().stream().flatMap(setting -> setting.problems().stream()
                .map(problem -> setting.key() + ": " + problem)).toList());
    }

    private static String describe(StepCard step) {
        return step.kindName() + (step.name().isEmpty() ? "" : " “" + step.name() + "”");
    }

    private void shortcut(KeyEvent event) {
        Runnable action = null;
        if (UNDO.match(event)) {
            action = viewModel::undo;
        } else if (REDO.match(event) || REDO_SHIFT.match(event)) {
            action = viewModel::redo;
        } else if (SAVE.match(event)) {
            action = this::save;
        } else if (OPEN.match(event)) {
            action = this::openFile;
        }
        if (action != null) {
            event.consume();
            action.run();
        }
    }

    private void save() {
        if (viewModel.fileProperty().get() == null) {
            saveAs();
        } else {
            viewModel.save();
        }
    }

    private void saveAs() {
        FileChooser chooser = chooser("Save pipeline");
        Path current = viewModel.fileProperty().get();
        chooser.setInitialFileName(current == null ? "pipeline.yaml" : current.getFileName().toString());
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.saveAs(chosen.toPath());
        }
    }

    private void openFile() {
        if (viewModel.dirtyProperty().get()) {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Discard the unsaved changes?",
                    ButtonType.OK, ButtonType.CANCEL);
            if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
        }
        File chosen = chooser("Open pipeline").showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            viewModel.open(chosen.toPath());
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Pipeline files", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = viewModel.fileProperty().get();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }
}
