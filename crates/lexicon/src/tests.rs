use super::*;

fn codes() -> String {
    let mut s = String::new();
    for r in 1..=20 {
        let q = match r {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        s.push_str(&format!("{r:02} | {q} | 0 | X | | | root {r}\n"));
    }
    s.push_str("042 | 1 | 1.9 | CONSULT | visit | | travel to\n");
    s.push_str("111 | 3 | -2 | DISAPPROVE | | | criticize\n");
    s
}

fn lex(extra: &[(&str, &str)]) -> Result<Lexicon, LexErrors> {
    let mut files = vec![("cameo/codes.txt".to_string(), codes())];
    for (p, c) in extra {
        files.push((p.to_string(), c.to_string()));
    }
    Lexicon::from_files(&files)
}

#[test]
fn small_lexicon_loads_and_indexes() {
    let l = lex(&[
        (
            "actors/c.txt",
            "@kind country\nCHN | China | Chinese\nCHNGOV | Beijing\nRUS | Russia | =RF\n",
        ),
        ("agents/a.txt", "GOV | government | foreign minister\n"),
        (
            "people/p.txt",
            "Vladimir Putin | Putin\n  RUSGOV | 2000-05-07 | | President\n",
        ),
        (
            "verbs/v.txt",
            "042 | visit+ {T}\n111 | be+ criticized by {S}\n",
        ),
        ("verbs/irregular.txt", "meet | | met | met |\n"),
        ("special/reciprocal.txt", "the two sides | each other\n"),
    ])
    .unwrap();
    assert_eq!(l.codes["042"].quad, 1);
    assert_eq!(l.country_of("CHNGOV").as_deref(), Some("CHN"));
    assert_eq!(l.patterns.len(), 2);
    assert!(!l.patterns_starting(l.token_id("visited")).is_empty());
    assert!(!l.patterns_starting(l.token_id("was")).is_empty());
    assert!(l.patterns_starting(l.token_id("unheard")).is_empty());
    // plural agents are generated
    let norms = ["foreign", "ministers"];
    assert!(l.phrase_at(&norms, &norms, 0).is_some());
    // exact-case phrases do not match other spellings
    assert!(l.phrase_at(&["rf"], &["rf"], 0).is_none());
    assert!(l.phrase_at(&["rf"], &["RF"], 0).is_some());
}

#[test]
fn errors_name_file_line_and_suggest() {
    let e = lex(&[(
        "verbs/v.txt",
        "# comment\n042 | visit+ {T}\n0422 | visit+ {T}\n",
    )])
    .unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert_eq!(e.0[0].file, "verbs/v.txt");
    assert_eq!(e.0[0].line, 3);
    assert!(e.0[0].message.contains("unknown CAMEO code \"0422\""));
    assert_eq!(e.0[0].hint.as_deref(), Some("did you mean \"042\"?"));
    let shown = e.to_string();
    assert!(shown.contains("--> verbs/v.txt:3"), "{shown}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = lex(&[
        ("actors/c.txt", "@kind country\nchn | China\n@kind planet\n"),
        ("people/p.txt", "  RUSGOV | 2000-05-07 | |\nPutin\n  RUSGOV | 2000-13-07 | |\n  XYZGOV | 2000-01-01 | 1999-01-01 |\n"),
        ("verbs/v.txt", "042 | [a] visit\n042\n"),
        ("special/bogus.txt", "x\n"),
    ])
    .unwrap_err();
    let lines: Vec<(String, usize)> = e.0.iter().map(|e| (e.file.clone(), e.line)).collect();
    for want in [
        ("actors/c.txt", 2),
        ("actors/c.txt", 3),
        ("people/p.txt", 1),
        ("people/p.txt", 3),
        ("people/p.txt", 4),
        ("verbs/v.txt", 1),
        ("verbs/v.txt", 2),
        ("special/bogus.txt", 0),
    ] {
        assert!(
            lines.contains(&(want.0.to_string(), want.1)),
            "missing {want:?} in {lines:?}"
        );
    }
}

