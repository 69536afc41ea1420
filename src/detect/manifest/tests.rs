use super::*;
use Ecosystem::*;

const REQUIREMENTS: &str = r#"# Core runtime
-r base.txt
-c constraints.txt
--index-url https://pypi.org/simple
--extra-index-url https://download.pytorch.org/whl/cpu
openai[datalib]>=1.0  # the SDK
anthropic==0.25.1 ; python_version > "3.8"
Django_REST.framework>=3.14
requests \
    --hash=sha256:abc \
    --hash=sha256:def
# langchain>=0.1
-e git+https://github.com/acme/tool.git@v1.2#egg=internal_tool
-e ./local/pkg
my-lib @ https://example.com/my_lib-1.0.tar.gz
https://example.com/wheels/cohere-5.0-py3-none-any.whl
./vendor/thing.zip
git+https://github.com/acme/llm-utils.git#egg=llm-utils&subdirectory=py
tiktoken~=0.7; sys_platform != "win32"
    transformers
pinecone-client \
    >=3.0
"#;

const PYPROJECT: &str = r#"[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "acme-assistant"
description = "Wraps openai and anthropic behind one API"
requires-python = ">=3.9"
dependencies = [
    "openai[datalib]>=1.0",  # the main SDK
    'anthropic >=0.25; python_version>"3.8"',
    # "cohere>=5",
    "Pydantic_Core",
]
keywords = ["llm", "openai"]

[project.optional-dependencies]
vector = ["qdrant-client>=1.9", "tiktoken"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy"]

[tool.pdm.dev-dependencies]
docs = ["mkdocs-material"]

[tool.hatch.envs.default]
dependencies = ["coverage[toml]"]

[tool.ruff]
select = ["E", "F"]
"#;

const POETRY: &str = r#"[tool.poetry]
name = "chat-bot"
version = "0.1.0"
description = "openai = everything"

[tool.poetry.dependencies]
python = "^3.10"
openai = "^1.3"
"langchain-community" = { version = "^0.2", extras = ["all"] }
llama_index = { git = "https://github.com/run-llama/llama_index.git" }
# anthropic = "^0.20"

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
black = "*"

[tool.poetry.dependencies.google-generativeai]
version = "^0.5"
optional = true

[tool.poetry.extras]
ai = ["openai"]
"#;

const PIPFILE: &str = r#"[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
openai = "*"
"zope.interface" = ">=5"
langchain = {version = ">=0.1", extras = ["openai"]}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
"#;

const SETUP_CFG: &str = r#"[metadata]
name = acme-tools
description = Helpers around openai

[options]
packages = find:
python_requires = >=3.8
install_requires =
    openai>=1.0
    # anthropic
    requests[socks]>=2.31, <3
    importlib-metadata; python_version<"3.10"
tests_require = pytest

[options.extras_require]
llm = tiktoken>=0.5, transformers[torch,sentencepiece]
dev =
    black

[options.entry_points]
console_scripts =
    acme = acme.cli:main
"#;

const SETUP_PY: &str = r#"from setuptools import setup, find_packages

# install_requires=["not-a-dep"]
REQUIREMENTS = ["ignored-variable"]

setup(
    name="acme-agent",
    description="An agent built on openai",
    install_requires=[
        "openai>=1.0",
        'anthropic',  # Claude
        # "cohere",
        "numpy>=1.24; python_version >= '3.9'",
    ],
    extras_require={
        "vector": ["chromadb>=0.4", "tiktoken"],
        "dev": ["pytest"],
    },
    tests_require=("mock",),
    setup_requires=["setuptools_scm"],
)
"#;

const CONDA: &str = r#"name: ml-env
channels:
  - conda-forge
  - defaults
dependencies:
  - python=3.11
  - numpy>=1.26
  - conda-forge::pytorch
  - openai=1.2  # via conda-forge
  # - langchain
  - pip
  - pip:
      - anthropic>=0.25
      - "tiktoken==0.7.0"
      - -r requirements-extra.txt
variables:
  OPENAI_LOG: debug
"#;

const PACKAGE_JSON: &str = r#"{
  "name": "openai-chat-ui",
  "version": "1.0.0",
  "description": "A UI for the \"openai\" package",
  "scripts": { "build": "tsc", "dependencies": "echo" },
  "dependencies": {
    "@anthropic-ai/sdk": "^0.20.0",
    "openai": "^4.0.0",
    "react": "18.2.0"
  },
  "devDependencies": {
    "typescript": "~5.4.0"
  },
  "peerDependencies": { "zod": "*" },
  "optionalDependencies": {},
  "overrides": { "dependencies": { "semver": "7.5.0" } }
}
"#;

