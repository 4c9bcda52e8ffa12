//! Name variants: the curated table of an entity's spellings (`data/aliases.tsv`, plus a
//! collection's own `aliases.tsv`), so that 普丁, 普京 and Putin are one person in the facets and
//! a query for any of them finds all of them.
//!
//! The format (documented in the header of `data/aliases.tsv`): one entity per line,
//! `kind<TAB>canonical<TAB>variant…`, kind `person`, `place` or `org`; `#` comments and
//! blank lines are skipped. Forms are stored folded ([`super::fold`]). A line that cannot be
//! read is skipped and reported, never fatal: a collection's file must not break its build.
//!
//! The build step keeps only the lines with a form that occurs in the collection
//! ([`AliasTable::restrict`]) and packs them with the index; the pack's decoder checks them
//! again ([`AliasTable::from_packed`]).

use rustc_hash::FxHashMap;

use super::entities::{Aliases, Kind};
use super::fold;
#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
use super::{Name, is_han};

/// The name of a collection's own alias file, at the root of its folder; it is not an article.
pub const FILE_NAME: &str = "aliases.tsv";

/// One entity: its kind and its forms (folded), the canonical (shown) one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasGroup {
    pub kind: Kind,
    pub forms: Vec<String>,
}

/// A table of entities and their spellings; no form belongs to two entities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasTable {
    groups: Vec<AliasGroup>,
    /// Each form's group.
    by_form: FxHashMap<String, u32>,
}

/// Why a line of an alias file was skipped, or why a packed table is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("line {line}: unknown kind {kind:?} (person, place or org)")]
    Kind { line: usize, kind: String },
    #[error("line {line}: an entity needs a canonical form and at least one variant")]
    TooFew { line: usize },
    #[error("line {line}: a form is empty or holds a space")]
    BadForm { line: usize },
    #[error("line {line}: {form:?} already belongs to another line")]
    Duplicate { line: usize, form: String },
}

impl Kind {
    /// The kind's name in an alias file.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Org => "org",
        }
    }

    fn from_key(s: &str) -> Option<Kind> {
        [Kind::Person, Kind::Place, Kind::Org]
            .into_iter()
            .find(|k| k.key() == s)
    }

    /// jieba's part-of-speech tag for the kind (the inverse of [`Kind::of_tag`]).
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Person => "nr",
            Kind::Place => "ns",
            Kind::Org => "nt",
        }
    }
}

