package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One option of the selected step as a property sheet row. Setting its value edits the document through the view
 * model, so the change is validated, undoable and shown in the text at once.
 */
final class OptionItem implements PropertySheet.Item {

    static final String SET_CATEGORY = "Set in the file";
    static final String DEFAULT_CATEGORY = "Defaults (not set)";

    private final OptionValue option;
    private final Consumer<String> commit;

    /**
     * Creates a row.
     *
     * @param option the option as the view model shows it
     * @param commit sets the option from typed text through the view model
     */
    OptionItem(OptionValue option, Consumer<String> commit) {
        this.option = requireNonNull(option, "option");
        this.commit = requireNonNull(commit, "commit");
    }

    OptionValue option() {
        return option;
    }

    @Override
    public Class<?> getType() {
        return option.spec().type() == OptionType.BOOLEAN ? Boolean.class : String.class;
    }

    @Override
    public String getCategory() {
        return option.set() ? SET_CATEGORY : DEFAULT_CATEGORY;
    }

    @Override
    public String getName() {
        return option.key() + (option.spec().required() ? " *" : "");
    }

    @Override
    public String getDescription() {
        String description = option.known() ? option.spec().type().hint()
                : "not an option of this step: remove it";
        return option.problems().isEmpty() ? description
                : description + "\n" + String.join("\n", option.problems());
    }

    @Override
    public Object getValue() {
        return option.text();
    }

    /** Sets the option from text as typed (empty removes it); the view model reads it by the option's type. */
    @Override
    public void setValue(Object value) {
        String typed = value == null ? "" : value.toString();
        if (!typed.strip().equals(option.text())) {
            commit.accept(typed);
        }
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.empty();
    }
}
