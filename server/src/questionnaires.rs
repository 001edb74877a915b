//! The questionnaire library on disk: read at start-up and by `senda assessments`.
//!
//! The domain crate parses and validates; this module only finds the files, hands their text to
//! it, and holds published versions to their word through the store.

pub mod translations;

use std::fmt;
use std::path::{Path, PathBuf};

use assessments::loader::{CATALOG_FILE, Library, PARAMETERS_FILE, Problem, SourceFile, load_library};

use store::Store;

/// The folder of questionnaires, one sub-folder per questionnaire, one file per version.
const QUESTIONNAIRES_FOLDER: &str = "questionnaires";

/// Finds the assessments folder when none was named: `assessments/` under the working directory
/// (a checkout), else beside the executable (a release copied elsewhere with it).
pub fn default_folder() -> PathBuf {
    let checkout = PathBuf::from("assessments");
    if checkout.join(CATALOG_FILE).is_file() {
        return checkout;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("assessments")))
        .filter(|folder| folder.join(CATALOG_FILE).is_file())
        .unwrap_or(checkout)
}

/// Why the library could not be loaded: every problem, each as `file:line: message`.
#[derive(Debug)]
pub struct LoadFailure {
    pub problems: Vec<Problem>,
    folder: PathBuf,
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the questionnaires in {} have {} problem(s):",
            self.folder.display(),
            self.problems.len()
        )?;
        for problem in &self.problems {
            writeln!(f, "{}", self.located(problem))?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadFailure {}

impl LoadFailure {
    /// A problem with its file named as the reader can open it.
    pub fn located(&self, problem: &Problem) -> String {
        format!("{}:{}: {}", self.folder.join(&problem.file).display(), problem.line, problem.message)
    }

    fn single(folder: &Path, file: &str, message: String) -> Self {
        Self {
            folder: folder.to_owned(),
            problems: vec![Problem { file: file.to_owned(), line: 1, message }],
        }
    }
}

/// Reads and validates the catalog and every questionnaire version under `folder`.
pub fn load(folder: &Path) -> Result<Library, LoadFailure> {
    let files = read_source_files(folder)?;
    load_library(&files).map_err(|problems| LoadFailure { problems, folder: folder.to_owned() })
}

/// `requirements.toml`, `parameters.toml` when there is one, and every
/// `questionnaires/<id>/<version>.toml`, paths relative to `folder`.
fn read_source_files(folder: &Path) -> Result<Vec<SourceFile>, LoadFailure> {
    let read = |relative: String| -> Result<SourceFile, LoadFailure> {
        std::fs::read_to_string(folder.join(&relative))
            .map(|contents| SourceFile { path: relative.clone(), contents })
            .map_err(|error| LoadFailure::single(folder, &relative, format!("cannot read the file: {error}")))
    };
    let mut files = vec![read(CATALOG_FILE.to_owned())?];
    if folder.join(PARAMETERS_FILE).exists() {
        files.push(read(PARAMETERS_FILE.to_owned())?);
    }
    let questionnaires = folder.join(QUESTIONNAIRES_FOLDER);
    let entries = |dir: &Path| -> Result<Vec<PathBuf>, LoadFailure> {
        let mut paths = std::fs::read_dir(dir)
            .and_then(|entries| entries.map(|entry| entry.map(|e| e.path())).collect::<Result<Vec<_>, _>>())
            .map_err(|error| {
                LoadFailure::single(folder, QUESTIONNAIRES_FOLDER, format!("cannot read the folder: {error}"))
            })?;
        paths.sort();
        Ok(paths)
    };
    // The catalog's translations: requirements.<tag>.po.
    for path in entries(folder)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with("requirements.") && name.ends_with(".po") {
            files.push(read(name)?);
        }
    }
    for questionnaire in entries(&questionnaires)?.into_iter().filter(|p| p.is_dir()) {
        // Each version's file, and the translators' PO files beside it.
        for version in entries(&questionnaire)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "po"))
        {
            let relative = version.strip_prefix(folder).unwrap_or(&version);
            let relative =
                relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push(read(relative)?);
        }
    }
    Ok(files)
}

/// `<questionnaire-id>@<version>`.
#[derive(Debug, Clone)]
pub struct VersionRef {
    pub id: String,
    pub version: u32,
}

impl std::str::FromStr for VersionRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (id, version) =
            s.split_once('@').ok_or("expected <questionnaire-id>@<version>, e.g. agro-laboral@1")?;
        let version = version.parse().map_err(|_| format!("`{version}` is not a version number"))?;
        Ok(Self { id: id.to_owned(), version })
    }
}

impl std::fmt::Display for VersionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// A published questionnaire version whose file changed after it was first loaded.
#[derive(Debug, thiserror::Error)]
#[error(
    "questionnaire {id} version {version} was published, and its file {file} changed since it was first \
     loaded on {first_loaded_at}: a published version is immutable (it may only be retired), so put the \
     changes in a new version (questionnaires/{id}/{next}.toml) and publish that instead"
)]
pub struct PublishedVersionChanged {
    pub id: String,
    pub version: u32,
    pub file: String,
    pub first_loaded_at: chrono::DateTime<chrono::Utc>,
    pub next: u32,
}

/// Loads every questionnaire version into the database, and refuses a library in which a
/// published (or retired) version's file changed since it was first loaded.
pub async fn load_into_database(store: &Store, library: &Library) -> anyhow::Result<()> {
    for loaded in &library.questionnaires {
        let questionnaire = &loaded.questionnaire;
        let recorded = store.load_questionnaire_version(questionnaire, &loaded.content_hash).await?;
        if recorded.content_hash != loaded.content_hash || recorded.brought_back {
            let next = library
                .questionnaires
                .iter()
                .filter(|other| other.questionnaire.id == questionnaire.id)
                .map(|other| other.questionnaire.version)
                .max()
                .unwrap_or(questionnaire.version)
                + 1;
            return Err(PublishedVersionChanged {
                id: questionnaire.id.clone(),
                version: questionnaire.version,
                file: loaded.file.clone(),
                first_loaded_at: recorded.first_loaded_at,
                next,
            }
            .into());
        }
    }
    Ok(())
}
