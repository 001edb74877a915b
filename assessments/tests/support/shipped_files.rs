//! The catalog, the legal parameters and every questionnaire version exactly as shipped (not
//! their translation files). Shared by the tests and the benchmarks of this crate, which include
//! it by `#[path]`: neither can depend on the other.

use std::path::Path;

use assessments::loader::SourceFile;

pub fn shipped() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<SourceFile> = ["requirements.toml", "parameters.toml"]
        .into_iter()
        .map(|path| SourceFile {
            path: path.into(),
            contents: std::fs::read_to_string(root.join(path)).unwrap(),
        })
        .collect();
    for questionnaire in std::fs::read_dir(root.join("questionnaires")).unwrap() {
        let questionnaire = questionnaire.unwrap().path();
        for version in std::fs::read_dir(&questionnaire).unwrap() {
            let version = version.unwrap().path();
            let relative = version.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.push(SourceFile { path: relative, contents: std::fs::read_to_string(&version).unwrap() });
        }
    }
    files
}
