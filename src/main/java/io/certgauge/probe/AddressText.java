package io.certgauge.probe;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as text in their canonical short form, for labels and ordering. */
final class AddressText {

    private AddressText() {}

    /**
     * The address as text: dotted quad for IPv4; for IPv6 the RFC 5952 section 4 form (lower
     * case, no leading zeros, the longest run of two or more zero groups as {@code ::}), because
     * {@link InetAddress#getHostAddress()} writes {@code 0:0:0:0:0:0:0:1} for {@code ::1}.
     */
    static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        String text = compress(groups);
        int scope = ((Inet6Address) address).getScopeId();
        return scope != 0 ? text + "%" + scope : text;
    }

    private static String compress(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }

        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
