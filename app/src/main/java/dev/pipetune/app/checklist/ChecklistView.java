package dev.pipetune.app.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ItemStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The checklist walkthrough: overall progress, the checklist's sections as titled panes (each item with a status
 * icon, its evidence or how to confirm it, and a note field with "Confirm" while it awaits confirmation), the success
 * metrics table with pass/fail, and the findings with their evidence and an "Apply fix" button where the fix changes
 * settings. Layout and bindings only; the state is a {@link ChecklistViewModel}. Node ids: {@code checklist-item-ID},
 * {@code confirm-note-ID} and {@code confirm-ID} with the item's id's dot as a hyphen, {@code apply-fix-RULE}.
 */
public final class ChecklistView extends BorderPane {

    private ObservableBooleanValue shown = new javafx.beans.property.SimpleBooleanProperty(true);
    private boolean stale;

    private final ChecklistViewModel model;
    private final VBox sectionsBox = new VBox(4);
    private final VBox findingsBox = new VBox(6);
    private static final int FINDINGS_PER_PULSE = 2;
    private static final int ITEMS_PER_PULSE = 3;

    /** The pieces of a rebuild still to add, one per pulse. */
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final AnimationTimer builder = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable next = pending.poll();
            if (next != null) {
                next.run();
            }
            if (pending.isEmpty()) {
                stop();
            }
        }
    };

    /**
     * Builds the view.
     *
     * @param model the walkthrough's state
     */
    public ChecklistView(ChecklistViewModel model) {
        this.model = requireNonNull(model, "model");
        getStylesheets().add(Objects.requireNonNull(ChecklistView.class.getResource("checklist.css"),
                "checklist.css").toExternalForm());
        setId("checklist-view");

        Label subject = new Label();
        subject.getStyleClass().add("checklist-heading");
        subject.textProperty().bind(model.subjectProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("checklist-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setPrefWidth(240);
        Label progressText = new Label();
        progressText.setId("checklist-progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        Label status = new Label();
        status.setId("checklist-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        HBox progressRow = new HBox(8, progress, progressText);
        VBox header = new VBox(4, subject, progressRow, status);
        header.setPadding(new Insets(8));
        setTop(header);

        sectionsBox.setId("checklist-sections");
        findingsBox.setId("checklist-findings");
        Label checklistHeading = subheading("Production checklist");
        Label metricsHeading = subheading("Success metrics");
        Label findingsHeading = subheading("Troubleshooting findings");
        VBox content = new VBox(6, checklistHeading, sectionsBox, metricsHeading, metricsTable(), findingsHeading,
                findingsBox);
        content.setPadding(new Insets(0, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);

        model.revisionProperty().addListener((property, before, after) -> refresh());
        model.findings().addListener((ListChangeListener<Finding>) change -> refresh());
        refresh();
    }

    /**
     * Rebuilds the sections and findings only while {@code shown} is true, and when it becomes true after a change:
     * building 27 items and their controls at once cost the FX thread over 100 ms, which should not happen at the end
     * of every run while another tab is in front. A rebuild adds the section headings at once, then a few items of
     * the expanded sections or a few findings per pulse; a collapsed section's items are built when it is first
     * expanded.
     *
     * @param shown whether the view is on screen, e.g. its tab's {@code selectedProperty()}
     */
    public void refreshOnlyWhile(ObservableBooleanValue shown) {
        this.shown = java.util.Objects.requireNonNull(shown, "shown");
        shown.addListener((property, before, now) -> {
            if (now && stale) {
                refresh();
            }
        });
    }

    private void refresh() {
        if (!shown.get()) {
            stale = true;
            return;
        }
        stale = false;
        pending.clear();
        showSections();
        showFindings();
        if (!pending.isEmpty()) {
            builder.start();
        }
    }

    private static Label subheading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("checklist-subheading");
        return label;
    }

    private TableView<MetricRow> metricsTable() {
        TableView<MetricRow> table = new TableView<>(model.successMetrics());
        table.setId("checklist-metrics");
        table.getColumns().add(column("Metric", 150, MetricRow::metric));
        table.getColumns().add(column("Target", 130, MetricRow::target));
        table.getColumns().add(column("Measured", 100, MetricRow::measured));
        TableColumn<MetricRow, String> verdict = column("Result", 70, row -> row.verdict().label());
        verdict.setCellFactory(unused -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(style -> style.startsWith("verdict-"));
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("verdict-" + item.replace('/', '-'));
                }
            }
        });
        table.getColumns().add(verdict);
        table.getColumns().add(column("Summary", 380, MetricRow::summary));
        table.getColumns().add(column("Action if missed", 240, MetricRow::action));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No run checked yet."));
        table.setFixedCellSize(26);
        table.prefHeightProperty().bind(table.fixedCellSizeProperty()
                .multiply(Bindings.size(model.successMetrics()).add(1.3)));
        table.setMinHeight(80);
        return table;
    }

    private static TableColumn<MetricRow, String> column(String title, double width,
            Function<MetricRow, String> value) {
        TableColumn<MetricRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private void showSections() {
        sectionsBox.getChildren().clear();
        if (model.sections().isEmpty()) {
            sectionsBox.getChildren().add(new Label("No run checked yet."));
            return;
        }
        for (ChecklistSection section : model.sections()) {
            VBox items = new VBox(6);
            TitledPane pane = new TitledPane(section.title() + " — " + section.progressText(), items);
            pane.setId("checklist-section-" + section.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            boolean expanded = section.settledCount() < section.items().size();
            pane.setExpanded(expanded);
            if (expanded) {
                List<ChecklistItem> all = section.items();
                for (int first = 0; first < all.size(); first += ITEMS_PER_PULSE) {
                    List<ChecklistItem> chunk = all.subList(first, Math.min(all.size(), first + ITEMS_PER_PULSE));
                    pending.add(() -> chunk.forEach(item -> items.getChildren().add(itemRow(item))));
                }
            } else {
                pane.expandedProperty().addListener((property, before, now) -> {
                    if (now && items.getChildren().isEmpty()) {
                        items.getChildren().setAll(section.items().stream().map(this::itemRow).toList());
                    }
                });
            }
            sectionsBox.getChildren().add(pane);
        }
    }

    private HBox itemRow(ChecklistItem item) {
        Label icon = new Label(icon(item.status()));
        icon.getStyleClass().addAll("checklist-icon", styleOf(item.status()));
        Label title = new Label(item.definition().title() + "  (" + label(item.status()) + ")");
        title.setWrapText(true);
        String detailText = item.status() == ItemStatus.CONFIRMED && item.confirmation().isPresent()
                ? "Confirmed " + item.confirmation().get().date() + ": " + item.confirmation().get().note()
                : item.detail();
        Label detail = new Label(detailText);
        detail.getStyleClass().add("checklist-detail");
        detail.setWrapText(true);
        VBox text = new VBox(2, title, detail);
        if (item.status() == ItemStatus.NEEDS_CONFIRMATION) {
            TextField note = new TextField();
            note.setPromptText("What did you check?");
            note.setId("confirm-note-" + nodeId(item));
            HBox.setHgrow(note, Priority.ALWAYS);
            Button confirm = new Button("Confirm");
            confirm.setId("confirm-" + nodeId(item));
            confirm.disableProperty().bind(note.textProperty().isEmpty().or(model.busyProperty()));
            confirm.setOnAction(event -> model.confirm(item.definition().id(), note.getText()));
            note.setOnAction(event -> confirm.fire());
            HBox form = new HBox(6, note, confirm);
            form.setMaxWidth(620);
            text.getChildren().add(form);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(6, icon, text);
        row.setId("checklist-item-" + nodeId(item));
        return row;
    }

    private void showFindings() {
        findingsBox.getChildren().clear();
        if (model.findings().isEmpty()) {
            findingsBox.getChildren().add(new Label(model.sections().isEmpty() ? "No run checked yet."
                    : "No rule found anything worth a look."));
            return;
        }
        List<Finding> shownFindings = List.copyOf(model.findings());
        for (int first = 0; first < shownFindings.size(); first += FINDINGS_PER_PULSE) {
            List<Finding> chunk = shownFindings.subList(first, Math.min(shownFindings.size(),
                    first + FINDINGS_PER_PULSE));
            pending.add(() -> chunk.forEach(finding -> findingsBox.getChildren().add(findingCard(finding))));
        }
    }

    private VBox findingCard(Finding finding) {
        Label headline = new Label(finding.severity().name() + "  " + finding.ruleName() + " (" + finding.ruleId()
                + ", score " + finding.score() + "): " + finding.summary());
        headline.getStyleClass().add(finding.severity().name().equals("WARNING") ? "severity-warning"
                : "severity-info");
        headline.setStyle("-fx-font-weight: bold;");
        headline.setWrapText(true);
        VBox card = new VBox(3, headline);
        if (!finding.explanation().isEmpty()) {
            Label explanation = new Label(finding.explanation());
            explanation.setWrapText(true);
            card.getChildren().add(explanation);
        }
        for (String fact : finding.evidence()) {
            Label line = new Label("• " + fact);
            line.getStyleClass().add("checklist-detail");
            card.getChildren().add(line);
        }
        if (!finding.fixDescription().isEmpty()) {
            Label fix = new Label("Fix: " + finding.fixDescription());
            fix.setWrapText(true);
            card.getChildren().add(fix);
        }
        if (finding.applicable()) {
            Label overrides = new Label(String.join("   ", finding.overrides().stream().map(Object::toString)
                    .toList()));
            overrides.getStyleClass().add("finding-override");
            Button apply = new Button(finding.applied() ? "Applied ✓ (run again to measure)" : "Apply fix");
            apply.setId("apply-fix-" + finding.ruleId());
            apply.setDisable(finding.applied());
            apply.setOnAction(event -> model.applyFix(finding));
            card.getChildren().add(new HBox(8, apply, overrides));
        }
        card.getStyleClass().add("finding-card");
        card.setId("finding-" + finding.ruleId());
        return card;
    }

    /** {@return the item's id as a CSS-selectable node id: {@code SECTION-ITEM}} */
    private static String nodeId(ChecklistItem item) {
        return item.definition().id().replace('.', '-');
    }

    private static String icon(ItemStatus status) {
        return switch (status) {
            case PASSED -> "✔";
            case INFO -> "ℹ";
            case WARNING -> "✖";
            case NOT_APPLICABLE -> "–";
            case CONFIRMED -> "✔";
            case NEEDS_CONFIRMATION -> "?";
        };
    }

    private static String label(ItemStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String styleOf(ItemStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
