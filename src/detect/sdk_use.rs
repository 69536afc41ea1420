//! AI SDKs used in code: imports and client constructors in Python, JavaScript/TypeScript, Go,
// charterlint: allow-file SHADOW002, SHADOW008 -- tests plant AI hosts, imports and constructors on purpose
//! Java/Kotlin, C#, Ruby and Rust, mapped to the catalogue's services through its package
//! lists. A manifest says what a project may pull in; an import says which file sends data to
//! the service, and a script with no manifest at all is found too.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind, packed};

use super::{Context, Detect, Hit, Scratch, fold_by_service, placeholder};
use crate::catalog::{Catalog, Ecosystem, Kind, normalise_package};
use crate::rules::Rule;
use crate::unit::{Unit, UnitKind};

/// An AI SDK imported or a client constructed, one finding per service and file.
#[derive(Debug)]
pub struct AiSdkUse;

impl Detect for AiSdkUse {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        if !unit.kinds.contains(UnitKind::Code) {
            return Vec::new();
        }
        find(unit, &cx.catalog)
    }
}

/// The SDK uses of a code unit, one per service.
fn find(unit: &Unit<'_>, catalog: &Catalog) -> Vec<Hit> {
    let Some(lang) = Lang::of(unit.rel_path) else { return Vec::new() };
    let mut hits = imports(lang, unit.text, catalog);
    hits.extend(constructors(unit.text, catalog));
    // SDK documentation shows imports and constructors in comments and docstrings. Frameworks
    // (LangChain) and local runtimes (transformers, DeepFace) send nothing by themselves: their
    // provider integrations (langchain-openai) name the service that receives the data.
    let remote = |s: usize| {
        !catalog.services[s].kind.iter().any(|k| matches!(k, Kind::Framework | Kind::LocalRuntime))
    };
    hits.retain(|h| h.service.is_some_and(remote) && !placeholder::in_comment(unit, h.span.start));
    hits.sort_by_key(|h| h.span.start);
    fold_by_service(hits)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Python,
    Notebook,
    Js,
    Go,
    Java,
    CSharp,
    Ruby,
    Rust,
}

impl Lang {
    fn of(rel_path: &str) -> Option<Lang> {
        let ext = rel_path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        Some(match ext.as_str() {
            "py" | "pyi" | "pyw" => Lang::Python,
            "ipynb" => Lang::Notebook,
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" | "vue" | "svelte" => Lang::Js,
            "go" => Lang::Go,
            "java" | "kt" | "kts" | "scala" | "groovy" => Lang::Java,
            "cs" => Lang::CSharp,
            "rb" => Lang::Ruby,
            "rs" => Lang::Rust,
            _ => return None,
        })
    }
}

/// Packages that run locally and send nothing (tokenisers): importing them is not using the
/// service.
const LOCAL_ONLY: &[&str] = &["tiktoken", "js-tiktoken", "@anthropic-ai/tokenizer"];

/// Java and Kotlin package prefixes → a Maven coordinate of the catalogue. Java packages do not
/// name their artifact, so the main SDKs are listed here; the service still comes from the
/// catalogue (and a charter's custom tool can refine it).
const JAVA_PACKAGES: &[(&str, &str)] = &[
    ("com.openai.", "com.openai:openai-java"),
    ("com.theokanning.openai.", "com.theokanning.openai-gpt3-java:service"),
    ("io.github.sashirestela.openai.", "io.github.sashirestela:simple-openai"),
    ("com.anthropic.", "com.anthropic:anthropic-java"),
    ("com.google.genai.", "com.google.genai:google-genai"),
    ("com.google.cloud.vertexai.", "com.google.cloud:google-cloud-vertexai"),
    ("com.google.cloud.aiplatform.", "com.google.cloud:google-cloud-aiplatform"),
    ("com.azure.ai.openai.", "com.azure:azure-ai-openai"),
    ("com.azure.ai.inference.", "com.azure:azure-ai-inference"),
    ("software.amazon.awssdk.services.bedrockruntime.", "software.amazon.awssdk:bedrockruntime"),
    ("dev.langchain4j.model.openai.", "dev.langchain4j:langchain4j-open-ai"),
    ("dev.langchain4j.model.anthropic.", "dev.langchain4j:langchain4j-anthropic"),
    ("dev.langchain4j.model.googleai.", "dev.langchain4j:langchain4j-google-ai-gemini"),
    ("dev.langchain4j.model.mistralai.", "dev.langchain4j:langchain4j-mistral-ai"),
    ("dev.langchain4j.model.azure.", "dev.langchain4j:langchain4j-azure-open-ai"),
    ("org.springframework.ai.openai.", "org.springframework.ai:spring-ai-openai"),
    ("com.cohere.", "com.cohere:cohere-java"),
];

