//! Code scopes: the function that encloses a place in a source file, found with tree-sitter
//! parsers for Python, JavaScript, TypeScript, Java, Go, C#, Ruby and Rust. Rules that relate
//! two places ("an AI call and a decision in the same function") ask here.

use std::ops::Range;

use tree_sitter::{Language, Node, Parser};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Java,
    Go,
    CSharp,
    Ruby,
    Rust,
}

impl Lang {
    pub fn of(path: &str) -> Option<Lang> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        Some(match ext.as_str() {
            "py" | "pyw" => Lang::Python,
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            "java" => Lang::Java,
            "go" => Lang::Go,
            "cs" => Lang::CSharp,
            "rb" => Lang::Ruby,
            "rs" => Lang::Rust,
            _ => return None,
        })
    }

    fn language(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Lang::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }

    /// Node kinds that are named functions or methods. Anonymous lambdas and closures are not
    /// scopes of their own: `candidates.forEach(c => reject(c))` belongs to its function.
    fn is_function(self, node: &Node<'_>) -> bool {
        let kind = node.kind();
        match self {
            Lang::Python => kind == "function_definition",
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => match kind {
                "function_declaration" | "generator_function_declaration" | "method_definition" => true,
                "arrow_function" | "function_expression" | "function" => {
                    node.parent().is_some_and(|p| p.kind() == "variable_declarator")
                }
                _ => false,
            },
            Lang::Java => matches!(kind, "method_declaration" | "constructor_declaration"),
            Lang::Go => matches!(kind, "function_declaration" | "method_declaration"),
            Lang::CSharp => {
                matches!(kind, "method_declaration" | "constructor_declaration" | "local_function_statement")
            }
            Lang::Ruby => matches!(kind, "method" | "singleton_method"),
            Lang::Rust => kind == "function_item",
        }
    }
}

/// A named function or method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub name: String,
    /// Byte range of the whole function, signature included.
    pub range: Range<usize>,
    /// Parameter names in order, `self` and `cls` left out; `*` stands for a rest parameter,
    /// past which positions no longer match.
    pub params: Vec<String>,
}

/// The functions of one file.
#[derive(Debug, Default)]
pub struct Scopes {
    list: Vec<Scope>,
}

impl Scopes {
    /// Parses `text` as `lang`; `None` when the parser gives up.
    pub fn parse(lang: Lang, text: &str) -> Option<Scopes> {
        let mut parser = Parser::new();
        parser.set_language(&lang.language()).ok()?;
        let tree = parser.parse(text, None)?;
        let mut list = Vec::new();
        let mut cursor = tree.walk();
        // Depth-first walk over every node, without recursion (deeply nested code is input too).
        loop {
            let node = cursor.node();
            if lang.is_function(&node) {
                list.push(Scope {
                    name: name_of(&node, text),
                    range: node.byte_range(),
                    params: params_of(&node, text),
                });
            }
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return Some(Scopes { list });
                }
            }
        }
    }

    /// The innermost function containing `offset`.
    pub fn enclosing(&self, offset: usize) -> Option<&Scope> {
        self.list.iter().filter(|s| s.range.contains(&offset)).min_by_key(|s| s.range.len())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Scope> {
        self.list.iter()
    }
}

fn name_of(node: &Node<'_>, text: &str) -> String {
    let named = node.child_by_field_name("name").or_else(|| {
        // `const decide = async () => …`: the name is the declarator's.
        node.parent()
            .filter(|p| p.kind() == "variable_declarator")
            .and_then(|p| p.child_by_field_name("name"))
    });
    named.and_then(|n| text.get(n.byte_range())).unwrap_or("<anonymous>").to_string()
}

/// Most parameters kept: a longer list is generated code.
const MAX_PARAMS: usize = 32;

