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
        let mut rows: Vec<ToolTotals<'_>> = Vec::new();
        // The rows are ordered by (tool, person, day): a tool's rows are together, and within
        // them each person's, so people are counted where the person changes.
        let mut days: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut last: Option<(&str, &str)> = None;
        for ((tool, who, day), d) in &self.days {
            let Some(t) = self.tools.get(tool) else { continue };
            if last.is_none_or(|(lt, _)| lt != tool.as_str()) {
                if let Some(done) = rows.last_mut() {
                    done.days = std::mem::take(&mut days).len();
                }
                rows.push(ToolTotals { id: tool, tool: t, people: 0, days: 0, requests: 0, blocked: 0 });
                last = None;
            }
            let Some(e) = rows.last_mut() else { continue };
            if last.is_none_or(|(_, lw)| lw != who.as_str()) {
                e.people += 1;
            }
            e.requests += d.requests;
            e.blocked += d.blocked;
            days.insert(day);
            last = Some((tool, who));
        }
        if let Some(done) = rows.last_mut() {
            done.days = days.len();
        }
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
