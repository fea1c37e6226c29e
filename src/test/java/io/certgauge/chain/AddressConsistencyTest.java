package io.certgauge.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressConsistencyTest {

    private static final X509Certificate CURRENT =
            Pki.leaf("www.example.test").issue().certificate();
    private static final X509Certificate OLD = Pki.leaf("www.example.test").issue().certificate();

    @Test
    void addressesServingTheSameLeafAreConsistent() {
        Map<String, X509Certificate> leaves = Map.of("127.0.0.1", CURRENT, "::1", CURRENT);

        Optional<Finding> finding = AddressConsistency.check(leaves);

        assertThat(finding).isEmpty();
    }

    @Test
    void oneAddressIsConsistentWithItself() {
        assertThat(AddressConsistency.check(Map.of("127.0.0.1", CURRENT))).isEmpty();
        assertThat(AddressConsistency.check(Map.of())).isEmpty();
    }

    @Test
    void differentLeavesNameWhichAddressServesWhichCertificate() {
        Map<String, X509Certificate> leaves =
                Map.of("127.0.0.1", CURRENT, "127.0.0.3", CURRENT, "::1", OLD);

        Optional<Finding> finding = AddressConsistency.check(leaves);

        assertThat(finding).isPresent();
        assertThat(finding.get().code()).isEqualTo(FindingCode.INCONSISTENT_ADDRESSES);
        assertThat(finding.get().message())
                .isEqualTo(
                        "2 different leaf certificates: 127.0.0.1, 127.0.0.3 serve serial "
                                + serial(CURRENT)
                                + " (sha256 "
                                + shortFingerprint(CURRENT)
                                + "...); ::1 serves serial "
                                + serial(OLD)
                                + " (sha256 "
                                + shortFingerprint(OLD)
                                + "...)");
    }

    private static String serial(X509Certificate cert) {
        return cert.getSerialNumber().toString(16);
    }

    private static String shortFingerprint(X509Certificate cert) {
        return CertificateFacts.fingerprintSha256(cert).substring(0, 16);
    }
}
