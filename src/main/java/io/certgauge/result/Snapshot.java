package io.certgauge.result;

import io.certgauge.config.Config;
import java.util.List;
import java.util.Optional;

/** Every target's latest result at one moment, in file order. Immutable. */
public record Snapshot(Config config, List<TargetResult> targets) {

    public Snapshot {
        targets = List.copyOf(targets);
    }

    public Optional<TargetResult> find(String id) {
        return targets.stream().filter(t -> t.target().id().equals(id)).findFirst();
    }
}
