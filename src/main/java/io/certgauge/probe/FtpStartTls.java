package io.certgauge.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * FTP explicit TLS (RFC 4217 section 4): greeting 220, then {@code AUTH TLS} answered by 234. A
 * greeting may be preceded by 120 ("ready in nnn minutes", RFC 959 section 4.2).
 */
final class FtpStartTls implements StartTlsDialogue {

    /** Lines of one reply accepted; banners run to a few dozen at most. */
    private static final int MAX_REPLY_LINES = 100;

    /** Preliminary 1xx replies accepted before the greeting. */
    private static final int MAX_PRELIMINARY = 3;

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        TextLines lines = new TextLines(socket);

        Reply greeting = readReply(lines);
        for (int i = 0; i < MAX_PRELIMINARY && greeting.code() / 100 == 1; i++) {
            greeting = readReply(lines);
        }
        expect(greeting, 220, "FTP greeting");

        lines.writeLine("AUTH TLS");
        expect(readReply(lines), 234, "AUTH TLS");
    }

    private static void expect(Reply reply, int code, String step) throws StartTlsException {
        if (reply.code() != code) {
            throw new StartTlsException(
                    step + " answered " + reply.text() + " (expected " + code + ")");
        }
    }

    /**
     * One reply. RFC 959 section 4.2: a multi-line reply starts {@code ddd-} and ends with a line
     * starting {@code ddd } with the same code; the lines between may hold anything.
     */
    static Reply readReply(TextLines lines) throws IOException {
        String first = lines.readLine();
        List<String> collected = new ArrayList<>(List.of(first));
        int code = code(first);
        if (code < 0 || first.length() < 4 || first.charAt(3) != '-') {
            return new Reply(code, collected);
        }
        String end = first.substring(0, 3) + " ";
        while (collected.size() < MAX_REPLY_LINES) {
            String line = lines.readLine();
            collected.add(line);
            if (line.startsWith(end)) {
                return new Reply(code, List.copyOf(collected));
            }
        }
        throw new StartTlsException(
                "reply longer than "
                        + MAX_REPLY_LINES
                        + " lines: "
                        + new Reply(code, collected).text());
    }

    private static int code(String line) {
        boolean digits =
                line.length() >= 3 && line.chars().limit(3).allMatch(c -> c >= '0' && c <= '9');
        return digits ? Integer.parseInt(line.substring(0, 3)) : -1;
    }

    /** A reply: its code (-1 when the first line has none) and its lines as received. */
    record Reply(int code, List<String> lines) {

        Reply {
            lines = List.copyOf(lines);
        }

        /** The reply for a message: lines joined by " / ", trimmed, shortened. */
        String text() {
            return TextLines.shorten(String.join(" / ", lines));
        }
    }
}
