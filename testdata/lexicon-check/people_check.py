#!/usr/bin/env python3
"""Checks data/lexicon/people/*.txt (format: docs/LEXICON-FORMAT.md).

Usage: people_check.py [DIR] [--today YYYY-MM-DD] [--quiet]
       people_check.py [DIR] --coverage YYYY-MM-DD [--countries A,B,...]
       people_check.py [DIR] --resolve "PHRASE" YYYY-MM-DD
       people_check.py --selftest   (runs the checks on small made-up files)

DIR defaults to data/lexicon/people beside this script's repository root.

Errors (exit status 1):
  - a role line before any person, a person line without a name
  - a role with fewer than 3 fields, a bad actor code (^[A-Z]{3}[A-Z0-9]*$),
    a bad date, an end date before the start date, a missing start date
  - two roles of one person under the same code that overlap in time (a role
    may end on the day the next one starts); a role line whose comment says
    "concurrent" is exempt
  - one phrase naming two different persons (the Rust loader rejects this too)

Warnings (printed, exit status unaffected):
  - a phrase alone that is also an ordinary English word or a month
  - one person with roles in two countries (IGO roles aside)
  - two persons holding the same single-holder office (same code and title,
    e.g. CHNGOV "Foreign Minister") on overlapping dates: usually a wrong date
  - a role starting after --today
  - a role code not declared in the sibling actors/ folder (when present):
    an unknown country prefix is an error (the Rust loader rejects it), an
    undeclared organisation code a warning

Finally prints counts: files, persons, roles, phrases, countries and IGOs.

--coverage DATE lists, for each country (those with any role, or the
--countries list), which offices have nobody in force on DATE: a leader
(head of state or government), a foreign minister, a defence minister and a
trade/commerce/economy minister, judged from the role titles. Exit status 0.

--resolve PHRASE DATE prints what the phrase resolves to on DATE, by the
loader's rule: the person's roles in force, else the country of the nearest
role. Exit status 1 when no person has the phrase.
"""
import datetime as dt
import os
import re
import sys
from collections import defaultdict

CODE_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Titles held by one person at a time for a given code; two holders with
# overlapping dates point at a date error.
SINGLE_HOLDER = {
    "president",
    "acting president",
    "vice president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "supreme leader",
    "crown prince",
    "foreign minister",
    "foreign secretary",
    "secretary of state",
    "external affairs minister",
    "minister of international relations and cooperation",
    "defence minister",
    "defense minister",
    "secretary of defense",
    "defence secretary",
    "minister of the armed forces",
    "minister of commerce",
    "secretary-general",
    "secretary general",
    "president of the european commission",
    "president of the european council",
    "chairperson of the african union commission",
    "national security adviser",
    "chief cabinet secretary",
    "ambassador to the united states",
    "ambassador to the united nations",
    "permanent representative to the united nations",
}

# Single-token phrases that would fire on ordinary English text.
COMMON_WORDS = {
    "may", "march", "june", "april", "august", "brown", "rice", "cook", "straw",
    "hague", "hunt", "fox", "gates", "ban", "moon", "park", "bush", "clinton",
    "will", "mark", "john", "king", "queen", "white", "black", "green", "young",
    "long", "little", "power", "price", "miller", "cooper", "reid", "wood",
    "cleverly", "kim", "lee", "li", "wang", "zhang", "liu", "chen", "singh",
    "khan", "ali", "said", "may", "rice", "mohammed", "ahmed", "abdullah",
    "harris", "johnson", "jordan", "austin", "sullivan", "carter", "martin",
    "graham", "smith", "gore", "kan", "he", "hu", "ma", "yu", "han", "cho",
    "yoon", "chung", "choi", "song", "kang",
}


def strip_comment(line):
    """Drops a `#` comment: a `#` at the start or after white space."""
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i], line[i + 1 :]
    return line, ""


def norm_phrase(p):
    p = p.strip()
    if p.startswith("="):
        p = p[1:]
    p = p.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(p.lower().split())


def parse_date(s):
    if not DATE_RE.match(s):
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


class Person:
    def __init__(self, names, where):
        self.names = names
        self.where = where
        self.roles = []  # (code, start, end, title, where, comment)

    @property
    def name(self):
        return self.names[0]


