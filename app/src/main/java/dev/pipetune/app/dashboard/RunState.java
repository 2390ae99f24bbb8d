package dev.pipetune.app.dashboard;

/** Where the dashboard's run is. */
public enum RunState {
    /** No run yet. */
    IDLE,
    /** The pipeline is being read and planned. */
    STARTING,
    /** The run is going. */
    RUNNING,
    /** Cancel was asked for; waiting for the run to stop. */
    CANCELLING,
    /** The last run succeeded. */
    SUCCEEDED,
    /** The last run failed or could not start. */
    FAILED,
    /** The last run was cancelled. */
    CANCELLED,
    /** The dashboard shows a recording. */
    REPLAY;

    /** {@return whether a run is in progress} */
    public boolean active() {
        return this == STARTING || this == RUNNING || this == CANCELLING;
    }
}
