//! Sets the linker flags a Node add-on needs (undefined napi symbols resolved at load time).

fn main() {
    napi_build::setup();
}