/// Client constructors, whatever the import: the name (matched on an identifier boundary,
/// followed by `(`) → a package of the catalogue that says which service it talks to.
const CONSTRUCTORS: &[(&str, Ecosystem, &str)] = &[
    ("OpenAI", Ecosystem::PyPI, "openai"),
    ("AsyncOpenAI", Ecosystem::PyPI, "openai"),
    ("ChatOpenAI", Ecosystem::PyPI, "langchain-openai"),
    ("AzureOpenAI", Ecosystem::NuGet, "Azure.AI.OpenAI"),
    ("AsyncAzureOpenAI", Ecosystem::NuGet, "Azure.AI.OpenAI"),
    ("AzureChatOpenAI", Ecosystem::NuGet, "Azure.AI.OpenAI"),
    ("Anthropic", Ecosystem::PyPI, "anthropic"),
    ("AsyncAnthropic", Ecosystem::PyPI, "anthropic"),
    ("ChatAnthropic", Ecosystem::PyPI, "langchain-anthropic"),
    ("AnthropicClient", Ecosystem::NuGet, "Anthropic"),
    ("genai.Client", Ecosystem::PyPI, "google-genai"),
    ("GoogleGenerativeAI", Ecosystem::Npm, "@google/generative-ai"),
    ("GoogleGenAI", Ecosystem::Npm, "@google/genai"),
    ("ChatGoogleGenerativeAI", Ecosystem::PyPI, "langchain-google-genai"),
    ("MistralClient", Ecosystem::PyPI, "mistralai"),
    ("cohere.Client", Ecosystem::PyPI, "cohere"),
    ("cohere.ClientV2", Ecosystem::PyPI, "cohere"),
    ("CohereClient", Ecosystem::Npm, "cohere-ai"),
];

/// Every import of a catalogue SDK in `text`.
fn imports(lang: Lang, text: &str, catalog: &Catalog) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut in_go_block = false;
    for (line_start, raw) in import_lines(lang, text) {
        let line = raw.trim_end_matches(['\n', '\r']);
        let mut body = line.trim_start();
        let mut lead = line.len() - body.len();
        if lang == Lang::Notebook {
            // A source line of a notebook cell: `"from openai import OpenAI\n",`.
            let Some(inner) = body.strip_prefix('"') else { continue };
            lead += 1;
            body = inner.trim_end_matches(',').trim_end_matches('"').trim_end_matches("\\n");
        }
        let found: Vec<(String, Ecosystem)> = match lang {
            Lang::Python | Lang::Notebook => python(body),
            Lang::Js => js(body).into_iter().map(|p| (p, Ecosystem::Npm)).collect(),
            Lang::Go => go(body, &mut in_go_block).into_iter().map(|p| (p, Ecosystem::Go)).collect(),
            Lang::Java => java(body).into_iter().map(|p| (p, Ecosystem::Maven)).collect(),
            Lang::CSharp => csharp(body).into_iter().map(|p| (p, Ecosystem::NuGet)).collect(),
            Lang::Ruby => ruby(body).into_iter().map(|p| (p, Ecosystem::RubyGems)).collect(),
            Lang::Rust => rust(body).into_iter().map(|p| (p, Ecosystem::Crates)).collect(),
        };
        let span = line_start + lead..line_start + lead + body.len();
        for (name, eco) in found {
            if let Some((pkg, s)) = owner(catalog, eco, &name) {
                out.push(Hit {
                    detail: format!("import of the {} package `{pkg}`", eco.as_str()),
                    ..Hit::service(span.clone(), s)
                });
                break;
            }
        }
    }
    out
}