def parse_dir(root, errors):
    persons = []
    files = sorted(f for f in os.listdir(root) if f.endswith(".txt"))
    for fname in files:
        path = os.path.join(root, fname)
        current = None
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                raw = raw.rstrip("\n")
                body, comment = strip_comment(raw)
                if not body.strip():
                    continue
                where = f"{fname}:{n}"
                fields = [f.strip() for f in body.split("|")]
                if not (body[0] in " \t"):
                    names = [f for f in fields if f]
                    if not names:
                        errors.append(f"{where}: a person line needs a name")
                        current = None
                        continue
                    current = Person(names, where)
                    persons.append(current)
                    continue
                if current is None:
                    errors.append(f"{where}: a role line before any person")
                    continue
                if len(fields) < 3:
                    errors.append(f"{where}: a role needs code | from | to | title, found {len(fields)} field(s)")
                    continue
                code, start_s, end_s = fields[0], fields[1], fields[2]
                title = fields[3] if len(fields) > 3 else ""
                if not CODE_RE.match(code):
                    errors.append(f"{where}: bad actor code {code!r}")
                    continue
                if not start_s:
                    errors.append(f"{where}: role has no start date")
                    continue
                start = parse_date(start_s)
                if start is None:
                    errors.append(f"{where}: bad start date {start_s!r}")
                    continue
                end = None
                if end_s:
                    end = parse_date(end_s)
                    if end is None:
                        errors.append(f"{where}: bad end date {end_s!r}")
                        continue
                    if end < start:
                        errors.append(f"{where}: role ends ({end}) before it starts ({start})")
                        continue
                if not title:
                    errors.append(f"{where}: role has no title")
                current.roles.append((code, start, end, title, where, comment))
    return files, persons


def read_actors(actors_dir):
    """Codes declared in actors/*.txt: (all codes, declared countries/regions)."""
    codes, countries = set(), set()
    for fname in sorted(os.listdir(actors_dir)):
        if not fname.endswith(".txt"):
            continue
        kind = None
        with open(os.path.join(actors_dir, fname), encoding="utf-8") as fh:
            for raw in fh:
                body, _ = strip_comment(raw.rstrip("\n"))
                if not body.strip():
                    continue
                if body.startswith("@kind"):
                    kind = body.split()[1] if len(body.split()) > 1 else None
                    continue
                code = body.split("|")[0].strip()
                codes.add(code)
                if kind in ("country", "region") and len(code) == 3:
                    countries.add(code)
    return codes, countries


def overlaps(a_start, a_end, b_start, b_end):
    """Half-open [start, end): a role ending on day D and one starting on D do not overlap."""
    far = dt.date.max
    return a_start < (b_end or far) and b_start < (a_end or far)


# Office categories for --coverage, judged from the role title (lower case)
# and the role code's agent part.
LEADER_RE = re.compile(
    r"^(acting |interim |caretaker |transitional )?"
    r"(president|king|queen|emir|emperor|prime minister|premier|chancellor|taoiseach|"
    r"head of government|head of the military government|chief executive|chief adviser|"
    r"supreme leader|de facto leader|crown prince and prime minister|"
    r"vice president and prime minister|chairman of the supreme council)\b"
)
NOT_LEADER_RE = re.compile(r"^(president|chancellor) of the (senate|national|european|un|general|state duma)")
FM_RE = re.compile(
    r"foreign minister|foreign secretary|secretary of state$|external affairs minister|"
    r"minister of international relations|foreign adviser|minister of foreign affairs|"
    r"adviser to the prime minister on foreign affairs"
)
DEF_RE = re.compile(
    r"defen[cs]e (minister|secretary)|secretary of defense|minister of the armed forces|"
    r"(secretary|minister) of national defen[cs]e"
)
TRADE_RE = re.compile(r"trade|commerce|economy|economic|production|industry|investment|business|enterprises")