#[test]
fn same_phrase_two_meanings_is_an_error() {
    let e = lex(&[(
        "actors/c.txt",
        "@kind country\nGEO | Georgia\nUSA | Georgia\n",
    )])
    .unwrap_err();
    assert!(
        e.0[0]
            .message
            .contains("names actor USA here but actor GEO"),
        "{}",
        e
    );
}

#[test]
fn roles_resolve_by_date() {
    let l = lex(&[
        ("actors/c.txt", "@kind country\nRUS | Russia\n"),
        (
            "people/p.txt",
            "Dmitry Medvedev | Medvedev\n  RUSGOV | 2008-05-07 | 2012-05-07 | President\n  RUSGOV | 2012-05-08 | 2020-01-15 | Prime Minister\n",
        ),
    ])
    .unwrap();
    let p = &l.people[0];
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(p.role_on(Some(d("2010-01-01"))).unwrap().title, "President");
    assert!(p.role_on(Some(d("2022-01-01"))).is_none());
    assert_eq!(
        p.nearest_role(d("2022-01-01")).unwrap().title,
        "Prime Minister"
    );
}

#[test]
fn closest_suggests_near_codes() {
    assert_eq!(closest("02120", ["0212", "0213", "111"]), Some("0212"));
    assert_eq!(closest("zzzzzz", ["0212"]), None);
}

#[test]
fn blocking_patterns_need_no_code() {
    let l = lex(&[(
        "verbs/v.txt",
        "042 | visit+ {T}\n--- | visa - free visit+\n",
    )])
    .unwrap();
    assert_eq!(l.patterns.iter().filter(|p| p.code == BLOCK).count(), 1);
    assert!(lex(&[("verbs/v.txt", "-- | visit+\n")]).is_err());
}

#[test]
fn speaker_flag_and_leading_slot() {
    let l = lex(&[(
        "verbs/v.txt",
        "111 @speaker | {T} aggression\n111 | condemn+ {T}\n",
    )])
    .unwrap();
    assert!(l.patterns[0].speaker);
    assert!(!l.patterns[1].speaker);
    assert_eq!(l.patterns[0].leading_slot(), Some(&crate::Elem::Target));
    // indexed by its first word, after the slot
    assert!(!l.patterns_starting(l.token_id("aggression")).is_empty());
    let e = lex(&[(
        "verbs/v.txt",
        "111 @speakr | {T} aggression\n111 | {T} [brutal] aggression\n",
    )])
    .unwrap_err();
    assert_eq!(e.0.len(), 2, "{e}");
    assert!(e.0[0].message.contains("unknown flag \"@speakr\""), "{e}");
    assert_eq!(e.0[1].line, 2);
    assert!(
        e.0[1].message.contains("must start with a required word"),
        "{e}"
    );
}

#[test]
fn coder_words_default_to_the_built_in_file() {
    // a folder without special/words.txt reads the built-in word lists
    let l = lex(&[]).unwrap();
    assert!(l.special.words.has(Words::Wanting, "wants"));
    assert!(l.special.words.has(Words::Intransitive, "resigned"));
    assert!(!l.special.words.has(Words::Intransitive, "visited"));
    // every section of the built-in file is there and not empty
    for &w in Words::ALL {
        assert!(!l.special.words.list(w).is_empty(), "[{}] empty", w.name());
    }
}

