#!/usr/bin/env python3
"""Pick candidate sentences for the issue-3 gold files, for hand annotation.

    python3 tools/sample_issue3.py presscon   > candidates_presscon.jsonl
    python3 tools/sample_issue3.py ungdc      > candidates_ungdc.jsonl
    python3 tools/sample_issue3.py conflibert > candidates_conflibert.jsonl

Run from the repository root; the corpora are read from ../shared/corpora.
Deterministic (fixed seeds, sorted inputs). Each printed line is a JSON object
with the fields of a gold sentence line except `events` (doc, date, title,
role, text, split) plus `pick` (why it was drawn) and `reserve` (true for the
spare candidates used only to replace a dropped one). The labels are NOT
produced here: every kept sentence is annotated by hand into
testdata/gold/issue3_*.jsonl.

Sampling:
- presscon: one sentence per press conference, from press conferences not in
  testdata/gold/presscon.jsonl; 70 drawn from sentences with an act word
  (a verb or noun of a CAMEO act) and 30 at random, 15 spares.
- ungdc: speeches of 2021 and 2022 (one country per speech, 30 speeches)
  and of China, Russia and the United States 2000-2024 (12 speeches); in
  each speech up to two sentences that name a state next to an act word and
  one at random; 36 spare speeches. White space is collapsed; the older
  records, hard-wrapped at about 50 characters, are joined before splitting.
- conflibert: 100 lines of cameo_class_train.tsv, 20 per class label, 15 spares.

Split: 50/50 by document. Documents (press conferences, speeches, lines of the
ConfliBERT file) are sorted by id and alternately assigned dev and test, so
both sentences of a speech share a split. The `split` printed here is over
all candidates; the gold files apply the same rule to the documents kept after
annotation (selection rules in docs/ANNOTATION.md, "The issue-3 gold files").
"""
import gzip
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_presscon import ABBREV, SPLIT, parse_date, sentences  # noqa: E402

SHARED = "../shared/corpora"
ACT = re.compile(
    r"\b(visit(ed|s)?|met|meets?|talks|call(ed|s)? (on|for)|urged?|condemn\w*|support(ed|s)?|"
    r"welcom\w+|oppos\w+|sanction\w*|signed|agreement|accus\w+|criticiz\w+|thank\w*|"
    r"congratulat\w+|condolence\w*|aid|assistance|donat\w+|invad\w+|invasion|aggression|"
    r"attack\w*|threat\w*|protest\w*|cooperat\w+|negotiat\w+|mediat\w+|withdr\w+|"
    r"troops|militar\w+|exercise|represent\w+|interfer\w+|expel\w*|recogni\w+)\b",
    re.I,
)
# Second pass (appended, so the first picks stay the same): a verb of a
# CAMEO act with a named state next to it, to bring the share of sentences
# without events down to about a quarter.
STRICT = re.compile(
    r"\b(China|Chinese|the US|United States|Japan|Russia|India|Pakistan|the DPRK|the ROK|Iran|"
    r"Canada|the UK|Germany|France|Australia|the EU|[A-Z][a-z]+ (President|Prime Minister|Foreign Minister))\b"
    r"[^.;]{0,40}\b(visited|will visit|will pay|paid|met with|held talks|urged?|condemn(s|ed)?|"
    r"oppose[sd]?|imposed|signed|accused|criticized|thanked|congratulated|provided|donated|"
    r"sent|expelled|arrested|detained|lodged|called on|supports?|welcomed?|spoke highly)\b"
)

# Names of states and groupings, to prefer act sentences that name another actor.
OTHER = re.compile(
    r"\b(United States|U\.S\.|US|America\w*|China|Chinese|Russia\w*|Ukrain\w+|Europe\w*|EU|"
    r"Afghan\w*|Iran\w*|Israel\w*|Palestin\w+|Syria\w*|Korea\w*|DPRK|Japan\w*|India\w*|"
    r"Pakistan\w*|Africa\w*|Security Council|United Nations|NATO|Cuba\w*|Venezuela\w*|"
    r"Taiwan|Armenia\w*|Azerbaijan\w*|Ethiopia\w*|Sudan\w*|Libya\w*|Yemen\w*|Iraq\w*|"
    r"Myanmar|Turkey|Türkiye|Greece|Cyprus|Serbia|Kosovo|Georgia|Belarus|Moldova)\b"
)

# Opening day of the general debate of each session (the document date of a speech).
DEBATE_OPENS = {
    2000: "2000-09-12", 2001: "2001-11-10", 2002: "2002-09-12", 2003: "2003-09-23",
    2004: "2004-09-21", 2005: "2005-09-17", 2006: "2006-09-19", 2007: "2007-09-25",
    2008: "2008-09-23", 2009: "2009-09-23", 2010: "2010-09-23", 2011: "2011-09-21",
    2012: "2012-09-25", 2013: "2013-09-24", 2014: "2014-09-24", 2015: "2015-09-28",
    2016: "2016-09-20", 2017: "2017-09-19", 2018: "2018-09-25", 2019: "2019-09-24",
    2020: "2020-09-22", 2021: "2021-09-21", 2022: "2022-09-20", 2023: "2023-09-19",
    2024: "2024-09-24",
}