def categories(code, title):
    """The --coverage categories a role counts for."""
    t = title.lower()
    agent = code[3:]
    out = set()
    if "spokes" in t or "press secretary" in t:
        return out
    if agent == "GOV" and LEADER_RE.match(t) and not NOT_LEADER_RE.match(t):
        out.add("leader")
    if agent == "GOV" and FM_RE.search(t) and not re.search(r"(deputy|vice|acting) foreign minister$", t):
        out.add("foreign")
    if agent == "MIL" and DEF_RE.search(t):
        out.add("defence")
    if agent == "GOV" and TRADE_RE.search(t) and "finance" not in t.split(" and ")[-1]:
        out.add("trade")
    return out


def in_force(role, day):
    return role[1] <= day and (role[2] is None or day < role[2])


def coverage(persons, day, only=None):
    """{country: set of categories with somebody in force on day}."""
    have = defaultdict(set)
    for p in persons:
        for r in p.roles:
            if r[0].startswith(("IGO", "NGO")):
                continue
            have[r[0][:3]]  # every country with a role is listed
            if in_force(r, day):
                have[r[0][:3]] |= categories(r[0], r[3])
    if only:
        return {c: have.get(c, set()) for c in only}
    return dict(have)


def resolve(persons, phrase, day):
    """What a phrase means on day: [(person, codes)] by the loader's rule."""
    key = norm_phrase(phrase)
    out = []
    for p in persons:
        if key not in {norm_phrase(n) for n in p.names}:
            continue
        now = [r[0] for r in p.roles if in_force(r, day)]
        if not now and p.roles:
            def dist(r):
                if day < r[1]:
                    return (r[1] - day).days
                return (day - r[2]).days if r[2] else 0
            near = min(p.roles, key=dist)[0]
            now = [near if near.startswith(("IGO", "NGO")) else near[:3]]
        out.append((p, now))
    return out


def option_value(argv, name):
    if name in argv:
        i = argv.index(name)
        if i + 1 < len(argv):
            return argv[i + 1]
    return None