#[test]
fn coder_words_replace_and_are_checked() {
    let all: String = Words::ALL
        .iter()
        .map(|w| format!("[{}]\nxyzzy\n", w.name()))
        .collect();
    let e = lex(&[("special/words.txt", &format!("{all}[wanting]\n"))]).unwrap_err();
    let twice = 2 * Words::ALL.len() + 1;
    assert!(
        e.0.iter()
            .any(|x| x.message == "section [wanting] appears twice" && x.line == twice),
        "{e}"
    );
    // a user's file replaces the built-in lists
    let l = lex(&[("special/words.txt", &all)]).unwrap();
    assert!(l.special.words.has(Words::Wanting, "xyzzy"));
    assert!(!l.special.words.has(Words::Wanting, "wants"));
    // unknown section (with a suggestion), words before a heading, a
    // phrase, a missing section: each named with its line
    let bad = "# words\nwants | hopes\n[wantng]\nwants\n[intransitive]\nstep down\n";
    let e = lex(&[("special/words.txt", bad)]).unwrap_err();
    let at = |line: usize, msg: &str| {
        e.0.iter()
            .any(|x| x.file == "special/words.txt" && x.line == line && x.message.contains(msg))
    };
    assert!(at(2, "words before any [section] heading"), "{e}");
    assert!(at(3, "unknown section [wantng]"), "{e}");
    assert!(
        e.0.iter()
            .any(|x| x.hint.as_deref() == Some("did you mean [wanting]?")),
        "{e}"
    );
    assert!(at(6, "\"step down\" is not one word"), "{e}");
    assert!(at(0, "section [wanting] is missing"), "{e}");
}

/// The fields of a lexicon whose `Debug` text does not depend on a hash
/// map's order, and its maps sorted.
fn fingerprint(l: &Lexicon) -> String {
    let mut codes: Vec<String> = l.codes.iter().map(|(k, c)| format!("{k}={c:?}")).collect();
    codes.sort();
    let sorted = |it: &mut dyn Iterator<Item = String>| {
        let mut v: Vec<String> = it.collect();
        v.sort();
        v
    };
    let mut vocab: Vec<(&String, &u32)> = l.vocab.iter().collect();
    vocab.sort();
    format!(
        "{codes:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{vocab:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}\n{:?}",
        l.actors,
        l.people,
        l.agents,
        l.patterns,
        l.special,
        l.phrases,
        l.pattern_index,
        l.pattern_cands,
        sorted(&mut l.symmetric.iter().cloned()),
        sorted(&mut l.intent.iter().map(|(a, b)| format!("{a}>{b}"))),
        sorted(&mut l.refusal.iter().map(|(a, b)| format!("{a}>{b}"))),
        sorted(&mut l.countries.iter().cloned()),
        sorted(&mut l.regions.iter().cloned()),
        l.version,
        l.files,
    )
}

#[test]
fn a_snapshot_loads_the_same_lexicon() {
    let l = lex(&[
        (
            "actors/c.txt",
            "@kind country\nCHN | China | Chinese\nCHNGOV | Beijing\nRUS | Russia | =RF\n",
        ),
        ("agents/a.txt", "GOV | government | foreign minister\n"),
        (
            "people/p.txt",
            "Vladimir Putin | Putin\n  RUSGOV | 2000-05-07 | | President\n  RUSGOV | 1999-08-16 | 2000-05-07 | Prime Minister\n",
        ),
        (
            "verbs/v.txt",
            "042 | pay+ [a|an] * visit to {T} | a visit\n111 | criticize+ {T}\n",
        ),
        ("cameo/symmetric.txt", "042\n"),
    ])
    .unwrap();
    let bytes = l.snapshot();
    let back = Lexicon::from_snapshot(&bytes).expect("a snapshot");
    assert_eq!(fingerprint(&back), fingerprint(&l));
    assert_eq!(back.snapshot(), bytes);
    // anything else is refused, not misread
    assert!(Lexicon::from_snapshot(&bytes[..bytes.len() - 1]).is_none());
    assert!(Lexicon::from_snapshot(b"").is_none());
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Lexicon::from_snapshot(&longer).is_none());
}

#[test]
fn the_builtin_lexicon_survives_a_snapshot() {
    let l = Lexicon::builtin().expect("built-in lexicon");
    let bytes = l.snapshot();
    let back = Lexicon::from_snapshot(&bytes).expect("a snapshot");
    assert_eq!(fingerprint(&back), fingerprint(&l));
    assert_eq!(back.snapshot(), bytes);
    // the bytes depend on the lexicon only
    assert_eq!(Lexicon::builtin().unwrap().snapshot(), bytes);
}

