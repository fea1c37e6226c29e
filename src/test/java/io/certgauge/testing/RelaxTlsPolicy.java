package io.certgauge.testing;

import io.certgauge.probe.JdkTlsPolicy;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Relaxes the JVM's TLS policy before any test runs, as {@code Main} does before any command: the
 * JDK reads {@code jdk.tls.disabledAlgorithms} once, at the first TLS use, so whichever test
 * touched TLS first would otherwise decide for all of them.
 */
public final class RelaxTlsPolicy implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        JdkTlsPolicy.relax();
    }
}
