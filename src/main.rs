//! The `geokg` command: parse arguments, run the command, print the error chain, set the exit code.

mod cli;

use std::process::ExitCode;

/// Extraction makes many small, short-lived allocations; mimalloc serves them faster than the
/// system allocator (#6 profile: malloc and free were a fifth of extraction's instructions). The
/// crate's `override` feature makes it RocksDB's allocator as well (see `Cargo.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`geokg events | head`) is not an error worth a message.
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
