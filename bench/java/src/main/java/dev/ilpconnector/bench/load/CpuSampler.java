package dev.ilpconnector.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of named processes and of the whole machine from {@code /proc}, so each figure
 * comes with what the connector, the sink, the generator and everything else used meanwhile.
 */
final class CpuSampler {

    /** One reading: jiffies per named process, and busy/total jiffies of the machine. */
    record Reading(Map<String, Long> processes, long machineBusy, long machineTotal) {
    }

    private final Map<String, Long> pids;

    CpuSampler(Map<String, Long> pids) {
        this.pids = pids;
    }

    Reading read() {
        Map<String, Long> processes = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            processes.put(e.getKey(), processJiffies(e.getValue()));
        }
        long[] machine = machineJiffies();
        return new Reading(processes, machine[0], machine[1]);
    }

    /**
     * Shares of one core (100 = one core busy all the time) between two readings; "other" is
     * what the machine did besides the named processes.
     */
    static Map<String, Double> shares(Reading from, Reading to) {
        long total = to.machineTotal() - from.machineTotal();
        int cores = Runtime.getRuntime().availableProcessors();
        double perCore = total > 0 ? (double) total / cores : 1;
        Map<String, Double> out = new LinkedHashMap<>();
        long named = 0;
        for (String name : to.processes().keySet()) {
            long used = to.processes().get(name) - from.processes().getOrDefault(name, 0L);
            named += used;
            out.put(name, round(100.0 * used / perCore));
        }
        long busy = to.machineBusy() - from.machineBusy();
        out.put("other", round(100.0 * Math.max(0, busy - named) / perCore));
        out.put("machine", round(100.0 * busy / perCore));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static long processJiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of proc(5) (utime, stime), counted after the command name
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }
}
