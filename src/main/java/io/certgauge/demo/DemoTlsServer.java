package io.certgauge.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on a loopback port that presents one chain exactly as given (order included),
 * completes the handshake and closes. For the demo and for tests. Thread-safe; close it to stop.
 */
public final class DemoTlsServer implements AutoCloseable {

    private static final char[] PASSWORD = "demo".toCharArray();

    private final SSLServerSocket server;
    private final ExecutorService connections;

    private DemoTlsServer(SSLServerSocket server) {
        this.server = server;
        this.connections = Executors.newFixedThreadPool(4, r -> daemon(r, "demo-tls-conn"));
    }

    /**
     * Starts a server on {@code bindAddress} (port chosen by the system) presenting
     * {@code chain}, whose first certificate belongs to {@code key}.
     */
    public static DemoTlsServer start(
            InetAddress bindAddress, PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, PASSWORD, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);

        SSLServerSocket socket =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(bindAddress, 0), 50);
        DemoTlsServer demo = new DemoTlsServer(socket);
        Thread acceptor = new Thread(demo::acceptLoop, "demo-tls-accept-" + demo.port());
        acceptor.setDaemon(true);
        acceptor.start();
        return demo;
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve((SSLSocket) client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
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
}
