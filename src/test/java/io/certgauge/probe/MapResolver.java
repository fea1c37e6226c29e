package io.certgauge.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A resolver that knows only the names it was given; it records every lookup. */
final class MapResolver implements Resolver {

    private final Map<String, List<InetAddress>> names;
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    MapResolver(Map<String, List<InetAddress>> names) {
        this.names = Map.copyOf(names);
    }

    static MapResolver of(String name, String... addresses) {
        List<InetAddress> resolved =
                Arrays.stream(addresses).map(MapResolver::parse).collect(Collectors.toList());
        return new MapResolver(Map.of(name, resolved));
    }

    static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    List<String> lookups() {
        return lookups;
    }

    @Override
    public List<InetAddress> resolve(String asciiHost) throws UnknownHostException {
        lookups.add(asciiHost);
        List<InetAddress> found = names.get(asciiHost);
        if (found == null) {
            throw new UnknownHostException(asciiHost);
        }
        return found;
    }
}
