#!/usr/bin/env python3
"""Pick candidate sentences from the FMPRC English press conferences for hand annotation.

Deterministic (fixed seed): reads ../shared/corpora/fmprc-presscon/fmprc_en.jsonl.gz
(or the path given as the first argument), splits each page into paragraphs and
sentences, tracks who is speaking (a "Q:" paragraph opens a question, an "A:"
paragraph opens the spokesperson's answer, and unmarked paragraphs continue the
last speaker), and draws a few sentences per topic from distinct press
conferences, plus a share of topic-free sentences.  It prints one JSON object per
candidate: doc ("<url>#<n>", n = 0-based sentence index in the page under this
splitter), date (YYYY-MM-DD from the title), role (Q/A), topic and text.

The labels are NOT produced here: every printed sentence is annotated by hand
into testdata/gold/presscon.jsonl.
"""
import gzip
import json
import random
import re
import sys
from datetime import datetime

SEED = 20240606
PER_TOPIC = 7
NONE_SHARE = 30

TOPICS = {
    "visit": r"\b(will (pay|visit)|visited|state visit|official visit)\b",
    "talks": r"\b(held talks|met with|meeting with)\b",
    "call": r"\b(phone (call|conversation)|telephone)\b",
    "us_friction": r"\b(the US|United States|Washington)\b.*\b(urge|oppose|slander|smear|accus|interfer)",
    "trade": r"\b(tariff|trade war|trade talks|economic and trade)\b",
    "sanctions": r"\bsanction",
    "korea": r"\b(DPRK|Korean Peninsula|Pyongyang|ROK)\b",
    "iran": r"\b(Iran|JCPOA)\b",
    "hongkong": r"\bHong Kong\b",
    "xinjiang": r"\bXinjiang\b",
    "covid_aid": r"\b(medical supplies|masks|donat|assistance)\b.*\b(COVID|epidemic|coronavirus)\b|\b(COVID|epidemic|coronavirus)\b.*\b(medical supplies|masks|donat|assistance)\b",
    "africa": r"\b(Africa|African|FOCAC|Ethiopia|Kenya|Nigeria|Egypt|Zimbabwe|Sudan)\b",
    "latam": r"\b(Venezuela|Brazil|Argentina|Mexico|Cuba|Panama|Latin America|El Salvador|Dominican)\b",
    "condolence": r"\b(condolence|sympath|mourn)",
    "protest": r"\b(representations|lodged|protest)\b",
    "military": r"\b(military|warship|drill|troops|PLA|missile)\b",
    "taiwan": r"\bTaiwan\b",
    "canada": r"\b(Canada|Canadian|Meng Wanzhou)\b",
    "india_pak": r"\b(India|Pakistan|Indian)\b",
    "japan_eu": r"\b(Japan|Japanese|EU|European Union|Germany|France|UK|British)\b",
}

# Second pass (appended, so the first pass is unchanged): act-bearing sentences,
# to bring the share of sentences without events down to about a quarter.
EXTRA_SEED = 6
PER_EXTRA = 4
EXTRA = {
    "x_urge": r"\b(We|China) (strongly |once again )?(urges?|calls? on)\b",
    "x_visit": r"\b(will pay|paid) an? (official|state|working) visit to\b",
    "x_meet": r"\b(met with|held talks with|had a phone call with|had a telephone conversation with)\b",
    "x_condole": r"\b(condolences|sympathy) to\b",
    "x_aid": r"\b(donated|provided|sent|will provide)\b.*\b(to|for) (the )?[A-Z][a-z]+",
    "x_oppose": r"\b(firmly opposes|condemns?|lodged (stern|solemn) representations)\b",
    "x_sanction": r"\b(imposed?|impose|announced) (sanctions|tariffs|countermeasures)\b",
    "x_sign": r"\b(signed|will sign|inked)\b",
}

MONTHS = "January February March April May June July August September October November December".split()


def parse_date(title):
    m = re.search(r"(%s) (\d{1,2}), (\d{4})" % "|".join(MONTHS), title)
    if not m:
        return None
    return datetime.strptime(" ".join(m.groups()), "%B %d %Y").strftime("%Y-%m-%d")


ABBREV = re.compile(r"(\b(Mr|Ms|Mrs|Dr|St|Jr|No|Gen|Sen|Rep|Amb|Prof)\.|\b[A-Z]\.|\bD\.C\.|\bU\.S\.)$")
SPLIT = re.compile(r'(?<=[.!?])["”]? (?=["“A-Z])')


def sentences(text):
    """Yield (role, sentence) over the page; sentences are exact substrings."""
    role = None
    for para in re.split(r"\s*\n\s*", text):
        para = para.strip()
        if not para:
            continue
        if para.startswith("Q:"):
            role = "Q"
        elif para.startswith("A:"):
            role = "A"
        start = 0
        for m in SPLIT.finditer(para):
            end = m.end() - 1  # keep the space out of the sentence
            if ABBREV.search(para[start:end]):
                continue  # "Ms. Meng", "Washington D.C. and": not a sentence end
            yield role, para[start:end].strip()
            start = m.end()
        yield role, para[start:].strip()


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/fmprc-presscon/fmprc_en.jsonl.gz"
    rng = random.Random(SEED)
    pool = {t: [] for t in TOPICS}
    pool["none"] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            date = parse_date(d.get("title", "")) or parse_date(d.get("date_in_title", "") or "")
            if not date:
                continue
            for n, (role, s) in enumerate(sentences(d["text"])):
                words = len(s.split())
                if role is None or words < 6 or words > 55 or s not in d["text"]:
                    continue
                rec = {"doc": "%s#%d" % (d["url"], n), "date": date, "role": role, "text": s}
                hit = [t for t, rx in TOPICS.items() if re.search(rx, s)]
                for t in hit:
                    pool[t].append(dict(rec, topic=t))
                if not hit:
                    pool["none"].append(dict(rec, topic="none"))
    chosen, used_docs = [], set()
    for topic in list(TOPICS) + ["none"]:
        cands = pool[topic]
        rng.shuffle(cands)
        k = NONE_SHARE if topic == "none" else PER_TOPIC
        for c in cands:
            url = c["doc"].split("#")[0]
            if url in used_docs or any(c["text"] == x["text"] for x in chosen):
                continue
            chosen.append(c)
            used_docs.add(url)
            if sum(1 for x in chosen if x["topic"] == topic) >= k:
                break
    rng2 = random.Random(EXTRA_SEED)
    for topic, rx in EXTRA.items():
        cands = [dict(c, topic=topic) for t in list(TOPICS) + ["none"] for c in pool[t] if re.search(rx, c["text"])]
        cands.sort(key=lambda c: c["doc"])
        rng2.shuffle(cands)
        got = 0
        for c in cands:
            url = c["doc"].split("#")[0]
            if url in used_docs or any(c["text"] == x["text"] for x in chosen):
                continue
            chosen.append(c)
            used_docs.add(url)
            got += 1
            if got >= PER_EXTRA:
                break
    chosen.sort(key=lambda c: (c["date"], c["doc"]))
    for c in chosen:
        print(json.dumps(c, ensure_ascii=False))


if __name__ == "__main__":
    main()
