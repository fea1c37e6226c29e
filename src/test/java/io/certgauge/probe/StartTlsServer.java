package io.certgauge.probe;

import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server for one STARTTLS protocol: a test supplies the plain-text part of the dialogue;
 * when it returns true, the server completes a TLS handshake with its identity. What the client
 * sent is recorded for assertions.
 */
final class StartTlsServer implements RawTestServer.Handler {

    /** The server's side of the dialogue before TLS; true to go on with the handshake. */
    @FunctionalInterface
    interface Dialogue {
        boolean talk(Socket socket, List<String> received) throws Exception;
    }

    private final Dialogue dialogue;
    private final ServerIdentity identity;
    final List<String> received = new CopyOnWriteArrayList<>();

    StartTlsServer(ServerIdentity identity, Dialogue dialogue) {
        this.identity = identity;
        this.dialogue = dialogue;
    }

    @Override
    public void handle(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        if (dialogue.talk(socket, received)) {
            TlsTestServer.handshakeAsServer(
                    identity.serverContext(), TlsTestServer.Options.defaults(), socket, seen -> {});
        }
    }
}
