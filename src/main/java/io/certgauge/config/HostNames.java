package io.certgauge.config;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host name forms: IP literal detection and the A-label conversion of internationalized names. */
public final class HostNames {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private HostNames() {}

    /** True for a dotted IPv4 address such as {@code 10.0.0.5}. */
    public static boolean isIpv4Literal(String host) {
        return IPV4.matcher(host).matches();
    }

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

    /**
     * True for an IPv6 address in text form (RFC 4291 section 2.2), without brackets, including the
     * forms with {@code ::} and with a dotted IPv4 tail. Checked by form only: nothing is resolved.
     */
    // Limitation: zone ids (fe80::1%eth0) are not accepted.
    public static boolean isIpv6Literal(String text) {
        String value = text;
        int lastColon = value.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        String tail = value.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4.matcher(tail).matches()) {
                return false;
            }
            // The dotted tail stands for the last two groups.
            value = value.substring(0, lastColon + 1) + "0:0";
        }
        int gap = value.indexOf("::");
        if (gap < 0) {
            return groups(value) == 8;
        }
        if (gap != value.lastIndexOf("::")) {
            return false;
        }
        int left = gap == 0 ? 0 : groups(value.substring(0, gap));
        int right = gap + 2 == value.length() ? 0 : groups(value.substring(gap + 2));
        return left >= 0 && right >= 0 && left + right <= 7;
    }

    /** The count of colon-separated hex groups of one to four digits, or -1 when malformed. */
    private static int groups(String text) {
        String[] parts = text.split(":", -1);
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return -1;
            }
        }
        return parts.length;
    }

    /** The host as it appears in a target id: IPv6 literals bracketed. */
    public static String forId(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
