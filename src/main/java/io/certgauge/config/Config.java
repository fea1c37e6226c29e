package io.certgauge.config;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A loaded targets file.
 *
 * @param source the file it came from
 * @param concurrency how many probes may run at once (default 64)
 * @param defaults the defaults applied to targets that do not set their own
 * @param targets every target, in file order, ids unique
 * @param files certificate file globs (read in a later stage of the work)
 * @param probeAllow host globs {@code /probe} may reach; empty: configured targets only
 */
public record Config(
        Path source,
        int concurrency,
        Defaults defaults,
        List<Target> targets,
        List<String> files,
        List<String> probeAllow) {

    public Config {
        targets = List.copyOf(targets);
        files = List.copyOf(files);
        probeAllow = List.copyOf(probeAllow);
    }

    /** The union of all label keys, sorted: the label set of {@code certgauge_target_info}. */
    public SortedSet<String> labelKeys() {
        SortedSet<String> keys = new TreeSet<>();
        for (Target t : targets) {
            keys.addAll(t.labels().keySet());
        }
        return keys;
    }
}
