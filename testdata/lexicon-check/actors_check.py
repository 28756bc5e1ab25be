#!/usr/bin/env python3
"""Validate the actor and agent dictionaries (data/lexicon/actors, agents).

Parses the files as docs/LEXICON-FORMAT.md describes and reports:
  errors   - bad codes, unknown kinds, `country=` naming an undeclared code,
             one phrase naming two different codes (phrases compare by their
             tokens, lower-cased, as the loader does; an exact-case `=` phrase
             is distinct from its case-insensitive twin), a case-insensitive
             one-word phrase that is a common English word, a UN member state
             with no country line;
  warnings - a phrase repeated under the same code, "the X" listed beside
             "X", a phrase listed both exact-case and case-insensitively,
             a UN member with no ...GOV line;
and prints counts. Exit status 1 if there are errors.

Usage: actors_check.py [LEXICON_DIR]   (default: data/lexicon of this repo)
People files (people/*.txt) are read too, only to find phrases that name
both a person and an actor.
"""
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "data", "lexicon"))

ACTOR_CODE = re.compile(r"^[A-Z0-9]{3,}$")
AGENT_CODE = re.compile(r"^[A-Z]{3}$")
KINDS = {"country", "region", "igo", "group"}

# The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN
BTN BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM
COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO
MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN
PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN
SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA
THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM
YEM ZMB ZWE
""".split()
OBSERVERS = ["VAT", "PSE"]

# Capital equals the country name, or the capital's name is too ambiguous
# to list (Victoria, Georgetown, St. John's, St. George's, Sao Tome).
NO_GOV_OK = {"LUX", "MCO", "SMR", "DJI", "SGP", "SYC", "GUY", "ATG", "GRD", "STP"}

# One-word phrases that must be exact-case (`=`) if listed at all, because
# their lower-case form is an ordinary English (or common foreign) word.
COMMON_WORDS = set("""
a an am are as at be by do go he i if in is it me my no of oh on or ok so to
up us we un who car may can will all any its our out new old one two man men
png cis nam au ca co de la le el al sat sun mon wed fri jan mar apr jun jul
aug sep oct nov dec imo quad chad
""".split()) - {"chad"}


def tokens(s):
    """Tokenise as the Rust tokenizer does: runs of letters/digits, every other
    non-space character alone; lower-cased, curly quotes made straight."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    out, cur = [], ""
    for ch in s:
        if ch.isalnum():
            cur += ch
            continue
        if cur:
            out.append(cur)
            cur = ""
        if not ch.isspace():
            out.append(ch)
    if cur:
        out.append(cur)
    return tuple(t.lower() for t in out)


def plural_of(s):
    """The loader's automatic plural of an agent phrase (last word only)."""
    last = s.rsplit(" ", 1)[-1]
    if not last or not all(c.isalpha() for c in last) or last.endswith("s"):
        return None
    head = s[: len(s) - len(last)]
    if last.endswith(("ch", "sh", "x")):
        p = last + "es"
    elif len(last) >= 2 and last[-1] == "y" and last[-2] not in "aeiou":
        p = last[:-1] + "ies"
    elif last.endswith("man"):
        p = last[:-3] + "men"
    else:
        p = last + "s"
    return head + p


def strip_comment(line):
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append(f"error: {msg}\n  --> {where}")

    def warn(self, where, msg):
        self.warnings.append(f"warning: {msg}\n  --> {where}")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n"))
            if line.strip():
                yield n, line


def split_phrase(p):
    return (p[1:], True) if p.startswith("=") else (p, False)


