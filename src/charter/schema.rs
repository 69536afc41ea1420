//! The JSON Schema of `ai-charter.yaml`, generated from the per-file serde model (`model::Raw*`)
//! so that it cannot drift from what the loader accepts: the same keys, `deny_unknown_fields`
//! as `additionalProperties: false`, the doc comments as descriptions. Editors use it through a
//! `yaml-language-server` modeline for completion and checks as people type; `charter check`
//! stays the authority (it also checks ids against the catalogue, regexes and globs).
//!
//! Draft 7, because it is the draft YAML editors support best.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::model::{RawCharter, SeverityMap, SizeText};
use crate::yaml::Spanned;

/// Where editors fetch the schema: the file committed with each release, at the tag of this
/// version. `OWNER` is the repository's owner, as in the README's install lines.
pub const SCHEMA_URL: &str = concat!(
    "https://raw.githubusercontent.com/OWNER/charterlint/v",
    env!("CARGO_PKG_VERSION"),
    "/schema/ai-charter.schema.json"
);

/// The modeline `init` writes first, so that editors with the YAML language server find the schema.
pub fn modeline() -> String {
    format!("# yaml-language-server: $schema={SCHEMA_URL}\n")
}

/// The schema as pretty-printed JSON, with a final newline (as committed).
pub fn schema_json() -> String {
    let mut settings = SchemaSettings::draft07();
    // First, so that the draft's own transforms (a `$ref` with siblings → `allOf`) see its output.
    settings.transforms.insert(0, Box::new(|s: &mut Schema| admit_null(s)));
    let mut schema = settings.into_generator().into_root_schema_for::<RawCharter>();
    schema.insert("$id".into(), Value::String(SCHEMA_URL.into()));
    schema.insert("title".into(), Value::String("ai-charter.yaml".into()));
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

/// Every optional key of the file may be written with no value (`tools:` with its lines
/// commented out): an `Option` reads that as unset and the `nullable` fields as empty. The derive
/// sees neither, so each property that is not required admits `null` here.
fn admit_null(schema: &mut Schema) {
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default();
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if !required.contains(name) && !admits_null(property) {
                let inner = std::mem::take(property);
                *property = serde_json::json!({ "anyOf": [inner, { "type": "null" }] });
                // Keep the description where editors look for it: on the property.
                if let Some(description) =
                    property["anyOf"][0].as_object_mut().and_then(|o| o.remove("description"))
                {
                    property["description"] = description;
                }
            }
        }
    }
    schemars::transform::transform_subschemas(&mut |s: &mut Schema| admit_null(s), schema);
}

fn admits_null(schema: &Value) -> bool {
    let null = |t: &Value| t == "null";
    match schema.get("type") {
        Some(Value::Array(types)) => types.iter().any(null),
        Some(t) => null(t),
        None => ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| schema.get(k).and_then(Value::as_array))
            .any(|alternatives| alternatives.iter().any(admits_null)),
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

impl JsonSchema for SeverityMap {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "SeverityMap".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": { "enum": ["error", "warning", "info"] }
        })
    }
}

impl JsonSchema for SizeText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Size".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "number", "exclusiveMinimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*([KkMmGg]([Ii]?[Bb])?|[Bb])?\\s*$" }
            ]
        })
    }
}
