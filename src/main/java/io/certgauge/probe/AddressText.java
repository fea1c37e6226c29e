package io.certgauge.probe;

import io.certgauge.chain.IpText;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as text in their canonical short form, for labels and ordering. */
final class AddressText {

    private AddressText() {}

    /**
     * The address as text: dotted quad for IPv4; for IPv6 the RFC 5952 section 4 form (lower case,
     * no leading zeros, the longest run of two or more zero groups as {@code ::}), because {@link
     * InetAddress#getHostAddress()} writes {@code 0:0:0:0:0:0:0:1} for {@code ::1}.
     */
    static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        String text = IpText.of(address.getAddress()).orElseThrow();
        int scope = ((Inet6Address) address).getScopeId();
        return scope != 0 ? text + "%" + scope : text;
    }
}
