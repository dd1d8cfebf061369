#!/usr/bin/env python3
"""Ingest benchmark: `vigil once` over 200 local feeds, and `vigil parse` throughput.

Everything runs on 127.0.0.1 in one run, beside references measured on the same data:
  - polling: `curl --parallel` downloading the same 200 URLs (the transfer floor, no parsing or storing);
  - parsing: Python's feedparser (installed into .bench/venv) on the same files.
Prints a table; exits non-zero if Vigil stores a wrong number of items.

Usage: scripts/bench_ingest.py [--vigil PATH] [--feeds 200] [--items 30]
"""
import argparse, email.utils, gzip, hashlib, http.server, os, re, shutil, socketserver, subprocess, sys
import tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_feed(index, items):
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
             f'<channel><title>Bench feed {index}</title><link>https://bench.example/{index}/</link>'
             f'<description>World news desk {index}</description><language>en</language>']
    for i in range(items):
        day = 1 + (i % 28)
        body = ' '.join(f'Paragraph {p} of story {i} in feed {index}: officials said gunmen attacked a checkpoint '
                        f'near the provincial capital, killing {p + i % 7} people and wounding several others.'
                        for p in range(6))
        parts.append(
            f'<item><title>Story {i} &amp; update from desk {index}</title>'
            f'<link>https://bench.example/{index}/story/{i}?utm_source=rss</link>'
            f'<guid isPermaLink="false">bench-{index}-{i}</guid>'
            f'<pubDate>Mon, {day:02d} May 2022 {i % 24:02d}:15:00 +0000</pubDate><dc:creator>Desk {index}</dc:creator>'
            f'<category>world</category><category>security</category>'
            f'<description>&lt;p&gt;Summary of story {i}: an attack was reported.&lt;/p&gt;</description>'
            f'<content:encoded><![CDATA[<p>{body}</p><p><a href="/more/{i}">More</a></p>]]></content:encoded></item>')
    parts.append('</channel></rss>\n')
    return ''.join(parts).encode()


class FeedServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def handler_for(documents):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args):
            pass

        def do_GET(self):
            doc = documents.get(self.path)
            if doc is None:
                self.send_response(404)
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            body, etag, modified, zipped = doc
            if self.headers.get('If-None-Match') == etag:
                self.send_response(304)
                self.send_header('ETag', etag)
                self.end_headers()
                return
            use_gzip = 'gzip' in (self.headers.get('Accept-Encoding') or '')
            payload = zipped if use_gzip else body
            self.send_response(200)
            self.send_header('Content-Type', 'application/rss+xml; charset=utf-8')
            self.send_header('ETag', etag)
            self.send_header('Last-Modified', modified)
            if use_gzip:
                self.send_header('Content-Encoding', 'gzip')
            self.send_header('Content-Length', str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
    return Handler


def timed(cmd, discard_stdout=False):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MiB, completed process)."""
    start = time.perf_counter()
    stdout = subprocess.DEVNULL if discard_stdout else subprocess.PIPE
    proc = subprocess.run(['/usr/bin/time', '-v'] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    match = re.search(r'Maximum resident set size \(kbytes\): (\d+)', proc.stderr)
    rss = int(match.group(1)) / 1024 if match else float('nan')
    return wall, rss, proc


def ensure_feedparser():
    venv = os.path.join(ROOT, '.bench', 'venv')
    python = os.path.join(venv, 'bin', 'python')
    if not os.path.exists(python):
        subprocess.run([sys.executable, '-m', 'venv', venv], check=True)
    probe = subprocess.run([python, '-c', 'import feedparser'], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([python, '-m', 'pip', 'install', '-q', 'feedparser==6.0.11'], check=True)
    return python


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--vigil', default=os.path.join(ROOT, '.build', 'release', 'vigil'))
    parser.add_argument('--feeds', type=int, default=200)
    parser.add_argument('--items', type=int, default=30)
    args = parser.parse_args()
    if not os.path.exists(args.vigil):
        sys.exit(f'bench: no vigil binary at {args.vigil} (run `swift build -c release` first)')

    documents = {}
    work = tempfile.mkdtemp(prefix='vigil-bench-')
    files = []
    for i in range(args.feeds):
        body = make_feed(i, args.items)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        documents[f'/feeds/{i}.xml'] = (body, etag, email.utils.formatdate(usegmt=True), gzip.compress(body))
        path = os.path.join(work, f'feed{i}.xml')
        with open(path, 'wb') as f:
            f.write(body)
        files.append(path)
    total_bytes = sum(len(d[0]) for d in documents.values())

    server = FeedServer(('127.0.0.1', 0), handler_for(documents))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f'http://127.0.0.1:{port}/feeds/{i}.xml' for i in range(args.feeds)]

    for sub in ('feeds.d', 'inbox', 'state', 'logs'):
        os.makedirs(os.path.join(work, sub))
    outlines = ''.join(f'<outline type="rss" text="Feed {i}" xmlUrl="{u}"/>\n' for i, u in enumerate(urls))
    with open(os.path.join(work, 'feeds.d', 'bench.opml'), 'w') as f:
        f.write(f'<?xml version="1.0"?><opml version="2.0"><body>\n{outlines}</body></opml>\n')
    config = os.path.join(work, 'vigil.yaml')
    with open(config, 'w') as f:
        f.write('state_dir: state\nlog_dir: logs\nfeeds_dir: feeds.d\ninbox_dir: inbox\nlog_level: warning\n'
                'poll:\n  max_concurrent: 16\n  max_per_host: 16\n')

    rows = []
    wall, rss, proc = timed([args.vigil, 'once', '--config', config])
    first = proc.stderr
    expected = f'{args.feeds * args.items} new items'
    ok_first = expected in first
    rows.append(('vigil once (200 feeds, cold store)', wall, rss, 'ok' if ok_first else 'WRONG'))
    wall, rss, proc = timed([args.vigil, 'once', '--all', '--config', config])
    ok_second = f'{args.feeds} not modified' in proc.stderr and '; 0 new items' in proc.stderr
    rows.append(('vigil once --all (all 304)', wall, rss, 'ok' if ok_second else 'WRONG'))
    wall, rss, _ = timed(['curl', '-s', '--compressed', '--parallel', '--parallel-max', '16',
                          *sum((['-o', '/dev/null', u] for u in urls), [])])
    rows.append(('reference: curl --parallel, same URLs', wall, rss, 'transfer only'))

    wall, rss, proc = timed([args.vigil, 'parse', *files], discard_stdout=True)
    rows.append((f'vigil parse ({len(files)} files, {total_bytes / 1e6:.1f} MB)', wall, rss,
                 f'{total_bytes / 1e6 / wall:.1f} MB/s'))
    try:
        python = ensure_feedparser()
        script = 'import sys, feedparser\nfor p in sys.argv[1:]:\n    feedparser.parse(open(p, "rb").read())\n'
        wall, rss, _ = timed([python, '-c', script, *files])
        rows.append(('reference: python feedparser, same files', wall, rss, f'{total_bytes / 1e6 / wall:.1f} MB/s'))
    except Exception as error:  # no PyPI: report and go on
        rows.append(('reference: python feedparser', float('nan'), float('nan'), f'unavailable: {error}'))

    server.shutdown()
    print(f'{"benchmark":<46} {"wall s":>8} {"peak MiB":>9}  result')
    for name, wall, rss, result in rows:
        print(f'{name:<46} {wall:>8.2f} {rss:>9.1f}  {result}')
    shutil.rmtree(work, ignore_errors=True)
    if not (ok_first and ok_second):
        print('bench: vigil stored a wrong number of items:\n' + first, file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
