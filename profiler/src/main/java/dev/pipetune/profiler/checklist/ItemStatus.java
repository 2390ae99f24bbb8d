package dev.pipetune.profiler.checklist;

/** Where a checklist item stands. */
public enum ItemStatus {
    /** Judged from the recording: within target. */
    PASSED,
    /** Judged from the recording: worth a look (a rule said INFO). */
    INFO,
    /** Judged from the recording: not met (a rule said WARNING). */
    WARNING,
    /** Judged from the recording: does not arise for this pipeline (e.g. GPU items without GPU steps). */
    NOT_APPLICABLE,
    /** A person confirmed it. */
    CONFIRMED,
    /** Needs a person's confirmation, and has none yet. */
    NEEDS_CONFIRMATION
}