const CARGO: &str = r#"[package]
name = "assistant"
version = "0.1.0"
description = "uses async-openai"

[dependencies]
async-openai = "0.23"
serde = { version = "1", features = ["derive"] }
llm = { version = "0.1", package = "llm-chain" }
tokio.workspace = true
# reqwest = "0.12"

[dev-dependencies]
insta = "1"

[build-dependencies.cc]
version = "1"

[target.'cfg(unix)'.dependencies]
nix = "0.29"

[target."cfg(windows)".dependencies.windows-sys]
version = "0.52"
package = "windows-sys-renamed"

[workspace.dependencies]
anthropic-sdk = { path = "../anthropic" }

[patch.crates-io]
serde = { git = "https://github.com/serde-rs/serde" }

[features]
default = ["serde"]
"#;

const GO_MOD: &str = r#"module github.com/acme/agent

go 1.22

toolchain go1.22.3

require github.com/sashabaranov/go-openai v1.24.0

require (
	github.com/anthropics/anthropic-sdk-go v0.2.0
	// github.com/commented/out v1.0.0
	golang.org/x/net v0.25.0 // indirect
	"github.com/quoted/mod" v1.0.0
)

replace github.com/sashabaranov/go-openai => ../go-openai-fork

exclude (
	golang.org/x/text v0.3.0
)

retract v1.0.1
"#;

const POM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
  </parent>
  <groupId>com.acme</groupId>
  <artifactId>assistant</artifactId>
  <description>Calls <![CDATA[<artifactId>openai</artifactId>]]></description>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.langchain4j</groupId>
        <artifactId>langchain4j-bom</artifactId>
        <type>pom</type>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <artifactId>openai-java</artifactId> <!-- artifact first -->
      <groupId>com.openai</groupId>
      <exclusions>
        <exclusion>
          <groupId>com.squareup.okhttp3</groupId>
          <artifactId>okhttp</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
    <!--
    <dependency>
      <groupId>com.anthropic</groupId>
      <artifactId>anthropic-java</artifactId>
    </dependency>
    -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <dependencies>
          <dependency>
            <groupId>org.junit.platform</groupId>
            <artifactId>
              junit-platform-launcher
            </artifactId>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"#;

const GRADLE: &str = r#"plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.0'
}

repositories { mavenCentral() }

dependencies {
    implementation 'com.theokanning.openai-gpt3-java:service:0.18.2'
    implementation platform('dev.langchain4j:langchain4j-bom:0.31.0')
    api "com.google.guava:guava:33.0-jre"
    // implementation 'com.anthropic:anthropic-java:0.1.0'
    testImplementation group: 'org.junit.jupiter', name: 'junit-jupiter', version: '5.10.0'
    compileOnly 'org.projectlombok:lombok:1.18.30', 'org.jetbrains:annotations:24.0.0'
    implementation project(':core')
    implementation(libs.openai)
    runtimeOnly('com.h2database:h2:2.2.224') {
        exclude group: 'org.slf4j', module: 'slf4j-api'
    }
    /* implementation 'com.cohere:cohere-java:1.0' */
}

task hello { doLast { println 'implementation "fake:dep:1"' } }
"#;

