package io.certgauge.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that records the server's chain and accepts it: the trust decision belongs to the
 * analyzer, never to the handshake. It must extend {@link X509ExtendedTrustManager}: the JDK wraps
 * a plain {@code X509TrustManager} in one that still rejects some chains on its own. One instance
 * serves one handshake; the fields are written by the handshake thread and read by the prober
 * thread after the handshake returns or fails.
 */
final class ChainCapture extends X509ExtendedTrustManager {

    /** What the handshake had negotiated when the server's chain arrived. */
    record Captured(List<X509Certificate> chain, String protocol, String cipher, byte[] staple) {}

    private volatile Captured captured;

    /** The chain and negotiated parameters, or {@code null} when the server sent no chain. */
    Captured captured() {
        return captured;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        SSLSession session =
                socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
        record(chain, session);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        record(chain, engine != null ? engine.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        record(chain, null);
    }

    private void record(X509Certificate[] chain, SSLSession session) {
        String protocol = session != null ? nullToEmpty(session.getProtocol()) : "";
        String cipher = session != null ? nullToEmpty(session.getCipherSuite()) : "";
        captured = new Captured(List.of(chain), protocol, cipher, leafStaple(session));
    }

    /**
     * The stapled OCSP response for the leaf, if any. The JDK defers this check until the TLS 1.2
     * CertificateStatus message has arrived, and TLS 1.3 carries the response inside the
     * Certificate message (RFC 8446 section 4.4.2.1), so it is known here in both cases.
     */
    static byte[] leafStaple(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return null;
        }
        List<byte[]> responses = ((ExtendedSSLSession) session).getStatusResponses();
        if (responses == null || responses.isEmpty() || responses.get(0).length == 0) {
            return null;
        }
        return responses.get(0).clone();
    }

    private static String nullToEmpty(String value) {
        return value == null || value.equals("NONE") || value.startsWith("SSL_NULL") ? "" : value;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("certgauge is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("certgauge is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        throw new CertificateException("certgauge is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
