//! Turning a validated file into effective values, and merging a file over the charter it
//! extends: lists parent then child, de-duplicated keeping order; scalars: child wins; keyed
//! records and maps: union, child wins.

use super::model::{
    Charter, CsvMap, CustomTool, Data, Domain, Labels, Network, Oversight, Pattern, PromptLogs, RawCharter,
    Rules, Scan, Tools, parse_size,
};
use super::sovereignty::Jurisdictions;
use crate::yaml::Spanned;

type List = Vec<Spanned<String>>;

/// One file's effective values, or several merged; `domains` stays `None` while nobody set it.
#[derive(Debug, Clone)]
pub(super) struct Layer {
    pub charter: Charter,
    pub domains: Option<Vec<Domain>>,
}

fn plain(list: &List) -> Vec<String> {
    dedup(list.iter().map(|s| s.value.clone()))
}

fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Parent's entries first, each replaced by the child's entry with the same key; then the child's
/// new entries. This is "maps: union, child wins" for lists of records keyed by id or name.
fn merge_keyed<T>(parent: Vec<T>, child: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut child: Vec<Option<T>> = child.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for p in parent {
        let replacement = child.iter_mut().find(|c| c.as_ref().is_some_and(|c| key(c) == key(&p)));
        out.push(replacement.and_then(Option::take).unwrap_or(p));
    }
    out.extend(child.into_iter().flatten());
    out
}

/// Like tool ids: a code the child lists leaves the parent's lists, so a repository may forbid
/// what its organisation tolerates.
fn merge_jurisdictions(p: Jurisdictions, c: Jurisdictions) -> Jurisdictions {
    let child_listed: Vec<String> =
        c.approved.iter().chain(&c.tolerated).chain(&c.forbidden).cloned().collect();
    let merged = |parent: Vec<String>, child: Vec<String>| {
        dedup(parent.into_iter().filter(|x| !child_listed.contains(x)).chain(child))
    };
    Jurisdictions {
        approved: merged(p.approved, c.approved),
        tolerated: merged(p.tolerated, c.tolerated),
        forbidden: merged(p.forbidden, c.forbidden),
    }
}