#[test]
fn list_entries_opening_with_a_clitic_tokenise_as_in_text() {
    // "'ll" alone would open with a quotation mark; in text it follows a
    // word ("it'll") and is one token
    let l = lex(&[("special/future.txt", "will | 'll | 's going to\n")]).unwrap();
    assert!(
        l.special.future.contains(&vec!["'ll".to_string()]),
        "{:?}",
        l.special.future
    );
    assert!(
        l.special.future.contains(&vec![
            "'s".to_string(),
            "going".to_string(),
            "to".to_string()
        ]),
        "{:?}",
        l.special.future
    );
}

#[test]
fn leb128_round_trips_and_refuses_cut_or_overlong_numbers() {
    for v in [
        0u64,
        1,
        127,
        128,
        300,
        16_383,
        16_384,
        u64::from(u32::MAX),
        u64::MAX,
    ] {
        let mut b = Vec::new();
        crate::put_leb128(&mut b, v);
        let mut at = 0;
        assert_eq!(crate::get_leb128(&b, &mut at), Some(v), "{v}");
        assert_eq!(at, b.len(), "{v}");
        // every cut refuses
        for n in 0..b.len() {
            let mut at = 0;
            assert_eq!(crate::get_leb128(&b[..n], &mut at), None, "{v} cut at {n}");
        }
    }
    let mut b = Vec::new();
    crate::put_leb128(&mut b, 127);
    assert_eq!(b, [0x7f]);
    b.clear();
    crate::put_leb128(&mut b, 128);
    assert_eq!(b, [0x80, 0x01]);
    // eleven continuation bytes: longer than any u64
    let mut at = 0;
    assert_eq!(crate::get_leb128(&[0x80; 11], &mut at), None);
}

/// The candidates a sentence's words let through (runs of one first mask
/// tested once, the exact words) are those the masks and a plain look at
/// the pattern's required words let through, in the list's order.
#[test]
fn patterns_may_match_is_every_mask_and_every_required_word() {
    let l = Lexicon::builtin().unwrap();
    let n = l.vocab.len() as u64;
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut passed = 0;
    for round in 0..400 {
        let mut ids: Vec<u32> = (0..24)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % n) as u32
            })
            .collect();
        // the words of a pattern (one alternative each), so that some pass
        let p = &l.patterns[round * 37 % l.patterns.len()];
        for e in &p.elems {
            if let Elem::Lit { ids: alts, .. } = e {
                ids.push(alts[round % alts.len()]);
            }
        }
        ids.push(u32::MAX);
        let present = l.present(&ids);
        for &t in &ids {
            let fast: Vec<u32> = l.patterns_may_match(t, &present).collect();
            let slow: Vec<u32> = l
                .pattern_cands(t)
                .iter()
                .filter(|c| {
                    let p = &l.patterns[c.id as usize];
                    let first = p.elems.iter().position(|e| matches!(e, Elem::Lit { .. }));
                    c.may_match(&present.mask, &l.rest_masks)
                        && p.elems[first.unwrap() + 1..].iter().all(|e| match e {
                            Elem::Lit {
                                ids: alts,
                                opt: false,
                                ..
                            } => alts.iter().any(|a| ids.contains(a)),
                            _ => true,
                        })
                })
                .map(|c| c.id)
                .collect();
            assert_eq!(fast, slow);
            passed += fast.len();
            // the candidates are the patterns starting with the word
            let mut all: Vec<u32> = l.pattern_cands(t).iter().map(|c| c.id).collect();
            all.sort_unstable();
            assert_eq!(all, l.patterns_starting(t));
        }
    }
    assert!(passed > 400, "{passed}");
}

