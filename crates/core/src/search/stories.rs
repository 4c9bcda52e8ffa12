//! Results one story at a time: the articles of a group of re-posts and near-duplicates (see
//! [`crate::index::dups`]) that match a query are listed as one entry, led by the best-ranked
//! of them, with the others behind it.

use super::Hit;
use crate::index::Index;

/// One entry of a result list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The article shown: the first of its group in the results' order.
    pub lead: usize,
    /// The other articles of its group among the results, in the results' order.
    pub others: Vec<usize>,
}

/// The entries of `hits` (in their order): one per article outside any group, one per group
/// with results, where its first result appears.
pub fn stories(index: &Index, hits: &[Hit]) -> Vec<Story> {
    let groups = index.groups();
    let mut out: Vec<Story> = Vec::with_capacity(hits.len());
    // Per group with results so far: its entry in `out`.
    let mut entry_of: Vec<u32> = vec![u32::MAX; groups.len()];
    for hit in hits {
        match groups.group_of(hit.doc) {
            Some(g) if entry_of[g] != u32::MAX => out[entry_of[g] as usize].others.push(hit.doc),
            group => {
                if let Some(g) = group {
                    entry_of[g] = out.len() as u32;
                }
                out.push(Story {
                    lead: hit.doc,
                    others: Vec::new(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block};
    use crate::text::Dictionary;

    #[test]
    fn a_group_is_one_entry_led_by_its_best_ranked_result() {
        let body = "美国国务卿布林肯周三表示，美方已就俄罗斯提出的安全保障要求作出书面回复，\
            重申北约的大门对所有符合条件的国家敞开，美国愿意在军备控制等方面与俄方展开对话。";
        let article = |file: &str, body: &str| Article {
            file: file.into(),
            title: file.into(),
            blocks: vec![Block::Paragraph(body.into())],
            ..Article::default()
        };
        let index = Index::build(
            vec![
                article("a", body),
                article(
                    "b",
                    "普京在克里姆林宫会见马克龙，双方就乌克兰局势举行了长达五个小时的会谈。",
                ),
                article("c", &format!("{body}（转载）")),
                article("d", body),
            ],
            &Dictionary::Default,
        )
        .unwrap();
        assert_eq!(index.groups().lists(), [vec![0, 2, 3]]);
        let hits = |docs: &[usize]| -> Vec<Hit> {
            docs.iter().map(|&doc| Hit { doc, score: 1.0 }).collect()
        };
        let entries = stories(&index, &hits(&[2, 1, 0, 3]));
        assert_eq!(
            entries,
            [
                Story {
                    lead: 2,
                    others: vec![0, 3]
                },
                Story {
                    lead: 1,
                    others: vec![]
                },
            ]
        );
        assert_eq!(
            stories(&index, &hits(&[3])),
            [Story {
                lead: 3,
                others: vec![]
            }]
        );
        assert!(stories(&index, &[]).is_empty());
    }
}