def country_name(iso, _cache={}):
    """The first name of a country in the lexicon (so the coder resolves the title)."""
    if not _cache:
        with open("data/lexicon/actors/countries.txt", encoding="utf-8") as f:
            for line in f:
                m = re.match(r"([A-Z]{3}) \| ([^|]+?)\s*(\||$)", line)
                if m and m.group(1) not in _cache:
                    _cache[m.group(1)] = m.group(2).lstrip("=")
    return _cache.get(iso, iso)


def split_sentences(para):
    """Sentences of one paragraph (exact substrings), as in sample_presscon."""
    start = 0
    for m in SPLIT.finditer(para):
        end = m.end() - 1
        if ABBREV.search(para[start:end]):
            continue
        yield para[start:end].strip()
        start = m.end()
    yield para[start:].strip()


def assign_split(docs):
    """dev/test alternately over the sorted document ids."""
    return {d: ("dev" if i % 2 == 0 else "test") for i, d in enumerate(sorted(set(docs)))}


def usable(s):
    w = len(s.split())
    return 6 <= w <= 60


def presscon():
    path = os.path.join(SHARED, "fmprc-presscon/fmprc_en.jsonl.gz")
    used = set()
    with open("testdata/gold/presscon.jsonl", encoding="utf-8") as f:
        for line in f:
            used.add(json.loads(line)["doc"].split("#")[0])
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["url"] in used:
                continue
            date = parse_date(d.get("title", "")) or parse_date(d.get("date_in_title", "") or "")
            if date:
                pages.append((d["url"], date, d["title"], d["text"]))
    pages.sort()
    rng = random.Random(20261129)
    rng.shuffle(pages)
    out = []
    want = [("act", 70), ("random", 30), ("act", 10), ("random", 5), ("strict", 40)]
    it = iter(pages)
    for pick, k in want:
        got = 0
        for url, date, title, text in it:
            cands = []
            for n, (role, s) in enumerate(sentences(text)):
                if role is None or not usable(s) or s not in text:
                    continue
                if pick == "act" and not (ACT.search(s) and OTHER.search(s)):
                    continue
                if pick == "strict" and not STRICT.search(s):
                    continue
                cands.append((n, role, s))
            if not cands:
                continue
            n, role, s = rng.choice(cands)
            out.append({"doc": "%s#%d" % (url, n), "date": date, "title": title, "role": role,
                        "text": s, "pick": pick, "reserve": len(out) >= 100})
            got += 1
            if got >= k:
                break
    splits = assign_split(o["doc"].split("#")[0] for o in out)
    for o in out:
        o["split"] = splits[o["doc"].split("#")[0]]
    return out


