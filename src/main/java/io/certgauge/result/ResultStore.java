package io.certgauge.result;

import io.certgauge.config.Config;
import io.certgauge.config.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest result per target: the only state the prober and the exporters share. Writers replace
 * a target's whole result; readers take a {@link Snapshot}. Thread-safe.
 */
public final class ResultStore {

    private final Map<String, TargetResult> results = new ConcurrentHashMap<>();
    private volatile Config config;

    public ResultStore(Config config) {
        this.config = config;
    }

    /**
     * Switches to a new configuration: results of targets that keep their id stay, results of
     * removed targets go.
     */
    public synchronized void reconfigure(Config next) {
        List<String> ids = next.targets().stream().map(Target::id).toList();
        results.keySet().retainAll(ids);
        for (Target t : next.targets()) {
            results.computeIfPresent(t.id(), (id, old) -> withTarget(old, t));
        }
        config = next;
    }

    /** Stores a target's latest result, unless the target has left the configuration. */
    public void put(TargetResult result) {
        Config current = config;
        boolean known =
                current.targets().stream().anyMatch(t -> t.id().equals(result.target().id()));
        if (known) {
            results.put(result.target().id(), result);
        }
    }

    /** The latest result of a target, pending when it was not probed yet. */
    public TargetResult get(Target target) {
        return results.getOrDefault(target.id(), TargetResult.pending(target));
    }

    /** One consistent view: every configured target, in file order. */
    public Snapshot snapshot() {
        Config current = config;
        List<TargetResult> list = new ArrayList<>();
        for (Target t : current.targets()) {
            list.add(get(t));
        }
        return new Snapshot(current, list);
    }

    private static TargetResult withTarget(TargetResult old, Target target) {
        return new TargetResult(
                target, old.addresses(), old.targetFindings(), old.probedAt(), old.duration());
    }
}
