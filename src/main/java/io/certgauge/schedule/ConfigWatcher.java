package io.certgauge.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when the targets file changes. Polls the file's modification time and size every two
 * seconds: unlike a directory watch this also sees editors that replace the file and configuration
 * tools that swap a symbolic link. Thread-safe.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final long PERIOD_MILLIS = 2_000;

    private final Path file;
    private final Runnable onChange;
    private final ScheduledExecutorService timer;
    private volatile Stamp last;

    private record Stamp(FileTime modified, long size) {}

    public ConfigWatcher(Path file, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "certgauge-config-watch");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public void start() {
        last = stamp();
        timer.scheduleWithFixedDelay(
                this::poll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Stamp now = stamp();
        if (!Objects.equals(now, last)) {
            last = now;
            onChange.run();
        }
    }

    private Stamp stamp() {
        try {
            return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
