#!/usr/bin/env python3
"""Checks the hand-written extraction fixtures, and optionally scores an extractor on them.

Without options it validates Tests/VigilParseTests/Fixtures/extraction/manifest.json against its pages: every field
is known, every page exists and is 2-30 KB (empty and binary pages aside), every expected paragraph is a paragraph of
the page's plain text, every must_contain string is in the page's text or its JSON-LD articleBody, and every
must_not_contain string and every expected title, author and date is really in the page (so no check is vacuous).

With --vigil-cmd it runs that command once over all pages (page paths appended; `vigil parse --html` prints one JSON
line per page) and checks each page's expectations the way README.md in the fixture folder describes, printing one
line per failed check and a summary. Checks that need the page's URL (base_url_needed) are skipped unless
--url-option names the extractor's URL flag, and pages that need their Content-Type header (content_type_needed) are
skipped unless --content-type-option names its flag; with either option it runs once per page, passing the flag.
Exits 1 on an invalid manifest or, with --vigil-cmd, on any failed check.

Usage: scripts/check_extraction_fixtures.py [--fixtures DIR] [--vigil-cmd CMD] [--url-option FLAG]
                                            [--content-type-option FLAG] [--verbose]
"""
import argparse, codecs, datetime, html, json, os, re, shlex, subprocess, sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'Tests', 'VigilParseTests', 'Fixtures', 'extraction')
PAGE_KEYS = {'file', 'rule', 'content_type', 'url', 'expected', 'base_url_needed', 'content_type_needed'}
EXPECTED_KEYS = {'title', 'author', 'published', 'language', 'site_name', 'canonical_url', 'must_contain',
                 'must_contain_ordered', 'must_contain_once', 'must_not_contain', 'expected_paragraphs', 'problem'}
BLOCK = {'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl',
         'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
         'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
         'tbody', 'thead', 'tfoot', 'tr', 'center', 'menu'}
SKIP = {'script', 'style', 'noscript', 'template'}


def norm_ws(text):
    """Collapses every run of Unicode white space (U+00A0, U+202F and U+3000 included) to one space."""
    return re.sub(r'\s+', ' ', text or '').strip()


def paragraphs(text):
    """An extractor's text as paragraphs: split at blank lines, white space collapsed, empty ones dropped."""
    return [p for p in (norm_ws(part) for part in re.split(r'\n[^\S\n]*\n', text or '')) if p]


