//! The inventory of AI use a run found in network logs: tools × people × days, each tool with
//! its charter status. It is what the summary of every output reports, and what a distributed
//! run adds up: every count is a sum, so parts of a log give the whole by addition.

use std::collections::BTreeMap;

use super::fold::{DayCount, Folded};
use crate::catalog::Catalog;
use crate::charter::ToolStatus;

/// A tool of the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    pub name: String,
    /// `approved`, `tolerated`, `unapproved` or `forbidden`.
    pub status: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Network log files (or streams) read, by format.
    pub files_by_format: BTreeMap<String, usize>,
    /// Records read, and those that went to an AI service.
    pub records: u64,
    pub matched: u64,
    /// By catalogue id.
    pub tools: BTreeMap<String, Tool>,
    /// Keyed by (tool id, person, day `YYYY-MM-DD` or `unknown`).
    pub days: BTreeMap<(String, String, String), DayCount>,
}

pub fn status_word(s: ToolStatus) -> &'static str {
    match s {
        ToolStatus::Approved => "approved",
        ToolStatus::Tolerated => "tolerated",
        ToolStatus::Unapproved => "unapproved",
        ToolStatus::Forbidden => "forbidden",
    }
}

impl Inventory {
    /// The inventory of one fold.
    pub fn of(
        folded: &Folded,
        format: &str,
        catalog: &Catalog,
        status: &dyn Fn(usize) -> ToolStatus,
    ) -> Inventory {
        let mut inv = Inventory { records: folded.records, matched: folded.matched, ..Inventory::default() };
        inv.files_by_format.insert(format.to_string(), 1);
        // Rows sorted by (tool id, who, day) before any string is copied: the tool's rank among
        // the ids stands for its id, and the map is then built in one pass.
        let mut rank: Vec<usize> = (0..catalog.services.len()).collect();
        rank.sort_unstable_by(|&a, &b| catalog.services[a].id.cmp(&catalog.services[b].id));
        let mut rank_of = vec![0; rank.len()];
        for (r, &s) in rank.iter().enumerate() {
            rank_of[s] = r;
        }
        let mut rows: Vec<(usize, &str, &str, DayCount)> = folded
            .days()
            .filter(|&(_, service, _, _)| service < rank_of.len())
            .map(|(who, service, day, d)| (service, who, day, d))
            .collect();
        rows.sort_unstable_by(|a, b| (rank_of[a.0], a.1, a.2).cmp(&(rank_of[b.0], b.1, b.2)));
        let rows: Vec<_> = rows
            .into_iter()
            .map(|(service, who, day, d)| {
                let s = &catalog.services[service];
                if !inv.tools.contains_key(&s.id) {
                    inv.tools.insert(
                        s.id.clone(),
                        Tool { name: s.name.clone(), status: status_word(status(service)) },
                    );
                }
                ((s.id.clone(), who.to_string(), day.to_string()), d)
            })
            .collect();
        inv.days = rows.into_iter().collect();
        inv
    }

    pub fn is_empty(&self) -> bool {
        self.files_by_format.is_empty()
    }

    pub fn absorb(&mut self, o: Inventory) {
        for (k, v) in o.files_by_format {
            *self.files_by_format.entry(k).or_default() += v;
        }
        self.records += o.records;
        self.matched += o.matched;
        self.tools.extend(o.tools);
        if self.days.is_empty() {
            // The first log of a run: its inventory is the run's, with no re-keying.
            self.days = o.days;
            return;
        }
        for (k, d) in o.days {
            let mine = self.days.entry(k).or_default();
            mine.requests += d.requests;
            mine.blocked += d.blocked;
        }
    }

    /// Per tool: people, days, requests and refused ones, most requested first.
    pub fn by_tool(&self) -> Vec<ToolTotals<'_>> {
        let mut out: BTreeMap<&str, ToolTotals<'_>> = BTreeMap::new();
        let mut people: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
        let mut days: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
        for ((tool, who, day), d) in &self.days {
            let Some(t) = self.tools.get(tool) else { continue };
            let e = out.entry(tool).or_insert_with(|| ToolTotals {
                id: tool,
                tool: t,
                people: 0,
                days: 0,
                requests: 0,
                blocked: 0,
            });
            e.requests += d.requests;
            e.blocked += d.blocked;
            people.entry(tool).or_default().insert(who);
            days.entry(tool).or_default().insert(day);
        }
        let mut rows: Vec<ToolTotals<'_>> = out
            .into_values()
            .map(|mut t| {
                t.people = people.get(t.id).map_or(0, |s| s.len());
                t.days = days.get(t.id).map_or(0, |s| s.len());
                t
            })
            .collect();
        rows.sort_by(|a, b| b.requests.cmp(&a.requests).then(a.id.cmp(b.id)));
        rows
    }
}

/// One tool's totals over people and days.
#[derive(Debug)]
pub struct ToolTotals<'a> {
    pub id: &'a str,
    pub tool: &'a Tool,
    pub people: usize,
    pub days: usize,
    pub requests: u64,
    pub blocked: u64,
}
