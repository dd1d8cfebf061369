#!/usr/bin/env python3
"""Writes the hostile pages the article extractor must survive, and optionally times an extractor on them.

Pages (deterministic: the same bytes on every run), written into DIR with a manifest, bad-pages.json:
  huge-article-20mb.html   a realistic article whose body repeats to 20 MB
  huge-table-20mb.html     an article with a 20 MB data table
  nested-divs-100k.html    100,000 nested <div>s around one paragraph
  binary-5mb.html          5 MB of random bytes (served as text/html)
  siblings-50k-p.html      50,000 <p> siblings in one article
  text-node-10mb.html      one 10 MB text node in one <p>
  long-word-1mb.html       one 1 MB "word" with no white space
  nested-inline-100k.html  100,000 nested inline tags (<b><i><span><a>...)
  unclosed-tags.html       20,000 blocks of <div><p><b><a><table><td><li> never closed
  script-blocks-10k.html   10,000 <script> blocks (some holding "</p>", "<!--", "</scr"+"ipt>") around an article
The manifest lists, per page, its bytes, what it tests and, where the article survives, a marker sentence the text
must contain. Tests generate these at run time; they are never committed. --scale shrinks every size (0.05 gives
pages of about 1 MB, for quick tests).

With --run CMD it also runs CMD + page (one process per page, e.g. `.build/release/vigil parse --html`), and prints
wall time, peak memory, exit status, output size and whether the first JSON line's "text" meets the manifest's
text_contains / text_not_contains / text_empty for each. It sets no time or memory limit: tests choose their own.

Usage: scripts/make_bad_pages.py DIR [--scale 1.0] [--only NAME,...] [--run CMD] [--timeout 120]
"""
import argparse, json, os, random, resource, shlex, subprocess, sys, threading, time

MARKER = 'The district council confirmed the figures on Tuesday evening, marker {}.'
PARAGRAPHS = [
    'Gunmen attacked a police checkpoint on the northern approach to the town of Velmora shortly after midnight, '
    'killing two officers and wounding three others, the regional police said.',
    'Witnesses said the attackers arrived in two pick-up trucks and opened fire from the road before driving off '
    'towards the hills. A search involving soldiers and a helicopter continued through the morning.',
    '"They knew exactly when the shift changed," said a local official, who asked not to be named. "This was '
    'planned, and it was planned by people who have watched the checkpoint for weeks."',
    'It was the third attack on security forces in the district this month. Schools in the area were closed on '
    'Monday and the main road to the provincial capital stayed shut until the afternoon.',
]
HEAD = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        '<meta property="og:title" content="{title}">\n<meta property="og:type" content="article">\n</head>\n<body>\n'
        '<header class="site-header"><a href="/">Bench News</a><nav><a href="/world">World</a> '
        '<a href="/region">Region</a></nav></header>\n')
FOOT = '<footer class="site-footer"><p>&copy; 2024 Bench News. All rights reserved.</p></footer>\n</body>\n</html>\n'


def article_open(title):
    return HEAD.format(title=title) + f'<main><article><h1>{title}</h1>\n<div class="article-body">\n'


def article_close():
    return '</div>\n</article></main>\n' + FOOT


def write_until(f, size, chunk_fn):
    """Writes chunk_fn(i) for i = 0, 1, ... until size bytes are written; returns the chunk count."""
    written = count = 0
    while written < size:
        chunk = chunk_fn(count).encode()
        f.write(chunk)
        written += len(chunk)
        count += 1
    return count


def huge_article(f, scale):
    f.write(article_open('Huge article: one body repeated to 20 MB').encode())
    f.write(f'<p>{MARKER.format("huge-article")}</p>\n'.encode())
    write_until(f, int(20e6 * scale), lambda i: f'<p>{PARAGRAPHS[i % 4]} ({i})</p>\n')
    f.write(article_close().encode())
    return {'tests': 'a 20 MB article: time and memory stay bounded (a body cap may cut it)',
            'text_contains': MARKER.format('huge-article')}


def huge_table(f, scale):
    f.write(article_open('Huge table: 20 MB of rows').encode())
    f.write(f'<p>{MARKER.format("huge-table")}</p>\n<table><thead><tr><th>District</th><th>Incidents</th>'
            '<th>Killed</th><th>Wounded</th><th>Notes</th></tr></thead><tbody>\n'.encode())
    write_until(f, int(20e6 * scale), lambda i: f'<tr><td>District {i}</td><td>{i % 97}</td><td>{i % 13}</td>'
                f'<td>{i % 41}</td><td>Reported by the provincial office, week {i % 52 + 1}</td></tr>\n')
    f.write(('</tbody></table>\n' + article_close()).encode())
    return {'tests': 'a 20 MB table inside an article: bounded time and memory',
            'text_contains': MARKER.format('huge-table')}


