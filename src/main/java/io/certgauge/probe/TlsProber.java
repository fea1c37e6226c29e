package io.certgauge.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Prober} that reads chains over the network with the JDK's TLS client.
 *
 * <p>One call resolves the name on a bounded pool (Java 17's resolver has no timeout of its own, so
 * the wait is abandoned at the deadline), then probes every address of the wanted family in
 * parallel. Each address gets a watchdog that closes its socket when the target's timeout, counted
 * from the start of the call, has passed: connect, STARTTLS and handshake together never take
 * longer. The handshake accepts any chain and never sends a client certificate; TLS 1.0 to 1.3 are
 * offered (see {@link JdkTlsPolicy}).
 *
 * <p>Thread-safe: any number of threads may call {@link #probe} at once. Its threads are daemons
 * that end when idle, so a prober needs no closing.
 */
public final class TlsProber implements Prober {

    static {
        JdkTlsPolicy.relax();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TlsProber.class);

    /** Lookups that may run at once; further ones wait their turn within their deadline. */
    private static final int DNS_THREADS = 8;

    /** How long past its deadline an address probe may take before it is given up. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Shared by all probers: each task only closes a socket. */
    private static final ScheduledExecutorService WATCHDOGS = watchdogs();

    private final Resolver resolver;
    private final Clock clock;
    private final ThreadPoolExecutor dnsPool;
    private final ExecutorService addressPool;

    /** A prober with the system resolver and the system clock (UTC). */
    public TlsProber() {
        this(Resolver.system(), Clock.systemUTC());
    }

    /**
     * @param resolver turns names into addresses; IP literals never reach it
     * @param clock gives {@link ProbeOutcome#startedAt()}; durations use the monotonic clock
     */
    public TlsProber(Resolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dnsPool =
                new ThreadPoolExecutor(
                        DNS_THREADS,
                        DNS_THREADS,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        daemons("certgauge-dns"));
        this.dnsPool.allowCoreThreadTimeOut(true);
        this.addressPool = Executors.newCachedThreadPool(daemons("certgauge-probe"));
    }

    @Override
    public List<ProbeOutcome> probe(ProbeTarget target) {
        Attempt attempt = Attempt.start(target, clock.instant());
        try {
            Resolution resolution = addresses(attempt);
            if (resolution.failure() != null) {
                return List.of(resolution.failure());
            }
            return probeAll(attempt, resolution.addresses());
        } catch (RuntimeException e) {
            // The contract is to report, never to throw: a bug here must not stop a round.
            LOG.warn("{}:{} probe failed unexpectedly", target.asciiHost(), target.port(), e);
            return List.of(attempt.failed("", ProbeErrorReason.HANDSHAKE, "internal error: " + e));
        }
    }

    private List<ProbeOutcome> probeAll(Attempt attempt, List<InetAddress> addresses) {
        if (addresses.size() == 1) {
            return List.of(new AddressProbe(attempt, addresses.get(0), WATCHDOGS).run());
        }

        Map<InetAddress, Future<ProbeOutcome>> running = new LinkedHashMap<>();
        for (InetAddress address : addresses) {
            running.put(
                    address,
                    addressPool.submit(() -> new AddressProbe(attempt, address, WATCHDOGS).run()));
        }

        List<ProbeOutcome> outcomes = new ArrayList<>();
        running.forEach((address, future) -> outcomes.add(await(attempt, address, future)));
        outcomes.sort(Comparator.comparing(ProbeOutcome::address));
        return List.copyOf(outcomes);
    }

    private ProbeOutcome await(Attempt attempt, InetAddress address, Future<ProbeOutcome> f) {
        String text = AddressText.of(address);
        try {
            return f.get(Math.max(0, attempt.remainingNanos()) + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return attempt.failed(
                    text, ProbeErrorReason.TIMEOUT, "no answer within " + attempt.timeoutText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return attempt.failed(text, ProbeErrorReason.TIMEOUT, "probe interrupted");
        } catch (ExecutionException e) {
            return attempt.failed(
                    text, ProbeErrorReason.HANDSHAKE, "internal error: " + e.getCause());
        }
    }

    /** Addresses, or the failure that ends the probe before any connection. */
    private record Resolution(List<InetAddress> addresses, ProbeFailed failure) {

        static Resolution of(List<InetAddress> addresses) {
            return new Resolution(addresses, null);
        }

        static Resolution failed(ProbeFailed failure) {
            return new Resolution(List.of(), failure);
        }
    }

    /** The addresses to probe, of the wanted family, without duplicates, ordered by text. */
    private Resolution addresses(Attempt attempt) {
        ProbeTarget target = attempt.target();
        Resolution found = isIpLiteral(target.asciiHost()) ? literal(attempt) : lookUp(attempt);
        if (found.failure() != null) {
            return found;
        }

        List<InetAddress> all = found.addresses();
        List<InetAddress> wanted =
                all.stream()
                        .filter(a -> matches(target.ipFamily(), a))
                        .collect(Collectors.toMap(AddressText::of, a -> a, (a, b) -> a))
                        .entrySet()
                        .stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(Map.Entry::getValue)
                        .collect(Collectors.toList());
        LOG.debug(
                "{}:{} resolved to {}",
                target.asciiHost(),
                target.port(),
                all.stream().map(AddressText::of).collect(Collectors.toList()));
        if (wanted.isEmpty()) {
            return Resolution.failed(
                    attempt.failed("", ProbeErrorReason.DNS, noAddressOfFamily(target, all)));
        }
        return Resolution.of(wanted);
    }

    private static Resolution literal(Attempt attempt) {
        String host = attempt.target().asciiHost();
        String bare =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        try {
            // A literal is parsed, never looked up.
            return Resolution.of(List.of(InetAddress.getByName(bare)));
        } catch (UnknownHostException e) {
            return Resolution.failed(
                    attempt.failed("", ProbeErrorReason.DNS, "not an IP address: " + host));
        }
    }

    private Resolution lookUp(Attempt attempt) {
        String host = attempt.target().asciiHost();
        Future<List<InetAddress>> lookup = dnsPool.submit(() -> resolver.resolve(host));
        try {
            List<InetAddress> found =
                    lookup.get(Math.max(0, attempt.remainingNanos()), TimeUnit.NANOSECONDS);
            if (found == null || found.isEmpty()) {
                return Resolution.failed(
                        attempt.failed("", ProbeErrorReason.DNS, host + " has no address"));
            }
            return Resolution.of(List.copyOf(found));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return Resolution.failed(
                    attempt.failed(
                            "",
                            ProbeErrorReason.TIMEOUT,
                            "no DNS answer for " + host + " within " + attempt.timeoutText()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            return Resolution.failed(
                    attempt.failed("", ProbeErrorReason.TIMEOUT, "probe interrupted"));
        } catch (ExecutionException e) {
            return Resolution.failed(
                    attempt.failed("", ProbeErrorReason.DNS, dnsMessage(host, e.getCause())));
        }
    }

    private static String dnsMessage(String host, Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        return "cannot resolve " + host + ": " + cause;
    }

    private static String noAddressOfFamily(ProbeTarget target, List<InetAddress> all) {
        String family = target.ipFamily() == IpFamily.IPV6 ? "IPv6" : "IPv4";
        String found = all.stream().map(AddressText::of).sorted().collect(Collectors.joining(", "));
        return target.asciiHost()
                + " has no "
                + family
                + " address (ip_family "
                + target.ipFamily().name().toLowerCase(Locale.ROOT)
                + "; found "
                + found
                + ")";
    }

    private static boolean matches(IpFamily family, InetAddress address) {
        switch (family) {
            case IPV4:
                return address instanceof Inet4Address;
            case IPV6:
                return address instanceof Inet6Address;
            default:
                return true;
        }
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || IPV4_LITERAL.matcher(host).matches();
    }

    private static ScheduledExecutorService watchdogs() {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, daemons("certgauge-watchdog"));
        // Most probes finish early; drop their cancelled tasks instead of keeping them queued.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
