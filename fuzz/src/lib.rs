//! What the fuzz targets share: the embedded catalogue and rule ids, built once, and a source
//! whose sink checks what every input hands it instead of running the engine.
//!
//! The sink asserts what the engine relies on from an input: facts' spans lie inside the unit's
//! text, a position anywhere in the text can be placed in the file, and a lazy record can be
//! built. Any panic is a finding for libFuzzer.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use charterlint::catalog::Catalog;
use charterlint::charter::{CsvMap, ToolStatus};
use charterlint::finding::Position;
use charterlint::inputs::network::audit::Settings as NetworkSettings;
use charterlint::inputs::{Counts, InputError, Sink, Source};
use charterlint::unit::{Kinds, Unit};

pub static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded().expect("the embedded catalogue loads"));

pub static RULE_IDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    charterlint::rules::embedded().expect("the embedded rules load").into_iter().map(|r| r.id).collect()
});

/// Lines of a unit checked in full before the check samples them.
const SAMPLED_LINES: usize = 32;

/// Counts what inputs hand over, checking each unit on the way.
#[derive(Debug, Default)]
pub struct CheckingSink {
    pub units: AtomicUsize,
    pub errors: AtomicUsize,
}

impl Sink for CheckingSink {
    /// Says every unit has a finding, so that the inputs hand over each message again, at each
    /// of its places, instead of skipping one checked before and found clean.
    fn unit(&self, unit: &Unit<'_>) -> usize {
        self.units.fetch_add(1, Ordering::Relaxed);
        let text = unit.text;
        for fact in unit.facts {
            assert!(text.get(fact.span.clone()).is_some(), "fact span {:?} outside the text", fact.span);
        }
        // Line starts and ends and the end of the text, as the engine would place findings. A
        // placement walks the text, so a text of many lines is sampled (the first lines, then
        // evenly spaced ones): checking every line made each input quadratic, and the fuzzer
        // slowed down to a few dozen inputs a second as the corpus grew.
        let lines = text.split_inclusive('\n').count();
        let step = (lines / SAMPLED_LINES).max(1);
        let place = unit.place.placer(text);
        let mut line = 1;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i < SAMPLED_LINES || i % step == 0 || i + 1 == lines {
                let _ = place(Position { line, column: 1 });
                let _ = place(Position { line, column: l.chars().count() + 1 });
                let _ = unit.record.at_line(line);
            }
            line += 1;
        }
        let _ = place(Position { line, column: 1 });
        1
    }

    fn error(&self, error: InputError) {
        assert!(!error.message.is_empty(), "an input error without a message");
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    fn counts(&self, _counts: Counts) {}
}

/// A charter that lists no tool: every service is shadow AI, as with no charter at all.
fn unapproved(_: usize) -> ToolStatus {
    ToolStatus::Unapproved
}

/// Runs `read` with a source over the embedded catalogue, the default CSV map, image labels
/// required everywhere (so that image metadata is read), and a checking sink.
pub fn with_source<T>(read: impl FnOnce(&Source<'_>) -> T) -> T {
    static CSV_MAP: LazyLock<CsvMap> = LazyLock::new(CsvMap::default);
    let sink = CheckingSink::default();
    let refine = |_: &str, kinds: Kinds| kinds;
    let label_required = |_: &str| true;
    // Built once: the settings hold the catalogue's host automaton, which costs far more to
    // build than one input costs to read.
    static NETWORK: LazyLock<NetworkSettings<'static>> = LazyLock::new(|| NetworkSettings::new(&unapproved));
    let source = Source {
        catalog: &CATALOG,
        csv_map: &CSV_MAP,
        refine: &refine,
        label_required: &label_required,
        show_secrets: false,
        network: &NETWORK,
        pseudonym: None,
        sink: &sink,
    };
    read(&source)
}

/// Reads `data` as the file `name` through the same path as the repository walk: the format
/// that claims it from its name and first bytes, else nothing (a plain text file).
pub fn read_as_file(source: &Source<'_>, name: &str, data: &[u8]) {
    use charterlint::inputs::structured;
    let head = &data[..data.len().min(8 * 1024)];
    let Some(claim) = structured::claim(source, name, head) else { return };
    read_claimed(source, claim, name, data);
}

/// Reads `data` with the given claim, as `read_as_file` does once a format claimed it.
pub fn read_claimed(
    source: &Source<'_>,
    claim: charterlint::inputs::structured::Claim,
    name: &str,
    data: &[u8],
) {
    use charterlint::inputs::structured;
    let file = structured::Claimed { source, shown: name, rel_path: name, len: data.len() as u64 };
    let mut reader = data;
    let mut counts = Counts::default();
    structured::read(claim, &file, &mut reader, &mut counts);
}