/// A long candidate list's index ([`CandIndex`]) lets through the same
/// candidates, in the same order, as the test of each candidate in turn,
/// for sentences holding the list's first word and one alternative of
/// each word of one of its patterns, or all but one.
#[test]
fn cand_index_lets_through_what_the_list_does() {
    let l = Lexicon::builtin().unwrap();
    assert!(!l.cand_indexes.is_empty());
    let (mut checked, mut passed) = (0, 0);
    for (&t, &k) in &l.cand_index_of {
        let cands = l.pattern_cands(t);
        let ix = &l.cand_indexes[k as usize];
        for (n, c) in cands.iter().enumerate().step_by(3) {
            let lits = literal_ids(&l.patterns[c.id as usize]);
            for drop in 1..=lits.len() {
                let mut ids: Vec<u32> = lits
                    .iter()
                    .enumerate()
                    .filter(|&(m, _)| m != drop)
                    .map(|(m, alts)| alts[(n + m) % alts.len()])
                    .collect();
                ids.push(t);
                let present = l.present(&ids);
                let (patterns, rest, words) = (&l.patterns, &l.rest_masks, &l.pattern_words);
                let each: Vec<u32> =
                    MayMatch::new(cands, &present, patterns, rest, words).collect();
                let indexed: Vec<u32> =
                    MayMatch::with_index(cands, ix, &present, patterns, rest, words).collect();
                assert_eq!(indexed, each);
                assert_eq!(
                    indexed,
                    l.patterns_may_match(t, &present).collect::<Vec<_>>()
                );
                checked += 1;
                passed += each.len();
            }
        }
    }
    assert!(checked > 1000 && passed > 1000, "{checked} {passed}");
}

/// The word ids of each literal element of a pattern, in order.
fn literal_ids(p: &Pattern) -> Vec<&Vec<u32>> {
    p.elems
        .iter()
        .filter_map(|e| match e {
            Elem::Lit { ids, .. } => Some(ids),
            _ => None,
        })
        .collect()
}

