package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

/** How one trial run ended: measured, or failed with a reason. */
public sealed interface RunOutcome {

    /**
     * The run ended and was measured (it may still break a {@link Constraints constraint}).
     *
     * @param measurement its figures
     */
    record Measured(RunMeasurement measurement) implements RunOutcome {
        /** Rejects null. */
        public Measured {
            requireNonNull(measurement, "measurement");
        }
    }

    /**
     * The run could not start or failed: an invalid setting, a plan error, a task error, or memory ran out.
     *
     * @param reason what went wrong, for people
     * @param outOfMemory whether it ran out of memory
     */
    record Failed(String reason, boolean outOfMemory) implements RunOutcome {
        /** Rejects null. */
        public Failed {
            requireNonNull(reason, "reason");
        }
    }
}