def speech_sentences(path):
    """Sentences of a speech, white space collapsed. The older records are
    hard-wrapped at about 50 characters with no blank lines, so when the
    lines are short the whole text is joined before splitting."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    lines = [x for x in text.split("\n") if x.strip()]
    if lines and sum(len(x) for x in lines) / len(lines) < 80:
        paras = [" ".join(x.strip() for x in lines)]
    else:
        paras = re.split(r"\s*\n\s*", text)
    n = 0
    for para in paras:
        para = re.sub(r"\s+", " ", para).strip()
        if not para:
            continue
        for s in split_sentences(para):
            yield n, s
            n += 1


# A named state or grouping near a verb of a CAMEO act, for speeches.
SPEECH_ACT = re.compile(
    r"\b(China|Russia\w*|United States|America\w*|Ukrain\w+|Israel\w*|Palestin\w+|Iran\w*|"
    r"Afghan\w*|Taliban|Armenia\w*|Azerbaijan\w*|Syria\w*|Korea\w*|DPRK|Cuba\w*|Venezuela\w*|"
    r"India\w*|Pakistan\w*|Japan\w*|European Union|Security Council|Secretary-General|NATO|"
    r"Ethiopia\w*|Eritrea\w*|Sudan\w*|Libya\w*|Yemen\w*|Iraq\w*|Myanmar|Serbia\w*|Kosovo|"
    r"Georgia\w*|Belarus\w*|Moldova\w*|Turkey|T\u00fcrkiye|Greece|Cyprus|Morocco|Algeria\w*|"
    r"Haiti\w*|Mali\w*|Somalia\w*|Lebanon|Egypt\w*|Saudi\w*|Qatar\w*|Taiwan\w*)\b"
    r"[^.;]{0,60}\b(invad\w+|invasion|aggression|attack\w*|annex\w+|occup\w+|sanction\w*|"
    r"condemn\w*|thank\w*|congratulat\w+|welcome[sd]?|support\w*|call(s|ed)? (on|upon)|urge[sd]?|"
    r"signed|agreement|visit\w*|met|talks|negotiat\w+|aid|assistance|donat\w+|provid\w+|"
    r"threat\w*|accus\w+|violat\w+|blockade|embargo|withdr\w+|deploy\w+|recogni\w+)\b"
    r"|\b(invad\w+|invasion of|aggression against|attack\w* on|sanctions (on|against)|"
    r"condemn\w*|thank\w*|congratulat\w+|welcome[sd]?|support\w*|call(s|ed)? (on|upon)|urge[sd]?|"
    r"assistance to|embargo (on|against)|occupation of)\b[^.;]{0,60}\b(China|Russia\w*|"
    r"United States|Ukrain\w+|Israel\w*|Palestin\w+|Iran\w*|Afghan\w*|Taliban|Armenia\w*|"
    r"Azerbaijan\w*|Syria\w*|Korea\w*|DPRK|Cuba\w*|Venezuela\w*|India\w*|Pakistan\w*|Japan\w*|"
    r"European Union|Security Council|Secretary-General|Ethiopia\w*|Sudan\w*|Libya\w*|Yemen\w*|"
    r"Iraq\w*|Myanmar|Haiti\w*|Mali\w*|Somalia\w*|Lebanon|Taiwan\w*)\b"
)


def ungdc():
    """Per speech: up to two sentences naming a state next to an act word,
    and one at random."""
    base = os.path.join(SHARED, "ungdc")
    rng = random.Random(76772021)
    recent = []
    for year in ("2021", "2022"):
        d = os.path.join(base, "sessions_2021_2022", year)
        recent += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".txt")]
    big = sorted(os.path.join(base, "chn_rus_usa_2000_2024", f)
                 for f in os.listdir(os.path.join(base, "chn_rus_usa_2000_2024")) if f.endswith(".txt"))
    rng.shuffle(recent)
    rng.shuffle(big)
    # distinct countries among the recent speeches
    seen, pick_recent = set(), []
    for p in recent:
        iso = os.path.basename(p)[:3]
        if iso in seen or iso in ("CHN", "RUS", "USA"):
            continue
        seen.add(iso)
        pick_recent.append(p)
    plan = [(p, False) for p in pick_recent[:30]] + [(p, False) for p in big[:12]]
    plan += [(p, True) for p in pick_recent[30:45] + big[12:18]]
    plan += [(p, True) for p in pick_recent[45:60]]  # second set of spares
    out = []
    for path, reserve in plan:
        name = os.path.basename(path)[:-4]
        iso, _, year = name.split("_")
        sents = [(n, s) for n, s in speech_sentences(path) if usable(s)]
        acts = [(n, s) for n, s in sents if SPEECH_ACT.search(s)]
        chosen = [("act", x) for x in rng.sample(acts, min(2, len(acts)))]
        rest = [x for x in sents if all(x[0] != c[1][0] for c in chosen)]
        if rest:
            chosen.append(("random", rng.choice(rest)))
        for pick, (n, s) in sorted(chosen, key=lambda c: c[1][0]):
            out.append({"doc": "ungdc/%s#%d" % (name, n), "date": DEBATE_OPENS[int(year)],
                        "title": "%s statement at the UN General Debate %s" % (country_name(iso), year),
                        "text": s, "pick": pick, "reserve": reserve, "iso": iso})
    splits = assign_split(o["doc"].split("#")[0] for o in out)
    for o in out:
        o["split"] = splits[o["doc"].split("#")[0]]
    return out


def conflibert():
    path = os.path.join(SHARED, "conflibert-cameo/cameo_class_train.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and usable(text):
                rows.append((n, text, int(label)))
    rng = random.Random(3)
    out = []
    for reserve, k in ((False, 20), (True, 3)):
        for label in range(5):
            cands = [r for r in rows if r[2] == label and all(o["line"] != r[0] for o in out)]
            for n, text, lab in rng.sample(cands, k):
                out.append({"doc": "conflibert-cameo/cameo_class_train.tsv#%d" % n, "line": n,
                            "text": text, "label": lab, "pick": "class %d" % lab, "reserve": reserve})
    splits = assign_split(o["doc"] for o in out)
    for o in out:
        o["split"] = splits[o["doc"]]
    return out


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    fn = {"presscon": presscon, "ungdc": ungdc, "conflibert": conflibert}.get(which)
    if fn is None:
        sys.exit("usage: sample_issue3.py presscon|ungdc|conflibert")
    for o in fn():
        print(json.dumps(o, ensure_ascii=False))


if __name__ == "__main__":
    main()