const GRADLE_KTS: &str = r#"plugins {
    kotlin("jvm") version "1.9.23"
    id("com.google.devtools.ksp") version "1.9.23-1.0.20"
}

dependencies {
    implementation("com.aallam.openai:openai-client:3.7.0")
    implementation(platform("io.ktor:ktor-bom:2.3.9"))
    implementation("io.ktor:ktor-client-okhttp")
    ksp("com.squareup.moshi:moshi-kotlin-codegen:1.15.1")
    testImplementation(kotlin("test"))
    kapt(group = "com.google.dagger", name = "dagger-compiler", version = "2.51")
    "kaptTest"("com.google.dagger:dagger-compiler:2.51")
    implementation(libs.anthropic.sdk)
}
"#;

const CATALOG: &str = r#"[versions]
openai = "3.7.0"

[libraries]
openai-client = { module = "com.aallam.openai:openai-client", version.ref = "openai" }
ktor-core = { group = "io.ktor", name = "ktor-client-core", version.ref = "ktor" }
junit = "junit:junit:4.13.2"
# anthropic = "com.anthropic:anthropic-java:0.1"
langchain4j.module = "dev.langchain4j:langchain4j"

[plugins]
kotlin-jvm = { id = "org.jetbrains.kotlin.jvm", version = "1.9.23" }
"#;

// Starts with a byte-order mark, as Visual Studio writes them.
const CSPROJ: &str = "\u{feff}<Project Sdk=\"Microsoft.NET.Sdk\">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Description>Uses Azure.AI.OpenAI under the hood</Description>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=\"Azure.AI.OpenAI\" Version=\"1.0.0-beta.17\" />
    <PackageReference
        Include=\"Microsoft.SemanticKernel\"
        Version=\"1.10.0\" />
    <PackageReference Update=\"Newtonsoft.Json\" Version=\"13.0.3\" />
    <!-- <PackageReference Include=\"Anthropic.SDK\" Version=\"2.0.0\" /> -->
    <PackageReference Include=\"Polly;Serilog\" />
    <ProjectReference Include=\"..\\Core\\Core.csproj\" />
    <PackageReference Include=\"$(SharedPackage)\" />
  </ItemGroup>
</Project>
";

const PACKAGES_PROPS: &str = r#"<Project>
  <ItemGroup>
    <PackageVersion Include="OpenAI" Version="2.0.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>
"#;

const PACKAGES_CONFIG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Betalgo.OpenAI" version="7.4.0" targetFramework="net472" />
  <package id="NUnit" version="3.13.3" developmentDependency="true" />
</packages>
"#;

const GEMFILE: &str = r#"source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.0"

gem "rails", "~> 7.1"
gem 'ruby-openai', '~> 7.0' # OpenAI client
gem("anthropic", require: false)
# gem "langchainrb"

group :development, :test do
  gem "rspec-rails"
end

gemspec
=begin
gem "commented-block"
=end
"#;

const GEMSPEC: &str = r#"Gem::Specification.new do |spec|
  spec.name        = "acme-llm"
  spec.summary     = "Thin wrapper; add_dependency 'openai' yourself"
  spec.add_dependency "faraday", ">= 2.0"
  spec.add_runtime_dependency('ruby-openai', '~> 7')
  spec.add_development_dependency "rspec"
  s.add_runtime_dependency(%q<anthropic>, [">= 0.1"])
  # spec.add_dependency "langchainrb"
end
"#;

const COMPOSER: &str = r#"{
    "name": "acme/chat",
    "description": "Uses openai-php/client",
    "require": {
        "php": "^8.1",
        "ext-json": "*",
        "openai-php/client": "^0.8",
        "guzzlehttp/guzzle": "^7.8"
    },
    "require-dev": {
        "phpunit/phpunit": "^10.5"
    },
    "suggest": { "anthropic/sdk": "For Claude" }
}
"#;

