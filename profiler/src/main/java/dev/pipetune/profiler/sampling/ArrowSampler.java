package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;

/** The bytes Arrow buffers hold ({@code arrow.allocated}), as the caller's allocator counts them. */
public final class ArrowSampler implements Sampler {

    private final LongSupplier allocatedBytes;

    /**
     * Creates a sampler of a counter.
     *
     * @param allocatedBytes reads the bytes allocated now, e.g. {@code allocator::getAllocatedMemory}; called on the
     *                       sampler's thread, so it must be thread-safe
     */
    public ArrowSampler(LongSupplier allocatedBytes) {
        this.allocatedBytes = requireNonNull(allocatedBytes, "allocatedBytes");
    }

    /**
     * Creates a sampler of an allocator, typically the engine's root allocator (whose count includes its children).
     *
     * @param allocator the allocator; sampling it after it is closed reads what it still counts, normally 0
     * @return the sampler
     */
    public static ArrowSampler of(BufferAllocator allocator) {
        requireNonNull(allocator, "allocator");
        return new ArrowSampler(allocator::getAllocatedMemory);
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        long bytes = allocatedBytes.getAsLong();
        if (bytes >= 0) {
            into.put(Metrics.ARROW_ALLOCATED, (double) bytes);
        }
    }

    @Override
    public String name() {
        return "arrow";
    }
}
