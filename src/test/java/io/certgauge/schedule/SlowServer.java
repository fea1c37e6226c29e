package io.certgauge.schedule;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that holds every connection open for a while without speaking TLS, then closes
 * it, and records how many connections it had open at the same time.
 */
final class SlowServer implements AutoCloseable {

    private final ServerSocket socket;
    private final long holdMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    SlowServer(long holdMillis) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.holdMillis = holdMillis;
        Thread acceptor = new Thread(this::acceptLoop, "slow-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** The most connections that were open at one moment. */
    int mostOpenAtOnce() {
        return mostOpen.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread holder = new Thread(() -> hold(client), "slow-server-conn");
                holder.setDaemon(true);
                holder.start();
            } catch (IOException e) {
                // Closed: the loop ends.
            }
        }
    }

    private void hold(Socket client) {
        try {
            Thread.sleep(holdMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Counted as closed before the peer can see it, so its next probe is not an overlap.
        open.decrementAndGet();
        try {
            client.close();
        } catch (IOException e) {
            // The client left first.
        }
    }
}
