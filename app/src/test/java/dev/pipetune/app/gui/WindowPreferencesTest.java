package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class WindowPreferencesTest {

    private final Preferences node = Preferences.userRoot().node("dev/pipetune/test/" + UUID.randomUUID());

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void aSavedWindowIsRestoredWhereItWasAndTheThemeIsRemembered() throws Exception {
        WindowPreferences preferences = new WindowPreferences(node);
        assertThat(preferences.theme()).isEqualTo(Theme.LIGHT);
        Stage saved = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(700);
            stage.setHeight(500);
            preferences.save(stage);
            return stage;
        }).get();
        preferences.saveTheme(Theme.DARK);

        WindowPreferences reopened = new WindowPreferences(node);
        Stage restored = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            reopened.restore(stage);
            return stage;
        }).get();
        assertThat(restored.getX()).isEqualTo(saved.getX());
        assertThat(restored.getY()).isEqualTo(saved.getY());
        assertThat(restored.getWidth()).isEqualTo(700);
        assertThat(restored.getHeight()).isEqualTo(500);
        assertThat(reopened.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void aWindowLargerThanTheScreenIsShrunkAndAnOffScreenPositionIgnored() throws Exception {
        node.putDouble("window.x", 50_000);
        node.putDouble("window.y", 50_000);
        node.putDouble("window.width", 10_000);
        node.putDouble("window.height", 10_000);
        WindowPreferences preferences = new WindowPreferences(node);
        Stage restored = WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            preferences.restore(stage);
            return stage;
        }).get();
        double screenWidth = WaitForAsyncUtils.asyncFx(() -> Screen.getPrimary().getVisualBounds().getWidth()).get();
        assertThat(restored.getWidth()).isEqualTo(screenWidth);
        assertThat(restored.getX()).as("centered when shown, not at the saved position").isNotEqualTo(50_000.0);
    }
}
