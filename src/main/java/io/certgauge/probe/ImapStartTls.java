package io.certgauge.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;

/**
 * IMAP STARTTLS (RFC 3501 section 6.2.1, RFC 2595 section 3.1): an untagged {@code * OK} greeting,
 * then {@code a001 STARTTLS} answered by the tagged {@code a001 OK}. Untagged lines before the
 * tagged answer (a server may repeat its capabilities) are skipped.
 */
final class ImapStartTls implements StartTlsDialogue {

    static final String TAG = "a001";

    /** Untagged lines accepted before the tagged answer; a real server sends one or two. */
    private static final int MAX_UNTAGGED = 100;

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        TextLines lines = new TextLines(socket);

        String greeting = lines.readLine();
        // PREAUTH also greets, but RFC 3501 allows STARTTLS only before authentication.
        if (!startsWithIgnoringCase(greeting, "* OK")) {
            throw new StartTlsException(
                    "IMAP greeting answered " + TextLines.shorten(greeting) + " (expected * OK)");
        }

        lines.writeLine(TAG + " STARTTLS");
        String answer = taggedAnswer(lines);
        if (!startsWithIgnoringCase(answer, TAG + " OK")) {
            throw new StartTlsException(
                    "STARTTLS answered "
                            + TextLines.shorten(answer)
                            + " (expected "
                            + TAG
                            + " OK)");
        }
    }

    private static String taggedAnswer(TextLines lines) throws IOException {
        for (int i = 0; i <= MAX_UNTAGGED; i++) {
            String line = lines.readLine();
            if (!line.startsWith("* ")) {
                // The tagged answer, or a continuation request ("+") that no server should
                // send here: either way the answer to report.
                return line;
            }
        }
        throw new StartTlsException(
                "no tagged answer to STARTTLS after " + MAX_UNTAGGED + " untagged lines");
    }

    static boolean startsWithIgnoringCase(String line, String prefix) {
        return line.toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT));
    }
}
