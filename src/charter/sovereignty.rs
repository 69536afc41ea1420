//! Sovereignty in the `tools` section (white paper §7: limit dependence on proprietary
//! providers, keep data under the law the organisation chooses): a status by the provider's
//! jurisdiction, the country whose law governs it (`tools.jurisdictions`), and one for local
//! runtimes (`tools.local`). A tool listed by id keeps its listed status: the policy only decides
//! for tools the charter does not name.
//!
//! The charter sits below the catalogue, so it never looks a service up: callers pass what the
//! policy needs as [`ToolFacts`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ToolStatus;
use super::model::nullable;
use crate::yaml::Spanned;

/// What the tool policy needs to know of a service besides its id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ToolFacts<'a> {
    /// ISO 3166 alpha-2 code of the provider's jurisdiction; `None` for local runtimes and
    /// unknown vendors.
    pub jurisdiction: Option<&'a str>,
    /// The service runs on the organisation's own machines.
    pub local: bool,
}

/// What decided a tool's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground<'a> {
    /// The tool's id is in `approved`, `tolerated` or `forbidden`.
    Listed,
    /// `tools.local`.
    Local,
    /// `tools.jurisdictions`: the provider's code, and `EU` when the policy named the group.
    Jurisdiction { code: &'a str, group: Option<&'static str> },
    /// Nothing: the tool is unapproved.
    Unlisted,
}

/// A tool's status under the charter and what decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision<'a> {
    pub status: ToolStatus,
    pub ground: Ground<'a>,
}

impl Decision<'_> {
    /// Why, for a finding's message when the status does not come from the tool's own entry:
    /// ` (jurisdiction CN)`, ` (jurisdiction FR, in EU)`, ` (local runtime)`, or nothing.
    pub fn reason(&self) -> String {
        match self.ground {
            Ground::Listed | Ground::Unlisted => String::new(),
            Ground::Local => " (local runtime)".to_string(),
            Ground::Jurisdiction { code, group: None } => format!(" (jurisdiction {code})"),
            Ground::Jurisdiction { code, group: Some(g) } => format!(" (jurisdiction {code}, in {g})"),
        }
    }
}

/// A status the charter gives a whole class of tools: approved, tolerated or forbidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    Approved,
    Tolerated,
    Forbidden,
}

impl Policy {
    pub fn status(self) -> ToolStatus {
        match self {
            Policy::Approved => ToolStatus::Approved,
            Policy::Tolerated => ToolStatus::Tolerated,
            Policy::Forbidden => ToolStatus::Forbidden,
        }
    }
}

/// Status by the provider's jurisdiction: ISO 3166 alpha-2 codes, or `EU` for its member states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Jurisdictions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerated: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<String>,
}

impl Jurisdictions {
    pub fn is_empty(&self) -> bool {
        self.approved.is_empty() && self.tolerated.is_empty() && self.forbidden.is_empty()
    }

    /// The most restrictive list naming `code` exactly; else the one naming its group (`EU`).
    fn status_of<'a>(&self, code: &'a str) -> Option<(ToolStatus, Ground<'a>)> {
        let lists = [
            (&self.forbidden, Policy::Forbidden),
            (&self.tolerated, Policy::Tolerated),
            (&self.approved, Policy::Approved),
        ];
        let exact = lists.iter().find(|(l, _)| l.iter().any(|c| c == code));
        if let Some((_, p)) = exact {
            return Some((p.status(), Ground::Jurisdiction { code, group: None }));
        }
        if EU_MEMBERS.contains(&code) {
            let group = lists.iter().find(|(l, _)| l.iter().any(|c| c == EU));
            if let Some((_, p)) = group {
                return Some((p.status(), Ground::Jurisdiction { code, group: Some(EU) }));
            }
        }
        None
    }
}

/// Status by the country whose law governs the provider: ISO 3166 alpha-2 codes in capitals
/// (`US`, `CN`, `FR`), or `EU` for its member states. A tool's own entry wins.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Jurisdictions")]
pub(super) struct RawJurisdictions {
    /// Providers under these jurisdictions are approved (any data allowed).
    #[serde(default, deserialize_with = "nullable")]
    pub approved: Vec<Spanned<String>>,
    /// Providers under these jurisdictions are tolerated (no confidential data).
    #[serde(default, deserialize_with = "nullable")]
    pub tolerated: Vec<Spanned<String>>,
    /// Providers under these jurisdictions are forbidden.
    #[serde(default, deserialize_with = "nullable")]
    pub forbidden: Vec<Spanned<String>>,
}

