package io.certgauge.config;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The {@code probe_allow} host globs: which hosts {@code /probe} may reach besides the configured
 * targets. Immutable and thread-safe.
 *
 * <p>Matching is label by label and case-insensitive, on A-labels, so {@code *.例え.jp} and {@code
 * *.xn--r8jz45g.jp} are the same rule. A {@code *} stands for any run of characters within one
 * label and never crosses a dot: {@code *.example.co.jp} allows {@code www.example.co.jp} but
 * neither {@code example.co.jp} nor {@code a.b.example.co.jp}; {@code web*.example.co.jp} allows
 * {@code web1.example.co.jp}. Dotted IPv4 patterns work the same way ({@code 10.0.0.*}); an IPv6
 * pattern must equal the address as written.
 *
 * <p>Only the name is judged: what a permitted name resolves to is the caller's business.
 */
public final class ProbeAllowList {

    private static final ProbeAllowList EMPTY = new ProbeAllowList(List.of(), List.of());

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private ProbeAllowList(List<String> patterns, List<Pattern> compiled) {
        this.patterns = List.copyOf(patterns);
        this.compiled = List.copyOf(compiled);
    }

    /**
     * An allow list of host globs.
     *
     * @throws IllegalArgumentException when a pattern is not a host glob
     */
    public static ProbeAllowList of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return EMPTY;
        }
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            compiled.add(compile(pattern));
        }
        return new ProbeAllowList(patterns, compiled);
    }

    /** The patterns as written. */
    public List<String> patterns() {
        return patterns;
    }

    /** True when no pattern is set: only configured targets may be probed. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** True when a pattern allows this host (a name, an IP address, or {@code [IPv6]}). */
    public boolean permits(String host) {
        String canonical;
        try {
            canonical = Values.canonical(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Pattern pattern : compiled) {
            if (pattern.matcher(canonical).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String pattern) {
        String value = pattern.strip();
        if (value.isEmpty()) {
            throw new BadValue("the pattern is empty", "write a host glob such as *.example.co.jp");
        }
        if (value.contains(":")) {
            return Pattern.compile(Pattern.quote(Values.canonical(value)));
        }
        StringBuilder regex = new StringBuilder();
        for (String label : value.split("\\.", -1)) {
            if (regex.length() > 0) {
                regex.append("\\.");
            }
            regex.append(labelRegex(value, label));
        }
        return Pattern.compile(regex.toString());
    }

    private static String labelRegex(String pattern, String label) {
        if (label.isEmpty()) {
            throw new BadValue(
                    BadValue.quote(pattern) + " has an empty label",
                    "write a host glob such as *.example.co.jp");
        }
        if (!label.contains("*")) {
            return Pattern.quote(toAscii(pattern, label));
        }
        // Limitation: a * inside a non-ASCII label is refused, because the A-label encodes the
        // whole label and a part of it cannot be matched.
        String fixed = label.replace("*", "");
        if (!fixed.isEmpty() && !toAscii(pattern, fixed).equals(fixed.toLowerCase(Locale.ROOT))) {
            throw new BadValue(
                    BadValue.quote(pattern) + " puts * inside a non-ASCII label",
                    "use * for whole labels of internationalized names, as in *.例え.jp");
        }
        StringJoiner regex = new StringJoiner("[^.]*");
        for (String part : label.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            regex.add(part.isEmpty() ? "" : Pattern.quote(part));
        }
        return regex.toString();
    }

    private static String toAscii(String pattern, String label) {
        try {
            String ascii = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (!ascii.matches("[a-z0-9_-]+")) {
                throw new IllegalArgumentException("not a host name label");
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw new BadValue(
                    BadValue.quote(pattern) + " is not a host glob",
                    "write a host glob such as *.example.co.jp");
        }
    }

    @Override
    public String toString() {
        return "ProbeAllowList" + patterns;
    }
}
