package io.certgauge.http;

import io.certgauge.config.Config;
import io.certgauge.config.Target;
import io.certgauge.config.Targets;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.TargetChecker;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The {@code /probe} endpoint's logic: which targets it may reach and the probe itself. The result
 * is returned, not stored: an on-demand probe never changes what {@code /metrics} shows.
 */
final class OnDemandProbe {

    /**
     * On-demand probes that may run at once. Each holds one of Jetty's (about 250) threads for up
     * to its timeout; past this, {@code /probe} is turned away at once, so probes of silent
     * endpoints never take the threads {@code /metrics} and {@code /healthz} need.
     */
    static final int MAX_IN_FLIGHT = 128;

    private final TargetChecker checker;
    private final Semaphore inFlight;

    OnDemandProbe(TargetChecker checker) {
        this(checker, MAX_IN_FLIGHT);
    }

    OnDemandProbe(TargetChecker checker, int maxInFlight) {
        this.checker = checker;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** A parsed {@code /probe} request. */
    record Request(Target target) {

        /**
         * Parses {@code target=HOST:PORT[&sni=…&starttls=…]}, with the configuration's defaults.
         *
         * @throws IllegalArgumentException with a message for the client
         */
        static Request of(String target, String sni, String starttls, Config config) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException(
                        "no target given; ask /probe?target=HOST:PORT[&sni=NAME&starttls=PROTO]");
            }
            String spec = target;
            if (starttls != null && !starttls.isBlank()) {
                spec = spec + "/" + starttls;
            }
            Target parsed = Targets.parseSpec(spec, config.defaults());
            if (sni != null && !sni.isBlank()) {
                parsed =
                        Targets.adHoc(
                                parsed.host(),
                                parsed.port(),
                                sni,
                                parsed.starttls() == null ? null : parsed.starttls().wireName(),
                                config.defaults());
            }
            return new Request(configured(parsed, config).orElse(parsed));
        }

        /**
         * The configured target the request names, so that its {@code sni}, {@code ca_file},
         * thresholds and labels apply: same host, port and STARTTLS, and the same checked name when
         * the request gives {@code sni}.
         */
        private static Optional<Target> configured(Target asked, Config config) {
            return config.targets().stream()
                    .filter(t -> t.asciiHost().equalsIgnoreCase(asked.asciiHost()))
                    .filter(t -> t.port() == asked.port() && t.starttls() == asked.starttls())
                    .filter(
                            t ->
                                    asked.sni() == null
                                            || t.checkedNameAscii()
                                                    .equals(asked.checkedNameAscii()))
                    .findFirst();
        }
    }

    /** Why the request may not be probed, or empty when it may. */
    Optional<String> refusal(Request request, Config config) {
        Target t = request.target();
        if (config.mayProbe(t.host(), t.port())) {
            return Optional.empty();
        }
        if (config.probeAllowList().isEmpty()) {
            return Optional.of(
                    "403: "
                            + t.host()
                            + ":"
                            + t.port()
                            + " is not a configured target, and probe_allow is empty, so /probe"
                            + " reaches configured targets only");
        }
        return Optional.of(
                "403: "
                        + t.host()
                        + " matches no pattern of probe_allow "
                        + config.probeAllowList().patterns());
    }

    /** The probe's result, or empty when {@link #MAX_IN_FLIGHT} probes are running already. */
    Optional<TargetResult> probe(Request request) {
        if (!inFlight.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(checker.check(request.target(), null));
        } finally {
            inFlight.release();
        }
    }
}