const FIXTURES: &[(&str, &str)] = &[
    ("requirements.txt", REQUIREMENTS),
    ("pyproject.toml", PYPROJECT),
    ("svc/pyproject.toml", POETRY),
    ("Pipfile", PIPFILE),
    ("setup.cfg", SETUP_CFG),
    ("setup.py", SETUP_PY),
    ("environment.yml", CONDA),
    ("web/package.json", PACKAGE_JSON),
    ("Cargo.toml", CARGO),
    ("go.mod", GO_MOD),
    ("pom.xml", POM),
    ("app/build.gradle", GRADLE),
    ("build.gradle.kts", GRADLE_KTS),
    ("gradle/libs.versions.toml", CATALOG),
    ("src/App/App.csproj", CSPROJ),
    ("Directory.Packages.props", PACKAGES_PROPS),
    ("packages.config", PACKAGES_CONFIG),
    ("Gemfile", GEMFILE),
    ("acme-llm.gemspec", GEMSPEC),
    ("composer.json", COMPOSER),
];

/// Dependencies, after checking the span invariant: each span slices the name as written.
fn checked(path: &str, text: &str) -> Vec<Dependency> {
    let deps = dependencies(path, text);
    for d in &deps {
        let Some(written) = text.get(d.span.clone()) else {
            panic!("{path}: span {:?} is not on char boundaries", d.span)
        };
        let same = match d.ecosystem {
            Maven => d.name == written || d.name.ends_with(&format!(":{written}")),
            eco => normalise(eco, written) == d.name,
        };
        assert!(same, "{path}: {written:?} at {:?} does not give {:?}", d.span, d.name);
    }
    deps
}

/// Asserts the exact (ecosystem, name, line) list; `expected` is `name@line`, space-separated.
fn check(path: &str, text: &str, eco: Ecosystem, expected: &str) {
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    let got: Vec<_> = checked(path, text)
        .into_iter()
        .map(|d| (d.ecosystem, format!("{}@{}", d.name, line(d.span.start))))
        .collect();
    let want: Vec<_> = expected.split_whitespace().map(|w| (eco, w.to_string())).collect();
    assert_eq!(got, want, "{path}");
}

#[test]
fn requirements_txt() {
    let want = "openai@6 anthropic@7 django-rest-framework@8 requests@9 internal-tool@13 \
                    my-lib@15 llm-utils@18 tiktoken@19 transformers@20 pinecone-client@21";
    check("requirements.txt", REQUIREMENTS, PyPI, want);
    check("requirements/dev.in", "-c ../constraints.txt\nOpenAI\n", PyPI, "openai@2");
}

#[test]
fn pyproject_pep621_groups_uv_pdm_hatch() {
    let want = "openai@10 anthropic@11 pydantic-core@13 qdrant-client@18 tiktoken@18 pytest@21 \
                    ruff@22 mypy@25 mkdocs-material@28 coverage@31";
    check("pyproject.toml", PYPROJECT, PyPI, want);
}

#[test]
fn pyproject_poetry() {
    let want = "openai@8 langchain-community@9 llama-index@10 pytest@14 black@17 \
                    google-generativeai@19";
    check("pyproject.toml", POETRY, PyPI, want);
}

#[test]
fn pipfile() {
    let want = "openai@7 zope-interface@8 langchain@9 pytest@12";
    check("Pipfile", PIPFILE, PyPI, want);
}

#[test]
fn setup_cfg_and_setup_py() {
    let want = "openai@9 requests@11 importlib-metadata@12 pytest@13 tiktoken@16 \
                    transformers@16 black@18";
    check("setup.cfg", SETUP_CFG, PyPI, want);
    let want = "openai@10 anthropic@11 numpy@13 chromadb@16 tiktoken@16 pytest@17 mock@19";
    check("setup.py", SETUP_PY, PyPI, want);
    check("setup.py", "setup(extras_require=dict(llm=['openai']))", PyPI, "openai@1");
}

