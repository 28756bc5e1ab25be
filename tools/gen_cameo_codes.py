#!/usr/bin/env python3
"""Generate data/lexicon/cameo/codes.txt from the CAMEO and PLOVER reference tables.

Run once by hand (the product never reads the reference tables):

    python3 tools/gen_cameo_codes.py ../shared/reference > data/lexicon/cameo/codes.txt

Decisions:
- quad class follows the usual CAMEO split by root: 01-05 verbal cooperation (1),
  06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material
  conflict (4). The joined table files root 09 under 2; we put it under 3.
- codes without a Goldstein value (cyber and precision-munition additions)
  take the value of their nearest listed ancestor.
- codes missing from the PLOVER table take their parent's PLOVER mapping.
  PLOVER dropped CAMEO roots 01 and 02; 01 keeps an empty PLOVER event, 02
  (appeals) is mapped to REQUEST with the same mode/context as the matching
  demand code of root 10 (020 <-> 100, 0231 <-> 1031, ...).
- 1213/1214 appear in the PLOVER table only; they are kept, with the Goldstein
  value of 121.
"""
import csv
import sys

LABELS = {
    "01": "public statement",
    "010": "make a statement",
    "011": "decline to comment",
    "012": "voice pessimism",
    "013": "voice optimism",
    "014": "weigh a policy option",
    "015": "admit or claim responsibility",
    "016": "deny responsibility",
    "017": "symbolic act",
    "018": "express sympathy or condolences",
    "019": "voice agreement",
    "02": "appeal",
    "020": "appeal or request",
    "021": "ask for material cooperation",
    "0211": "ask for economic cooperation",
    "0212": "ask for military cooperation",
    "0213": "ask for judicial cooperation",
    "0214": "ask for intelligence",
    "022": "ask for diplomatic cooperation or policy support",
    "023": "ask for aid",
    "0231": "ask for economic aid",
    "0232": "ask for military aid",
    "0233": "ask for humanitarian aid",
    "0234": "ask for protection or peacekeepers",
    "024": "ask for political reform",
    "0241": "ask for new leadership",
    "0242": "ask for a policy change",
    "0243": "ask for rights",
    "0244": "ask for institutional or regime change",
    "025": "ask the other side to yield",
    "0251": "ask to ease administrative sanctions",
    "0252": "ask to ease political dissent",
    "0253": "ask to free people or property",
    "0254": "ask to lift economic sanctions",
    "0255": "ask to let in international involvement",
    "0256": "ask for military de-escalation",
    "026": "urge others to meet or negotiate",
    "027": "urge others to settle a dispute",
    "028": "urge mediation",
    "03": "intent to cooperate",
    "030": "say it will cooperate",
    "031": "say it will cooperate materially",
    "0311": "say it will cooperate economically",
    "0312": "say it will cooperate militarily",
    "0313": "say it will cooperate on judicial matters",
    "0314": "say it will share intelligence",
    "032": "say it will cooperate diplomatically",
    "033": "pledge material aid",
    "0331": "pledge economic aid",
    "0332": "pledge military aid",
    "0333": "pledge humanitarian aid",
    "0334": "pledge protection or peacekeepers",
    "034": "pledge political reform",
    "0341": "pledge a leadership change",
    "0342": "pledge a policy change",
    "0343": "pledge to grant rights",
    "0344": "pledge institutional or regime change",
    "035": "say it will yield",
    "0351": "say it will ease administrative sanctions",
    "0352": "say it will ease dissent",
    "0353": "say it will free people or property",
    "0354": "say it will ease economic sanctions",
    "0355": "say it will allow international involvement",
    "0356": "say it will de-escalate militarily",
    "036": "say it will meet or negotiate",
    "037": "say it will settle a dispute",
    "038": "say it will accept mediation",
    "039": "offer to mediate",
    "04": "consult",
    "040": "consult or hold talks",
    "041": "talk by phone or video link",
    "042": "travel to visit",
    "043": "host a visitor",
    "044": "meet at a third location",
    "045": "mediate",
    "046": "negotiate",
    "05": "diplomatic cooperation",
    "050": "cooperate diplomatically",
    "051": "praise or endorse",
    "052": "defend verbally",
    "053": "rally support for",
    "054": "recognise diplomatically",
    "055": "apologise",
    "056": "forgive",
    "057": "sign a formal agreement",
    "06": "material cooperation",
    "060": "cooperate materially",
    "061": "cooperate economically",
    "062": "cooperate militarily",
    "063": "cooperate on judicial matters",
    "064": "share intelligence or information",
    "07": "provide aid",
    "070": "give aid",
    "071": "give economic aid",
    "072": "give military aid",
    "073": "give humanitarian aid",
    "074": "give protection or peacekeepers",
    "075": "grant asylum",
    "08": "yield",
    "080": "yield or concede",
    "081": "ease administrative sanctions",
    "0811": "ease limits on political freedoms",
    "0812": "lift a ban on parties or politicians",
    "0813": "lift a curfew",
    "0814": "lift a state of emergency or martial law",
    "082": "ease political dissent",
    "083": "accept demands for political reform",
    "0831": "accept demands for new leadership",
    "0832": "accept demands for a policy change",
    "0833": "accept demands for rights",
    "0834": "accept demands for institutional change",
    "084": "return or release",
    "0841": "release people",
    "0842": "return property",
    "085": "ease economic sanctions",
    "086": "allow international involvement",
    "0861": "admit peacekeepers",
    "0862": "admit inspectors",
    "0863": "allow humanitarian access",
    "087": "de-escalate militarily",
    "0871": "declare a ceasefire or truce",
    "0872": "ease a military blockade",
    "0873": "demobilise forces",
    "0874": "retreat or surrender",
    "09": "investigate",
    "090": "investigate",
    "091": "investigate crime or corruption",
    "092": "investigate rights abuses",
    "093": "investigate military action",
    "094": "investigate war crimes",
    "10": "demand",
    "100": "demand",
    "101": "demand material cooperation",
    "1011": "demand economic cooperation",
    "1012": "demand military cooperation",
    "1013": "demand judicial cooperation",
    "1014": "demand intelligence cooperation",
    "102": "demand diplomatic cooperation or policy support",
    "103": "demand material aid",
    "1031": "demand economic aid",
    "1032": "demand military aid",
    "1033": "demand humanitarian aid",
    "1034": "demand protection or peacekeepers",
    "104": "demand political reform",
    "1041": "demand new leadership",
    "1042": "demand a policy change",
    "1043": "demand rights",
    "1044": "demand institutional or regime change",
    "105": "demand that the other side yield",
    "1051": "demand easing of administrative sanctions",
    "1052": "demand easing of dissent",
    "1053": "demand release of people or property",
    "1054": "demand lifting of economic sanctions",
    "1055": "demand international involvement be allowed",
    "1056": "demand military de-escalation",
    "106": "demand a meeting or negotiations",
    "107": "demand a settlement",
    "108": "demand mediation",
    "11": "disapprove",
    "110": "disapprove",
    "111": "criticise or denounce",
    "112": "accuse",
    "1121": "accuse of crime or corruption",
    "1122": "accuse of rights abuses",
    "1123": "accuse of aggression",
    "1124": "accuse of war crimes",
    "1125": "accuse of spying or treason",
    "113": "rally opposition against",
    "114": "complain formally",
    "115": "sue",
    "116": "find guilty or liable",
    "12": "reject",
    "120": "reject",
    "121": "reject material cooperation",
    "1211": "reject economic cooperation",
    "1212": "reject military cooperation",
    "1213": "reject judicial cooperation",
    "1214": "reject intelligence cooperation",
    "122": "turn down a request for aid",
    "1221": "turn down a request for economic aid",
    "1222": "turn down a request for military aid",
    "1223": "turn down a request for humanitarian aid",
    "1224": "turn down a request for protection or peacekeepers",
    "123": "turn down demands for political reform",
    "1231": "turn down demands for new leadership",
    "1232": "turn down demands for a policy change",
    "1233": "turn down demands for rights",
    "1234": "turn down demands for institutional change",
    "124": "refuse to yield",
    "1241": "refuse to ease administrative sanctions",
    "1242": "refuse to ease dissent",
    "1243": "refuse to free people or property",
    "1244": "refuse to ease economic sanctions",
    "1245": "refuse international involvement",
    "1246": "refuse to de-escalate militarily",
    "125": "reject talks",
    "126": "reject mediation",
    "127": "reject a settlement plan",
    "128": "defy norms or law",
    "129": "veto",
    "13": "threaten",
    "130": "threaten",
    "131": "threaten non-military action",
    "1311": "threaten to cut aid",
    "1312": "threaten sanctions or embargo",
    "1313": "threaten to cut relations",
    "132": "threaten administrative sanctions",
    "1321": "threaten to curb political freedoms",
    "1322": "threaten to ban parties or politicians",
    "1323": "threaten a curfew",
    "1324": "threaten emergency rule or martial law",
    "133": "threaten protest or dissent",
    "134": "threaten to break off talks",
    "135": "threaten to end mediation",
    "136": "threaten to end international involvement",
    "137": "threaten repression",
    "138": "threaten military force",
    "1381": "threaten a blockade",
    "1382": "threaten occupation",
    "1383": "threaten unconventional violence",
    "1384": "threaten a conventional attack",
    "1385": "threaten use of mass-destruction weapons",
    "139": "issue an ultimatum",
    "14": "protest",
    "140": "political dissent",
    "141": "demonstrate or rally",
    "1411": "demonstrate for new leadership",
    "1412": "demonstrate for a policy change",
    "1413": "demonstrate for rights",
    "1414": "demonstrate for institutional change",
    "142": "hunger strike",
    "1421": "hunger strike for new leadership",
    "1422": "hunger strike for a policy change",
    "1423": "hunger strike for rights",
    "1424": "hunger strike for institutional change",
    "143": "strike or boycott",
    "1431": "strike or boycott for new leadership",
    "1432": "strike or boycott for a policy change",
    "1433": "strike or boycott for rights",
    "1434": "strike or boycott for institutional change",
    "144": "block or obstruct",
    "1441": "blockade for new leadership",
    "1442": "blockade for a policy change",
    "1443": "blockade for rights",
    "1444": "blockade for institutional change",
    "145": "riot or protest violently",
    "1451": "riot for new leadership",
    "1452": "riot for a policy change",
    "1453": "riot for rights",
    "1454": "riot for institutional change",
    "15": "show of force",
    "150": "display military or police power",
    "151": "raise police alert",
    "152": "raise military alert",
    "153": "reinforce police",
    "154": "mobilise or reinforce troops",
    "155": "mobilise cyber forces",
    "16": "reduce relations",
    "160": "downgrade relations",
    "161": "cut or break diplomatic ties",
    "162": "cut material aid",
    "1621": "cut economic aid",
    "1622": "cut military aid",
    "1623": "cut humanitarian aid",
    "163": "impose sanctions, embargo or boycott",
    "164": "break off negotiations",
    "165": "end mediation",
    "166": "expel or withdraw foreign presence",
    "1661": "expel or pull out peacekeepers",
    "1662": "expel or pull out inspectors or observers",
    "1663": "expel or pull out aid agencies",
    "17": "coerce",
    "170": "coerce",
    "171": "seize or damage property",
    "1711": "confiscate property",
    "1712": "destroy property",
    "172": "impose administrative sanctions",
    "1721": "curb political freedoms",
    "1722": "ban parties or politicians",
    "1723": "impose a curfew",
    "1724": "impose emergency rule or martial law",
    "173": "arrest, detain or charge",
    "174": "expel or deport people",
    "175": "violent repression",
    "176": "cyber attack",
    "18": "assault",
    "180": "unconventional violence",
    "181": "abduct, hijack or take hostages",
    "182": "physical assault",
    "1821": "sexual assault",
    "1822": "torture",
    "1823": "kill by physical assault",
    "183": "non-military bombing",
    "1831": "suicide bombing",
    "1832": "vehicle bombing",
    "1833": "roadside bombing",
    "1834": "bombing of a location",
    "184": "use human shields",
    "185": "attempted assassination",
    "186": "assassination",
    "19": "fight",
    "190": "use military force",
    "191": "blockade or restrict movement",
    "192": "occupy territory",
    "193": "fight with small arms",
    "194": "fight with artillery or tanks",
    "195": "air strikes",
    "1951": "precision-guided air strikes",
    "1952": "drone strikes",
    "196": "break a ceasefire",
    "20": "mass violence",
    "200": "unconventional mass violence",
    "201": "mass expulsion",
    "202": "mass killing",
    "203": "ethnic cleansing",
    "204": "use weapons of mass destruction",
    "2041": "use chemical, biological or radiological weapons",
    "2042": "detonate a nuclear weapon",
}

