//! The charter's `network` section: how to read a network log without a built-in layout, and
//! what size of request counts as an uploaded document.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{SizeText, nullable};
use crate::yaml::Spanned;

/// Network logs (proxy, DNS, firewall): how to read a feed without a built-in layout, and
/// what size of request counts as an uploaded document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Network {
    pub field_map: NetFieldMap,
    /// Bytes sent in one request above which a chat tool received a document or a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_threshold: Option<u64>,
}

impl Network {
    pub fn is_unset(&self) -> bool {
        *self == Network::default()
    }
}

/// Which column (header name, JSON key, dotted path or 1-based number) holds each field of a
/// network log record; `zone` is the offset of zone-less times. Unset: the reader's guesses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetFieldMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes_up: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes_down: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl NetFieldMap {
    /// `key=column` pairs of the fields set, in the form `--log-map` takes.
    pub fn pairs(&self) -> Vec<String> {
        let fields = [
            ("time", &self.time),
            ("user", &self.user),
            ("client", &self.client),
            ("device", &self.device),
            ("host", &self.host),
            ("url", &self.url),
            ("method", &self.method),
            ("action", &self.action),
            ("bytes_up", &self.bytes_up),
            ("bytes_down", &self.bytes_down),
            ("prompt", &self.prompt),
            ("zone", &self.zone),
        ];
        fields.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))).collect()
    }

    /// Each field of `child` set wins over this one's.
    pub fn over(self, child: NetFieldMap) -> NetFieldMap {
        NetFieldMap {
            time: child.time.or(self.time),
            user: child.user.or(self.user),
            client: child.client.or(self.client),
            device: child.device.or(self.device),
            host: child.host.or(self.host),
            url: child.url.or(self.url),
            method: child.method.or(self.method),
            action: child.action.or(self.action),
            bytes_up: child.bytes_up.or(self.bytes_up),
            bytes_down: child.bytes_down.or(self.bytes_down),
            prompt: child.prompt.or(self.prompt),
            zone: child.zone.or(self.zone),
        }
    }
}

/// Network logs (proxy, DNS, firewall).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Network")]
pub(super) struct RawNetwork {
    /// Which column holds each field of a log record (CSV or JSON lines without a known layout).
    #[serde(default, deserialize_with = "nullable")]
    pub field_map: NetFieldMap,
    /// One request above this size sent a document or a file: bytes, or a number with KB, MB or GB.
    pub upload_threshold: Option<Spanned<SizeText>>,
}
