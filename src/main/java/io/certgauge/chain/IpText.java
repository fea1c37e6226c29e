package io.certgauge.chain;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * The one text form of an IP address that the CA/Browser Forum accepts in a common name (BR
 * 7.1.4.3): dotted decimal for IPv4 (RFC 3986 section 3.2.2), RFC 5952 section 4 for IPv6 (lower
 * case, no leading zeros, the longest run of two or more zero groups as {@code ::}, the first such
 * run on a tie). Never resolves anything. Stateless.
 */
public final class IpText {

    private IpText() {}

    /**
     * The octets of any text a resolver library might read as an address: IPv6 literals, and IPv4
     * in the classic inet_aton forms (one to four parts, each decimal, octal with a leading 0, or
     * hexadecimal with 0x). Parsed here, never resolved.
     */
    static Optional<byte[]> parseLenient(String text) {
        if (IPAddress.isValidIPv6(text)) {
            return Optional.of(
                    ASN1OctetString.getInstance(
                                    new GeneralName(GeneralName.iPAddress, text).getName())
                            .getOctets());
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(
                new byte[] {
                    (byte) (address >> 24),
                    (byte) (address >> 16),
                    (byte) (address >> 8),
                    (byte) address
                });
    }

    private static Optional<Long> number(String part) {
        String digits = part;
        int radix = 10;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            digits = part.substring(2);
            radix = 16;
        } else if (part.length() > 1 && part.startsWith("0")) {
            digits = part.substring(1);
            radix = 8;
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            // ASCII digits only: Character.digit would also read other scripts' digits.
            char c = Character.toLowerCase(digits.charAt(i));
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
            if (digit >= radix) {
                return Optional.empty();
            }
            value = value * radix + digit;
        }
        return Optional.of(value);
    }

    /**
     * The canonical text of 4 or 16 octets: a dotted quad, or the RFC 5952 section 4 form (lower
     * case, no leading zeros, the longest run of two or more zero groups as {@code ::}); empty for
     * any other length.
     */
    public static Optional<String> of(byte[] octets) {
        if (octets.length == 4) {
            return Optional.of(
                    (octets[0] & 0xff)
                            + "."
                            + (octets[1] & 0xff)
                            + "."
                            + (octets[2] & 0xff)
                            + "."
                            + (octets[3] & 0xff));
        }
        if (octets.length != 16) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (octets[2 * i] & 0xff) << 8 | (octets[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never compressed (section 4.2.2)
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
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return Optional.of(text.toString());
    }
}