class _PlainText(HTMLParser):
    """The dev set's html_to_text rule: block elements end paragraphs, cells are space-separated, no script text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.buf, self.skip = [], [], 0

    def _end(self):
        text = norm_ws(''.join(self.buf))
        if text:
            self.paragraphs.append(text)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif not self.skip and tag in BLOCK:
            self._end()
        elif not self.skip and tag in ('td', 'th', 'br'):
            self.buf.append(' ')

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif not self.skip and tag in BLOCK:
            self._end()
        elif not self.skip and tag in ('td', 'th'):
            self.buf.append(' ')

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def plain_paragraphs(markup):
    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    parser._end()
    return parser.paragraphs


def decode(raw, content_type):
    """Header charset, then BOM, then <meta> charset in the first 4 KB, then UTF-8; None for binary."""
    if b'\x00' in raw[:4096]:
        return None
    label = None
    match = re.search(r'charset\s*=\s*"?([\w.:-]+)', content_type or '', re.I)
    if match:
        label = match.group(1)
    elif raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode('utf-8')
    else:
        meta = re.search(rb'<meta[^>]+charset\s*=\s*["\']?\s*([\w.:-]+)', raw[:4096], re.I)
        label = meta.group(1).decode('ascii') if meta else 'utf-8'
    return raw.decode(label)


def json_ld_bodies(markup):
    bodies = []
    for block in re.findall(r'<script[^>]+application/ld\+json[^>]*>(.*?)</script>', markup, re.S | re.I):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get('articleBody'), str):
                    bodies.append(item['articleBody'])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return bodies


def validate(manifest, folder):
    """Returns a list of problems with the manifest and its pages."""
    problems = []
    files = set()
    for index, page in enumerate(manifest.get('pages', [])):
        where = f'pages[{index}] ({page.get("file")})'
        for key in set(page) - PAGE_KEYS:
            problems.append(f'{where}: unknown key {key!r}')
        for key in ('file', 'rule', 'content_type', 'expected'):
            if key not in page:
                problems.append(f'{where}: missing {key!r}')
        expected = page.get('expected', {})
        for key in set(expected) - EXPECTED_KEYS:
            problems.append(f'{where}: unknown expected key {key!r}')
        if page.get('file') in files:
            problems.append(f'{where}: listed twice')
        files.add(page.get('file'))
        path = os.path.join(folder, page.get('file', ''))
        if not os.path.isfile(path):
            problems.append(f'{where}: no such file')
            continue
        with open(path, 'rb') as f:
            raw = f.read()
        hostile = expected.get('expected_paragraphs') == [] and 'problem' in expected
        if not hostile and not 2048 <= len(raw) <= 30720:
            problems.append(f'{where}: {len(raw)} bytes, outside 2-30 KB')
        try:
            markup = decode(raw, page.get('content_type'))
        except (LookupError, UnicodeDecodeError) as error:
            problems.append(f'{where}: does not decode as declared: {error}')
            continue
        if markup is None or not markup.strip():
            if not hostile:
                problems.append(f'{where}: binary or empty, but expects text')
            continue
        page_paragraphs = plain_paragraphs(markup)
        text = norm_ws(' '.join(page_paragraphs))
        everything = norm_ws(html.unescape(markup))
        sources = [text] + [norm_ws(body) for body in json_ld_bodies(markup)]
        for snippet in expected.get('must_contain', []) + expected.get('must_contain_once', []):
            if not any(norm_ws(snippet) in source for source in sources):
                problems.append(f'{where}: must_contain {snippet!r} is not in the page text or articleBody')
        for snippet in expected.get('must_not_contain', []):
            if norm_ws(snippet) not in everything:
                problems.append(f'{where}: must_not_contain {snippet!r} is not in the page (a vacuous check)')
        position = 0
        for wanted in expected.get('expected_paragraphs', []):
            try:
                position = page_paragraphs.index(norm_ws(wanted), position) + 1
            except ValueError:
                problems.append(f'{where}: expected paragraph not a paragraph of the page (in order): {wanted[:60]!r}')
        for key in ('title', 'site_name'):
            if key in expected and norm_ws(expected[key]) not in everything:
                problems.append(f'{where}: {key} {expected[key]!r} is not in the page')
        for name in (expected.get('author') or '').split(';'):
            if name.strip() and norm_ws(name) not in everything:
                problems.append(f'{where}: author {name.strip()!r} is not in the page')
        if 'published' in expected and expected['published'][:10] not in everything:
            problems.append(f'{where}: published date {expected["published"][:10]} is not in the page')
        lang = re.search(r'<html[^>]*\blang="([^"]+)"', markup, re.I)
        if 'language' in expected and (not lang or lang.group(1).split('-')[0].lower() != expected['language']):
            problems.append(f'{where}: language {expected["language"]!r} is not the page\'s <html lang>')
    listed = {page.get('file') for page in manifest.get('pages', [])}
    for name in sorted(os.listdir(folder)):
        if name.endswith('.html') and name not in listed:
            problems.append(f'{name}: page not in the manifest')
    return problems


def parse_instant(value):
    try:
        return datetime.datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    except ValueError:
        return None


def check_page(page, result, url_known):
    """Returns the failed checks of one page's extractor result."""
    expected, failed = page['expected'], []
    text = result.get('text') or ''
    flat = norm_ws(text)
    if 'expected_paragraphs' in expected:
        got = paragraphs(text)
        want = [norm_ws(p) for p in expected['expected_paragraphs']]
        if got != want:
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
            failed.append(f'paragraphs: {len(got)} extracted, {len(want)} expected; first difference at #{first + 1}: '
                          f'got {(got[first] if first < len(got) else None)!r:.90} '
                          f'want {(want[first] if first < len(want) else None)!r:.90}')
    position = 0
    for snippet in expected.get('must_contain', []):
        at = flat.find(norm_ws(snippet), position if expected.get('must_contain_ordered') else 0)
        if at < 0:
            where = 'after the previous one' if norm_ws(snippet) in flat else 'anywhere'
            failed.append(f'must_contain: {snippet!r:.80} not found {where}')
        else:
            position = at + len(norm_ws(snippet))
    for snippet in expected.get('must_contain_once', []):
        count = flat.count(norm_ws(snippet))
        if count != 1:
            failed.append(f'must_contain_once: {snippet!r:.80} found {count} times')
    for snippet in expected.get('must_not_contain', []):
        if norm_ws(snippet) in flat:
            failed.append(f'must_not_contain: {snippet!r:.80} is in the text')
    if 'problem' in expected and not result.get('problems'):
        failed.append(f'problem: none reported (expected one like {expected["problem"]!r})')
    for key in ('title', 'site_name'):
        if key in expected and norm_ws(result.get(key)).casefold() != norm_ws(expected[key]).casefold():
            failed.append(f'{key}: got {result.get(key)!r}, want {expected[key]!r}')
    if 'author' in expected:
        author = result.get('author')
        author = '; '.join(author) if isinstance(author, list) else author or ''
        got = [norm_ws(a).casefold() for a in author.split(';') if a.strip()]
        if got != [norm_ws(a).casefold() for a in expected['author'].split(';')]:
            failed.append(f'author: got {result.get("author")!r}, want {expected["author"]!r}')
    if 'published' in expected:
        want, got = expected['published'], result.get('published') or ''
        if len(want) > 10 and len(str(got)) > 10:  # two timestamps: the same instant
            same = parse_instant(got) is not None and parse_instant(want) == parse_instant(got)
        else:  # a date alone: the calendar date as the page gives it
            same = str(got)[:10] == want[:10]
        if not same:
            failed.append(f'published: got {got!r}, want {want!r}')
    if 'language' in expected:
        got = str(result.get('language') or '').replace('_', '-').split('-')[0].lower()
        if got != expected['language']:
            failed.append(f'language: got {result.get("language")!r}, want {expected["language"]!r}')
    if 'canonical_url' in expected and (url_known or 'canonical_url' not in page.get('base_url_needed', [])):
        if result.get('canonical_url') != expected['canonical_url']:
            failed.append(f'canonical_url: got {result.get("canonical_url")!r}, want {expected["canonical_url"]!r}')
    return failed


