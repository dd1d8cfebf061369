#!/usr/bin/env python3
"""Article extraction benchmark: Vigil's HTML extractor beside trafilatura and readability-lxml on one dev set.

Runs three extractors over the same pages of the extraction dev set (its README explains the cases) and prints one
comparison table:
  - vigil: one `vigil parse --html FILE...` process over all pages, one JSON line per page, matched by `source`;
  - trafilatura 2.3.1: bare_extraction(html_bytes, include_comments=False, include_tables=True, with_metadata=True);
  - readability-lxml: Document(html_bytes).summary() turned into text by the dev set's html_to_text, title from
    short_title() (it extracts no author or date).
Predictions are written to .bench/extract/<name>.jsonl and scored by the dev set's score.py (per page into
.bench/extract/<name>.per-case.jsonl). Speed is pages per second on one CPU core, best of 3 runs. The Python tools
run in .bench/venv (created by `make bench-venv`), pinned to the core, timed over their extraction calls only with
the pages already in memory and their LRU caches emptied before each run; Vigil is timed as the whole process,
start-up and file reading included.
Exits 1 if an extractor could not run.

Usage: scripts/bench_extract.py [--dataset DIR] [--vigil-cmd CMD] [--only vigil,trafilatura,readability]
                                [--python VENV_PYTHON] [--repeat 3] [--cpu 0]
"""
import argparse, collections, hashlib, importlib.util, json, os, resource, shlex, subprocess, sys, tempfile
import threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, '.bench', 'extract')
EXTRACTORS = ('vigil', 'trafilatura', 'readability')
TRAFILATURA_VERSION = '2.3.1'


def load_scorer(dataset):
    """The dev set's score.py as a module (standard library only): html_to_text and the snippet rule."""
    sys.dont_write_bytecode = True  # the dev set's folder is read-only, and no cache belongs there
    spec = importlib.util.spec_from_file_location('extraction_score', os.path.join(dataset, 'score.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(dataset):
    with open(os.path.join(dataset, 'cases.jsonl'), encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def pin(cpu):
    os.sched_setaffinity(0, {cpu})


# --------------------------------------------------------------------------- Python references (run in the venv)

def reference_extractor(name):
    """Returns (extract(raw bytes) -> prediction dict, versions) for a Python reference."""
    from importlib.metadata import version
    versions = {'lxml': version('lxml')}
    if name == 'trafilatura':
        import trafilatura
        versions['trafilatura'] = version('trafilatura')

        def extract(raw):
            doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=True, with_metadata=True)
            if doc is None:
                return {'text': '', 'title': '', 'author': '', 'published': ''}
            get = doc.get if isinstance(doc, dict) else (lambda key: getattr(doc, key, None))
            return {'text': get('text') or '', 'title': get('title') or '', 'author': get('author') or '',
                    'published': get('date') or ''}
        return extract, versions
    if name == 'readability':
        from readability import Document
        versions['readability-lxml'] = version('readability-lxml')

        def extract(raw):
            doc = Document(raw)
            # Markup, converted to text outside the timed loop; no author or date, so neither key is scored.
            return {'html': doc.summary(), 'title': doc.short_title() or ''}
        return extract, versions
    raise ValueError(name)


def clear_memo_caches():
    """Empties every functools LRU cache (trafilatura and htmldate memoise per text), so that a repeated run
    does not find this set's pages already done: about 4% of trafilatura's time. Lazy set-up stays warm."""
    import functools, gc
    for item in gc.get_objects():
        if isinstance(item, functools._lru_cache_wrapper):
            item.cache_clear()


def worker(args):
    """Inside the venv: times one reference over every page, writes its predictions, prints a JSON summary."""
    pin(args.cpu)
    scorer = load_scorer(args.dataset)
    cases = load_cases(args.dataset)
    pages = []
    for case in cases:
        with open(os.path.join(args.dataset, case['file']), 'rb') as f:
            pages.append(f.read())
    extract, versions = reference_extractor(args.worker)
    walls, cpus, first, errors = [], [], None, {}
    for _ in range(args.repeat):
        clear_memo_caches()
        results = []
        start, cpu_start = time.perf_counter(), time.process_time()
        for case, raw in zip(cases, pages):
            try:
                results.append(extract(raw))
            except Exception as error:  # a crash counts as an empty extraction, as in score.py
                errors[case['id']] = f'{type(error).__name__}: {error}'[:200]
                results.append({'text': ''})
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
        first = first or results
    with open(args.out, 'w', encoding='utf-8') as f:
        for case, result in zip(cases, first):
            if 'html' in result:
                result = {'text': scorer.html_to_text(result.pop('html') or ''), **result}
            f.write(json.dumps({'id': case['id'], **result}, ensure_ascii=False) + '\n')
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'walls': walls, 'cpus': cpus, 'errors': errors, 'versions': versions, 'peak_mib': peak}))


