package io.certgauge.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

/**
 * The plain-text exchange that turns a connection into one ready for a TLS handshake. One
 * implementation per protocol; each is stateless and thread-safe. The caller bounds the whole
 * exchange with the probe's deadline, so an implementation simply blocks on the socket.
 */
interface StartTlsDialogue {

    /**
     * Runs the dialogue on a connected socket. On return the next bytes on the wire belong to
     * the TLS handshake.
     *
     * @param target the endpoint, for protocols that name the server in the dialogue
     * @throws StartTlsException when the server answers something other than the protocol's
     *     way to TLS; its message says what the server sent
     * @throws IOException when the connection fails
     */
    void upgrade(Socket socket, ProbeTarget target) throws IOException;

    /** The dialogue for a protocol, or empty when certgauge cannot speak it yet. */
    static Optional<StartTlsDialogue> forProtocol(StartTls protocol) {
        switch (protocol) {
            case SMTP:
            case SUBMISSION:
                // Submission (RFC 6409) uses the SMTP dialogue unchanged on another port.
                return Optional.of(new SmtpStartTls());
            default:
                // Limitation: only SMTP and submission STARTTLS are implemented; imap, pop3,
                // ftp, ldap, xmpp, postgres and mysql fail with reason starttls until each
                // gets its own StartTlsDialogue class.
                return Optional.empty();
        }
    }
}
