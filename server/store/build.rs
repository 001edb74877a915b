//! `sqlx::migrate!` embeds the migration files at compile time, but cargo does not know it reads
//! them: without this, a changed or added migration is missed until something else changes.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
