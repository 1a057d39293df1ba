package dev.destsdk.examples.benchmark.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of the current JVM over a measured section, from the garbage collector's own notifications:
 * the peak is the largest heap occupancy seen just before a collection (or at the end, if larger); the live size
 * is the largest occupancy just after a collection. Also reads the process's peak resident set size from
 * {@code /proc/self/status} (VmHWM), reset at the start where the kernel allows it.
 *
 * <p>Usage: {@link #start()} right before the measured section, {@link #stop()} right after it. The JVM delivers
 * notifications on its own thread, hence the synchronisation.
 */
public final class HeapMonitor implements NotificationListener {
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long peakUsed;
    private long maxAfterGc;
    private long collections;

    private HeapMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    }

    /**
     * Collects garbage (so the section starts from its live set), resets the peak RSS and starts listening.
     *
     * @return the running monitor
     */
    public static HeapMonitor start() {
        System.gc();
        resetPeakRss();
        HeapMonitor m = new HeapMonitor();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(m, null, null);
                m.emitters.add(emitter);
            }
        }
        synchronized (m) {
            m.peakUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return m;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
        synchronized (this) {
            peakUsed = Math.max(peakUsed, before);
            maxAfterGc = Math.max(maxAfterGc, after);
            collections++;
        }
    }

    /**
     * Stops listening. Waits briefly so notifications of collections inside the section arrive.
     *
     * @return the heap figures of the section
     */
    public HeapFigures stop() {
        long endUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        OptionalLong rss = peakRss();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // Already removed: nothing left to do.
            }
        }
        synchronized (this) {
            return new HeapFigures(Math.max(peakUsed, endUsed), maxAfterGc, collections,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax(), rss);
        }
    }

    private long heapUsed(Map<String, MemoryUsage> byPool) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    /** Asks Linux to reset VmHWM to the current RSS (writing 5 to clear_refs); ignored where not possible. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or not allowed: the peak RSS then covers the whole child process.
        }
    }

    /** @return the peak resident set size in bytes, if the platform reports it */
    public static OptionalLong peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: no RSS figure.
        }
        return OptionalLong.empty();
    }

    /** @return the machine's 1-minute load average from {@code /proc/loadavg}, or an empty string */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Heap figures of one measured section.
     *
     * @param peakUsed the largest heap occupancy seen (before a collection, or at the end)
     * @param maxAfterGc the largest heap occupancy right after a collection (0 when none ran)
     * @param collections how many collections ran
     * @param maxHeap the JVM's heap limit
     * @param peakRss the process's peak resident set size, if known
     */
    public record HeapFigures(long peakUsed, long maxAfterGc, long collections, long maxHeap, OptionalLong peakRss) {
    }
}
