package io.certgauge.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A loopback TLS server with a chosen chain, protocol versions and client-auth demand. */
final class TlsTestServer implements AutoCloseable {

    /** What the server saw of one handshake it completed. */
    record Seen(List<String> sniNames, String protocol, String cipher) {}

    private final RawTestServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private TlsTestServer(InetAddress bind, int port, ServerIdentity identity, Options options)
            throws IOException, GeneralSecurityException {
        SSLContext context = identity.serverContext();
        this.server = RawTestServer.start(bind, port, socket -> serve(context, options, socket));
    }

    /** Protocols and suites to allow (null: the JDK's defaults) and client-auth demand. */
    record Options(String[] protocols, String[] cipherSuites, boolean needClientAuth) {
        static Options defaults() {
            return new Options(null, null, false);
        }

        Options withProtocols(String... protocols) {
            return new Options(protocols, cipherSuites, needClientAuth);
        }

        Options withCipherSuites(String... suites) {
            return new Options(protocols, suites, needClientAuth);
        }

        Options demandingClientCertificate() {
            return new Options(protocols, cipherSuites, true);
        }
    }

    static TlsTestServer start(ServerIdentity identity) throws Exception {
        return start(identity, Options.defaults());
    }

    static TlsTestServer start(ServerIdentity identity, Options options) throws Exception {
        return new TlsTestServer(InetAddress.getLoopbackAddress(), 0, identity, options);
    }

    static TlsTestServer start(InetAddress bind, int port, ServerIdentity identity)
            throws Exception {
        return new TlsTestServer(bind, port, identity, Options.defaults());
    }

    int port() {
        return server.port();
    }

    /** The next handshake the server completed, waiting up to five seconds for it. */
    Seen nextHandshake() throws InterruptedException {
        Seen next = seen.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the server completed no handshake");
        }
        return next;
    }

    /** Completes a handshake on an accepted plain socket, then waits for the client to leave. */
    static void handshakeAsServer(
            SSLContext context, Options options, Socket plain, Consumer<Seen> onHandshake)
            throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        SSLParameters parameters = tls.getSSLParameters();
        if (options.protocols() != null) {
            parameters.setProtocols(options.protocols());
        }
        if (options.cipherSuites() != null) {
            parameters.setCipherSuites(options.cipherSuites());
        }
        parameters.setNeedClientAuth(options.needClientAuth());
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(5000);

        tls.startHandshake();
        SSLSession session = tls.getSession();
        List<String> names =
                ((ExtendedSSLSession) session)
                        .getRequestedServerNames().stream()
                                .map(name -> ((SNIHostName) name).getAsciiName())
                                .collect(Collectors.toList());
        onHandshake.accept(new Seen(names, session.getProtocol(), session.getCipherSuite()));

        InputStream in = tls.getInputStream();
        while (in.read() >= 0) {
            // Hold the connection until the prober closes it.
        }
    }

    private void serve(SSLContext context, Options options, Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        handshakeAsServer(context, options, socket, seen::add);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
