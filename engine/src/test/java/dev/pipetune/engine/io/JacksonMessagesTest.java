package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JacksonMessagesTest {

    private static String problem(String json) {
        Throwable failure = catchThrowable(() -> new ObjectMapper().readTree(json));
        assertThat(failure).as(json).isNotNull();
        return JacksonMessages.oneLine(failure.getMessage(), "fallback");
    }

    @Test
    void messagesKeepTheProblemWithoutSourceLocationsOrJacksonSettings() {
        for (String json : new String[] {"{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 'x'}", "{a: 1}",
            "{\"a\": [1, 2}", "{\"a\": 01}"}) {
            String message = problem(json);
            assertThat(message).as(json).isNotBlank().doesNotContain("[Source:").doesNotContain("`")
                    .doesNotContain("JsonReadFeature").doesNotContain("\n");
        }
        assertThat(problem("{\"a\": NaN}")).startsWith("Non-standard token 'NaN'");
        assertThat(JacksonMessages.oneLine(null, "no message")).isEqualTo("no message");
    }
}
