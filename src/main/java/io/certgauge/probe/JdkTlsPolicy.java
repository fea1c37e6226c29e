package io.certgauge.probe;

import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loosens the JVM-wide TLS restrictions that would stop certgauge from reading old servers.
 *
 * <p>JDK 17 refuses TLS 1.0 and 1.1 and small keys through the {@code jdk.tls.disabledAlgorithms}
 * security property. A monitor must still read such a server's certificate (and report the old
 * protocol as a finding), so {@link #relax()} removes those entries. The JDK reads the property
 * once, when TLS is first used, so this must run before any TLS use in the process. Thread-safe and
 * idempotent.
 */
public final class JdkTlsPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(JdkTlsPolicy.class);

    static final String DISABLED_ALGORITHMS = "jdk.tls.disabledAlgorithms";

    /** Read by the JDK's TLS client: send status_request (RFC 6066 section 8). */
    static final String CLIENT_STATUS_REQUEST = "jdk.tls.client.enableStatusRequestExtension";

    /** Read by the JDK's TLS stack: most certificates accepted in one Certificate message. */
    static final String MAX_CHAIN_LENGTH = "jdk.tls.maxCertificateChainLength";

    /** Read by the JDK's TLS stack: largest handshake message accepted, in bytes. */
    static final String MAX_HANDSHAKE_MESSAGE = "jdk.tls.maxHandshakeMessageSize";

    private static final Set<String> PROTOCOLS_TO_ALLOW = Set.of("TLSv1", "TLSv1.1");

    private JdkTlsPolicy() {}

    /**
     * Removes TLS 1.0, TLS 1.1 and every key-size limit from {@code jdk.tls.disabledAlgorithms} and
     * asks the JDK client to request OCSP stapling. Raises the JDK's limits of 10 certificates and
     * 32 KiB per handshake message to 100 and 256 KiB, so a server that sends its whole CA bundle
     * is still read; values given with {@code -D} are kept. SSLv3, RC4, DES, NULL and anonymous
     * suites stay disabled: no server worth monitoring needs them.
     */
    // Limitation: 3DES, RC4 and NULL suites stay disabled, so a server that offers nothing
    // else fails with reason handshake instead of being read.
    public static synchronized void relax() {
        String before = Security.getProperty(DISABLED_ALGORITHMS);
        String after = relaxed(before);
        if (!after.equals(before)) {
            Security.setProperty(DISABLED_ALGORITHMS, after);
            LOG.debug("{} relaxed from [{}] to [{}]", DISABLED_ALGORITHMS, before, after);
        }
        if (System.getProperty(CLIENT_STATUS_REQUEST) == null) {
            System.setProperty(CLIENT_STATUS_REQUEST, "true");
        }
        if (System.getProperty(MAX_CHAIN_LENGTH) == null) {
            System.setProperty(MAX_CHAIN_LENGTH, "100");
        }
        if (System.getProperty(MAX_HANDSHAKE_MESSAGE) == null) {
            System.setProperty(MAX_HANDSHAKE_MESSAGE, String.valueOf(256 * 1024));
        }
    }

    /** The property value without the entries {@link #relax()} removes. */
    static String relaxed(String disabledAlgorithms) {
        if (disabledAlgorithms == null || disabledAlgorithms.isBlank()) {
            return "";
        }
        List<String> kept =
                Arrays.stream(disabledAlgorithms.split(","))
                        .map(String::trim)
                        .filter(entry -> !entry.isEmpty())
                        .filter(entry -> !PROTOCOLS_TO_ALLOW.contains(entry))
                        .filter(entry -> !entry.contains("keySize"))
                        .collect(Collectors.toList());
        return String.join(", ", kept);
    }
}
