package dev.pipetune.profiler.sampling;

import dev.pipetune.profiler.recording.MetricKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;

/** The Java heap: {@code jvm.heap.used} and {@code jvm.heap.committed}, from the platform's {@link MemoryMXBean}. */
public final class JvmSampler implements Sampler {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /** Creates the sampler. */
    public JvmSampler() {
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        into.put(Metrics.JVM_HEAP_USED, (double) heap.getUsed());
        into.put(Metrics.JVM_HEAP_COMMITTED, (double) heap.getCommitted());
    }

    @Override
    public String name() {
        return "jvm";
    }
}