/// The lines of `text` that may import, with their offsets. A Python import (or a notebook's
/// source line of one) holds the word `import` (`import x`, `from x import y`), so only lines
/// around its occurrences are read; other languages read every line (Go's import blocks span
/// lines).
fn import_lines(lang: Lang, text: &str) -> Box<dyn Iterator<Item = (usize, &str)> + '_> {
    if !matches!(lang, Lang::Python | Lang::Notebook) {
        let mut offset = 0;
        return Box::new(text.split_inclusive('\n').map(move |raw| {
            offset += raw.len();
            (offset - raw.len(), raw)
        }));
    }
    let at = memchr::memmem::find_iter(text.as_bytes(), b"import").collect();
    // With their newline, as the other languages' lines.
    Box::new(
        super::lines_holding(text, at)
            .into_iter()
            .map(|l| (l.start, &text[l.start..(l.end + 1).min(text.len())])),
    )
}

/// The catalogue service of an imported module, trying the module path and its parents as
/// package names (Python `google.cloud.aiplatform.gapic` → `google-cloud-aiplatform`; C#
/// `OpenAI.Chat` → `OpenAI`). Returns the package name matched.
fn owner(catalog: &Catalog, eco: Ecosystem, name: &str) -> Option<(String, usize)> {
    if eco == Ecosystem::Maven {
        let (_, coord) = JAVA_PACKAGES.iter().find(|(p, _)| name.starts_with(p))?;
        return catalog.package_owner(eco, coord).map(|s| (coord.to_string(), s));
    }
    let sep = match eco {
        Ecosystem::PyPI | Ecosystem::NuGet => '.',
        _ => {
            if LOCAL_ONLY.contains(&name) {
                return None;
            }
            return catalog.package_owner(eco, name).map(|s| (name.to_string(), s));
        }
    };
    // Longest first, and an exact package name before a family prefix (`langchain-*` must not
    // take `langchain_openai.chat_models` from `langchain-openai`).
    let mut fallback = None;
    let mut candidate = name;
    loop {
        let pkg =
            if eco == Ecosystem::PyPI { candidate.replace(['.', '_'], "-") } else { candidate.to_string() };
        if !LOCAL_ONLY.contains(&pkg.as_str())
            && let Some(s) = catalog.package_owner(eco, &pkg)
        {
            let norm = normalise_package(eco, &pkg);
            let listed = catalog.services[s].packages.by_ecosystem();
            let exact = listed
                .iter()
                .any(|(e, names)| *e == eco && names.iter().any(|n| normalise_package(eco, n) == norm));
            if exact {
                return Some((pkg, s));
            }
            fallback = fallback.or(Some((pkg, s)));
        }
        match candidate.rsplit_once(sep) {
            Some((parent, _)) => candidate = parent,
            None => return fallback,
        }
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A dotted identifier path at the start of `s` and the rest.
fn dotted(s: &str) -> (&str, &str) {
    let end = s.bytes().position(|b| !(is_ident(b) || b == b'.')).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// `import a.b as c, d` and `from a.b import c, d`: the modules, and `a.b.c` for each name
/// imported from a namespace package (`from google import genai`).
fn python(line: &str) -> Vec<(String, Ecosystem)> {
    let mut out = Vec::new();
    if let Some(rest) = line.strip_prefix("import ") {
        for part in rest.split(',') {
            let (m, _) = dotted(part.trim());
            if !m.is_empty() && !m.split('.').skip(1).any(|seg| seg.starts_with('_')) {
                out.push((m.to_string(), Ecosystem::PyPI));
            }
        }
    } else if let Some(rest) = line.strip_prefix("from ") {
        let (module, tail) = dotted(rest.trim_start());
        if module.is_empty() || module.starts_with('.') {
            return out;
        }
        // The SDK's private modules and type definitions make no client (`from openai._utils
        // import …`, `from anthropic.types import Message`).
        if module.split('.').skip(1).any(|seg| seg.starts_with('_') || seg == "types") {
            return out;
        }
        let Some(names) = tail.trim_start().strip_prefix("import") else { return out };
        let names: Vec<&str> = names
            .trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '\\')
            .split(',')
            .map(|n| n.split_whitespace().next().unwrap_or(""))
            .filter(|n| !n.is_empty() && *n != "*")
            .collect();
        if !names.is_empty() && names.iter().all(|n| n.starts_with('_')) {
            return out;
        }
        // `from openai import AzureOpenAI` talks to Azure OpenAI, whose SDK is the `openai`
        // package's Azure client: the Azure package of the catalogue names the service.
        let azure = |n: &&str| n.trim_start_matches("Async").starts_with("Azure");
        if module == "openai" && !names.is_empty() && names.iter().all(azure) {
            out.push(("Azure.AI.OpenAI".to_string(), Ecosystem::NuGet));
            return out;
        }
        for n in &names {
            out.push((format!("{module}.{n}"), Ecosystem::PyPI));
        }
        out.push((module.to_string(), Ecosystem::PyPI));
    }
    out
}

/// The package of a module specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`.
fn js_package(spec: &str) -> Option<String> {
    if spec.starts_with('.') || spec.starts_with('/') || spec.contains(':') || spec.is_empty() {
        return None;
    }
    let mut parts = spec.split('/');
    let first = parts.next()?;
    if first.starts_with('@') { Some(format!("{first}/{}", parts.next()?)) } else { Some(first.to_string()) }
}

/// The first quoted string at the start of `s` (after spaces).
fn quoted(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let q = s.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let rest = &s[1..];
    rest.find(q).map(|end| &rest[..end])
}

/// `import … from "x"`, `import "x"`, `export … from "x"`, `require("x")`, `import("x")`.
fn js(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The last line of a multi-line import: `} from "openai";`.
    let closing = line.starts_with('}') && line.contains(" from ");
    if line.starts_with("import ") || line.starts_with("import{") || line.starts_with("export ") || closing {
        if let Some(i) = line.rfind(" from ").or_else(|| line.rfind("}from ")) {
            out.extend(quoted(&line[i + 6..]).and_then(js_package));
        } else if let Some(rest) = line.strip_prefix("import ") {
            out.extend(quoted(rest).and_then(js_package));
        }
    }
    for call in ["require(", "import("] {
        let mut from = 0;
        while let Some(i) = line[from..].find(call) {
            let at = from + i;
            from = at + call.len();
            if at > 0 && is_ident(line.as_bytes()[at - 1]) {
                continue;
            }
            out.extend(quoted(&line[from..]).and_then(js_package));
        }
    }
    out
}

/// `import "x"`, `import alias "x"`, and the lines of an `import ( … )` block.
fn go(line: &str, in_block: &mut bool) -> Vec<String> {
    if *in_block {
        if line.starts_with(')') {
            *in_block = false;
            return Vec::new();
        }
    } else if let Some(rest) = line.strip_prefix("import") {
        let rest = rest.trim_start();
        if let Some(inner) = rest.strip_prefix('(') {
            *in_block = true;
            return go_spec(inner.trim_start()).into_iter().collect();
        }
        return go_spec(rest).into_iter().collect();
    } else {
        return Vec::new();
    }
    go_spec(line).into_iter().collect()
}

fn go_spec(s: &str) -> Option<String> {
    let s = s.trim_start();
    let s = if s.starts_with('"') || s.starts_with('`') { s } else { s.split_once(char::is_whitespace)?.1 };
    quoted(s).map(str::to_string)
}

/// `import com.openai.client.OpenAIClient;`, `import static …`, Kotlin without `;`.
fn java(line: &str) -> Vec<String> {
    let Some(rest) = line.strip_prefix("import ") else { return Vec::new() };
    let rest = rest.trim_start().strip_prefix("static ").unwrap_or(rest).trim_start();
    let (path, _) = dotted(rest);
    if path.is_empty() { Vec::new() } else { vec![format!("{path}.")] }
}

/// `using OpenAI.Chat;`, `global using Azure.AI.OpenAI;`, `using Alias = Azure.AI.OpenAI;`.
fn csharp(line: &str) -> Vec<String> {
    let line = line.strip_prefix("global ").unwrap_or(line);
    let Some(rest) = line.strip_prefix("using ") else { return Vec::new() };
    let rest = rest.trim_start().strip_prefix("static ").unwrap_or(rest);
    let rest = rest.split_once('=').map_or(rest, |(_, r)| r).trim();
    let Some(ns) = rest.strip_suffix(';') else { return Vec::new() };
    let (path, tail) = dotted(ns.trim());
    if path.is_empty() || !tail.trim().is_empty() { Vec::new() } else { vec![path.to_string()] }
}

/// `require "openai"`, `require('anthropic')`.
fn ruby(line: &str) -> Vec<String> {
    let Some(rest) = line.strip_prefix("require") else { return Vec::new() };
    let rest = rest.trim_start().trim_start_matches('(');
    quoted(rest).map(|s| s.split('/').next().unwrap_or(s).to_string()).into_iter().collect()
}

/// `use async_openai::…`, `pub use …`, `extern crate …`.
fn rust(line: &str) -> Vec<String> {
    let line = line.strip_prefix("pub ").unwrap_or(line);
    let rest = line.strip_prefix("use ").or_else(|| line.strip_prefix("extern crate "));
    let Some(rest) = rest else { return Vec::new() };
    let rest = rest.trim_start().trim_start_matches("::");
    let end = rest.bytes().position(|b| !is_ident(b)).unwrap_or(rest.len());
    let krate = &rest[..end];
    if krate.is_empty() || matches!(krate, "crate" | "self" | "super" | "std" | "core" | "alloc") {
        Vec::new()
    } else {
        vec![krate.to_string()]
    }
}

/// Client constructors: `OpenAI(api_key=…)`, `new Anthropic({…})`, `genai.Client()`.
/// Every constructor's `Name(` in one search, leftmost-first (one pass per name cost a
/// twentieth of a repository scan). Leftmost-first loses no call: an occurrence that starts
/// inside another (`OpenAI(` in `AsyncOpenAI(`) follows a name character, and such an
/// occurrence is no call. The search is Teddy's (the packed searcher), at several GB/s on code:
/// an automaton picks `(` as its rare byte, the commonest byte of code, and ran ten times
/// slower; it serves only on a CPU without the SIMD Teddy needs.
enum Calls {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Calls {
    /// (pattern, start) of each call, leftmost-first.
    fn find_iter<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = (usize, usize)> + 'a> {
        match self {
            Calls::Packed(s) => Box::new(s.find_iter(text).map(|m| (m.pattern().as_usize(), m.start()))),
            Calls::Automaton(a) => Box::new(a.find_iter(text).map(|m| (m.pattern().as_usize(), m.start()))),
        }
    }
}

fn constructor_calls() -> Option<&'static Calls> {
    static CALLS: OnceLock<Option<Calls>> = OnceLock::new();
    CALLS
        .get_or_init(|| {
            let pats: Vec<String> = CONSTRUCTORS.iter().map(|(name, _, _)| format!("{name}(")).collect();
            let packed = packed::Config::new()
                .match_kind(packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(&pats)
                .build()
                .map(Calls::Packed);
            packed.or_else(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&pats)
                    .ok()
                    .map(Calls::Automaton)
            })
        })
        .as_ref()
}

