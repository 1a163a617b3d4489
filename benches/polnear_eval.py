#!/usr/bin/env python3
"""Scores `whosaid suggest` against PolNeAR's attributions (../shared/data/polnear, development data only).

Usage: polnear_eval.py WHOSAID_BINARY SPLIT_DIR   (e.g. target/release/whosaid ../shared/data/polnear/dev)
Gold: the first annotator's .ann of each article; a Content is a direct quote when quotation marks
enclose it (at its edges or one character outside). A suggestion matches a gold Content of its kind
(quote: direct; claim or demand: indirect) when they share text, one to one, in text order.
The speaker is right when the surname of the suggested speaker occurs in the gold Source (or
the reverse), counted on matched direct quotes whose Source is a name (not a pronoun).
"""
import json, os, subprocess, sys, collections

QUOTES = set('"“”‘’«»„\'')
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}

def read_gold(split):
    gold = {}
    files = sorted(os.listdir(os.path.join(split, "attributions")))
    taken = set()
    for f in files:
        stem = f.rsplit("_", 1)[0]
        if stem in taken:
            continue
        taken.add(stem)
        text = open(os.path.join(split, "text", stem + ".txt"), encoding="utf-8").read()
        spans, items = {}, []
        for line in open(os.path.join(split, "attributions", f), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                kind, _, ranges = parts[1].partition(" ")
                frags = [tuple(map(int, r.split())) for r in ranges.split(";")]
                spans[parts[0]] = (kind, frags)
            elif parts[0].startswith("E") and len(parts) >= 2:
                roles = dict(a.split(":") for a in parts[1].split())
                items.append(roles)
        for roles in items:
            c = spans.get(roles.get("Content"))
            if not c:
                continue
            start, end = c[1][0][0], c[1][-1][1]
            edge = text[max(0, start - 1):start + 1] + text[end - 1:end + 1]
            left = any(ch in QUOTES for ch in text[max(0, start - 1):start + 1])
            right = any(ch in QUOTES for ch in text[max(0, end - 1):end + 1])
            src = spans.get(roles.get("Source"))
            source = " ".join(text[a:b] for a, b in src[1]) if src else ""
            gold.setdefault(stem + ".txt", []).append(
                dict(start=start, end=end, direct=left and right, source=source))
    return gold

def overlap(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]

def surname(name):
    words = [w.strip(".,'’s") for w in name.split() if w[:1].isupper()]
    return words[-1].lower() if words else ""

def main():
    binary, split = sys.argv[1], sys.argv[2]
    gold = read_gold(split)
    out = subprocess.run([binary, "suggest", os.path.join(split, "text")],
                         capture_output=True, text=True, check=True).stdout
    preds = collections.defaultdict(list)
    for line in out.splitlines():
        p = json.loads(line)
        preds[p["doc"]].append(p)
    n = collections.Counter()
    for doc, golds in gold.items():
        for kind, is_direct in (("quote", True), ("indirect", False)):
            g = [x for x in golds if x["direct"] == is_direct]
            s = [p for p in preds.get(doc, [])
                 if (p["label"] == "quote") == is_direct]
            used = set()
            for p in s:
                hit = next((i for i, x in enumerate(g) if i not in used and overlap(p, x)), None)
                if hit is not None:
                    used.add(hit)
                    n[kind + " matched"] += 1
                    src = g[hit]["source"]
                    if is_direct and src and src.split()[0].lower() not in PRONOUNS and surname(src):
                        n["named"] += 1
                        sp = surname(p.get("speaker") or "")
                        if sp and (sp in src.lower() or surname(src) in (p.get("speaker") or "").lower()):
                            n["speaker right"] += 1
                elif any(overlap(p, x) for x in golds):
                    n[kind + " overlapping other gold"] += 1
            n[kind + " gold"] += len(g)
            n[kind + " suggested"] += len(s)
    r = lambda a, b: f"{n[a] / n[b]:.2f} ({n[a]}/{n[b]})" if n[b] else "n/a"
    print(f"articles: {len(gold)}")
    print(f"| direct quotes recall | {r('quote matched', 'quote gold')} |")
    print(f"| direct quotes precision, strict | {r('quote matched', 'quote suggested')} |")
    print(f"| speaker right on matched named-source quotes | {r('speaker right', 'named')} |")
    print(f"| indirect attributions recall | {r('indirect matched', 'indirect gold')} |")
    print(f"| indirect precision (claims + demands) | {r('indirect matched', 'indirect suggested')} |")

if __name__ == "__main__":
    main()