def run_reference(name, args, cases):
    """Runs the worker for one reference in the venv; returns a result row."""
    row = {'name': name, 'pages': len(cases)}
    if not os.path.exists(args.python):
        row['unavailable'] = f'no Python at {args.python} (run `make bench-venv`)'
        return row
    out = os.path.join(OUT, f'{name}.jsonl')
    cmd = [args.python, os.path.abspath(__file__), '--worker', name, '--dataset', args.dataset, '--out', out,
           '--repeat', str(args.repeat), '--cpu', str(args.cpu)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ['no output'])[-1]
        row['unavailable'] = f'{name} failed in {args.python}: {last} (run `make bench-venv`)'
        return row
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    row.update(walls=summary['walls'], cpus=summary['cpus'], peak_mib=summary['peak_mib'], versions=summary['versions'],
               errors=summary['errors'], predictions=out)
    return row


# --------------------------------------------------------------------------- Vigil

def run_timed(cmd, cpu, stdout_path, timeout):
    """Runs cmd pinned to one core; returns (wall s, CPU s, exit status, peak RSS MiB, stderr text)."""
    with open(stdout_path, 'wb') as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, preexec_fn=lambda: pin(cpu))
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        text = stderr.read().decode('utf-8', 'replace')
        cpu = usage.ru_utime + usage.ru_stime
        if wall >= timeout:
            return wall, cpu, f'killed after {timeout} s', usage.ru_maxrss / 1024, text
        return wall, cpu, proc.returncode, usage.ru_maxrss / 1024, text


def as_text(value):
    """A JSON field as the scorer's string: null is empty, a list (several authors) is joined with "; "."""
    if isinstance(value, list):
        return '; '.join(str(v) for v in value if v)
    return '' if value is None else str(value)


def run_vigil(args, cases):
    """Runs `vigil parse --html` over every page `repeat` times; maps the first run's lines to cases."""
    row = {'name': 'vigil', 'pages': len(cases)}
    cmd = shlex.split(args.vigil_cmd)
    if not cmd or (os.sep in cmd[0] and not os.path.exists(cmd[0])):
        row['unavailable'] = f'no vigil binary at {cmd[0] if cmd else "?"} (run `make release`)'
        return row
    files = [os.path.join(args.dataset, case['file']) for case in cases]
    by_path = {os.path.realpath(path): case['id'] for path, case in zip(files, cases)}
    walls, cpus, digests, first = [], [], set(), None
    for attempt in range(args.repeat):
        stdout_path = os.path.join(OUT, f'vigil.raw.{attempt}.jsonl')
        wall, cpu, status, peak, stderr = run_timed(cmd + files, args.cpu, stdout_path, args.timeout)
        walls.append(wall)
        cpus.append(cpu)
        with open(stdout_path, 'rb') as f:
            raw = f.read()
        digests.add(hashlib.sha256(raw).hexdigest())
        if attempt == 0:
            first = (raw, status, peak, stderr)
            if status != 0 and not raw.strip():
                break  # nothing to time: the command does not work
        else:
            os.remove(stdout_path)
    raw, status, peak, stderr = first
    predictions, problems, notes = {}, collections.Counter(), []
    bad_lines = unmatched = duplicates = 0
    for line in raw.decode('utf-8', 'replace').splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            bad_lines += 1
            continue
        if item.get('kind') != 'article':
            bad_lines += 1
            continue
        case_id = by_path.get(os.path.realpath(str(item.get('source'))))
        if case_id is None:
            unmatched += 1
            continue
        duplicates += case_id in predictions
        predictions[case_id] = {key: as_text(item.get(key)) for key in ('text', 'title', 'author', 'published')}
        for problem in item.get('problems') or []:
            problems[str(problem)[:80]] += 1
    if not predictions:
        first_error = (stderr.strip().splitlines() or ['no output'])[0]
        row['unavailable'] = f'`{" ".join(cmd)}` printed no article line (exit {status}): {first_error[:160]}'
        return row
    if status != 0:
        notes.append(f'exit status {status}; stderr starts: {(stderr.strip().splitlines() or [""])[0][:120]}')
    missing = len(cases) - len(predictions)
    for count, what in ((missing, 'pages without an output line (scored as empty)'),
                        (bad_lines, 'lines that are not article JSON'),
                        (unmatched, 'lines whose source matches no page'),
                        (duplicates, 'pages printed twice (last kept)')):
        if count:
            notes.append(f'{count} {what}')
    if len(digests) > 1:
        notes.append(f'output differs between the {args.repeat} runs (nondeterministic)')
    out = os.path.join(OUT, 'vigil.jsonl')
    with open(out, 'w', encoding='utf-8') as f:
        for case in cases:
            if case['id'] in predictions:
                f.write(json.dumps({'id': case['id'], **predictions[case['id']]}, ensure_ascii=False) + '\n')
    row.update(walls=walls, cpus=cpus, peak_mib=peak, predictions=out, notes=notes, problems=problems,
               versions={'command': ' '.join(cmd)})
    return row