fn constructors(text: &str, catalog: &Catalog) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let Some(calls) = constructor_calls() else { return out };
    for (pattern, at) in calls.find_iter(text) {
        let (name, eco, pkg) = CONSTRUCTORS[pattern];
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        let Some(service) = catalog.package_owner(eco, pkg) else { continue };
        // A definition of a class or function of that name is not a use.
        let before = text[..at].trim_end_matches([' ', '\t']);
        if ["class", "def", "function", "fn", "func", "struct", "interface", "type"].iter().any(|k| {
            before.ends_with(k) && !before[..before.len() - k.len()].ends_with(|c: char| c.is_alphanumeric())
        }) {
            continue;
        }
        out.push(Hit {
            detail: format!("client constructor `{name}(`"),
            ..Hit::service(at..at + name.len(), service)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_import_lines_are_every_line_that_holds_import() {
        let text = "import os\nx = 1\n  from openai import (OpenAI,\n    AsyncOpenAI)\nreimport importlib importer\n\nimport";
        let every: Vec<(usize, &str)> = {
            let mut offset = 0;
            text.split_inclusive('\n')
                .map(|raw| {
                    offset += raw.len();
                    (offset - raw.len(), raw)
                })
                .collect()
        };
        let wanted: Vec<(usize, &str)> =
            every.iter().copied().filter(|(_, l)| l.contains("import")).collect();
        assert_eq!(import_lines(Lang::Python, text).collect::<Vec<_>>(), wanted);
        assert_eq!(import_lines(Lang::Notebook, text).collect::<Vec<_>>(), wanted);
        assert_eq!(import_lines(Lang::Go, text).collect::<Vec<_>>(), every);
        assert_eq!(wanted.len(), 4);
    }

    #[test]
    fn constructor_calls_packed_and_automaton_agree() {
        let pats: Vec<String> = CONSTRUCTORS.iter().map(|(name, _, _)| format!("{name}(")).collect();
        let automaton = Calls::Automaton(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&pats)
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let Some(calls) = constructor_calls() else { panic!("no constructor searcher") };
        let text = "c = AsyncAzureOpenAI(k)\nx=OpenAI()\nChatGoogleGenerativeAI( GoogleGenAI(cohere.ClientV2(\
                    cohere.Client( MistralClient(OpenAI AnthropicClient(Anthropic(";
        let found: Vec<(usize, usize)> = calls.find_iter(text).collect();
        assert_eq!(found, automaton.find_iter(text).collect::<Vec<_>>());
        assert_eq!(found.len(), 9, "{found:?}");
    }

    fn services(path: &str, text: &str) -> Vec<String> {
        let catalog = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let unit = Unit::file(path, path, text, crate::unit::Kinds::default().with(UnitKind::Code));
        find(&unit, &catalog)
            .into_iter()
            .filter_map(|h| h.service.map(|s| format!("{}@{}", catalog.services[s].id, &text[h.span])))
            .collect()
    }

    #[test]
    fn python_imports_and_constructors() {
        assert_eq!(
            services("a.py", "from openai import OpenAI\nclient = OpenAI(api_key=k)\n"),
            ["openai@from openai import OpenAI"]
        );
        assert_eq!(
            services("a.py", "import google.generativeai as genai\n"),
            ["google-gemini@import google.generativeai as genai"]
        );
        assert_eq!(
            services("a.py", "from google import genai\n"),
            ["google-gemini@from google import genai"]
        );
        assert_eq!(
            services("a.py", "from google.cloud import aiplatform\n"),
            ["google-vertex-ai@from google.cloud import aiplatform"]
        );
        assert_eq!(
            services("a.py", "from langchain_openai import ChatOpenAI\n"),
            ["openai@from langchain_openai import ChatOpenAI"]
        );
        assert_eq!(
            services("a.py", "from langchain_openai.chat_models import ChatOpenAI\n"),
            ["openai@from langchain_openai.chat_models import ChatOpenAI"]
        );
        assert_eq!(
            services("a.py", "from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=e)\n"),
            ["azure-openai@from openai import AzureOpenAI"]
        );
        assert_eq!(services("a.py", "client = anthropic.Anthropic()\n"), ["anthropic@Anthropic"]);
        assert!(services("a.py", "import tiktoken\nfrom .openai import helper\nimport os\n").is_empty());
        let private = "from openai._utils import X\nfrom anthropic import _compat\nimport openai._legacy_response as r\nfrom anthropic.types.beta import B\n";
        assert!(services("a.py", private).is_empty());
        // Frameworks and local runtimes send nothing by themselves.
        assert!(
            services(
                "a.py",
                "from langgraph.graph import StateGraph\nfrom deepface import DeepFace\nimport transformers\n"
            )
            .is_empty()
        );
        assert!(services("a.py", "class OpenAI(Base):\n    pass\n").is_empty());
        assert!(services("a.py", "# from openai import OpenAI\n").is_empty());
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            services("a.ts", "import Anthropic from \"@anthropic-ai/sdk\";\n"),
            ["anthropic@import Anthropic from \"@anthropic-ai/sdk\";"]
        );
        assert_eq!(services("a.js", "const { OpenAI } = require('openai/index');\n").len(), 1);
        assert_eq!(
            services("main.go", "import (\n\t\"fmt\"\n\topenai \"github.com/sashabaranov/go-openai\"\n)\n"),
            ["openai@openai \"github.com/sashabaranov/go-openai\""]
        );
        assert_eq!(
            services("A.java", "import com.openai.client.OpenAIClient;\n"),
            ["openai@import com.openai.client.OpenAIClient;"]
        );
        assert_eq!(
            services("P.cs", "using Azure.AI.OpenAI;\nvar c = new OpenAIClient(uri, cred);\n"),
            ["azure-openai@using Azure.AI.OpenAI;"]
        );
        assert_eq!(
            services("a.ts", "import {\n  OpenAI,\n} from \"openai\";\n"),
            ["openai@} from \"openai\";"]
        );
        assert_eq!(services("a.rb", "require \"openai\"\n"), ["openai@require \"openai\""]);
        assert_eq!(
            services("m.rs", "use async_openai::{Client, types::*};\n"),
            ["openai@use async_openai::{Client, types::*};"]
        );
        let nb = "  \"source\": [\n    \"from anthropic import Anthropic\\n\",\n";
        assert_eq!(services("n.ipynb", nb), ["anthropic@from anthropic import Anthropic"]);
        assert!(services("a.ts", "import { z } from \"zod\";\nimport x from \"./openai\";\n").is_empty());
    }
}
