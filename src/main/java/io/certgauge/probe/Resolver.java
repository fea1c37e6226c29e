package io.certgauge.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The prober calls it on its own bounded pool and abandons the
 * wait at the probe's deadline, so an implementation may block. Implementations must be
 * thread-safe; tests supply their own to make one name resolve to chosen loopback addresses.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * All addresses of {@code asciiHost} (an A-label name), in any order.
     *
     * @throws UnknownHostException when the name does not exist or has no address
     */
    List<InetAddress> resolve(String asciiHost) throws UnknownHostException;

    /** The operating system's resolver, through {@link InetAddress#getAllByName(String)}. */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
