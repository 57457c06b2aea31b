#!/usr/bin/env python3
"""Top entries of an async-profiler collapsed profile: self time by frame and inclusive time by
category, as shares of all samples. Usage: bench/flame-top.py FILE.collapsed [N=25]"""
import collections
import re
import sys

CATEGORIES = [  # first match wins, checked against every frame of a stack (inclusive)
    ("GC", r"G1|GC|ParallelGC|gc_|Parallel|Scavenge|MarkSweep"),
    ("journal fsync", r"fsync|fdatasync|force0|FileDispatcherImpl.force"),
    ("journal writer", r"Journal\.writeLoop"),
    ("reflection", r"jdk\.internal\.reflect|java\.lang\.reflect\.Method\.invoke|MethodAccessor"),
    ("EJB container", r"com\.ibm\.ejs|com\.ibm\.ws\.ejbcontainer|EJSContainer"),
    ("CDI (Weld)", r"org\.jboss\.weld"),
    ("managed executor / context", r"com\.ibm\.ws\.concurrent|com\.ibm\.ws\.context|ThreadContext"),
    ("TigerBeetle client", r"com\.tigerbeetle"),
    ("switch+ledger+accounting", r"dev\.ilpconnector\.(packetswitch|ledger|accounting|settlement)"),
    ("BTP session + codec", r"dev\.ilpconnector\.(web\.btp|codec)"),
    ("WebSocket (Liberty wsoc)", r"com\.ibm\.ws\.wsoc"),
    ("Liberty channel / TCP", r"com\.ibm\.ws\.(tcpchannel|channel|http)|com\.ibm\.io"),
    ("kernel", r"\[k\]|_\[k\]|entry_SYSCALL|schedule|futex"),
    ("JIT compiler", r"C2Compiler|C1 |Compile::|CompileBroker"),
]

def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    self_time = collections.Counter()
    cats = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        count = int(count)
        total += count
        frames = stack.split(";")
        self_time[frames[-1]] += count
        for name, rx in CATEGORIES:
            if any(re.search(rx, f) for f in frames):
                cats[name] += count
                break
        else:
            cats["other"] += count
    print(f"{total} samples in {path}")
    print("\ncategory (inclusive, first match)")
    for name, c in cats.most_common():
        print(f"  {100.0 * c / total:5.1f} %  {name}")
    print(f"\ntop {n} self frames")
    for frame, c in self_time.most_common(n):
        print(f"  {100.0 * c / total:5.1f} %  {frame[:110]}")

main()