def nested_divs(f, scale):
    depth = int(100_000 * scale)
    f.write(HEAD.format(title='100,000 nested divs').encode())
    f.write(''.join(f'<div class="wrap-{i % 10}">' for i in range(depth)).encode())
    f.write(f'<p>{MARKER.format("nested-divs")}</p>'.encode())
    f.write(('</div>' * depth + '\n' + FOOT).encode())
    return {'tests': f'{depth:,} nested <div>s: no stack overflow in parsing or in any tree walk',
            'depth': depth}


def binary(f, scale):
    rng = random.Random(5)
    size = int(5e6 * scale)
    f.write(b'\x89PNG\r\n\x1a\n')
    for start in range(8, size, 1 << 16):
        f.write(rng.randbytes(min(1 << 16, size - start)))
    return {'tests': '5 MB of random bytes served as text/html: empty text and a problem, no garbage',
            'text_empty': True}


def siblings(f, scale):
    count = int(50_000 * scale)
    f.write(article_open('50,000 paragraphs').encode())
    f.write(f'<p>{MARKER.format("siblings")}</p>\n'.encode())
    for i in range(count):
        f.write(f'<p>Paragraph {i}: {PARAGRAPHS[i % 4][:90]}</p>\n'.encode())
    f.write(article_close().encode())
    return {'tests': f'{count:,} <p> siblings: no quadratic scoring of siblings',
            'text_contains': MARKER.format('siblings')}


def text_node(f, scale):
    f.write(article_open('One 10 MB text node').encode())
    f.write(f'<p>{MARKER.format("text-node")}</p>\n<p>'.encode())
    words = ' '.join(PARAGRAPHS).replace('"', '')
    write_until(f, int(10e6 * scale), lambda i: words + ' ')
    f.write(('</p>\n' + article_close()).encode())
    return {'tests': 'a single 10 MB text node: white-space collapsing and tokenising stay linear',
            'text_contains': MARKER.format('text-node')}


def long_word(f, scale):
    f.write(article_open('One 1 MB word').encode())
    f.write(f'<p>{MARKER.format("long-word")}</p>\n<p>'.encode())
    f.write(('incident' * int(125_000 * scale)).encode())
    f.write(('</p>\n' + article_close()).encode())
    return {'tests': 'a 1 MB run without white space: no regex backtracking, no per-word blow-up',
            'text_contains': MARKER.format('long-word')}


def nested_inline(f, scale):
    depth = int(100_000 * scale)
    tags = ['b', 'i', 'span', 'em', 'strong', 'a', 'font', 'u']
    f.write(article_open('100,000 nested inline tags').encode())
    f.write(f'<p>{MARKER.format("nested-inline")} '.encode())
    f.write(''.join(f'<{tags[i % 8]}>' + ('w ' if i % 100 == 0 else '') for i in range(depth)).encode())
    f.write(''.join(f'</{tags[i % 8]}>' for i in reversed(range(depth))).encode())
    f.write(('</p>\n' + article_close()).encode())
    return {'tests': f'{depth:,} nested inline tags inside one paragraph: no stack overflow, bounded time',
            'depth': depth}


def unclosed(f, scale):
    count = int(20_000 * scale)
    f.write(HEAD.format(title='Unclosed tags everywhere').encode())
    f.write(b'<main><article>\n')
    for i in range(count):
        lead = MARKER.format('unclosed') + ' ' if i == 0 else ''  # inside the nest, where any extraction looks
        f.write(f'<div class="c{i % 7}"><p>{lead}{PARAGRAPHS[i % 4][:120]} <b>bold {i} <a href="/x/{i}">link <i>it '
                f'<table><tr><td>cell {i}<li>item {i}<span>\n'.encode())
    f.write(b'<footer>Never closed')
    return {'tests': f'{count:,} blocks of <div><p><b><a><i><table><tr><td><li><span> never closed, no </body>: '
                     'recovery stays bounded in depth and time',
            'text_contains': MARKER.format('unclosed')}