def main(argv):
    # Options with values: how many arguments follow each.
    valued = {"--today": 1, "--coverage": 1, "--countries": 1, "--resolve": 2}
    args, skip = [], 0
    for a in argv[1:]:
        if skip:
            skip -= 1
        elif a in valued:
            skip = valued[a]
        elif not a.startswith("--"):
            args.append(a)
    resolve_args = None
    if "--resolve" in argv:
        i = argv.index("--resolve")
        if i + 2 >= len(argv):
            print("people_check: --resolve needs a phrase and a date")
            return 2
        resolve_args = (argv[i + 1], argv[i + 2])
    quiet = "--quiet" in argv
    today = dt.date.today()
    if option_value(argv, "--today"):
        today = parse_date(option_value(argv, "--today"))
        if today is None:
            print("people_check: --today needs YYYY-MM-DD")
            return 2
    here = os.path.dirname(os.path.abspath(__file__))
    root = args[0] if args else os.path.join(here, "..", "..", "data", "lexicon", "people")
    if not os.path.isdir(root):
        print(f"people_check: no directory {root}")
        return 2

    errors, warnings = [], []
    files, persons = parse_dir(root, errors)

    if resolve_args:
        day = parse_date(resolve_args[1])
        if day is None:
            print(f"people_check: bad date {resolve_args[1]!r}")
            return 2
        found = resolve(persons, resolve_args[0], day)
        for p, codes in found:
            print(f"{resolve_args[0]} on {day}: {p.name} ({p.where}) -> {' '.join(codes) or '(no role)'}")
        if not found:
            print(f"{resolve_args[0]}: no person has this phrase")
        return 0 if found else 1

    if option_value(argv, "--coverage"):
        day = parse_date(option_value(argv, "--coverage"))
        if day is None:
            print("people_check: --coverage needs YYYY-MM-DD")
            return 2
        only = None
        if option_value(argv, "--countries"):
            only = [c.strip() for c in option_value(argv, "--countries").split(",") if c.strip()]
        have = coverage(persons, day, only)
        cats = ["leader", "foreign", "defence", "trade"]
        print(f"coverage on {day}: {len(have)} countries")
        for cat in cats:
            missing = sorted(c for c, h in have.items() if cat not in h)
            print(f"  {cat}: {len(have) - len(missing)} covered; missing ({len(missing)}): {' '.join(missing)}")
        return 0

    # Overlapping roles of one person under one code.
    for p in persons:
        by_code = defaultdict(list)
        for r in p.roles:
            by_code[r[0]].append(r)
        for code, rs in by_code.items():
            for i in range(len(rs)):
                for j in range(i + 1, len(rs)):
                    a, b = rs[i], rs[j]
                    if overlaps(a[1], a[2], b[1], b[2]):
                        if "concurrent" in a[5] or "concurrent" in b[5]:
                            continue
                        errors.append(
                            f"{b[4]}: {p.name}: {code} role '{b[3]}' overlaps '{a[3]}' at {a[4]}"
                        )
        countries = {r[0][:3] for r in p.roles if not r[0].startswith("IGO") and not r[0].startswith("NGO")}
        if len(countries) > 1:
            warnings.append(f"{p.where}: {p.name} has roles in several countries: {', '.join(sorted(countries))}")
        for r in p.roles:
            if r[1] > today:
                warnings.append(f"{r[4]}: {p.name}: role starts in the future ({r[1]})")

    # Role codes against the actor dictionary beside people/.
    actors_dir = os.path.join(root, "..", "actors")
    if os.path.isdir(actors_dir):
        declared, declared_countries = read_actors(actors_dir)
        for p in persons:
            for r in p.roles:
                code = r[0]
                if code.startswith(("IGO", "NGO")):
                    if code not in declared:
                        warnings.append(f"{r[4]}: {p.name}: organisation code {code} is not declared in actors/")
                elif code[:3] not in declared_countries:
                    errors.append(f"{r[4]}: {p.name}: country {code[:3]} of {code} is not declared in actors/")
    elif not quiet:
        print(f"note: no actors/ folder beside {root}; role codes not checked against it")

    # Phrases naming two persons; phrases that are common words.
    owner = {}
    for p in persons:
        seen_here = set()
        for name in p.names:
            key = norm_phrase(name)
            if not key:
                errors.append(f"{p.where}: empty phrase")
                continue
            if key in seen_here:
                warnings.append(f"{p.where}: {p.name}: phrase {name!r} listed twice")
                continue
            seen_here.add(key)
            if key in owner and owner[key][0] is not p:
                other = owner[key]
                errors.append(
                    f"{p.where}: ambiguous phrase {name!r} names {p.name} here and {other[0].name} at {other[1]}"
                )
            else:
                owner[key] = (p, p.where)
            if " " not in key and key in COMMON_WORDS and not name.startswith("="):
                warnings.append(f"{p.where}: {p.name}: phrase {name!r} is a common word or name")

    # Two holders of a single-holder office at once.
    holders = defaultdict(list)
    for p in persons:
        for r in p.roles:
            t = r[3].lower()
            if t in SINGLE_HOLDER:
                holders[(r[0], t)].append((p, r))
    for (code, t), rs in sorted(holders.items()):
        rs.sort(key=lambda x: x[1][1])
        for i in range(len(rs)):
            for j in range(i + 1, len(rs)):
                (pa, a), (pb, b) = rs[i], rs[j]
                if pa is pb:
                    continue
                if overlaps(a[1], a[2], b[1], b[2]):
                    warnings.append(
                        f"{b[4]}: {code} '{b[3]}': {pb.name} from {b[1]} overlaps {pa.name} "
                        f"({a[1]}..{a[2] or 'now'}, {a[4]})"
                    )

    n_roles = sum(len(p.roles) for p in persons)
    n_phrases = sum(len(p.names) for p in persons)
    codes = {r[0] for p in persons for r in p.roles}
    countries = sorted({c[:3] for c in codes if not c.startswith(("IGO", "NGO"))})
    igos = sorted({c for c in codes if c.startswith(("IGO", "NGO"))})
    current = sum(1 for p in persons for r in p.roles if r[2] is None)

    if warnings and not quiet:
        print(f"warnings ({len(warnings)}):")
        for w in warnings:
            print(f"  warning: {w}")
    if errors:
        print(f"errors ({len(errors)}):")
        for e in errors:
            print(f"  error: {e}")
    print(
        f"people: {len(files)} files, {len(persons)} persons, {n_roles} roles "
        f"({current} open), {n_phrases} phrases"
    )
    print(f"countries ({len(countries)}): {' '.join(countries)}")
    print(f"organisations ({len(igos)}): {' '.join(igos)}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


def selftest():
    """Each made-up file must give exactly the listed error substrings."""
    import contextlib
    import io
    import tempfile

    cases = [
        ("A | Foo\n  CHNGOV | 2000-01-01 | 2005-01-01 | Foreign Minister\n", []),
        ("A\n  CHNGOV | 2005-01-01 | 2000-01-01 | Premier\n", ["ends (2000-01-01) before"]),
        ("A\n  CHNGOV | 2005-02-30 |  | Premier\n", ["bad start date"]),
        ("A\n  chngov | 2005-01-01 |  | Premier\n", ["bad actor code"]),
        ("A\n  CHNGOV | 2005-01-01\n", ["a role needs"]),
        ("  CHNGOV | 2005-01-01 |  | Premier\n", ["before any person"]),
        (
            "A\n  CHNGOV | 2000-01-01 | 2005-01-01 | X\n  CHNGOV | 2004-01-01 |  | Y\n",
            ["overlaps"],
        ),
        (
            "A\n  CHNGOV | 2000-01-01 | 2005-01-01 | X\n  CHNGOV | 2005-01-01 |  | Y\n",
            [],
        ),
        (
            "A\n  CHNGOV | 2000-01-01 | 2005-01-01 | X\n  CHNGOV | 2004-01-01 |  | Y   # concurrent\n",
            [],
        ),
        ("A | Foo\n  CHNGOV | 2000-01-01 |  | X\nB | foo\n  RUSGOV | 2000-01-01 |  | X\n", ["ambiguous phrase"]),
    ]
    failed = 0
    for text, want in cases:
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "t.txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = main(["people_check.py", d, "--quiet"])
            got = out.getvalue()
            ok = (rc == 1) == bool(want) and all(w in got for w in want)
            if not ok:
                failed += 1
                print(f"selftest FAILED for {text!r}: rc={rc}\n{got}")
    # --resolve and --coverage on a made-up file.
    text = (
        "Ann Example | Example\n"
        "  XXXGOV | 2010-01-01 | 2015-01-01 | Foreign Minister\n"
        "  XXXMIL | 2015-01-01 | 2018-01-01 | Defence Minister\n"
        "Bob Other\n"
        "  XXXGOV | 2012-01-01 |  | Prime Minister\n"
        "Cy Third\n"
        "  YYYGOV | 2010-01-01 | 2014-01-01 | Deputy Foreign Minister\n"
        "  YYYGOV | 2014-01-01 |  | Deputy Prime Minister and Foreign Minister\n"
    )
    checks = [
        (["--resolve", "example", "2012-06-01"], "-> XXXGOV"),
        (["--resolve", "Example", "2016-06-01"], "-> XXXMIL"),
        (["--resolve", "Example", "2020-06-01"], "-> XXX"),
        (["--resolve", "Example", "2005-06-01"], "-> XXX"),
        (["--coverage", "2013-01-01", "--countries", "XXX"], "defence: 0 covered; missing (1): XXX"),
        (["--coverage", "2016-01-01", "--countries", "XXX"], "foreign: 0 covered; missing (1): XXX"),
        (["--coverage", "2016-01-01", "--countries", "XXX,YYY"], "leader: 1 covered; missing (1): YYY"),
        (["--coverage", "2016-01-01", "--countries", "XXX,YYY"], "foreign: 1 covered; missing (1): XXX"),
        (["--coverage", "2012-01-01", "--countries", "YYY"], "foreign: 0 covered; missing (1): YYY"),
    ]
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "t.txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        for extra, want in checks:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                main(["people_check.py", d] + extra)
            got = out.getvalue()
            lines = [l for l in got.splitlines() if want in l]
            # "-> XXX" must not be a prefix of a longer code when the bare country is wanted
            exact = any(l.rstrip().endswith(want) for l in lines)
            if not exact:
                failed += 1
                print(f"selftest FAILED for {extra}: want {want!r}\n{got}")
    total = len(cases) + len(checks)
    print(f"selftest: {total - failed}/{total} cases pass")
    return 1 if failed else 0


if __name__ == "__main__":
    if "--selftest" in sys.argv:
        sys.exit(selftest())
    sys.exit(main(sys.argv))
