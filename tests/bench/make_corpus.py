#!/usr/bin/env python3
"""Makes a knowledge directory N times the bundled article, for corpus-growth
benchmarks: N articles whose paragraphs are shuffled within their sections and
perturbed (about one word in eight swapped for an invented word), so the
vocabulary grows with N as it would with real articles.

    make_corpus.py N OUTDIR [ARTICLE]
"""
import os
import random
import sys

SYLLABLES = ["ka", "ri", "mu", "ta", "lo", "ne", "si", "pa", "gu", "de", "ba", "wi", "ro", "ju", "ha", "se"]


def invented(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def perturb(line, rng):
    words = line.split(" ")
    for i in range(len(words)):
        if rng.random() < 0.125 and words[i].isalpha():
            words[i] = invented(rng)
    return " ".join(words)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    source = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "..", "knowledge", "articles",
                                                                "kerja-sama-bilateral.txt")
    with open(source, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        rng = random.Random(k)
        result, block = [], []

        def flush():
            rng.shuffle(block)
            for p in block:
                result.extend([perturb(p, rng), ""])
            block.clear()

        for i, line in enumerate(lines):
            paragraph = len(line) > 120 and line.endswith(".") and i > 3
            if paragraph:
                block.append(line)
            elif line.strip():
                flush()
                result.extend([line, ""])
        flush()
        if k:
            result[0] = f"{result[0]} (edisi {k})"
        with open(os.path.join(out, f"artikel-{k:05d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(result))
    print(f"{n} articles in {out}")


main()
