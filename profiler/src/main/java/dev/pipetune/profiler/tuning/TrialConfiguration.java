package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pipetune.engine.pipeline.PipelineOverride;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings one trial changes, in the order of the sweep's axes: address ({@code STEP.KEY} or
 * {@code context.KEY}) to value as written in YAML. No settings is the baseline: the pipeline as given.
 *
 * @param settings address to value, in order
 */
public record TrialConfiguration(Map<String, String> settings) {

    /** The pipeline as given. */
    public static final TrialConfiguration BASELINE = new TrialConfiguration(Map.of());

    /** Copies the settings, keeping their order. */
    public TrialConfiguration {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(settings, "settings")));
    }

    /**
     * Returns every combination of the axes' values (the grid), the first axis varying slowest.
     *
     * @param axes the sweep's axes
     * @return the configurations, as many as the product of the axes' value counts
     */
    public static List<TrialConfiguration> grid(List<SweepAxis> axes) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (SweepAxis axis : axes) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> next = new LinkedHashMap<>(combination);
                    next.put(axis.address(), value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations.stream().map(TrialConfiguration::new).toList();
    }

    /** Returns whether this is the pipeline as given. */
    @JsonIgnore
    public boolean isBaseline() {
        return settings.isEmpty();
    }

    /** Returns the settings as {@code --set} overrides. */
    public List<PipelineOverride> overrides() {
        return settings.entrySet().stream()
                .map(entry -> PipelineOverride.parse(entry.getKey() + "=" + entry.getValue())).toList();
    }

    /**
     * Returns these settings with others added (later ones win).
     *
     * @param more the settings to add
     * @return the combined configuration
     */
    public TrialConfiguration with(TrialConfiguration more) {
        Map<String, String> combined = new LinkedHashMap<>(settings);
        combined.putAll(more.settings());
        return new TrialConfiguration(combined);
    }

    /** Returns {@code a=1 b=2}, or {@code (baseline)}. */
    public String label() {
        if (isBaseline()) {
            return "(baseline)";
        }
        List<String> parts = new ArrayList<>();
        settings.forEach((address, value) -> parts.add(address + "=" + value));
        return String.join(" ", parts);
    }
}