#[test]
fn conda_environment() {
    let want = "numpy@7 pytorch@8 openai@9 pip@11 anthropic@13 tiktoken@14";
    check("environment.yml", CONDA, PyPI, want);
}

#[test]
fn package_json_pretty_and_minified() {
    let want = "@anthropic-ai/sdk@7 openai@8 react@9 typescript@12 zod@14";
    check("package.json", PACKAGE_JSON, Npm, want);
    let min = r#"{"name":"x","dependencies":{"openai":"^4","@google/generative-ai":"0.1"},"devDependencies":{"vitest":"1"}}"#;
    let want = "openai@1 @google/generative-ai@1 vitest@1";
    check("package.json", min, Npm, want);
}

#[test]
fn cargo_toml() {
    let want = "async-openai@7 serde@8 llm-chain@9 tokio@10 insta@14 cc@16 nix@20 \
                    windows-sys-renamed@24 anthropic-sdk@27";
    check("Cargo.toml", CARGO, Crates, want);
}

#[test]
fn go_mod_requires() {
    let want = "github.com/sashabaranov/go-openai@7 github.com/anthropics/anthropic-sdk-go@10 \
                    golang.org/x/net@12 github.com/quoted/mod@13";
    check("go.mod", GO_MOD, Go, want);
}

#[test]
fn maven_pom() {
    let want = "dev.langchain4j:langchain4j-bom@15 com.openai:openai-java@22 \
                    org.slf4j:slf4j-api@37 org.junit.platform:junit-platform-launcher@48";
    check("pom.xml", POM, Maven, want);
}

#[test]
fn gradle_groovy_kotlin_and_catalog() {
    let want = "com.theokanning.openai-gpt3-java:service@9 dev.langchain4j:langchain4j-bom@10 \
                    com.google.guava:guava@11 org.junit.jupiter:junit-jupiter@13 \
                    org.projectlombok:lombok@14 org.jetbrains:annotations@14 com.h2database:h2@17";
    check("build.gradle", GRADLE, Maven, want);
    let want = "com.aallam.openai:openai-client@7 io.ktor:ktor-bom@8 io.ktor:ktor-client-okhttp@9 \
                    com.squareup.moshi:moshi-kotlin-codegen@10 com.google.dagger:dagger-compiler@12 \
                    com.google.dagger:dagger-compiler@13";
    check("build.gradle.kts", GRADLE_KTS, Maven, want);
    let want = "com.aallam.openai:openai-client@5 io.ktor:ktor-client-core@6 junit:junit@7 \
                    dev.langchain4j:langchain4j@9";
    check("gradle/libs.versions.toml", CATALOG, Maven, want);
}

#[test]
fn nuget_msbuild_and_packages_config() {
    let want = "Azure.AI.OpenAI@7 Microsoft.SemanticKernel@9 Newtonsoft.Json@11 Polly@13 Serilog@13";
    check("App.csproj", CSPROJ, NuGet, want);
    let want = "OpenAI@3 Nerdbank.GitVersioning@4";
    check("Directory.Packages.props", PACKAGES_PROPS, NuGet, want);
    check("packages.config", PACKAGES_CONFIG, NuGet, "Betalgo.OpenAI@3 NUnit@4");
}

#[test]
fn ruby_gemfile_and_gemspec() {
    let want = "rails@6 ruby-openai@7 anthropic@8 rspec-rails@12";
    check("Gemfile", GEMFILE, RubyGems, want);
    let want = "faraday@4 ruby-openai@5 rspec@6 anthropic@7";
    check("acme.gemspec", GEMSPEC, RubyGems, want);
}

#[test]
fn composer_json_skips_platform_packages() {
    let want = "openai-php/client@7 guzzlehttp/guzzle@8 phpunit/phpunit@11";
    check("composer.json", COMPOSER, Packagist, want);
}