def run_extractor(args, manifest, folder):
    """Maps each page file to the extractor's JSON line for it."""
    pages = manifest['pages']
    paths = {os.path.realpath(os.path.join(folder, page['file'])): page['file'] for page in pages}
    per_page = bool(args.url_option or args.content_type_option)
    batches = [[os.path.join(folder, page['file'])] for page in pages] if per_page else \
        [[os.path.join(folder, page['file']) for page in pages]]
    results = {}
    for page, batch in zip(pages if per_page else [None], batches):
        cmd = shlex.split(args.vigil_cmd)
        if page is not None and args.url_option and page.get('url'):
            cmd += [args.url_option, page['url']]
        if page is not None and args.content_type_option:
            cmd += [args.content_type_option, page['content_type']]
        proc = subprocess.run(cmd + batch, capture_output=True, timeout=300)
        for line in proc.stdout.decode('utf-8', 'replace').splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            name = paths.get(os.path.realpath(str(item.get('source'))))
            if name:
                results[name] = item
        if proc.returncode not in (0, 1):
            print(f'extractor exited {proc.returncode}: {proc.stderr.decode("utf-8", "replace")[:300]}',
                  file=sys.stderr)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--fixtures', default=FIXTURES, help='the fixture folder (default: %(default)s)')
    parser.add_argument('--vigil-cmd', help='extractor command; page paths are appended '
                        '(e.g. ".build/release/vigil parse --html")')
    parser.add_argument('--url-option', help='the extractor\'s flag for the page URL; runs once per page with it')
    parser.add_argument('--content-type-option', help='the extractor\'s flag for the Content-Type header; runs once '
                        'per page with it')
    parser.add_argument('--verbose', action='store_true', help='also list the pages that pass')
    args = parser.parse_args()
    with open(os.path.join(args.fixtures, 'manifest.json'), encoding='utf-8') as f:
        manifest = json.load(f)
    problems = validate(manifest, args.fixtures)
    for problem in problems:
        print(f'manifest: {problem}')
    print(f'manifest: {len(manifest["pages"])} pages, {len(problems)} problems')
    if problems:
        sys.exit(1)
    if not args.vigil_cmd:
        return
    results = run_extractor(args, manifest, args.fixtures)
    passed = failed = skipped = 0
    for page in manifest['pages']:
        if page.get('content_type_needed') and not args.content_type_option:
            skipped += 1
            print(f'skip {page["file"]}: decodes right only with its Content-Type header (--content-type-option)')
            continue
        result = results.get(page['file'])
        failures = ['no output line for this page'] if result is None else \
            check_page(page, result, bool(args.url_option))
        if failures:
            failed += 1
            print(f'FAIL {page["file"]}')
            for failure in failures:
                print(f'     {failure}')
        else:
            passed += 1
            if args.verbose:
                print(f'ok   {page["file"]}')
    print(f'fixture pages: {passed} passed, {failed} failed, {skipped} skipped')
    if failed:
        sys.exit(1)


if __name__ == '__main__':
    main()
