package io.certgauge.chain;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * Whether a certificate is valid for a host name or IP address, by RFC 6125 against the
 * subjectAltName extension alone. The subject CN is never consulted (RFC 6125 section 6.4.4 allows
 * it only without SAN; browsers dropped even that), so a certificate without the extension matches
 * nothing.
 *
 * <ul>
 *   <li>DNS names compare case-insensitively in A-label form, ignoring one trailing dot.
 *   <li>A wildcard counts only as the whole left-most label ({@code *.example.com}) and stands for
 *       exactly one non-empty label (section 6.4.3); it must be followed by at least two labels, so
 *       {@code *.com} matches nothing. Partial wildcards ({@code w*.example.com}) match nothing.
 *   <li>IP addresses (v4 and v6, brackets and zone ids allowed) compare as bytes against iPAddress
 *       entries only (4 or 16 octets, RFC 5280 section 4.2.1.6), never against DNS entries.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class HostnameMatcher {

    private HostnameMatcher() {}

    /**
     * True when {@code cert}'s subjectAltName covers the name.
     *
     * @param asciiNameOrIp a DNS name in A-label form ({@code xn--...}; a U-label is converted
     *     first), or an IP literal
     */
    public static boolean matches(X509Certificate cert, String asciiNameOrIp) {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(asciiNameOrIp, "asciiNameOrIp");
        List<GeneralName> sans = subjectAltNames(cert);

        Optional<byte[]> ip = ipOctets(asciiNameOrIp);
        if (ip.isPresent()) {
            return sans.stream()
                    .filter(n -> n.getTagNo() == GeneralName.iPAddress)
                    .anyMatch(n -> Arrays.equals(octets(n), ip.get()));
        }

        Optional<String> name = dnsName(asciiNameOrIp);
        if (name.isEmpty()) {
            return false;
        }
        return sans.stream()
                .filter(n -> n.getTagNo() == GeneralName.dNSName)
                .anyMatch(n -> dnsMatches(text(n), name.get()));
    }

    /** The SAN entries as {@code DNS:name} and {@code IP:address}, for messages. */
    static List<String> describeSubjectAltNames(X509Certificate cert) {
        List<String> described = new ArrayList<>();
        for (GeneralName name : subjectAltNames(cert)) {
            if (name.getTagNo() == GeneralName.dNSName) {
                described.add("DNS:" + text(name));
            } else if (name.getTagNo() == GeneralName.iPAddress) {
                described.add("IP:" + ipText(octets(name)));
            }
        }
        return described;
    }

    static boolean dnsMatches(String pattern, String name) {
        String p = normalise(pattern);
        if (p.isEmpty()) {
            return false;
        }
        if (p.indexOf('*') < 0) {
            return p.equals(name);
        }
        // Limitation: no Public Suffix List; two labels after the wildcard refuse *.com but
        // not *.co.uk or *.s3.amazonaws.com.
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0 || labels(p) < 3) {
            return false;
        }
        int firstDot = name.indexOf('.');
        return firstDot > 0 && name.substring(firstDot).equals(p.substring(1));
    }

    static List<GeneralName> subjectAltNames(X509Certificate cert) {
        byte[] value =
                KeyIdentifiers.extensionOctets(cert, Extension.subjectAlternativeName.getId());
        if (value == null) {
            return List.of();
        }
        try {
            return List.of(GeneralNames.getInstance(value).getNames());
        } catch (RuntimeException e) {
            return List.of(); // malformed extension: it names nothing we could trust
        }
    }

    private static Optional<String> dnsName(String asciiName) {
        String name;
        try {
            name = normalise(IDN.toASCII(asciiName, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (name.isEmpty() || name.indexOf('*') >= 0 || name.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * The octets of an IP literal, or empty for anything else. BouncyCastle parses the text itself,
     * so no resolver is ever asked.
     */
    private static Optional<byte[]> ipOctets(String text) {
        String ip = text;
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        if (!IPAddress.isValidIPv4(ip) && !IPAddress.isValidIPv6(ip)) {
            return Optional.empty();
        }
        // Limitation: an IPv4-mapped IPv6 name (::ffff:a.b.c.d) matches only a 16-byte SAN.
        return Optional.of(octets(new GeneralName(GeneralName.iPAddress, ip)));
    }

    private static byte[] octets(GeneralName name) {
        return ASN1OctetString.getInstance(name.getName()).getOctets();
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    private static String ipText(byte[] octets) {
        try {
            // A 4- or 16-byte array is formatted, never resolved.
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            return "(" + octets.length + " bytes)";
        }
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static int labels(String name) {
        return name.split("\\.", -1).length;
    }
}
