//! Package registries, as the catalogue and the charter name them.

/// The package registry a dependency's name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem {
    PyPI,
    Npm,
    Crates,
    Go,
    Maven,
    NuGet,
    RubyGems,
    Packagist,
}

impl Ecosystem {
    pub const ALL: [Ecosystem; 8] = [
        Ecosystem::PyPI,
        Ecosystem::Npm,
        Ecosystem::Crates,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::NuGet,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
    ];

    /// The ecosystem named as in the catalogue and the charter (`pypi`, `npm`, …).
    pub fn from_name(name: &str) -> Option<Ecosystem> {
        Ecosystem::ALL.into_iter().find(|e| e.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => "crates",
            Ecosystem::Go => "go",
            Ecosystem::Maven => "maven",
            Ecosystem::NuGet => "nuget",
            Ecosystem::RubyGems => "rubygems",
            Ecosystem::Packagist => "packagist",
        }
    }
}
