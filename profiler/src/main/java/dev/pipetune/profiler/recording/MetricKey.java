package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

/**
 * The identity of one sampled time series: a dotted name and its unit.
 *
 * <p>Names in use (samplers may add more; readers skip names they do not know):
 * {@code cpu.total} and {@code cpu.core.N} (percent of one core, 0-100), {@code memory.system.used} and
 * {@code memory.system.available} (bytes), {@code process.cpu} (percent of one core; may exceed 100),
 * {@code process.rss} (bytes), {@code jvm.heap.used} and {@code jvm.heap.committed} (bytes),
 * {@code arrow.allocated} (bytes), {@code disk.read} and {@code disk.write} (bytes per second),
 * {@code network.received} and {@code network.sent} (bytes per second), and per GPU N
 * {@code gpu.N.utilization}, {@code gpu.N.memory_utilization} (percent), {@code gpu.N.memory.used},
 * {@code gpu.N.memory.total} (bytes), {@code gpu.N.power} (watts), {@code gpu.N.temperature} (degrees Celsius),
 * {@code gpu.N.sm_clock} (megahertz), {@code gpu.N.process_memory} (bytes this process holds on the device).
 *
 * @param name the series' name, non-blank, without whitespace
 * @param unit the unit of its values: one of the {@code UNIT_} constants, or another short word
 */
public record MetricKey(String name, String unit) {

    /** Percent (of one core, of time, of capacity): 0 to 100 unless the name says otherwise. */
    public static final String UNIT_PERCENT = "percent";
    /** Bytes. */
    public static final String UNIT_BYTES = "bytes";
    /** Bytes per second. */
    public static final String UNIT_BYTES_PER_SECOND = "bytes/s";
    /** Watts. */
    public static final String UNIT_WATTS = "W";
    /** Degrees Celsius. */
    public static final String UNIT_CELSIUS = "C";
    /** Megahertz. */
    public static final String UNIT_MEGAHERTZ = "MHz";

    /**
     * Checks the name and the unit.
     *
     * @throws IllegalArgumentException when the name is blank or contains whitespace, or the unit is blank
     */
    public MetricKey {
        requireNonNull(name, "name");
        requireNonNull(unit, "unit");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a metric name must be non-blank without whitespace: '" + name + "'");
        }
        if (unit.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs a unit");
        }
    }
}
