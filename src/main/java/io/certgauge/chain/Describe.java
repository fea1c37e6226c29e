package io.certgauge.chain;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** How findings name certificates, roles and times, so every message reads alike. */
final class Describe {

    private Describe() {}

    /** {@code CN=...} when the subject has a CN, else the whole subject, else the serial. */
    static String name(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        String cn = CertificateFacts.commonName(subject);
        if (!cn.isEmpty()) {
            return "CN=" + cn;
        }
        if (subject.isEmpty()) {
            return "serial " + cert.getSerialNumber().toString(16);
        }
        return subject;
    }

    /** {@code leaf}, {@code root} (self-signed, or the anchor ending a path) or intermediate. */
    static String role(List<X509Certificate> path, int index, boolean anchored) {
        if (index == 0) {
            return "leaf";
        }
        boolean top = index == path.size() - 1;
        if (top && (anchored || selfIssued(path.get(index)))) {
            return "root";
        }
        return "intermediate";
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String days(double days) {
        return String.format(Locale.ROOT, "%.1f", days);
    }

    /** Issuer and subject names are equal (RFC 5280 section 3.2 "self-issued"). */
    static boolean selfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }
}
