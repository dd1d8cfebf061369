#!/usr/bin/env python3
"""Detection benchmark: scores and throughput of `vigil eval`, with a naive reference timed in the same run.

The throughput target is stated for 2-3 KB articles, and the labelled corpus holds ~1 KB ones, so the script also
builds a 2-3 KB set: each corpus article followed by the bodies of the next ones until it is at least 2 KB (the
label stays the lead article's; only the throughput line of that run matters). The reference is the least any
detector must do: a Python regular-expression pass that lower-cases the text, splits it into words and looks each
up in a set of trigger words, on the same articles, same core.

Usage: scripts/bench_detect.py [--vigil .build/release/vigil] [--corpus ../shared/corpus/articles.jsonl]
                               [--heldout Tests/VigilDetectTests/Fixtures/heldout/articles.jsonl]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_long_set(corpus: Path, out: Path, minimum: int = 2048, maximum: int = 3072) -> tuple[int, float]:
    articles = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    sizes = []
    with out.open("w", encoding="utf-8") as f:
        for i, article in enumerate(articles):
            body = article["text"]
            j = i + 1
            while len(body.encode()) < minimum:
                body += "\n\n" + articles[j % len(articles)]["text"]
                j += 1
            encoded = body.encode()
            if len(encoded) > maximum:
                cut = encoded[:maximum].rfind(b"\n\n")
                body = encoded[: cut if cut >= minimum else maximum].decode("utf-8", "ignore")
            sizes.append(len(body.encode()) + len(article["title"].encode()))
            f.write(json.dumps(dict(article, id=article["id"] + "-long", text=body)) + "\n")
    return len(sizes), sum(sizes) / len(sizes)


def run_eval(vigil: str, path: Path, rounds: int) -> str:
    command = [vigil, "eval", str(path), "--rounds", str(rounds), "--data-dir", str(ROOT / "config/detect")]
    if shutil_which("taskset"):
        command = ["taskset", "-c", "0"] + command
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout


def shutil_which(name: str) -> bool:
    return any((Path(p) / name).exists() for p in os.environ.get("PATH", "").split(os.pathsep))


TRIGGERS = {
    "attack", "attacks", "bomb", "bombing", "bomber", "blast", "explosion", "killed", "wounded", "injured",
    "gunmen", "militants", "strike", "drone", "rocket", "kidnapped", "abducted", "ambush", "suicide", "shot",
    "claimed", "responsibility", "taliban", "shabaab", "state", "police", "soldiers", "dead", "toll",
}
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\b\d[\d,]*\b")


def reference(path: Path, rounds: int) -> float:
    """Articles per second of the naive keyword pass (best of 3)."""
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [a["title"] + "\n\n" + a["text"] for a in articles]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                words = WORD.findall(text.lower())
                hits = sum(1 for w in words if w in TRIGGERS)
                numbers = NUMBER.findall(text)
                _ = (hits, len(numbers))
        best = min(best, time.perf_counter() - start)
    return len(texts) * rounds / best


def throughput(output: str) -> tuple[float, float]:
    match = re.search(r"throughput: (\d+) articles/s, ([\d.]+) MB/s", output)
    if not match:
        sys.exit(f"bench_detect: no throughput line in vigil eval output:\n{output}")
    return float(match.group(1)), float(match.group(2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vigil", default=str(ROOT / ".build/release/vigil"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/articles.jsonl"))
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument(
        "--heldout", default=str(ROOT / "Tests/VigilDetectTests/Fixtures/heldout/articles.jsonl"),
        help="a second labelled set, written apart from the rules (scored too)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"bench_detect: {corpus}: no such file (pass --corpus)")
    work = ROOT / ".bench/detect"
    work.mkdir(parents=True, exist_ok=True)
    long_set = work / "articles-2-3kb.jsonl"
    count, mean = build_long_set(corpus, long_set)

    scores = run_eval(args.vigil, corpus, args.rounds)
    print(f"Detection on {corpus} (vigil eval, release build, one core)")
    print(scores.rstrip())
    _, _ = throughput(scores)
    heldout = Path(args.heldout)
    if heldout.exists():
        print()
        print(f"Detection on the held-out set {heldout.relative_to(ROOT) if heldout.is_relative_to(ROOT) else heldout}")
        print(run_eval(args.vigil, heldout, 1).rstrip())
    long_output = run_eval(args.vigil, long_set, args.rounds)
    per_second, mb = throughput(long_output)
    ref = reference(long_set, max(1, args.rounds // 5))
    print()
    print(f"Throughput on {count} articles of 2-3 KB (mean {mean:.0f} bytes), one core:")
    print(f"  vigil analyse:              {per_second:8.0f} articles/s  {mb:6.2f} MB/s   (target >= 2,000 articles/s)")
    print(f"  reference keyword pass (Python re): {ref:8.0f} articles/s")
    print(f"  vigil / reference:          {per_second / ref:8.2f}x")


if __name__ == "__main__":
    main()
