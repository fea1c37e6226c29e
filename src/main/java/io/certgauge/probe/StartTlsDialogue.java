package io.certgauge.probe;

import java.io.IOException;
import java.net.Socket;

/**
 * The plain-text exchange that turns a connection into one ready for a TLS handshake. One
 * implementation per protocol; each is stateless and thread-safe. The caller bounds the whole
 * exchange with the probe's deadline, so an implementation simply blocks on the socket.
 */
interface StartTlsDialogue {

    /**
     * Runs the dialogue on a connected socket. On return the next bytes on the wire belong to the
     * TLS handshake.
     *
     * @param target the endpoint, for protocols that name the server in the dialogue
     * @throws StartTlsException when the server answers something other than the protocol's way to
     *     TLS; its message says what the server sent
     * @throws IOException when the connection fails
     */
    void upgrade(Socket socket, ProbeTarget target) throws IOException;

    /** The dialogue for a protocol; every {@link StartTls} value has one. */
    static StartTlsDialogue forProtocol(StartTls protocol) {
        switch (protocol) {
            case SMTP:
            case SUBMISSION:
                // Submission (RFC 6409) uses the SMTP dialogue unchanged on another port.
                return new SmtpStartTls();
            case IMAP:
                return new ImapStartTls();
            case POP3:
                return new Pop3StartTls();
            case FTP:
                return new FtpStartTls();
            case LDAP:
                return new LdapStartTls();
            case XMPP:
                return new XmppStartTls();
            case POSTGRES:
                return new PostgresStartTls();
            case MYSQL:
                return new MysqlStartTls();
            default:
                throw new IllegalArgumentException("no STARTTLS dialogue for " + protocol);
        }
    }
}