def main(argv):
    root = argv[1] if len(argv) > 1 else DEFAULT_DIR
    rep = Report()
    # phrase key -> list of (code, where, text)
    seen = defaultdict(list)
    declared = set()
    actors = {}  # code -> kind
    country_refs = []  # (code, where)
    per_file = {}

    def add_phrase(text, exact, code, where):
        key = (tokens(text), exact)
        if not key[0]:
            rep.error(where, f'phrase "{text}" has no words')
            return
        seen[key].append((code, where, text))

    actor_dir = os.path.join(root, "actors")
    for name in sorted(os.listdir(actor_dir)) if os.path.isdir(actor_dir) else []:
        if not name.endswith(".txt"):
            continue
        rel = f"actors/{name}"
        kind = "country"
        n_codes, n_phr = set(), 0
        for n, line in read_lines(os.path.join(actor_dir, name)):
            where = f"{rel}:{n}"
            t = line.strip()
            if t.startswith("@kind"):
                kind = t[len("@kind"):].strip()
                if kind not in KINDS:
                    rep.error(where, f'unknown kind "{kind}"')
                continue
            f = [x.strip() for x in t.split("|")]
            code = f[0]
            if not ACTOR_CODE.match(code):
                rep.error(where, f'bad actor code "{code}"')
                continue
            if len(code) == 3 and kind in ("country", "region"):
                declared.add(code)
            actors.setdefault(code, kind)
            n_codes.add(code)
            names = []
            for fld in f[1:]:
                if fld.startswith("country="):
                    country_refs.append((fld[len("country="):].strip(), where))
                elif fld:
                    names.append(fld)
            if not names:
                rep.warn(where, f"{code} has no phrases on this line")
            for p in names:
                text, exact = split_phrase(p)
                add_phrase(text, exact, code, where)
                n_phr += 1
                toks = tokens(text)
                if not exact and len(toks) == 1 and toks[0] in COMMON_WORDS:
                    rep.error(where, f'"{text}" is a common word; write it exact-case as "={text}" or drop it')
        per_file[rel] = (len(n_codes), n_phr)

    agent_codes = set()
    agent_dir = os.path.join(root, "agents")
    for name in sorted(os.listdir(agent_dir)) if os.path.isdir(agent_dir) else []:
        if not name.endswith(".txt"):
            continue
        rel = f"agents/{name}"
        n_phr = 0
        codes = set()
        for n, line in read_lines(os.path.join(agent_dir, name)):
            where = f"{rel}:{n}"
            f = [x.strip() for x in line.strip().split("|")]
            code = f[0]
            if not AGENT_CODE.match(code):
                rep.error(where, f'bad agent code "{code}"')
                continue
            agent_codes.add(code)
            codes.add(code)
            for p in f[1:]:
                if not p:
                    continue
                text, exact = split_phrase(p)
                add_phrase(text, exact, "agent:" + code, where)
                n_phr += 1
                pl = None if exact else plural_of(text)
                if pl:
                    add_phrase(pl, False, "agent:" + code, where + " (plural)")
                toks = tokens(text)
                if not exact and len(toks) == 1 and toks[0] in COMMON_WORDS:
                    rep.error(where, f'"{text}" is a common word')
        per_file[rel] = (len(codes), n_phr)

    # People: only their names, to catch a phrase naming a person and an actor.
    people_dir = os.path.join(root, "people")
    for name in sorted(os.listdir(people_dir)) if os.path.isdir(people_dir) else []:
        if not name.endswith(".txt"):
            continue
        for n, line in read_lines(os.path.join(people_dir, name)):
            if line[:1] in (" ", "\t"):
                continue
            for p in [x.strip() for x in line.split("|") if x.strip()]:
                text, exact = split_phrase(p)
                add_phrase(text, exact, "person:" + p, f"people/{name}:{n}")

    # Phrase conflicts and repeats.
    for key, uses in seen.items():
        codes = {c for c, _, _ in uses}
        mine = [u for u in uses if not u[0].startswith("person:")]
        if not mine:
            continue
        if len(codes) > 1:
            first = uses[0]
            for code, where, text in uses[1:]:
                if code != first[0]:
                    rep.error(where, f'phrase "{text}" names {code} here but {first[0]} at {first[1]}')
        else:
            if len(uses) > 1:
                # plural forms generated from two different phrases are fine
                wheres = [w for _, w, _ in uses if not w.endswith("(plural)")]
                if len(wheres) > 1:
                    rep.warn(wheres[1], f'phrase "{uses[1][2]}" repeated (also at {wheres[0]})')
    # "the X" beside "X"; exact and inexact twins.
    for (toks, exact), uses in seen.items():
        if len(toks) > 1 and toks[0] == "the" and (toks[1:], exact) in seen:
            other = seen[(toks[1:], exact)][0]
            if other[0] == uses[0][0]:
                rep.warn(uses[0][1], f'"{uses[0][2]}" is redundant beside "{other[2]}" ({other[1]})')
        if exact and (toks, False) in seen:
            other = seen[(toks, False)][0]
            rep.warn(uses[0][1], f'"={uses[0][2]}" is redundant beside case-insensitive "{other[2]}" ({other[1]})')

    for c, where in country_refs:
        if c not in declared:
            rep.error(where, f'country={c} is not a declared country or region code')

    for c in UN_MEMBERS + OBSERVERS:
        if c not in declared:
            rep.error("actors/countries.txt", f"UN member or observer {c} has no country line")
        elif c + "GOV" not in actors and c not in NO_GOV_OK:
            rep.warn("actors/countries.txt", f"{c} has no {c}GOV line")
    if len(UN_MEMBERS) != 193 or len(set(UN_MEMBERS)) != 193:
        rep.error("actors_check.py", f"UN member list has {len(set(UN_MEMBERS))} codes, expected 193")

    for w in rep.warnings:
        print(w)
    for e in rep.errors:
        print(e)
    print()
    for rel, (nc, npf) in sorted(per_file.items()):
        print(f"{rel:28} {nc:5} codes {npf:6} phrases")
    by_kind = defaultdict(int)
    for k in actors.values():
        by_kind[k] += 1
    print("actor codes by kind:", dict(sorted(by_kind.items())))
    n_states = sum(1 for c in UN_MEMBERS if c in declared)
    print(f"declared country/region codes: {len(declared)}; UN members covered: {n_states}/193;"
          f" agent codes: {len(agent_codes)}")
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
