package io.certgauge.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that hands each connection to a {@link Handler} on its own daemon thread.
 * Port 0 lets the operating system choose a free one.
 */
final class RawTestServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final Handler handler;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private RawTestServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
        Thread acceptor = new Thread(this::acceptLoop, "test-server-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawTestServer start(Handler handler) throws IOException {
        return start(InetAddress.getLoopbackAddress(), 0, handler);
    }

    static RawTestServer start(InetAddress bind, int port, Handler handler) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(bind, port));
        return new RawTestServer(listener, handler);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Failures inside the handler, for tests that check the server side too. */
    List<Throwable> errors() {
        return errors;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.add(socket);
                Thread worker = new Thread(() -> serve(socket), "test-conn-" + port());
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            handler.handle(socket);
        } catch (Exception e) {
            errors.add(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