/// The required words read from the lexicon's one array of them answer as
/// the pattern's own elements do, for every candidate and sentences that
/// hold one alternative of each of a pattern's words, or all but one.
#[test]
fn has_words_at_is_has_words_of() {
    let l = Lexicon::builtin().unwrap();
    let mut checked = 0;
    for (k, p) in l.patterns.iter().enumerate().step_by(7) {
        let lits = literal_ids(p);
        for drop in 0..=lits.len() {
            let ids: Vec<u32> = lits
                .iter()
                .enumerate()
                .filter(|&(n, _)| n != drop)
                .map(|(n, alts)| alts[(k + n) % alts.len()])
                .collect();
            let present = l.present(&ids);
            for &t in &ids {
                for c in l.pattern_cands(t) {
                    let q = &l.patterns[c.id as usize];
                    assert_eq!(
                        present.has_words_at(&l.pattern_words, c.words),
                        Some(present.has_words_of(q)),
                        "{}",
                        q.text
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// The word lists' index answers as a search of each sorted list does, for
/// every word of every list, in every section, and for words of no list.
#[test]
fn coder_words_index_is_the_lists() {
    let l = Lexicon::builtin().unwrap();
    let words = &l.special.words;
    let mut all: Vec<String> = crate::Words::ALL
        .iter()
        .flat_map(|&k| words.list(k).iter().cloned())
        .collect();
    all.extend(
        [
            "",
            "the",
            "a-very-long-word-of-no-list",
            "ＵＮ",
            "country's",
        ]
        .iter()
        .map(|w| w.to_string()),
    );
    all.extend(l.vocab.keys().take(2000).cloned());
    let mut yes = 0;
    for &k in crate::Words::ALL {
        let list = words.list(k);
        for w in &all {
            let expect = list.binary_search(w).is_ok();
            assert_eq!(words.has(k, w), expect, "{k:?} {w:?}");
            yes += expect as usize;
        }
    }
    assert!(yes > 100, "{yes}");
}

/// A match's entries in place and past what fits there are the ids pushed,
/// in order.
#[test]
fn phrase_match_entries_are_the_ids_pushed() {
    for n in 1..12u32 {
        let mut e = crate::Entries::one(100);
        let mut v = vec![100];
        for k in 1..n {
            e.push(100 + k * 7);
            v.push(100 + k * 7);
        }
        assert_eq!(&*e, &v[..]);
        assert_eq!(e.iter().count(), v.len());
        assert_eq!(format!("{e:?}"), format!("{v:?}"));
    }
}

/// Every word of the vocabulary, short or long, from the built lexicon
/// and from its snapshot, has its own id; words outside it have none.
#[test]
fn token_ids_are_the_vocabularys() {
    let l = Lexicon::builtin().expect("built-in lexicon");
    let back = Lexicon::from_snapshot(&l.snapshot()).expect("a snapshot");
    assert!(l.vocab.len() > 1000);
    for lex in [&l, &back] {
        for (w, &id) in &l.vocab {
            assert_eq!(lex.token_id(w), id, "{w:?}");
        }
        for w in [
            "",
            "zzqx",
            "unheardofword",
            "abcdefghijklmno",
            "abcdefghijklmnopq",
            "é",
            "\u{0}",
        ] {
            if !l.vocab.contains_key(w) {
                assert_eq!(lex.token_id(w), u32::MAX, "{w:?}");
            }
        }
    }
    // an empty table answers no
    let empty = crate::ShortVocab::default();
    assert_eq!(empty.get((0, 0)), None);
}

/// A sentence's phrases as `PhraseHits` keeps them are the longest
/// phrase at each token, read on after each: what asking at every token
/// from left to right finds; each sentence read keeps its own.
#[test]
fn phrase_hits_are_the_longest_phrases_read_from_left_to_right() {
    let l = Lexicon::builtin().expect("built-in lexicon");
    let texts = [
        "Foreign Minister Wang Yi met the US Secretary of State in New York.",
        "The two sides agreed that the United Nations Security Council should act.",
        "It rained.",
        "",
        "US troops and the U.S. Navy left Afghanistan; us and them.",
    ];
    let mut hits = crate::PhraseHits::default();
    assert_eq!(hits.sentences(), 0);
    assert!(hits.sentence(0).is_none());
    let mut want_all = Vec::new();
    for text in texts {
        let toks = dyad_text::tokenize(text, dyad_text::Span::new(0, text.len()));
        let ids: Vec<u32> = toks.iter().map(|t| l.token_id(&t.norm)).collect();
        let raws: Vec<&str> = toks.iter().map(|t| &text[t.span]).collect();
        let mut want = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match l.phrases.longest_at_ids(&ids, &raws, i) {
                Some(m) => {
                    want.push((i, m.len, m.entries.to_vec()));
                    i += m.len;
                }
                None => i += 1,
            }
        }
        let got: Vec<_> = l
            .phrases
            .read(&ids, &raws)
            .into_iter()
            .map(|(i, m)| (i, m.len, m.entries.to_vec()))
            .collect();
        assert_eq!(got, want, "{text:?}");
        let kept: Vec<_> = hits
            .read(&l.phrases, &ids, &raws)
            .iter()
            .map(|(i, m)| (*i, m.len, m.entries.to_vec()))
            .collect();
        assert_eq!(kept, want, "{text:?}");
        want_all.push(want);
    }
    assert!(want_all[0].len() >= 3 && want_all[2].is_empty() && want_all[3].is_empty());
    assert_eq!(hits.sentences(), texts.len());
    for (k, want) in want_all.iter().enumerate() {
        let got: Vec<_> = hits
            .sentence(k)
            .expect("a sentence read")
            .iter()
            .map(|(i, m)| (*i, m.len, m.entries.to_vec()))
            .collect();
        assert_eq!(&got, want);
    }
    assert!(hits.sentence(texts.len()).is_none());
}
