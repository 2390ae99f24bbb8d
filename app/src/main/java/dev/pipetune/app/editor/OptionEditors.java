package dev.pipetune.app.editor;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * Makes the property sheet's editor for each option by its type: a check box for booleans (shown undecided while the
 * option is not set), a drop-down for choices, and a text field for the rest that accepts only number characters for
 * numbers and commits on Enter or when it loses focus. An editor whose option has problems is marked with the
 * {@code option-invalid} style class and names the problems in its tooltip; its id is {@code option-<key>}, dots in
 * the key replaced by dashes.
 */
final class OptionEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {

    static final String INVALID_STYLE = "option-invalid";
    private static final Pattern INTEGER_CHARACTERS = Pattern.compile("-?[0-9]*");
    private static final Pattern NUMBER_CHARACTERS = Pattern.compile("[-+0-9.eE]*");

    @Override
    public PropertyEditor<?> call(PropertySheet.Item item) {
        OptionItem option = (OptionItem) item;
        OptionValue value = option.option();
        Control editor = switch (value.spec().type()) {
            case BOOLEAN -> checkBox(option);
            case CHOICE -> choice(option, value.spec().choices());
            default -> textField(option);
        };
        editor.setId("option-" + value.key().replace('.', '-'));
        editor.setMaxWidth(Double.MAX_VALUE);
        editor.setTooltip(new Tooltip(option.getDescription()));
        if (!value.problems().isEmpty()) {
            editor.getStyleClass().add(INVALID_STYLE);
        }
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return editor;
            }

            @Override
            public Object getValue() {
                return option.getValue();
            }

            @Override
            public void setValue(Object ignored) {
                // The sheet is rebuilt from the view model whenever the value changes.
            }
        };
    }

    private static CheckBox checkBox(OptionItem item) {
        CheckBox box = new CheckBox();
        box.setAllowIndeterminate(false);
        String text = item.option().text();
        box.setSelected(text.equals("true"));
        box.setIndeterminate(text.isEmpty());
        box.setOnAction(event -> item.setValue(Boolean.toString(box.isSelected())));
        return box;
    }

    private static ComboBox<String> choice(OptionItem item, List<String> choices) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().add("");
        box.getItems().addAll(choices);
        box.setValue(item.option().text());
        box.setPromptText("default");
        box.setOnAction(event -> item.setValue(box.getValue() == null ? "" : box.getValue()));
        return box;
    }

    private static TextField textField(OptionItem item) {
        OptionValue value = item.option();
        TextField field = new TextField(value.text());
        field.setPromptText(value.set() ? "" : "default · " + value.spec().type().hint());
        Pattern allowed = switch (value.spec().type()) {
            case INTEGER -> INTEGER_CHARACTERS;
            case NUMBER -> NUMBER_CHARACTERS;
            default -> null;
        };
        if (allowed != null) {
            UnaryOperator<TextFormatter.Change> filter = change ->
                    allowed.matcher(change.getControlNewText()).matches() ? change : null;
            field.setTextFormatter(new TextFormatter<>(filter));
        }
        field.setOnAction(event -> item.setValue(field.getText()));
        field.focusedProperty().addListener((observable, was, focused) -> {
            if (!focused && field.getScene() != null) {
                item.setValue(field.getText());
            }
        });
        return field;
    }
}