/// The names of a function's parameters, whatever the language spells around them
/// (`x: int = 0`, `String x`, `a, b int`, `{ a }` is no name and keeps its place).
fn params_of(node: &Node<'_>, text: &str) -> Vec<String> {
    let Some(list) = node.child_by_field_name("parameters") else { return Vec::new() };
    let ident = |n: Node<'_>| {
        matches!(n.kind(), "identifier" | "shorthand_property_identifier_pattern")
            .then(|| text.get(n.byte_range()).unwrap_or_default().to_string())
    };
    let mut out = Vec::new();
    let mut cursor = list.walk();
    for p in list.named_children(&mut cursor) {
        if out.len() >= MAX_PARAMS {
            break;
        }
        let kind = p.kind();
        let inner = p.child_by_field_name("pattern").map_or("", |n| n.kind());
        if [kind, inner].iter().any(|k| k.contains("splat") || k.contains("rest") || k.contains("variadic")) {
            out.push("*".to_string());
            continue;
        }
        if matches!(kind, "comment" | "keyword_separator" | "positional_separator" | "self_parameter") {
            continue;
        }
        let named = ident(p)
            .or_else(|| {
                ["name", "pattern", "left"].iter().find_map(|f| p.child_by_field_name(f)).and_then(ident)
            })
            .or_else(|| {
                let mut c = p.walk();
                p.named_children(&mut c).find_map(ident)
            });
        // Go's `a, b int` declares two names in one parameter.
        if kind == "parameter_declaration" {
            let mut c = p.walk();
            let names: Vec<String> = p.children_by_field_name("name", &mut c).filter_map(ident).collect();
            if names.len() > 1 {
                out.extend(names);
                continue;
            }
        }
        out.push(named.unwrap_or_default());
    }
    if out.first().is_some_and(|p| p == "self" || p == "cls") {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enclosing_name(lang: Lang, text: &str, needle: &str) -> Option<String> {
        let scopes = Scopes::parse(lang, text)?;
        let at = text.find(needle)?;
        scopes.enclosing(at).map(|s| s.name.clone())
    }

    #[test]
    fn finds_the_enclosing_function_in_each_language() {
        let cases: [(Lang, &str); 9] = [
            (
                Lang::Python,
                "import x\n\ndef screen(c):\n    def inner():\n        pass\n    r = x.call()\n    return r\n",
            ),
            (
                Lang::JavaScript,
                "const screen = async (c) => {\n  const r = x.call();\n  [1].forEach(v => f(v));\n};\n",
            ),
            (Lang::TypeScript, "class A {\n  screen(c: string): void {\n    const r = x.call();\n  }\n}\n"),
            (Lang::Tsx, "function screen(c: string) {\n  const r = x.call();\n  return <div>{r}</div>;\n}\n"),
            (Lang::Java, "class A {\n  void screen(String c) {\n    var r = x.call();\n  }\n}\n"),
            (Lang::Go, "package a\n\nfunc (s *S) screen(c string) {\n\tr := x.call()\n\t_ = r\n}\n"),
            (Lang::CSharp, "class A {\n  void screen(string c) {\n    var r = x.call();\n  }\n}\n"),
            (Lang::Ruby, "class A\n  def screen(c)\n    r = x.call()\n  end\nend\n"),
            (Lang::Rust, "fn screen(c: &str) {\n    let r = x.call();\n}\n"),
        ];
        for (lang, text) in cases {
            assert_eq!(enclosing_name(lang, text, "x.call").as_deref(), Some("screen"), "{lang:?}");
        }
        // Nested named functions: the innermost wins; code outside any function has no scope.
        let py = "def outer():\n    def inner():\n        x.call()\n";
        assert_eq!(enclosing_name(Lang::Python, py, "x.call").as_deref(), Some("inner"));
        assert_eq!(enclosing_name(Lang::Python, "x.call()\n", "x.call"), None);
    }

    #[test]
    fn parameters_in_order() {
        let params = |lang, text: &str| Scopes::parse(lang, text).map(|s| s.list[0].params.clone());
        let want = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            params(Lang::Python, "def f(self, db: S, cv, score: dict = None, *rest, **kw):\n    pass\n"),
            want(&["db", "cv", "score", "*", "*"])
        );
        assert_eq!(
            params(Lang::TypeScript, "function f(a: string, b = 2, ...c) {}\n"),
            want(&["a", "b", "*"])
        );
        assert_eq!(
            params(Lang::Go, "package a\nfunc (s *S) f(a, b int, c string) {}\n"),
            want(&["a", "b", "c"])
        );
        assert_eq!(params(Lang::Java, "class A { void f(String a, int b) {} }\n"), want(&["a", "b"]));
        assert_eq!(params(Lang::Rust, "fn f(&self, a: u8) {}\n"), want(&["a"]));
    }

    #[test]
    fn languages_from_paths() {
        assert_eq!(Lang::of("src/app.py"), Some(Lang::Python));
        assert_eq!(Lang::of("web/App.tsx"), Some(Lang::Tsx));
        assert_eq!(Lang::of("Main.kt"), None);
        assert_eq!(Lang::of("Makefile"), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for lang in [Lang::Python, Lang::Rust, Lang::TypeScript] {
            let s = Scopes::parse(lang, "def (((( {{{{ fn ]]] \u{0}\u{FEFF}é");
            assert!(s.is_some());
        }
    }
}