def script_blocks(f, scale):
    count = int(10_000 * scale)
    f.write(article_open('10,000 script blocks').encode())
    for i in range(count):
        if i % 500 == 0:
            f.write(f'<p>{MARKER.format(f"script-{i // 500}") if i == 0 else PARAGRAPHS[(i // 500) % 4]}</p>\n'
                    .encode())
        body = (f'window.dataLayer = window.dataLayer || []; dataLayer.push({{"slot": {i}, "html": "<p>ad</p>", '
                f'"tag": "</scr" + "ipt>"}}); /* <!-- {i} --> */ if (a < b && c > d) {{ document.write("<div>"); }}')
        f.write(f'<script>{body}</script>\n'.encode())
    f.write(article_close().encode())
    return {'tests': f'{count:,} <script> blocks whose code holds markup-like strings: none of it becomes text',
            'text_contains': MARKER.format('script-0'), 'text_not_contains': 'dataLayer'}


PAGES = {
    'huge-article-20mb.html': huge_article,
    'huge-table-20mb.html': huge_table,
    'nested-divs-100k.html': nested_divs,
    'binary-5mb.html': binary,
    'siblings-50k-p.html': siblings,
    'text-node-10mb.html': text_node,
    'long-word-1mb.html': long_word,
    'nested-inline-100k.html': nested_inline,
    'unclosed-tags.html': unclosed,
    'script-blocks-10k.html': script_blocks,
}


def run(cmd, path, timeout):
    """Runs cmd + path; returns (wall s, peak RSS MiB, exit status or 'timeout', stdout bytes)."""
    with open(os.devnull, 'wb') as devnull:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd + [path], stdout=subprocess.PIPE, stderr=devnull)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        out = b''.join(iter(lambda: proc.stdout.read(1 << 16), b''))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        outcome = 'timeout' if wall >= timeout else proc.returncode
        return wall, usage.ru_maxrss / 1024, outcome, out


def text_check(page, out):
    """'ok', or what the first JSON line's text gets wrong against the page's manifest entry."""
    try:
        text = json.loads(out.decode('utf-8', 'replace').splitlines()[0]).get('text') or ''
    except (IndexError, ValueError, AttributeError):
        return 'no JSON line'
    if page.get('text_empty') and text.strip():
        return 'text not empty'
    if page.get('text_contains') and page['text_contains'] not in text:
        return 'marker missing'
    if page.get('text_not_contains') and page['text_not_contains'] in text:
        return f'holds {page["text_not_contains"]!r}'
    return 'ok'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('dir', help='folder to write the pages into (created if missing)')
    parser.add_argument('--scale', type=float, default=1.0, help='size factor for every page (default 1)')
    parser.add_argument('--only', help='comma-separated page names (default: all)')
    parser.add_argument('--run', help='extractor command; each page path is appended, one process per page')
    parser.add_argument('--timeout', type=float, default=120, help='seconds allowed per page with --run')
    args = parser.parse_args()
    if not 0 < args.scale <= 1:
        parser.error('--scale must be in (0, 1]')
    names = list(PAGES) if not args.only else [n.strip() for n in args.only.split(',')]
    unknown = [n for n in names if n not in PAGES]
    if unknown:
        parser.error(f'unknown pages {unknown}; known: {", ".join(PAGES)}')
    os.makedirs(args.dir, exist_ok=True)
    manifest = []
    for name in names:
        path = os.path.join(args.dir, name)
        with open(path, 'wb') as f:
            entry = PAGES[name](f, args.scale)
        manifest.append({'file': name, 'bytes': os.path.getsize(path), 'content_type': 'text/html', **entry})
    with open(os.path.join(args.dir, 'bad-pages.json'), 'w', encoding='utf-8') as f:
        json.dump({'scale': args.scale, 'pages': manifest}, f, indent=2)
        f.write('\n')
    total = sum(page['bytes'] for page in manifest)
    print(f'wrote {len(manifest)} pages, {total / 1e6:.1f} MB, into {args.dir} (manifest: bad-pages.json)')
    if not args.run:
        return
    cmd = shlex.split(args.run)
    print(f'{"page":<26} {"MB":>6} {"wall s":>8} {"peak MiB":>9} {"exit":>7} {"out KB":>8}  text')
    for page in manifest:
        wall, peak, outcome, out = run(cmd, os.path.join(args.dir, page['file']), args.timeout)
        print(f'{page["file"]:<26} {page["bytes"] / 1e6:>6.1f} {wall:>8.2f} {peak:>9.1f} {outcome!s:>7} '
              f'{len(out) / 1024:>8.1f}  {text_check(page, out)}')


if __name__ == '__main__':
    main()
