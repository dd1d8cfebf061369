#!/usr/bin/env python3
"""Idle cost of the daemon: `vigil run` over 200 local feeds for a while, CPU and memory sampled from /proc.

Serves the same feeds as bench_ingest.py on 127.0.0.1 (30 items each), starts `vigil run` with the default poll
interval (15 minutes) in a scratch folder, and samples the process every 10 seconds. The first minute (first
polls, detection of 6,000 items, merging) is reported apart from the rest, which is the idle state the daemon
spends its life in between polls.

Usage: scripts/measure_idle.py [--vigil .build/release/vigil] [--seconds 600] [--feeds 200]
"""

import argparse
import email.utils
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_ingest import FeedServer, handler_for, make_feed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf(os.sysconf_names['SC_CLK_TCK'])


def sample(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS
    rss = 0
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                rss = int(line.split()[1]) / 1024
    return cpu, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--vigil', default=os.path.join(ROOT, '.build', 'release', 'vigil'))
    parser.add_argument('--seconds', type=int, default=600)
    parser.add_argument('--feeds', type=int, default=200)
    args = parser.parse_args()

    documents = {}
    for i in range(args.feeds):
        body = make_feed(i, 30)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        documents[f'/feeds/{i}.xml'] = (body, etag, email.utils.formatdate(usegmt=True), gzip.compress(body))
    server = FeedServer(('127.0.0.1', 0), handler_for(documents))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    work = tempfile.mkdtemp(prefix='vigil-idle-')
    try:
        for sub in ('feeds.d', 'inbox', 'state', 'logs'):
            os.makedirs(os.path.join(work, sub))
        with open(os.path.join(work, 'vigil.yaml'), 'w') as f:
            f.write(f'detect_dir: {os.path.join(ROOT, "config", "detect")}\nallow_private_networks: true\n')
        with open(os.path.join(work, 'feeds.d', 'local.yaml'), 'w') as f:
            f.write('feeds:\n' + ''.join(
                f'  - url: http://127.0.0.1:{port}/feeds/{i}.xml\n' for i in range(args.feeds)))
        process = subprocess.Popen([args.vigil, 'run', '--config', os.path.join(work, 'vigil.yaml')],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples = []
        start = time.monotonic()
        while time.monotonic() - start < args.seconds and process.poll() is None:
            samples.append((time.monotonic() - start, *sample(process.pid)))
            time.sleep(10)
        if process.poll() is not None:
            sys.exit(f'measure_idle: vigil run exited early with status {process.returncode}')
        samples.append((time.monotonic() - start, *sample(process.pid)))
        process.terminate()
        process.wait(timeout=10)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    warm = [s for s in samples if s[0] >= 60]
    first = warm[0] if warm else samples[0]
    last = samples[-1]
    idle_cpu = (last[1] - first[1]) / max(1e-9, last[0] - first[0]) * 100
    print(f'vigil run, {args.feeds} feeds x 30 items, poll interval 15m, {int(last[0])} s:')
    print(f'  first minute (polls, detection, merging): {first[1]:.2f} CPU s, RSS {first[2]:.0f} MiB')
    print(f'  after it: {idle_cpu:.3f}% of one core on average, RSS {min(s[2] for s in warm):.0f}-'
          f'{max(s[2] for s in warm):.0f} MiB (last {last[2]:.0f} MiB)')


if __name__ == '__main__':
    main()
