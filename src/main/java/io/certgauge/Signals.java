package io.certgauge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP handling. The JVM exits on SIGHUP by default; a daemon reloads instead. Uses {@code
 * sun.misc.Signal} (module jdk.unsupported), the only way in Java 17.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    static void onHangup(Runnable action) {
        try {
            Signal.handle(
                    new Signal("HUP"),
                    signal -> {
                        LOG.info("SIGHUP received: reloading");
                        action.run();
                    });
        } catch (IllegalArgumentException e) {
            // Limitation: platforms without SIGHUP reload on file change and POST /-/reload only.
            LOG.debug("SIGHUP not available here: {}", e.getMessage());
        }
    }
}
