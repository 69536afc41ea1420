//! The charterlint binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

fn main() {
    let cli = charterlint::cli::Cli::parse();
    std::process::exit(charterlint::app::run(cli));
}
