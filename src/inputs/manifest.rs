//! Temporary stub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem { PyPI, Npm, Crates, Go, Maven, NuGet, RubyGems, Packagist }
impl Ecosystem { pub fn as_str(self) -> &'static str { match self { Ecosystem::PyPI => "pypi", Ecosystem::Npm => "npm", Ecosystem::Crates => "crates", Ecosystem::Go => "go", Ecosystem::Maven => "maven", Ecosystem::NuGet => "nuget", Ecosystem::RubyGems => "rubygems", Ecosystem::Packagist => "packagist" } } }
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency { pub ecosystem: Ecosystem, pub name: String, pub span: std::ops::Range<usize> }
pub fn is_manifest(_p: &str) -> bool { false }
pub fn dependencies(_p: &str, _t: &str) -> Vec<Dependency> { Vec::new() }
