package dev.pipetune.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PipelineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the editor headless (Monocle): a property sheet edit reaches the text, and Ctrl+Z takes it back. */
@ExtendWith(ApplicationExtension.class)
class PipelineEditorViewTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private PipelineEditorViewModel viewModel;
    private String etl;

    @BeforeAll
    static void headless() {
        System.setProperty("testfx.robot", "glass");
        System.setProperty("testfx.headless", "true");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("java.awt.headless", "true");
    }

    @Start
    void start(Stage stage) throws IOException {
        etl = Files.readString(EXAMPLES.resolve("etl.yaml"));
        viewModel = new PipelineEditorViewModel(EditorTasks.direct());
        viewModel.load(etl, PipelineFormat.YAML, EXAMPLES.resolve("etl.yaml"));
        stage.setScene(new Scene(new PipelineEditorView(viewModel), 1280, 760));
        stage.show();
    }

    @Test
    void batchSizeEditedInThePropertySheetChangesTheTextAndUndoRestoresIt(FxRobot robot) throws IOException {
        robot.clickOn("#step-card-1");
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(1);
        TextField batchSize = robot.lookup("#option-batch_size").queryAs(TextField.class);
        assertThat(batchSize.getText()).isEqualTo("1000");

        robot.doubleClickOn(batchSize).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("500").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        TextArea text = robot.lookup("#pipeline-text").queryAs(TextArea.class);
        assertThat(text.getText()).isEqualTo(etl.replace("batch_size: 1000", "batch_size: 500"));
        assertThat(robot.lookup("#option-batch_size").queryAs(TextField.class).getText()).isEqualTo("500");
        snapshot(robot, "editor.png");

        robot.clickOn(text).press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).isEqualTo(etl);
        assertThat(robot.lookup("#option-batch_size").queryAs(TextField.class).getText()).isEqualTo("1000");
        assertThat(viewModel.dirtyProperty().get()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).contains("batch_size: 500");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

        robot.clickOn("#step-card-2");
        robot.clickOn("#option-expr").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("amount > 5");
        robot.clickOn("#step-card-0");
        assertThat(text.getText()).contains("expr: \"amount > 5\"");
        assertThat(viewModel.selectedIndexProperty().get()).isZero();
        robot.interact(viewModel::undo);
        assertThat(text.getText()).isEqualTo(etl);

        robot.clickOn("#settings-card");
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(-1);
        robot.clickOn("#option-context-eager_free");
        assertThat(text.getText()).contains("  eager_free: false\n");
        snapshot(robot, "editor-settings.png");
        robot.interact(viewModel::undo);
        assertThat(text.getText()).isEqualTo(etl);

        robot.clickOn("#step-card-1");
        robot.interact(() -> viewModel.setOptionText(1, "batch_size", "-5"));
        Node invalid = robot.lookup("#option-batch_size").query();
        assertThat(invalid.getStyleClass()).contains(OptionEditors.INVALID_STYLE);
        assertThat(robot.lookup("#step-card-1").query().getStyleClass()).contains("step-card-invalid");
        snapshot(robot, "editor-invalid.png");
    }

    private static void snapshot(FxRobot robot, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = robot.listTargetWindows().getFirst().getScene().getRoot()
                .snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", SCREENSHOTS.resolve(name).toFile());
    }
}
