package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronousTaskExecutorTest {

    @Test
    void deliversProgressThenTheResultBeforeReturning() {
        List<String> calls = new ArrayList<>();
        new SynchronousTaskExecutor().execute(progress -> {
            progress.accept(0.5);
            return 42;
        }, fraction -> calls.add("progress " + fraction), result -> calls.add("result " + result),
                failure -> calls.add("failure"));
        assertThat(calls).containsExactly("progress 0.5", "result 42");
    }

    @Test
    void deliversTheFailureInsteadOfAResult() {
        List<String> calls = new ArrayList<>();
        new SynchronousTaskExecutor().execute(progress -> {
            throw new IOException("disk full");
        }, result -> calls.add("result"), failure -> calls.add("failure " + failure.getMessage()));
        assertThat(calls).containsExactly("failure disk full");
    }
}