#[test]
fn manifest_names() {
    let yes = "requirements.txt requirements-dev.txt dev-requirements.in requirements/test.txt \
                   requirements.in pyproject.toml a/b/Pipfile setup.cfg setup.py environment.yaml \
                   package.json Cargo.toml go.mod pom.xml build.gradle.kts gradle/libs.versions.toml \
                   src/X.csproj X.fsproj X.vbproj Directory.Build.props packages.config Gemfile \
                   x.gemspec composer.json";
    let no = "package-lock.json yarn.lock pnpm-lock.yaml poetry.lock Cargo.lock go.sum \
                  composer.lock Gemfile.lock uv.lock Pipfile.lock constraints.txt \
                  requirements/constraints.txt MANIFEST.in Makefile.in README.md notes.txt \
                  node_modules/openai/package.json vendor/guzzle/composer.json settings.gradle";
    for p in yes.split_whitespace() {
        assert!(is_manifest(p), "{p} should be a manifest");
    }
    for p in no.split_whitespace() {
        assert!(!is_manifest(p), "{p} should not be a manifest");
        assert!(dependencies(p, PACKAGE_JSON).is_empty());
    }
}

#[test]
fn pep503_normalisation() {
    assert_eq!(pep503("Django_REST..Framework"), "django-rest-framework");
    assert_eq!(pep503("_a__"), "-a-");
}

/// Deterministic pseudo-random text built from pieces that scanners react to.
fn garbage(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        "<",
        ">",
        "/",
        "#",
        "\n",
        "\\",
        "=",
        ":",
        ",",
        " ",
        "(",
        ")",
        "é",
        "日本",
        "🦀",
        "<!--",
        "-->",
        "'''",
        "\"\"\"",
        "dependencies",
        "require",
        "<dependency>",
        "</dependency>",
        "<artifactId>",
        "gem ",
        "implementation",
        "install_requires=[",
        "- pip:",
        "[dependencies]",
        "\"dependencies\":{",
        "package",
        "openai",
        "@",
        ";",
        "-e ",
        "#egg=",
        "\r\n",
    ];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            PIECES[(x >> 33) as usize % PIECES.len()]
        })
        .collect()
}

#[test]
fn never_panics_and_spans_stay_on_char_boundaries() {
    for &(path, text) in FIXTURES {
        for (i, _) in text.char_indices() {
            checked(path, &text[..i]);
        }
        for &(other, _) in FIXTURES {
            checked(other, text);
        }
        for variant in [text.replace(' ', " é"), text.replace('"', "\"日本🦀")] {
            checked(path, &variant);
        }
        for seed in 0..40 {
            checked(path, &garbage(seed, 300));
        }
    }
}

#[test]
fn crlf_line_endings_give_the_same_dependencies() {
    for &(path, text) in FIXTURES {
        let names = |t: &str| checked(path, t).into_iter().map(|d| d.name).collect::<Vec<_>>();
        assert_eq!(names(&text.replace('\n', "\r\n")), names(text), "{path}");
    }
}

#[test]
fn huge_and_pathological_inputs_stay_linear() {
    let big = "openai>=1\n".repeat(200_000);
    assert_eq!(checked("requirements.txt", &big).len(), 200_000);
    let nasty = [
        ("pyproject.toml", "[".repeat(300_000)),
        ("Cargo.toml", format!("[{}a]\n{}", "a.".repeat(50_000), "k = 1\n".repeat(50_000))),
        ("Cargo.toml", "a = [\"".repeat(100_000)),
        ("package.json", "{\"dependencies\":".repeat(100_000)),
        ("setup.py", "install_requires=[".repeat(100_000)),
        ("setup.py", "install_requires=[],".repeat(100_000)),
        ("pom.xml", "<dependency><artifactId>a".repeat(100_000)),
        ("build.gradle", "implementation(".repeat(100_000)),
        ("x.csproj", "<PackageReference Include=\"".repeat(100_000)),
    ];
    for (path, text) in &nasty {
        checked(path, text);
    }
}
