//! Writes the seed corpus of every target (or of those named) to `fuzz/corpus/<target>/`.
#![allow(clippy::expect_used)]

use std::path::Path;

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for (name, _) in apart_fuzz::TARGETS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).expect("the corpus directory");
        let seeds = apart_fuzz::seeds::of(name);
        for (i, seed) in seeds.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i:04}")), seed).expect("a seed file");
        }
        println!("{name}: {} seeds in {}", seeds.len(), dir.display());
    }
}
