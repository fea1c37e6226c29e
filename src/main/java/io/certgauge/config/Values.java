package io.certgauge.config;

import static io.certgauge.config.BadValue.quote;

import io.certgauge.probe.IpFamily;
import io.certgauge.probe.StartTls;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of single values, shared by the targets file and the ad-hoc targets of the command
 * line. Each returns the value in its typed form or throws {@link BadValue}.
 */
final class Values {

    /** A host's form as written (brackets removed) and as resolved and matched. */
    record Host(String written, String ascii) {
        boolean isIp() {
            return HostNames.isIpLiteral(written);
        }
    }

    /** The parts of {@code host[:port][/starttls]}; port and protocol may be absent. */
    record Spec(Host host, Integer port, StartTls starttls) {}

    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final Pattern DAYS = Pattern.compile("\\d{1,9}(\\.\\d+)?");
    // A DNS label after A-label conversion; _ is tolerated for internal names.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z_][a-z0-9_]*");
    // The labels certgauge writes itself and those Prometheus owns (DESIGN: Metrics).
    private static final Set<String> RESERVED_LABEL_KEYS =
            Set.of("target", "address", "host", "port", "job", "instance", "namespace");

    private Values() {}

    static int port(String text) {
        String value = text.strip();
        if (DIGITS.matcher(value).matches()) {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new BadValue(
                quote(value) + " is not a port number", "write a number from 1 to 65535");
    }

    static StartTls starttls(String text) {
        String value = text.strip();
        return StartTls.fromWireName(value)
                .orElseThrow(
                        () ->
                                new BadValue(
                                        quote(value) + " is not a STARTTLS protocol",
                                        "write one of "
                                                + StartTls.accepted()
                                                + "; for implicit TLS (smtps, imaps) leave starttls"
                                                + " out"));
    }

    /**
     * A host name, an IPv4 address, or an IPv6 address with or without brackets. Internationalized
     * names are kept as written, with their A-label form beside them.
     */
    static Host host(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new BadValue("the host is empty", "write a host name or an IP address");
        }
        if (value.startsWith("[") || value.endsWith("]")) {
            return bracketedIpv6(value);
        }
        if (value.contains(":")) {
            if (HostNames.isIpv6Literal(value)) {
                return new Host(value, value);
            }
            throw new BadValue(
                    quote(value) + " is not a host name or an IP address",
                    "give the port separately and write an IPv6 address as [2001:db8::10]");
        }
        if (HostNames.isIpv4Literal(value)) {
            return new Host(value, value);
        }
        return new Host(value, hostName(value));
    }

    private static Host bracketedIpv6(String value) {
        String inner =
                value.length() > 2 && value.startsWith("[") && value.endsWith("]")
                        ? value.substring(1, value.length() - 1)
                        : "";
        if (!HostNames.isIpv6Literal(inner)) {
            throw new BadValue(
                    quote(value) + " is not an IPv6 address in brackets",
                    "write it as [2001:db8::10]");
        }
        return new Host(inner, inner);
    }

    private static String hostName(String value) {
        String ascii;
        try {
            ascii = HostNames.toAscii(value);
        } catch (IllegalArgumentException e) {
            throw new BadValue(
                    quote(value) + " is not a valid internationalized host name: " + e.getMessage(),
                    "check the spelling; each label may hold at most 63 characters once encoded");
        }
        String[] labels = ascii.split("\\.", -1);
        boolean valid = ascii.length() <= 253 && !labels[labels.length - 1].matches("\\d+");
        for (String label : labels) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new BadValue(
                    quote(value) + " is not a valid host name",
                    "use letters, digits and hyphens in dot-separated labels,"
                            + " without a final dot");
        }
        return ascii;
    }

    /** A checked host in the form used to compare hosts: A-labels, lower case, no brackets. */
    static String canonical(String host) {
        return host(host).ascii().toLowerCase(Locale.ROOT);
    }

    /** The {@code sni} field: a host name, never an address. */
    static String sni(String text) {
        Host host = host(text);
        if (host.isIp()) {
            throw new BadValue(
                    quote(host.written()) + " is an IP address",
                    "SNI carries host names only (RFC 6066 section 3); leave sni out for an"
                            + " address");
        }
        return host.written();
    }

    /**
     * {@code host[:port][/starttls]}. An IPv6 address with a port goes in brackets; without
     * brackets the whole text before {@code /} is the address.
     */
    static Spec spec(String text) {
        String value = text.strip();
        String hostAndPort = value;
        StartTls starttls = null;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            hostAndPort = value.substring(0, slash);
            starttls = starttls(value.substring(slash + 1));
        }

        int colon = hostAndPort.lastIndexOf(':');
        int bracket = hostAndPort.lastIndexOf(']');
        boolean hasPort =
                hostAndPort.startsWith("[")
                        ? bracket >= 0 && colon > bracket
                        : colon >= 0 && colon == hostAndPort.indexOf(':');
        if (!hasPort) {
            return new Spec(host(hostAndPort), null, starttls);
        }
        return new Spec(
                host(hostAndPort.substring(0, colon)),
                port(hostAndPort.substring(colon + 1)),
                starttls);
    }

    /** A duration that must be more than zero. */
    static Duration positiveDuration(String text) {
        Duration duration = Durations.parse(text);
        if (duration.isZero()) {
            throw new BadValue(quote(text.strip()) + " is zero", "write a duration above zero");
        }
        return duration;
    }

    static double days(String text) {
        String value = text.strip();
        if (!DAYS.matcher(value).matches()) {
            throw new BadValue(
                    quote(value) + " is not a number of days",
                    "write a number of 0 or more, such as 30 or 0.5");
        }
        return Double.parseDouble(value);
    }

    static int concurrency(String text) {
        String value = text.strip();
        if (!DIGITS.matcher(value).matches() || Integer.parseInt(value) == 0) {
            throw new BadValue(
                    quote(value) + " is not a number of probes", "write a whole number above 0");
        }
        return Integer.parseInt(value);
    }

    static IpFamily ipFamily(String text) {
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "any" -> IpFamily.ANY;
            case "ipv4" -> IpFamily.IPV4;
            case "ipv6" -> IpFamily.IPV6;
            default ->
                    throw new BadValue(
                            quote(value) + " is not an address family", "write any, ipv4 or ipv6");
        };
    }

    /** {@code revocation}: on/off or true/false. */
    static boolean onOff(String text) {
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new BadValue(quote(value) + " is not on or off", "write on or off");
        };
    }

    static boolean bool(String text) {
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new BadValue(
                            quote(value) + " is not true or false", "write true or false");
        };
    }

    static String labelKey(String key) {
        if (RESERVED_LABEL_KEYS.contains(key)) {
            throw new BadValue(
                    "label key " + quote(key) + " is reserved: certgauge or Prometheus sets it",
                    "choose another key, such as " + quote(key + "_name"));
        }
        // Prometheus keeps names that start with __ for its own use (data model, label names).
        if (!LABEL_KEY.matcher(key).matches() || key.startsWith("__")) {
            throw new BadValue(
                    quote(key) + " is not a valid label key",
                    "use lower-case letters, digits and _, starting with a letter or _"
                            + " (not __)");
        }
        return key;
    }

    static String name(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new BadValue("the name is empty", "leave name out or write the target's id");
        }
        return value;
    }
}
