#!/usr/bin/env python3
"""Quick checks for data/lexicon/{cameo,verbs,special}: codes exist, patterns parse,
no duplicates; prints the distinct CAMEO codes covered per root.

    python3 tools/check_verbs.py [data/lexicon]
"""
import collections
import glob
import os
import re
import sys

ELEM = re.compile(r"^(?:[^\s|()\[\]{}*+]+\+?|\([^\s()\[\]|+]+(?:\|[^\s()\[\]|+]+)+\)|\[[^\s()\[\]|+]+(?:\|[^\s()\[\]|+]+)*\]|\*[1-8]?|\{T\}|\{S\})$")


def strip_comment(line):
    # '#' starts a comment unless inside a word
    out = []
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1].isspace()):
            break
        out.append(ch)
    return "".join(out).strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    root = args[0] if args else "data/lexicon"
    errors = 0
    codes = {}
    for n, line in enumerate(open(os.path.join(root, "cameo/codes.txt")), 1):
        line = strip_comment(line)
        if not line:
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) != 7 or not re.fullmatch(r"\d{2,4}", f[0]) or f[1] not in "1234" or not f[6]:
            print("codes.txt:%d: bad line" % n)
            errors += 1
        g = float(f[2])
        if not -10 <= g <= 10:
            print("codes.txt:%d: goldstein out of range" % n)
            errors += 1
        if f[0] in codes:
            print("codes.txt:%d: duplicate code" % n)
            errors += 1
        codes[f[0]] = f
    for r in range(1, 21):
        if "%02d" % r not in codes:
            print("missing root %02d" % r)
            errors += 1
    irregular = {}
    for n, line in enumerate(open(os.path.join(root, "verbs/irregular.txt")), 1):
        line = strip_comment(line)
        if not line:
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) != 5:
            print("irregular.txt:%d: need 5 fields" % n)
            errors += 1
        if f[0] in irregular:
            print("irregular.txt:%d: duplicate lemma %s" % (n, f[0]))
            errors += 1
        irregular[f[0]] = f
    seen = {}
    covered = collections.defaultdict(set)
    npat = 0
    lemmas = collections.Counter()
    for path in sorted(glob.glob(os.path.join(root, "verbs/*.txt"))):
        name = os.path.basename(path)
        if name == "irregular.txt":
            continue
        for n, line in enumerate(open(path), 1):
            line = strip_comment(line)
            if not line:
                continue
            where = "%s:%d" % (name, n)
            depth = 0
            parts, cur = [], ""
            for ch in line:
                if ch in "([":
                    depth += 1
                if ch in ")]":
                    depth -= 1
                if ch == "|" and depth == 0:
                    parts.append(cur)
                    cur = ""
                else:
                    cur += ch
            parts.append(cur)
            f = [x.strip() for x in parts]
            if len(f) < 2 or len(f) > 3:
                print(where, "need 2 or 3 fields")
                errors += 1
                continue
            code, pat = f[0], f[1]
            if code not in codes:
                print(where, "unknown code", code)
                errors += 1
            elems = pat.split()
            lit = 0
            for e in elems:
                if not ELEM.match(e):
                    print(where, "bad element", repr(e))
                    errors += 1
                if e.endswith("+"):
                    lemmas[e[:-1]] += 1
                if e.startswith(("(", "[")) or e.endswith("+"):
                    for opt in e.strip("()[]+").split("|"):
                        if re.search(r"[^a-z0-9]", opt.lower()):
                            print(where, "option/lemma is not one token:", repr(opt))
                            errors += 1
                if not e.startswith(("*", "[", "{")):
                    lit += 1
            if lit == 0:
                print(where, "no literal token")
                errors += 1
            if elems and elems[0].startswith(("*", "[")):
                print(where, "starts with a gap/optional")
            key = " ".join(elems).lower()
            if key in seen:
                print(where, "duplicate pattern (also %s code %s)" % seen[key][:2], "" if seen[key][1] == code else "CONFLICT")
                errors += 1
            seen[key] = (seen.get(key, (where,))[0], code)
            covered[code[:2]].add(code)
            npat += 1
    total = 0
    print("root  covered / listed")
    for r in range(1, 21):
        rr = "%02d" % r
        listed = [c for c in codes if c.startswith(rr) and len(c) > 2]
        cov = sorted(covered[rr])
        total += len(cov)
        print("%s    %3d / %3d   missing: %s" % (rr, len(cov), len(listed), " ".join(c for c in sorted(listed) if c not in cov)))
    print("patterns: %d, distinct codes covered: %d, errors: %d" % (npat, total, errors))
    if "-l" in sys.argv:
        print("lemmas with + not in irregular.txt:", " ".join(sorted(l for l in lemmas if l not in irregular)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
