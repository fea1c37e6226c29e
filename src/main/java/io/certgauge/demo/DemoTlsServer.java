package io.certgauge.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS server on a loopback port that presents one chain exactly as given (order included),
 * completes the handshake and closes. For the demo and for tests. Thread-safe; close it to stop.
 */
public final class DemoTlsServer implements AutoCloseable {

    /** How long {@link #close()} waits for the accepting thread to let go of the socket. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final SSLServerSocket server;
    private final ExecutorService connections;
    private final Thread acceptor;

    private DemoTlsServer(SSLServerSocket server) {
        this.server = server;
        this.connections = Executors.newFixedThreadPool(4, r -> daemon(r, "demo-tls-conn"));
        this.acceptor = daemon(this::acceptLoop, "demo-tls-accept-" + server.getLocalPort());
    }

    /**
     * Starts a server on {@code bindAddress} (port chosen by the system) presenting {@code chain},
     * whose first certificate belongs to {@code key}, with the JDK's default protocol versions.
     */
    public static DemoTlsServer start(
            InetAddress bindAddress, PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        return start(new InetSocketAddress(bindAddress, 0), key, chain, List.of());
    }

    /**
     * Starts a server on {@code bind}, port included (0: chosen by the system), so that servers on
     * several loopback addresses can share one port, as the members of a load balancer do.
     */
    public static DemoTlsServer start(
            InetSocketAddress bind, PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        return start(bind, key, chain, List.of());
    }

    /**
     * A server on {@code bindAddress}, port chosen by the system, speaking only {@code protocols}.
     */
    public static DemoTlsServer start(
            InetAddress bindAddress,
            PrivateKey key,
            List<X509Certificate> chain,
            List<String> protocols)
            throws IOException, GeneralSecurityException {
        return start(new InetSocketAddress(bindAddress, 0), key, chain, protocols);
    }

    /**
     * The same, speaking only {@code protocols} (JDK names such as {@code TLSv1}); an empty list
     * keeps the JDK's defaults. TLS 1.0 and 1.1 need {@code JdkTlsPolicy.relax()} to have run
     * before any TLS use in the process, as {@code Main} and the tests arrange.
     *
     * @throws IllegalArgumentException when the JDK does not support one of {@code protocols}
     */
    public static DemoTlsServer start(
            InetSocketAddress bind,
            PrivateKey key,
            List<X509Certificate> chain,
            List<String> protocols)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new FixedChain(key, chain)}, null, null);

        SSLServerSocket socket =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        try {
            if (!protocols.isEmpty()) {
                socket.setEnabledProtocols(protocols.toArray(new String[0]));
            }
            socket.bind(bind, 50);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        DemoTlsServer demo = new DemoTlsServer(socket);
        demo.acceptor.start();
        return demo;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Stops the server: once this returns, connections to its port are refused. Waits for the
     * accepting thread, because a thread blocked in {@code accept} keeps the listening socket open
     * in the kernel, and a client connecting meanwhile would be accepted and left hanging.
     */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue;
            }
            if (server.isClosed()) {
                closeQuietly(client);
                return;
            }
            connections.execute(() -> serve((SSLSocket) client));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone: nothing left to release.
        }
    }

    private static void serve(SSLSocket client) {
        try (client) {
            client.setSoTimeout(5_000);
            client.startHandshake();
        } catch (IOException e) {
            // The peer went away or sent something else; the next connection is unaffected.
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Presents one chain exactly as given. A key store would reorder or refuse a chain that is out
     * of order, and showing such a chain is part of the point.
     */
    private static final class FixedChain extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedChain(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(new X509Certificate[0]);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineServerAlias(
                String keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
