//! The `terskel` command line.
fn main() {}
