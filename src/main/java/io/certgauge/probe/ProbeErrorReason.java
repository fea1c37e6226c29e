package io.certgauge.probe;

import java.util.Locale;

/** Why a probe could not read a chain; the value of the {@code reason} label. */
public enum ProbeErrorReason {
    DNS,
    REFUSED,
    UNREACHABLE,
    TIMEOUT,
    HANDSHAKE,
    STARTTLS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