# --------------------------------------------------------------------------- scoring and report

def score(row, args):
    per_case = os.path.join(OUT, f'{row["name"]}.per-case.jsonl')
    proc = subprocess.run([sys.executable, os.path.join(args.dataset, 'score.py'), row['predictions'], '--json',
                           '--per-case', per_case], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f'bench: score.py failed on {row["predictions"]}:\n{proc.stderr}')
    row['scores'] = json.loads(proc.stdout)['all']
    with open(per_case, encoding='utf-8') as f:
        row['per_case'] = {r['id']: r for r in map(json.loads, f)}


def metric_rows(rows, cases):
    """(label, {name: cell text}) for the comparison table."""
    def cell(fn):
        out = {}
        for row in rows:
            try:
                out[row['name']] = fn(row) if 'scores' in row else '-'
            except (KeyError, TypeError, ZeroDivisionError):
                out[row['name']] = 'n/a'
        return out

    def meta(key):
        return lambda r: f'{r["scores"]["metadata"][key]["exact"]:.3f} ({r["scores"]["metadata"][key]["n"]})'

    token_pages = sum(1 for case in cases if case.get('expected_text'))
    snippet_pages = sum(1 for case in cases if case.get('must_contain') or case.get('must_not_contain'))
    trafilatura = next((r for r in rows if r['name'] == 'trafilatura' and 'walls' in r), None)
    speed = {r['name']: r['pages'] / min(r['walls']) for r in rows if 'walls' in r}
    tok = lambda r: r['scores']['token']
    sh = lambda r: r['scores']['shingle']
    sn = lambda r: r['scores']['snippets']
    return [
        (f'token F1 (P / R), {token_pages} readability pages',
         cell(lambda r: f'{tok(r)["f1_mean"]:.3f} ({tok(r)["precision_mean"]:.3f} / {tok(r)["recall_mean"]:.3f})')),
        ('shingle F1 (P / R), same pages',
         cell(lambda r: f'{sh(r)["f1"]:.3f} ({sh(r)["precision"]:.3f} / {sh(r)["recall"]:.3f})')),
        (f'must_contain found, {snippet_pages} trafilatura pages', cell(lambda r: f'{sn(r)["with_found_share"]:.3f}')),
        ('must_not_contain absent', cell(lambda r: f'{sn(r)["without_absent_share"]:.3f}')),
        ('pages passing all snippets', cell(lambda r: f'{sn(r)["page_pass_rate"]:.3f}')),
        ('snippet F1', cell(lambda r: f'{sn(r)["snippet_f1"]:.3f}')),
        ('title exact (n)', cell(meta('title'))),
        ('author exact (n)', cell(meta('author'))),
        ('published date exact (n)', cell(meta('published'))),
        ('pages/s on one core, best of runs', cell(lambda r: f'{speed[r["name"]]:.1f}')),
        ('speed vs trafilatura',
         cell(lambda r: f'{speed[r["name"]] / speed["trafilatura"]:.2f}x' if trafilatura else 'n/a')),
        ('best wall s (all runs)', cell(lambda r: f'{min(r["walls"]):.2f} (' +
                                        ' '.join(f'{w:.2f}' for w in r['walls']) + ')')),
        ('CPU s of the best run', cell(lambda r: f'{r["cpus"][r["walls"].index(min(r["walls"]))]:.2f}')),
        ('peak RSS MiB', cell(lambda r: f'{r["peak_mib"]:.0f}')),
    ]


