package io.certgauge.probe;

import java.io.IOException;

/** The server did not follow the STARTTLS dialogue; the message quotes what it sent. */
final class StartTlsException extends IOException {

    StartTlsException(String message) {
        super(message);
    }
}
