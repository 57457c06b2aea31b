#!/usr/bin/env python3
"""Top entries of an async-profiler collapsed profile (bench/load.sh PROFILE=cpu|alloc):
inclusive shares of the concerns the issue names, and the top self frames.
Usage: bench/flame-top.py FILE.collapsed [N=25]"""
import collections
import re
import sys

CONCERNS = [  # inclusive: a stack counts for every concern one of its frames matches
    ("reflection (Method.invoke)", r"java/lang/reflect/Method\.invoke|jdk/internal/reflect"),
    ("CDI (Weld) proxies", r"org/jboss/weld"),
    ("EJB container", r"com/ibm/ejs/container|com/ibm/ws/ejbcontainer"),
    ("managed executor tasks / context", r"com/ibm/ws/concurrent|com/ibm/ws/context"),
    ("Liberty thread pool wait/wake", r"ConcurrentPriorityBlockingQueue|BoundedBuffer"),
    ("kernel task switch", r"finish_task_switch|__schedule"),
    ("journal writer (all)", r"Journal\.writeLoop"),
    ("fsync", r"force0|fdatasync|fsync"),
    ("GC", r"G1|GCTaskThread|ParallelGC|SafepointSynchronize"),
    ("JIT compiler", r"CompileBroker|C2Compiler|Compile::"),
    ("switch + accounting + ledger", r"dev/ilpconnector/(packetswitch|accounting|ledger)/"),
    ("BTP session + codecs", r"dev/ilpconnector/(web/btp|codec)/"),
    ("telemetry (explorer ring, packet log)", r"dev/ilpconnector/telemetry/"),
    ("Liberty WebSocket (wsoc)", r"com/ibm/ws/wsoc"),
    ("TigerBeetle client", r"com/tigerbeetle"),
]


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    self_time = collections.Counter()
    concern = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        count = int(count)
        total += count
        frames = stack.split(";")
        self_time[frames[-1]] += count
        for name, rx in CONCERNS:
            if any(re.search(rx, f) for f in frames):
                concern[name] += count
    print(f"{total} samples in {path}")
    print("\nconcern (inclusive share of all samples)")
    for name, _ in CONCERNS:
        print(f"  {100.0 * concern[name] / total:5.1f} %  {name}")
    print(f"\ntop {n} self frames")
    for frame, c in self_time.most_common(n):
        print(f"  {100.0 * c / total:5.1f} %  {frame[:110]}")


main()
