package io.certgauge.schedule;

import io.certgauge.result.TargetResult;
import java.time.Duration;

/** Told of the scheduler's progress; used for certgauge's own metrics and logs. */
public interface ProbeListener {

    /** A target was probed; called from the probing thread. */
    default void probed(TargetResult result) {}

    /** Every target of the configuration was probed once since start or the last reload. */
    default void roundFinished(int targets, Duration duration) {}

    ProbeListener NONE = new ProbeListener() {};
}
