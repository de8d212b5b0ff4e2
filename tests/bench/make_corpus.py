#!/usr/bin/env python3
"""Makes a knowledge directory of N articles for corpus-growth benchmarks, built
to grow the way a real site's knowledge grows: many subjects in one shared
language, not a thousand near-copies of one article (whose every word would be
in every article, so each question's rarest word would still match a thousand
passages).

The sources are the bundled article and the project's own evaluation articles
(tests/eval/articles/*/*.txt and *.md: other subjects, other writers, plain
text and Markdown; each copy keeps its source's format), or the files
given. Article 0 is the bundled article as it is, so the bundled question sets
still have their answers. Article k > 0 takes source k mod S, shuffles the
paragraphs within each section and gives the article a subject of its own: each
topical word (a word in only one source: a subject's vocabulary, not the
language's) is renamed, consistently within the article, to an invented word
with probability 0.7, and about one other word in twenty is swapped for an
invented word (names, numbers, rarer wording). Function and common words stay,
as they do across real articles.

    make_corpus.py N OUTDIR [ARTICLE ...]
"""
import glob
import os
import random
import re
import sys

SYLLABLES = ["ka", "ri", "mu", "ta", "lo", "ne", "si", "pa", "gu", "de", "ba", "wi", "ro", "ju", "ha", "se"]
TOPICAL_RENAMED = 0.7  # share of a source's subject words an article renames: its own subject
OTHER_SWAPPED = 0.05   # share of the remaining words swapped for invented ones
WORD = re.compile(r"[A-Za-z]+")


def invented(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def paragraphs_shuffled(lines, rng):
    """The article's lines with the body paragraphs shuffled within their sections."""
    result, block = [], []

    def flush():
        rng.shuffle(block)
        for p in block:
            result.extend([p, ""])
        block.clear()

    for i, line in enumerate(lines):
        if len(line) > 120 and line.endswith(".") and i > 3:
            block.append(line)
        elif line.strip():
            flush()
            result.extend([line, ""])
    flush()
    return result


def rewrite(line, topical, renames, rng):
    def swap(m):
        word = m.group(0)
        key = word.lower()
        if key in topical:
            if key not in renames:
                renames[key] = invented(rng) if rng.random() < TOPICAL_RENAMED else key
            new = renames[key]
        elif rng.random() < OTHER_SWAPPED:
            new = invented(rng)
        else:
            return word
        return new.capitalize() if word[0].isupper() else new

    return WORD.sub(swap, line)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..", "..")
    bundled = os.path.join(root, "knowledge", "articles", "kerja-sama-bilateral.txt")
    sources = sys.argv[3:] or [bundled] + sorted(
        glob.glob(os.path.join(root, "tests", "eval", "articles", "*", "*.txt")) +
        glob.glob(os.path.join(root, "tests", "eval", "articles", "*", "*.md")))
    texts = []
    for path in sources:
        with open(path, "rb") as f:
            raw = f.read()
        # An article saved by Windows' Notepad is Windows-1252 (tests/eval/articles/bs),
        # as tanya reads it (utf8::from_legacy).
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        texts.append([l.rstrip("\r") for l in lines])
    # A subject's words: those of one source only.
    seen_in = {}
    for i, lines in enumerate(texts):
        for w in set(m.group(0).lower() for l in lines for m in WORD.finditer(l)):
            seen_in.setdefault(w, set()).add(i)
    topical = [{w for w, s in seen_in.items() if s == {i}} for i in range(len(texts))]
    if len(texts) == 1:  # one source has no second to tell its subject from the language
        topical = [set()]

    os.makedirs(out, exist_ok=True)
    for k in range(n):
        src = k % len(texts)
        if k == 0:
            result = texts[0]
        else:
            rng = random.Random(k)
            renames = {}
            result = [rewrite(l, topical[src], renames, rng) for l in paragraphs_shuffled(texts[src], rng)]
            result[0] = f"{result[0]} (edisi {k})"
        ext = os.path.splitext(sources[src])[1]
        with open(os.path.join(out, f"artikel-{k:05d}{ext}"), "w", encoding="utf-8") as f:
            f.write("\n".join(result) + "\n")
    print(f"{n} articles in {out} from {len(texts)} sources")


main()
