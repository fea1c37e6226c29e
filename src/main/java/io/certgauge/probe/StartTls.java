package io.certgauge.probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The protocols whose plain-text greeting certgauge can upgrade to TLS, with their ports. */
public enum StartTls {
    SMTP(25),
    SUBMISSION(587),
    IMAP(143),
    POP3(110),
    FTP(21),
    LDAP(389),
    XMPP(5222),
    POSTGRES(5432),
    MYSQL(3306);

    private final int defaultPort;

    StartTls(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The protocol's well-known port, used when a target gives none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The lower-case name used in targets files, target ids and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StartTls> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(p -> p.wireName().equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The accepted names, comma separated, for error messages. */
    public static String accepted() {
        return Arrays.stream(values()).map(StartTls::wireName).collect(Collectors.joining(", "));
    }
}
