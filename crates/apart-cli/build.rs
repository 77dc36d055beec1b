//! Renders the man pages of `apart` from its clap definitions (`src/cli.rs`) with clap_mangen:
//! `apart.1` and one page per subcommand (`apart-claim.1`, `apart-siret-check.1`…) in
//! `$OUT_DIR/man/`, where packagers pick them up, plus `man_pages.rs`, which embeds them in the
//! binary for `apart man`.

// The command line only: `cli.rs` depends on clap alone so that it can be compiled here.
#[allow(dead_code)]
#[path = "src/cli.rs"]
mod cli;

use std::path::Path;

use clap::CommandFactory;

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=src/cli.rs");
    let out_dir =
        std::env::var_os("OUT_DIR").ok_or_else(|| std::io::Error::other("OUT_DIR unset"))?;
    let out = Path::new(&out_dir);
    let man = out.join("man");
    std::fs::create_dir_all(&man)?;
    let mut cmd = cli::Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    render(&cmd, &man, &mut pages)?;
    let mut index = String::from("&[\n");
    for name in &pages {
        index.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/man/{name}.1\"))),\n"
        ));
    }
    index.push(']');
    std::fs::write(out.join("man_pages.rs"), index)
}

/// Writes the page of `cmd` (a built command, whose subcommands are named `apart-claim`…),
/// then those of its subcommands.
fn render(cmd: &clap::Command, dir: &Path, pages: &mut Vec<String>) -> std::io::Result<()> {
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut roff)?;
    std::fs::write(dir.join(format!("{name}.1")), roff)?;
    pages.push(name.to_owned());
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        render(sub, dir, pages)?;
    }
    Ok(())
}