impl RawJurisdictions {
    pub fn lists(&self) -> [(&'static str, &[Spanned<String>]); 3] {
        [("approved", &self.approved), ("tolerated", &self.tolerated), ("forbidden", &self.forbidden)]
    }
}

/// The status of a tool: its own entry, then the local-runtime policy, then the jurisdiction
/// policy, else unapproved. (Should a charter built in code list an id twice, the most
/// restrictive status wins.)
pub(super) fn decide<'a>(tools: &super::Tools, tool_id: &str, facts: ToolFacts<'a>) -> Decision<'a> {
    let listed = |list: &[String]| list.iter().any(|t| t == tool_id);
    let own = if listed(&tools.forbidden) {
        Some(ToolStatus::Forbidden)
    } else if listed(&tools.tolerated) {
        Some(ToolStatus::Tolerated)
    } else if listed(&tools.approved) {
        Some(ToolStatus::Approved)
    } else {
        None
    };
    if let Some(status) = own {
        return Decision { status, ground: Ground::Listed };
    }
    if facts.local
        && let Some(p) = tools.local
    {
        return Decision { status: p.status(), ground: Ground::Local };
    }
    if let Some((status, ground)) = facts.jurisdiction.and_then(|c| tools.jurisdictions.status_of(c)) {
        return Decision { status, ground };
    }
    Decision { status: ToolStatus::Unapproved, ground: Ground::Unlisted }
}

/// The group code a jurisdiction policy may name for every EU member state.
pub const EU: &str = "EU";

/// The 27 member states of the European Union (ISO 3166 alpha-2; Greece is `GR`, not `EL`).
pub const EU_MEMBERS: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// ISO 3166-1 alpha-2: the officially assigned codes.
const ISO_3166: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
    EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
    LA LB LC LI LK LR LS LT LU LV LY \
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
    RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
    VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Whether `code` is an assigned ISO 3166 alpha-2 code (upper case).
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && ISO_3166.split_whitespace().any(|c| c == code)
}

/// What people write instead of a code: the code they mean. Names and alpha-3 codes of the
/// countries AI providers come from, and the usual non-ISO abbreviations.
const ALIASES: &[(&str, &str)] = &[
    ("UK", "GB"),
    ("GBR", "GB"),
    ("BRITAIN", "GB"),
    ("UNITED KINGDOM", "GB"),
    ("EL", "GR"),
    ("USA", "US"),
    ("UNITED STATES", "US"),
    ("AMERICA", "US"),
    ("CHN", "CN"),
    ("CHINA", "CN"),
    ("PRC", "CN"),
    ("RUS", "RU"),
    ("RUSSIA", "RU"),
    ("FRA", "FR"),
    ("FRANCE", "FR"),
    ("DEU", "DE"),
    ("GER", "DE"),
    ("GERMANY", "DE"),
    ("CAN", "CA"),
    ("CANADA", "CA"),
    ("ISR", "IL"),
    ("ISRAEL", "IL"),
    ("CZE", "CZ"),
    ("CZECHIA", "CZ"),
    ("JPN", "JP"),
    ("JAPAN", "JP"),
    ("KOR", "KR"),
    ("KOREA", "KR"),
    ("SOUTH KOREA", "KR"),
    ("IND", "IN"),
    ("INDIA", "IN"),
    ("CHE", "CH"),
    ("SWITZERLAND", "CH"),
    ("NLD", "NL"),
    ("NETHERLANDS", "NL"),
    ("IRL", "IE"),
    ("IRELAND", "IE"),
    ("SWE", "SE"),
    ("SWEDEN", "SE"),
    ("ESP", "ES"),
    ("SPAIN", "ES"),
    ("ITA", "IT"),
    ("ITALY", "IT"),
    ("HKG", "HK"),
    ("HONG KONG", "HK"),
    ("SGP", "SG"),
    ("SINGAPORE", "SG"),
    ("TWN", "TW"),
    ("TAIWAN", "TW"),
    ("ARE", "AE"),
    ("UAE", "AE"),
    ("EUROPE", "EU"),
    ("EUROPEAN UNION", "EU"),
];

/// The code meant by an entry that is not one, if it can be told.
pub fn suggest_country(entry: &str) -> Option<&'static str> {
    let upper = entry.trim().to_ascii_uppercase();
    if upper == EU {
        return Some(EU);
    }
    if let Some(code) = ISO_3166.split_whitespace().find(|c| *c == upper) {
        return Some(code);
    }
    ALIASES.iter().find(|(alias, _)| *alias == upper).map(|(_, code)| *code)
}

#[cfg(test)]
#[path = "sovereignty_tests.rs"]
mod tests;
