package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Compare tab: baseline and candidate choice boxes with a Compare button, a header naming both runs, and the
 * table (metric, operator, baseline, candidate, change, %) whose change cells are coloured green where the candidate
 * is better and red where it is worse. Layout and bindings only; the state is a {@link RecordingComparisonViewModel}.
 */
public final class RecordingComparisonView extends VBox {

    /** The style class of a change the user wants. */
    public static final String BETTER_STYLE = "comparison-better";
    /** The style class of a change the user does not want. */
    public static final String WORSE_STYLE = "comparison-worse";

    /**
     * Builds the view.
     *
     * @param model the state
     */
    public RecordingComparisonView(RecordingComparisonViewModel model) {
        requireNonNull(model, "model");
        getStyleClass().add("comparison-view");
        getStylesheets().add(RecordingComparisonView.class.getResource("comparison.css").toExternalForm());
        setSpacing(8);
        setPadding(new Insets(10));

        ChoiceBox<Path> baseline = choiceBox(model, "comparison-baseline");
        baseline.valueProperty().bindBidirectional(model.baselineProperty());
        ChoiceBox<Path> candidate = choiceBox(model, "comparison-candidate");
        candidate.valueProperty().bindBidirectional(model.candidateProperty());
        Button compare = new Button("Compare");
        compare.setId("comparison-compare");
        compare.setDefaultButton(true);
        compare.disableProperty().bind(model.canCompareBinding().not());
        compare.setOnAction(event -> model.compare());
        HBox choosers = new HBox(8, new Label("Baseline:"), baseline, new Label("Candidate:"), candidate, compare);
        choosers.setAlignment(Pos.CENTER_LEFT);

        Label baselineHeader = new Label();
        baselineHeader.setId("comparison-baseline-summary");
        baselineHeader.textProperty().bind(model.baselineSummaryProperty());
        Label candidateHeader = new Label();
        candidateHeader.setId("comparison-candidate-summary");
        candidateHeader.textProperty().bind(model.candidateSummaryProperty());
        Label message = new Label();
        message.setId("comparison-message");
        message.textProperty().bind(model.messageProperty());

        TableView<ComparisonRow> table = new TableView<>(model.rows());
        table.setId("comparison-table");
        table.setPlaceholder(new Label("No comparison yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Metric", ComparisonRow::metric, false, false, 140));
        table.getColumns().add(column("Operator", ComparisonRow::operator, false, false, 320));
        table.getColumns().add(column("Baseline", ComparisonRow::baseline, false, true, 170));
        table.getColumns().add(column("Candidate", ComparisonRow::candidate, false, true, 170));
        table.getColumns().add(column("Change", ComparisonRow::change, true, true, 170));
        table.getColumns().add(column("%", ComparisonRow::percent, true, true, 90));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(choosers, baselineHeader, candidateHeader, message, table);
    }

    private static ChoiceBox<Path> choiceBox(RecordingComparisonViewModel model, String id) {
        ChoiceBox<Path> box = new ChoiceBox<>(model.choices());
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path file) {
                return file == null ? "" : file.getFileName().toString();
            }

            @Override
            public Path fromString(String text) {
                throw new UnsupportedOperationException("choices are not edited");
            }
        });
        return box;
    }

    private static TableColumn<ComparisonRow, ComparisonRow> column(String title,
            Function<ComparisonRow, String> value, boolean coloured, boolean numeric, double width) {
        TableColumn<ComparisonRow, ComparisonRow> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        if (numeric) {
            column.getStyleClass().add("comparison-number");
        }
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setSortable(false);
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(ComparisonRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(BETTER_STYLE, WORSE_STYLE);
                setText(empty || row == null ? null : value.apply(row));
                if (coloured && !empty && row != null) {
                    if (row.verdict() == Verdict.BETTER) {
                        getStyleClass().add(BETTER_STYLE);
                    } else if (row.verdict() == Verdict.WORSE) {
                        getStyleClass().add(WORSE_STYLE);
                    }
                }
            }
        });
        return column;
    }
}
