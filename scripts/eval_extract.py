#!/usr/bin/env python3
"""Quick evaluation of Vigil's article extractor on the shared extraction dev set (no references).

Runs `vigil parse --html` once over every page, writes predictions, scores them with the dev set's score.py
and prints its summary plus the worst pages. For the full comparison with trafilatura and readability-lxml,
use `make bench-extract`.

Usage: scripts/eval_extract.py [--vigil .build/release/vigil] [--dataset ../shared/extraction] [--source S]
"""
import argparse, json, os, resource, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--vigil', default=os.path.join(ROOT, '.build', 'release', 'vigil'))
    parser.add_argument('--dataset', default=os.path.join(ROOT, '..', 'shared', 'extraction'))
    parser.add_argument('--source', choices=['trafilatura', 'readability'])
    parser.add_argument('--out', default=os.path.join(ROOT, '.bench', 'extract'))
    parser.add_argument('--worst', type=int, default=15)
    parser.add_argument('--metadata', action='store_true',
                        help='list title/author/published mismatches (scored as score.py does)')
    args = parser.parse_args()
    dataset = os.path.abspath(args.dataset)
    cases = [json.loads(line) for line in open(os.path.join(dataset, 'cases.jsonl'))]
    if args.source:
        cases = [c for c in cases if c['source'] == args.source]
    files = [os.path.join(dataset, c['file']) for c in cases]
    by_path = {path: case for path, case in zip(files, cases)}
    start = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([args.vigil, 'parse', '--html', *files], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    predictions = os.path.join(args.out, 'vigil.jsonl')
    with open(predictions, 'w') as out:
        for line in proc.stdout.splitlines():
            article = json.loads(line)
            case = by_path[article['source']]
            out.write(json.dumps({'id': case['id'], 'text': article['text'] or '', 'title': article['title'],
                                  'author': article['author'], 'published': article['published']}) + '\n')
    per_case = os.path.join(args.out, 'vigil.per-case.jsonl')
    score = [sys.executable, os.path.join(dataset, 'score.py'), predictions, '--per-case', per_case]
    if args.source:
        score += ['--source', args.source]
    print(subprocess.run(score, capture_output=True, text=True).stdout)
    print(f'vigil: {len(files)} pages in {seconds:.3f} s = {len(files) / seconds:.0f} pages/s (one process); '
          f'{1000 * seconds / len(files):.2f} ms/page wall, {1000 * cpu / len(files):.2f} ms/page CPU '
          f'(process start included; trafilatura 2.3.1 on this machine: 32.3 ms/page)')
    if args.metadata:
        print_metadata_mismatches(cases, predictions)
    rows = [json.loads(line) for line in open(per_case)]

    def badness(row):
        if row.get('token_f1') is not None:
            return row['token_f1']
        found = row.get('with_found', 0) / max(1, row.get('with_total', 1))
        absent = 1 - row.get('without_present', 0) / max(1, row.get('without_total', 1))
        return (found + absent) / 2
    print('worst pages:')
    for row in sorted(rows, key=badness)[:args.worst]:
        keys = {k: v for k, v in row.items() if k != 'id' and not isinstance(v, (list, dict))}
        print(' ', row['id'], json.dumps(keys)[:200])


def print_metadata_mismatches(cases, predictions):
    """Title and author: exact after case-folding and whitespace collapsing; published: first 10 characters."""
    norm = lambda s: ' '.join((s or '').split()).casefold()
    got = {p['id']: p for p in map(json.loads, open(predictions))}
    for field in ('title', 'author', 'published'):
        misses = []
        for case in cases:
            expected = case.get('expected_' + field)
            if not expected:
                continue
            value = got.get(case['id'], {}).get(field) or ''
            hit = value[:10] == expected[:10] if field == 'published' else norm(value) == norm(expected)
            if not hit:
                misses.append((case['id'], value, expected))
        print(f'{field} mismatches ({len(misses)}):')
        for cid, value, expected in misses:
            print(f'  {cid[:44]:44} got {value[:70]!r}')
            print(f'  {"":44} exp {expected[:70]!r}')


if __name__ == '__main__':
    main()
