package io.certgauge.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    /** The {@code probe_allow} globs, ready to match. */
    public ProbeAllowList probeAllowList() {
        return ProbeAllowList.of(probeAllow);
    }

    /**
     * True when a target of this file has this host (compared case-insensitively on A-labels, IPv6
     * with or without brackets) and port.
     */
    public boolean isConfigured(String host, int port) {
        String canonical;
        try {
            canonical = Values.canonical(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Target t : targets) {
            if (t.port() == port && t.asciiHost().toLowerCase(Locale.ROOT).equals(canonical)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code /probe} may reach this endpoint: a configured target always may; any other
     * only when a {@code probe_allow} glob permits its host. With no globs, configured targets
     * only.
     */
    public boolean mayProbe(String host, int port) {
        return isConfigured(host, port) || probeAllowList().permits(host);
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
