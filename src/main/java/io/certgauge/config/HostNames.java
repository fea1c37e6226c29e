package io.certgauge.config;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host name forms: IP literal detection and the A-label conversion of internationalized names. */
public final class HostNames {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private HostNames() {}

    /** True for a dotted IPv4 address or an IPv6 literal (with or without brackets). */
    public static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /**
     * The A-label form of a host name (lower case, {@code xn--} labels for non-ASCII), or the
     * literal itself for an IP address.
     *
     * @throws IllegalArgumentException when the name is not a valid internationalized name
     */
    public static String toAscii(String host) {
        if (isIpLiteral(host)) {
            return host;
        }
        return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** The host as it appears in a target id: IPv6 literals bracketed. */
    public static String forId(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