impl Layer {
    /// Converts a validated file. Values that failed validation cannot reach here.
    pub fn from_raw(raw: RawCharter) -> Layer {
        let text = |s: Option<Spanned<String>>| s.map(Spanned::into_inner);
        let custom = raw.tools.custom.into_iter().map(|c| CustomTool {
            id: c.id.value,
            name: text(c.name),
            domains: plain(&c.domains),
            api_hosts: plain(&c.api_hosts),
            packages: c.packages,
            env_vars: plain(&c.env_vars),
        });
        let patterns =
            raw.data.patterns.into_iter().map(|p| Pattern { name: p.name.value, regex: p.regex.value });
        let charter = Charter {
            version: raw.version.map_or(1, Spanned::into_inner),
            organization: text(raw.organization),
            contact: text(raw.contact),
            language: raw.language.map(Spanned::into_inner),
            tools: Tools {
                approved: plain(&raw.tools.approved),
                tolerated: plain(&raw.tools.tolerated),
                forbidden: plain(&raw.tools.forbidden),
                custom: custom.collect(),
                jurisdictions: Jurisdictions {
                    approved: plain(&raw.tools.jurisdictions.approved),
                    tolerated: plain(&raw.tools.jurisdictions.tolerated),
                    forbidden: plain(&raw.tools.jurisdictions.forbidden),
                },
                local: raw.tools.local.map(Spanned::into_inner),
            },
            data: Data {
                markers: plain(&raw.data.markers),
                codenames: plain(&raw.data.codenames),
                patterns: patterns.collect(),
            },
            labels: Labels {
                required_in: plain(&raw.labels.required_in),
                accepted: plain(&raw.labels.accepted),
                commit_trailer: text(raw.labels.commit_trailer),
            },
            oversight: Oversight {
                review_markers: plain(&raw.oversight.review_markers),
                domains: Vec::new(),
            },
            rules: Rules {
                disable: plain(&raw.rules.disable),
                severity: raw.rules.severity.0.into_iter().map(|(k, v)| (k.value, v.value)).collect(),
            },
            scan: Scan {
                exclude: plain(&raw.scan.exclude),
                max_file_size: raw.scan.max_file_size.and_then(|s| parse_size(&s.0).ok()),
                strict: raw.scan.strict,
            },
            prompt_logs: raw.prompt_logs,
            network: Network {
                field_map: raw.network.field_map,
                upload_threshold: raw.network.upload_threshold.and_then(|s| parse_size(&s.0).ok()),
            },
        };
        let domains = raw.oversight.domains.map(|names| {
            let mut out: Vec<Domain> = Vec::new();
            for d in names.iter().filter_map(|n| Domain::from_name(n)) {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            out
        });
        Layer { charter, domains }
    }

    /// `self` is the extended (parent) charter, `child` the file that extends it. Lists: parent
    /// then child, de-duplicated; scalars: child wins; keyed records and maps: union, child wins.
    /// A tool's status is one decision, so a child listing a tool reclassifies it: it leaves the
    /// parent's status lists (the org may tolerate a tool that a repository forbids).
    pub fn merge(self, child: Layer) -> Layer {
        let (p, c) = (self.charter, child.charter);
        let cat = |a: Vec<String>, b: Vec<String>| dedup(a.into_iter().chain(b));
        let child_listed: Vec<&String> =
            c.tools.approved.iter().chain(&c.tools.tolerated).chain(&c.tools.forbidden).collect();
        let keep = |list: Vec<String>| -> Vec<String> {
            list.into_iter().filter(|t| !child_listed.contains(&t)).collect()
        };
        let tools = Tools {
            approved: cat(keep(p.tools.approved), c.tools.approved.clone()),
            tolerated: cat(keep(p.tools.tolerated), c.tools.tolerated.clone()),
            forbidden: cat(keep(p.tools.forbidden), c.tools.forbidden.clone()),
            custom: merge_keyed(p.tools.custom, c.tools.custom, |t| &t.id),
            jurisdictions: merge_jurisdictions(p.tools.jurisdictions, c.tools.jurisdictions),
            local: c.tools.local.or(p.tools.local),
        };
        let (pm, cm) = (p.prompt_logs.csv_map, c.prompt_logs.csv_map);
        let mut severity = p.rules.severity;
        severity.extend(c.rules.severity);
        let charter = Charter {
            version: c.version,
            organization: c.organization.or(p.organization),
            contact: c.contact.or(p.contact),
            language: c.language.or(p.language),
            tools,
            data: Data {
                markers: cat(p.data.markers, c.data.markers),
                codenames: cat(p.data.codenames, c.data.codenames),
                patterns: merge_keyed(p.data.patterns, c.data.patterns, |x| &x.name),
            },
            labels: Labels {
                required_in: cat(p.labels.required_in, c.labels.required_in),
                accepted: cat(p.labels.accepted, c.labels.accepted),
                commit_trailer: c.labels.commit_trailer.or(p.labels.commit_trailer),
            },
            oversight: Oversight {
                review_markers: cat(p.oversight.review_markers, c.oversight.review_markers),
                domains: Vec::new(),
            },
            rules: Rules { disable: cat(p.rules.disable, c.rules.disable), severity },
            scan: Scan {
                exclude: cat(p.scan.exclude, c.scan.exclude),
                max_file_size: c.scan.max_file_size.or(p.scan.max_file_size),
                strict: c.scan.strict.or(p.scan.strict),
            },
            prompt_logs: PromptLogs {
                csv_map: CsvMap {
                    prompt: cm.prompt.or(pm.prompt),
                    response: cm.response.or(pm.response),
                    role: cm.role.or(pm.role),
                    user: cm.user.or(pm.user),
                    tool: cm.tool.or(pm.tool),
                    time: cm.time.or(pm.time),
                    conversation: cm.conversation.or(pm.conversation),
                },
            },
            network: Network {
                field_map: p.network.field_map.over(c.network.field_map),
                upload_threshold: c.network.upload_threshold.or(p.network.upload_threshold),
            },
        };
        // Domains are a list too (union), but "unset" keeps meaning "all" until someone sets it.
        let domains = match (self.domains, child.domains) {
            (Some(mut out), Some(cd)) => {
                for d in cd {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
                Some(out)
            }
            (pd, cd) => cd.or(pd),
        };
        Layer { charter, domains }
    }

    pub fn finish(self) -> Charter {
        let mut charter = self.charter;
        charter.oversight.domains = self.domains.unwrap_or_else(|| Domain::ALL.to_vec());
        charter
    }
}