/// Whether `form` can be a form: not empty, no whitespace, no control character.
fn well_formed(form: &str) -> bool {
    !form.is_empty() && !form.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl AliasTable {
    /// Reads an alias file; lines that cannot be read are skipped and returned as errors.
    pub fn parse(text: &str) -> (AliasTable, Vec<AliasError>) {
        let mut table = AliasTable::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let raw = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let mut fields = raw.split('\t').map(str::trim).filter(|f| !f.is_empty());
            let key = fields.next().unwrap_or_default();
            let Some(kind) = Kind::from_key(key) else {
                errors.push(AliasError::Kind {
                    line,
                    kind: key.to_owned(),
                });
                continue;
            };
            let forms: Vec<&str> = fields.collect();
            if let Err(e) = table.push(kind, &forms, line) {
                errors.push(e);
            }
        }
        (table, errors)
    }

    /// The table a collection is built with: the curated file (`data/aliases.tsv`) merged with
    /// the collection's own ([`FILE_NAME`]), if it has one; with a message for each line
    /// skipped, naming its file.
    pub fn load(curated: &str, own: Option<&str>) -> (AliasTable, Vec<String>) {
        let (table, errors) = AliasTable::parse(curated);
        let mut messages: Vec<String> = errors
            .iter()
            .map(|e| format!("data/aliases.tsv: {e}"))
            .collect();
        let Some(own) = own else {
            return (table, messages);
        };
        let (own, errors) = AliasTable::parse(own);
        messages.extend(errors.iter().map(|e| format!("{FILE_NAME}: {e}")));
        (table.merged(&own), messages)
    }

    /// Adds one entity (`forms` unfolded, canonical first); on an error nothing is added.
    fn push(&mut self, kind: Kind, forms: &[&str], line: usize) -> Result<(), AliasError> {
        if !forms.iter().all(|f| well_formed(f)) {
            return Err(AliasError::BadForm { line });
        }
        let mut folded: Vec<String> = Vec::with_capacity(forms.len());
        for f in forms {
            let f = fold(f);
            if !folded.contains(&f) {
                folded.push(f);
            }
        }
        if folded.len() < 2 {
            return Err(AliasError::TooFew { line });
        }
        if let Some(f) = folded
            .iter()
            .find(|f| self.by_form.contains_key(f.as_str()))
        {
            return Err(AliasError::Duplicate {
                line,
                form: f.clone(),
            });
        }
        let id = self.groups.len() as u32;
        for f in &folded {
            self.by_form.insert(f.clone(), id);
        }
        self.groups.push(AliasGroup {
            kind,
            forms: folded,
        });
        Ok(())
    }

    /// The entities, in file order.
    pub fn groups(&self) -> &[AliasGroup] {
        &self.groups
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The entity `word` (folded) is a form of.
    pub fn group(&self, word: &str) -> Option<&AliasGroup> {
        self.by_form
            .get(word)
            .and_then(|&g| self.groups.get(g as usize))
    }

    /// The other forms of the entity `word` (folded) is a form of; empty if it is none.
    pub fn variants<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.group(word)
            .into_iter()
            .flat_map(|g| g.forms.iter())
            .map(String::as_str)
            .filter(move |f| *f != word)
    }

    /// `self` with the entities of `other` (a collection's own file) added. An entity of
    /// `other` that shares a form with entities of `self` joins them: one entity of all their
    /// forms, with `other`'s kind and canonical form (`person 普京 老普` adds 老普 to Putin).
    pub fn merged(self, other: &AliasTable) -> AliasTable {
        let mut joined: Vec<Option<AliasGroup>> = self.groups.into_iter().map(Some).collect();
        let mut added: Vec<AliasGroup> = Vec::new();
        for g in &other.groups {
            let mut forms = g.forms.clone();
            for f in &g.forms {
                if let Some(&id) = self.by_form.get(f)
                    && let Some(old) = joined[id as usize].take()
                {
                    forms.extend(old.forms.into_iter().filter(|o| !g.forms.contains(o)));
                }
            }
            added.push(AliasGroup {
                kind: g.kind,
                forms,
            });
        }
        let mut out = AliasTable::default();
        for g in joined.into_iter().flatten().chain(added) {
            let forms: Vec<&str> = g.forms.iter().map(String::as_str).collect();
            // Forms are folded, well formed and unique already: nothing can fail.
            let _ = out.push(g.kind, &forms, 0);
        }
        out
    }

    /// The entities with a form that occurs in one of `texts` (folded), in table order.
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    pub fn restrict(&self, texts: &[String]) -> AliasTable {
        let found = self.forms_found(texts.iter().map(String::as_str));
        let mut out = AliasTable::default();
        for g in &self.groups {
            if g.forms.iter().any(|f| found.contains(f.as_str())) {
                let forms: Vec<&str> = g.forms.iter().map(String::as_str).collect();
                let _ = out.push(g.kind, &forms, 0);
            }
        }
        out
    }

    /// The forms that occur in one of `texts` (folded: a collection's articles, or an index's
    /// fields).
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    pub fn forms_found<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> rustc_hash::FxHashSet<&str> {
        let forms: Vec<&str> = self.by_form.keys().map(String::as_str).collect();
        let mut found = rustc_hash::FxHashSet::default();
        let Ok(matcher) = aho_corasick::AhoCorasick::new(&forms) else {
            return found;
        };
        for text in texts {
            for m in matcher.find_overlapping_iter(text) {
                // A Latin form is a whole word (un is not in united, nor eu in europe).
                let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let form = forms[m.pattern().as_usize()];
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let latin_start = alnum(form.chars().next());
                let latin_end = alnum(form.chars().next_back());
                if (latin_start && alnum(before)) || (latin_end && alnum(after)) {
                    continue;
                }
                found.insert(form);
            }
        }
        found
    }

    /// The Han forms that occur in `texts` (folded), as names for the segmenter, so that jieba
    /// cuts 普丁 as one word (words it knows already keep their frequency, see
    /// [`super::Analyzer::with_jieba`]).
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    pub fn names_in(&self, texts: &[String]) -> Vec<Name> {
        let found = self.forms_found(texts.iter().map(String::as_str));
        let mut names: Vec<Name> = self
            .groups
            .iter()
            .flat_map(|g| g.forms.iter().map(move |f| (f, g.kind)))
            .filter(|(f, _)| {
                found.contains(f.as_str()) && f.chars().count() >= 2 && f.chars().all(is_han)
            })
            .map(|(f, kind)| Name {
                word: f.clone(),
                tag: kind.tag(),
            })
            .collect();
        names.sort();
        names
    }

    /// What a collection is indexed with: the entities that occur in `texts` (folded), and
    /// `names` (discovered) with the forms found in `texts` added as words ([`Self::names_in`]),
    /// sorted, a discovered name keeping its tag.
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    pub fn prepare(&self, texts: &[String], names: Vec<Name>) -> (AliasTable, Vec<Name>) {
        let table = self.restrict(texts);
        let mut names = names;
        for n in table.names_in(texts) {
            if !names.iter().any(|m| m.word == n.word) {
                names.push(n);
            }
        }
        names.sort();
        (table, names)
    }

    /// Every variant mapped to its canonical form, for the facets.
    pub fn aliases(&self) -> Aliases {
        Aliases::from_pairs(self.groups.iter().flat_map(|g| {
            g.forms[1..]
                .iter()
                .map(move |f| (f.as_str(), g.forms[0].as_str()))
        }))
    }

    /// The packed form: `(kind, forms)` per entity.
    pub fn to_packed(&self) -> Vec<(u8, Vec<String>)> {
        self.groups
            .iter()
            .map(|g| (g.kind as u8, g.forms.clone()))
            .collect()
    }

    /// Reads the packed form, checking everything [`AliasTable::parse`] guarantees: known
    /// kinds, at least two distinct forms an entity, forms well formed and already folded,
    /// and no form in two entities.
    pub fn from_packed(packed: Vec<(u8, Vec<String>)>) -> Result<AliasTable, AliasError> {
        let mut table = AliasTable::default();
        for (i, (kind, forms)) in packed.into_iter().enumerate() {
            let line = i + 1;
            let kind = match kind {
                0 => Kind::Person,
                1 => Kind::Place,
                2 => Kind::Org,
                k => {
                    return Err(AliasError::Kind {
                        line,
                        kind: k.to_string(),
                    });
                }
            };
            if forms.iter().any(|f| !well_formed(f) || fold(f) != *f) {
                return Err(AliasError::BadForm { line });
            }
            let distinct: rustc_hash::FxHashSet<&String> = forms.iter().collect();
            if distinct.len() != forms.len() {
                return Err(AliasError::Duplicate {
                    line,
                    form: forms[0].clone(),
                });
            }
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            table.push(kind, &forms, line)?;
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_folded_and_bad_ones_reported() {
        let text = "# comment\n\nperson\t普京\t普丁\t蒲亭\tPutin\nplace\t乌克兰\t烏克蘭\n\
                    thing\t甲\t乙\nperson\t拜登\norg\t北約\t北大西洋公約組織\tNATO\n\
                    person\t川普\tputin\n";
        let (t, errors) = AliasTable::parse(text);
        assert_eq!(t.len(), 2);
        assert_eq!(t.groups()[0].forms, ["普京", "普丁", "蒲亭", "putin"]);
        assert_eq!(t.groups()[1].forms, ["北约", "北大西洋公约组织", "nato"]);
        assert_eq!(t.groups()[1].kind, Kind::Org);
        let mut v: Vec<&str> = t.variants("普丁").collect();
        v.sort();
        assert_eq!(v, ["putin", "普京", "蒲亭"]);
        assert_eq!(t.aliases().canonical("nato"), "北约");
        assert_eq!(
            errors,
            [
                AliasError::TooFew { line: 4 },
                AliasError::Kind {
                    line: 5,
                    kind: "thing".into()
                },
                AliasError::TooFew { line: 6 },
                AliasError::Duplicate {
                    line: 8,
                    form: "putin".into()
                },
            ]
        );
    }

    #[test]
    fn the_collection_joins_the_entities_it_shares_a_form_with() {
        let (curated, _) =
            AliasTable::parse("person\t普京\t普丁\tPutin\nperson\t甲\t乙\nperson\t丙\t丁\n");
        let (own, _) = AliasTable::parse("person\t普丁\t老普\nperson\t乙\t丙\nplace\t戊\t己\n");
        let t = curated.merged(&own);
        assert_eq!(
            t.group("普京").unwrap().forms,
            ["普丁", "老普", "普京", "putin"]
        );
        assert_eq!(t.group("丁").unwrap().forms, ["乙", "丙", "甲", "丁"]);
        assert_eq!(t.group("己").unwrap().kind, Kind::Place);
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn restricting_keeps_lines_found_in_the_texts() {
        let (t, _) = AliasTable::parse(
            "person\t普京\t普丁\nperson\t拜登\tBiden\norg\t联合国\tUN\norg\t欧盟\tEU\n",
        );
        let r = t.restrict(&["普丁说 united europe,eu".to_owned()]);
        assert_eq!(r.len(), 2);
        assert!(r.group("普京").is_some() && r.group("eu").is_some());
        assert_eq!(
            t.names_in(&["普丁说".to_owned()]),
            [Name {
                word: "普丁".into(),
                tag: "nr"
            }]
        );
    }

    #[test]
    fn packed_tables_round_trip_and_broken_ones_are_refused() {
        let (t, _) = AliasTable::parse("person\t普京\t普丁\norg\t北约\tNATO\n");
        assert_eq!(AliasTable::from_packed(t.to_packed()), Ok(t));
        let broken = [
            vec![(3, vec!["甲".into(), "乙".into()])],
            vec![(0, vec!["甲".into()])],
            vec![(0, vec!["甲".into(), "甲".into()])],
            vec![(0, vec!["甲".into(), "NATO".into()])],
            vec![(0, vec!["甲".into(), "乙 丙".into()])],
            vec![
                (0, vec!["甲".into(), "乙".into()]),
                (1, vec!["乙".into(), "丙".into()]),
            ],
        ];
        for b in broken {
            assert!(AliasTable::from_packed(b.clone()).is_err(), "{b:?}");
        }
    }

    #[test]
    fn the_curated_table_reads_without_errors() {
        let text = include_str!("../../../../data/aliases.tsv");
        let (t, errors) = AliasTable::parse(text);
        assert_eq!(errors, []);
        assert!(t.len() >= 150, "{} lines", t.len());
    }
}