QUAD = {}
for r in range(1, 21):
    QUAD["%02d" % r] = 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4

# codes missing from the PLOVER table for which the parent's mode is wrong
PLOVER_OVERRIDE = {"1834": ("ASSAULT", "explosives", "")}


def parent(code):
    return code[:-1] if len(code) > 2 else None


def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"
    gold = {}
    order = []
    with open(ref + "/cameo/cameo_eventcodes_goldstein.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = row["code"].strip()
            order.append(code)
            gs = row["goldstein"].strip()
            gold[code] = float(gs) if gs else None
            q = int(row["quad_class"])
            if q != QUAD[code[:2]]:
                print("note: quad %s for %s replaced by %s" % (q, code, QUAD[code[:2]]), file=sys.stderr)
    plover = {}
    with open(ref + "/plover/cameo2plover_2021.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = row["cameo_code"].strip()
            ctx = ",".join(c.strip() for c in row["plover_context"].replace(";", ",").split(",") if c.strip())
            val = (row["plover_event"].strip(), row["plover_mode"].strip(), ctx)
            if code not in order:
                order.append(code)
            # a root listed twice (08: CONCEDE and RETREAT) follows its "0" code
            if code in plover and plover[code] != val:
                print("note: %s mapped twice %s / %s" % (code, plover[code], val), file=sys.stderr)
                continue
            plover[code] = val
    for code in [c for c in plover if len(c) == 2]:
        zero = code + "0"
        if zero in plover and plover[zero][0] != plover[code][0]:
            plover[code] = (plover[zero][0], "", "")
    # roots 01/02: PLOVER dropped them; 02 mirrors the root-10 demands
    for code in order:
        if code.startswith("02"):
            twin = "10" + code[2:]
            if twin in plover:
                plover[code] = plover[twin]
        if code.startswith("01"):
            plover[code] = ("", "", "")
    order.sort(key=lambda c: (c[:2], c))
    out = []
    out.append("# CAMEO event codes: code | quad | goldstein | plover event | plover mode | plover context | label")
    out.append("# Generated by tools/gen_cameo_codes.py (facts from the CAMEO 1.1b3 codebook, GDELT's")
    out.append("# Goldstein table and the CAMEO-to-PLOVER 2021 table; labels are our own).")
    out.append("# PLOVER has no statement category: root 01 has an empty PLOVER event.")
    for code in order:
        g = gold.get(code)
        p = code
        while g is None and p is not None:
            p = parent(p)
            g = gold.get(p) if p else None
        if g is None:
            g = gold.get(code[:3])
        if code in PLOVER_OVERRIDE:
            pl = PLOVER_OVERRIDE[code]
        else:
            pl = plover.get(code)
            p = code
            while pl is None and p is not None:
                p = parent(p)
                pl = plover.get(p) if p else None
            if pl is None:
                pl = ("", "", "")
        label = LABELS[code]
        if len(code) == 2:
            out.append("")
        out.append(" | ".join([code, str(QUAD[code[:2]]), "%.1f" % g, pl[0], pl[1], pl[2], label]).replace("  ", " ").replace("|  |", "| |"))
    print("\n".join(out))


if __name__ == "__main__":
    main()
