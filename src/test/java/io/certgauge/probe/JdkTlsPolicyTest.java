package io.certgauge.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import org.junit.jupiter.api.Test;

class JdkTlsPolicyTest {

    private static final String JDK17_DEFAULT =
            "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize <"
                    + " 224, 3DES_EDE_CBC, anon, NULL, ECDH";

    @Test
    void oldProtocolsAndKeySizeLimitsAreRemovedAndTheRestKept() {
        String relaxed = JdkTlsPolicy.relaxed(JDK17_DEFAULT);

        assertThat(relaxed)
                .isEqualTo("SSLv3, DTLSv1.0, RC4, DES, MD5withRSA, 3DES_EDE_CBC, anon, NULL, ECDH");
    }

    @Test
    void relaxingTwiceChangesNothingMore() {
        String once = JdkTlsPolicy.relaxed(JDK17_DEFAULT);

        assertThat(JdkTlsPolicy.relaxed(once)).isEqualTo(once);
    }

    @Test
    void missingPropertyStaysEmpty() {
        assertThat(JdkTlsPolicy.relaxed(null)).isEmpty();
    }

    @Test
    void relaxLeavesNoOldProtocolInTheSecurityProperty() {
        JdkTlsPolicy.relax();

        String property = Security.getProperty(JdkTlsPolicy.DISABLED_ALGORITHMS);
        assertThat(property.split(",\\s*")).doesNotContain("TLSv1", "TLSv1.1");
        assertThat(property).doesNotContain("keySize");
        assertThat(System.getProperty(JdkTlsPolicy.CLIENT_STATUS_REQUEST)).isEqualTo("true");
        assertThat(System.getProperty(JdkTlsPolicy.MAX_CHAIN_LENGTH)).isEqualTo("100");
        assertThat(System.getProperty(JdkTlsPolicy.MAX_HANDSHAKE_MESSAGE)).isEqualTo("262144");
    }
}