def print_table(rows, cases):
    names = [r['name'] for r in rows]
    table = metric_rows(rows, cases)
    width = max(len(label) for label, _ in table)
    cols = {n: max([len(n)] + [len(values[n]) for _, values in table]) for n in names}
    print(f'{"metric":<{width}}  ' + '  '.join(f'{n:>{cols[n]}}' for n in names))
    for label, values in table:
        print(f'{label:<{width}}  ' + '  '.join(f'{values[n]:>{cols[n]}}' for n in names))


def failures(case, text, scorer):
    """The snippets a prediction misses or leaks, by the scorer's whitespace-normalised rule."""
    pred = scorer.norm_ws(text)
    missing = [s for s in case.get('must_contain') or [] if scorer.norm_ws(s) not in pred]
    leaked = [s for s in case.get('must_not_contain') or [] if scorer.norm_ws(s) in pred]
    return missing, leaked


def print_worst(rows, cases, scorer, count=10):
    """Vigil's worst pages by loss: 1 - token F1, or the share of snippets failed; trafilatura beside them."""
    vigil = next((r for r in rows if r['name'] == 'vigil' and 'per_case' in r), None)
    if vigil is None:
        return
    reference = next((r for r in rows if r['name'] == 'trafilatura' and 'per_case' in r), None)
    texts = {}
    with open(vigil['predictions'], encoding='utf-8') as f:
        for line in f:
            item = json.loads(line)
            texts[item['id']] = item['text']

    def describe(per_case):
        if per_case is None:
            return 1.0, 0, '-'
        if 'token_f1' in per_case:
            return (1 - per_case['token_f1'], 0, f'F1 {per_case["token_f1"]:.2f} '
                    f'(P {per_case["token_precision"]:.2f} R {per_case["token_recall"]:.2f})')
        failed = per_case['with_total'] - per_case['with_found'] + per_case['without_present']
        total = per_case['with_total'] + per_case['without_total']
        return (failed / total if total else 0.0, failed,
                f'found {per_case["with_found"]}/{per_case["with_total"]}, '
                f'leaked {per_case["without_present"]}/{per_case["without_total"]}')

    ranked = []
    for case in cases:
        loss, failed, text = describe(vigil['per_case'].get(case['id']))
        if loss > 0:
            ranked.append((loss, failed, case, text))
    ranked.sort(key=lambda x: (-x[0], -x[1], x[2]['id']))
    print(f'\nVigil\'s {min(count, len(ranked))} worst pages (of {len(ranked)} imperfect), trafilatura beside them:')
    if not ranked:
        return
    width = max(len(x[2]['id']) for x in ranked[:count])
    print(f'{"id":<{width}}  {"vigil":<28}  {"trafilatura":<28}  first miss')
    for loss, failed, case, text in ranked[:count]:
        ref = describe(reference['per_case'].get(case['id']))[2] if reference else '-'
        miss = ''
        if case.get('expected_text') is None:
            missing, leaked = failures(case, texts.get(case['id'], ''), scorer)
            miss = f'lacks {missing[0]!r}' if missing else f'keeps {leaked[0]!r}' if leaked else ''
        else:
            miss = f'{vigil["per_case"][case["id"]]["pred_chars"]} chars vs {len(case["expected_text"])} expected'
        print(f'{case["id"]:<{width}}  {text:<28}  {ref:<28}  {miss[:60]}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--dataset', default=os.path.join(ROOT, '..', 'shared', 'extraction'),
                        help='the extraction dev set folder (cases.jsonl, pages/, score.py)')
    parser.add_argument('--vigil-cmd', default=f'{shlex.quote(os.path.join(ROOT, ".build", "release", "vigil"))} '
                        'parse --html', help='command the page paths are appended to (default: %(default)s)')
    parser.add_argument('--only', default=','.join(EXTRACTORS), help='comma-separated subset of %(default)s')
    parser.add_argument('--python', default=os.path.join(ROOT, '.bench', 'venv', 'bin', 'python'),
                        help='Python with trafilatura and readability-lxml (default: %(default)s)')
    parser.add_argument('--repeat', type=int, default=3, help='timed runs per extractor; the best is kept')
    parser.add_argument('--cpu', type=int, default=0, help='the one CPU core every extractor is pinned to')
    parser.add_argument('--timeout', type=int, default=900, help='seconds allowed for one vigil run')
    parser.add_argument('--worker', choices=EXTRACTORS[1:], help=argparse.SUPPRESS)
    parser.add_argument('--out', help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.dataset = os.path.realpath(args.dataset)
    for needed in ('cases.jsonl', 'score.py', 'pages'):
        if not os.path.exists(os.path.join(args.dataset, needed)):
            sys.exit(f'bench: no extraction dev set at {args.dataset} (missing {needed}); '
                     'pass --dataset DIR (the folder of cases.jsonl, pages/ and score.py)')
    if args.worker:
        return worker(args)
    selected = [name.strip() for name in args.only.split(',') if name.strip()]
    unknown = set(selected) - set(EXTRACTORS)
    if unknown or not selected:
        parser.error(f'--only takes names from {",".join(EXTRACTORS)}')
    if args.cpu not in os.sched_getaffinity(0):
        parser.error(f'--cpu {args.cpu}: not a core this process may use')

    os.makedirs(OUT, exist_ok=True)
    cases = load_cases(args.dataset)
    scorer = load_scorer(args.dataset)
    total_mb = sum(case['bytes'] for case in cases) / 1e6
    print(f'Extraction dev set: {len(cases)} pages, {total_mb:.1f} MB ({args.dataset}); '
          f'one core (cpu {args.cpu}), best of {args.repeat} runs', file=sys.stderr)
    rows = []
    for name in selected:
        print(f'running {name}...', file=sys.stderr)
        row = run_vigil(args, cases) if name == 'vigil' else run_reference(name, args, cases)
        if 'predictions' in row:
            score(row, args)
        rows.append(row)

    print()
    print_table(rows, cases)
    print('\nvigil: wall time of one `vigil parse --html` process over all pages (process start and file reading '
          'included).\ntrafilatura, readability: extraction calls only, pages already in memory (interpreter start '
          'and imports\nexcluded; LRU caches emptied before each run); readability is timed on summary() + '
          'short_title(), its\nhtml_to_text conversion is not.')
    for row in rows:
        if 'unavailable' in row:
            print(f'{row["name"]}: UNAVAILABLE: {row["unavailable"]}')
            continue
        versions = ', '.join(f'{k} {v}' for k, v in row['versions'].items())
        print(f'{row["name"]}: {versions}; predictions {os.path.relpath(row["predictions"], ROOT)}')
        if row['versions'].get('trafilatura', TRAFILATURA_VERSION) != TRAFILATURA_VERSION:
            print(f'  note: the dev set\'s reference scores are for trafilatura {TRAFILATURA_VERSION}')
        for note in row.get('notes', []):
            print(f'  note: {note}')
        best = row['walls'].index(min(row['walls']))
        if row['walls'][best] > 1.15 * row['cpus'][best]:
            print(f'  note: the best run took {row["walls"][best]:.2f} s of wall time for {row["cpus"][best]:.2f} s '
                  f'of CPU: the core was shared or the process waited, so its speed is understated')
        if row.get('errors'):
            print(f'  {len(row["errors"])} pages raised (scored as empty): ' + ', '.join(sorted(row['errors'])[:5]))
        if row.get('problems'):
            common = ', '.join(f'{p!r} x{n}' for p, n in row['problems'].most_common(5))
            print(f'  problems reported: {sum(row["problems"].values())}; most common: {common}')
    print_worst(rows, cases, scorer)
    if any('unavailable' in row for row in rows):
        sys.exit(1)


if __name__ == '__main__':
    main()
