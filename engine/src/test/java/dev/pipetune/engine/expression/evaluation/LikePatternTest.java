package dev.pipetune.engine.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LikePatternTest {

    private static boolean matches(String pattern, String text) {
        MemorySegment data = MemorySegment.ofArray(text.getBytes(StandardCharsets.UTF_8));
        return new LikePattern(pattern).matches(data, 0, data.byteSize());
    }

    @Test
    void aBackslashMakesTheNextCharacterMatchItselfAsInPyarrow() {
        assertThat(matches("100\\%", "100%")).isTrue();
        assertThat(matches("100\\%", "1000")).isFalse();
        assertThat(matches("%\\%%", "x%y_z")).isTrue();
        assertThat(matches("%\\%%", "xy_z")).isFalse();
        assertThat(matches("a\\_c", "a_c")).isTrue();
        assertThat(matches("a\\_c", "abc")).isFalse();
        assertThat(matches("a\\\\b%", "a\\bcd")).isTrue();
        assertThat(matches("é\\_%", "é_straße")).isTrue();
        assertThat(matches("_\\%", "ß%")).isTrue();
        assertThat(matches("end\\", "end\\")).isTrue();
    }

    @Test
    void patternsWithoutBackslashesKeepTheirWildcards() {
        assertThat(matches("a%c", "abbbc")).isTrue();
        assertThat(matches("a_c", "abc")).isTrue();
        assertThat(matches("%an%", "banana")).isTrue();
        assertThat(matches("%an%", "apple")).isFalse();
    }
}
