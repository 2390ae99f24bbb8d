package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** {@code arrow.allocated} follows an allocator's allocations, its children's included. */
class ArrowSamplerTest {

    private static double sample(Sampler sampler) {
        Map<MetricKey, Double> values = new HashMap<>();
        sampler.sample(values);
        assertThat(values).containsOnlyKeys(Metrics.ARROW_ALLOCATED);
        return values.get(Metrics.ARROW_ALLOCATED);
    }

    @Test
    void followsTheAllocatorsAllocations() {
        try (BufferAllocator root = new RootAllocator()) {
            ArrowSampler sampler = ArrowSampler.of(root);
            assertThat(sample(sampler)).isZero();

            try (BufferAllocator child = root.newChildAllocator("operator", 0, Long.MAX_VALUE)) {
                ArrowBuf first = child.buffer(1 << 20);
                ArrowBuf second = root.buffer(4096);
                assertThat(sample(sampler)).isEqualTo((double) (first.capacity() + second.capacity()));

                first.close();
                assertThat(sample(sampler)).isEqualTo((double) second.capacity());
                second.close();
            }
            assertThat(sample(sampler)).isZero();
        }
    }

    @Test
    void readsACallersCounter() {
        long[] bytes = {123};
        ArrowSampler sampler = new ArrowSampler(() -> bytes[0]);

        assertThat(sample(sampler)).isEqualTo(123.0);
        bytes[0] = 456;
        assertThat(sample(sampler)).isEqualTo(456.0);
    }
}
