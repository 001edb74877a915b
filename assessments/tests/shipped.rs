//! The questionnaire files exactly as shipped.

use std::path::Path;

use assessments::Language;
use assessments::loader::{SourceFile, load_library};
use assessments::questionnaire::Status;

fn shipped() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![SourceFile {
        path: "requirements.toml".into(),
        contents: std::fs::read_to_string(root.join("requirements.toml")).unwrap(),
    }];
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

#[test]
fn the_shipped_files_load_without_problems_and_cover_the_law() {
    let library = load_library(&shipped()).unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    assert!(library.catalog.requirements.len() >= 45);
    let questionnaire =
        &library.latest_published("agro-laboral").expect("a published questionnaire").questionnaire;
    assert_eq!(questionnaire.status, Status::Published);
    assert!(questionnaire.questions().count() >= 80);
    let translated = |text: &assessments::text::Text| text.get(Language::En) != text.spanish();
    for requirement in &library.catalog.requirements {
        assert!(requirement.article.trim().len() > 2, "{} has no article", requirement.id);
        assert!(
            translated(&requirement.summary) && translated(&requirement.evidence),
            "{} lacks English",
            requirement.id
        );
    }
    for question in questionnaire.questions() {
        assert!(translated(&question.text), "{} lacks English", question.id);
        if let Some(action) = &question.action {
            assert!(translated(action), "{} action lacks English", question.id);
        }
    }
    let conditional = questionnaire.questions().filter(|q| q.show_if.is_some()).count();
    assert!(conditional >= 10, "only {conditional} conditional questions");
}

#[test]
fn a_tobacco_grower_is_not_asked_a_sugar_mills_questions() {
    let library = load_library(&shipped()).unwrap();
    let questionnaire = &library.latest_published("agro-laboral").unwrap().questionnaire;
    let mill_only: Vec<_> = questionnaire
        .questions()
        .filter(|q| q.requirements.iter().any(|r| r == "CONTRATO-LEY-AZUCARERO"))
        .collect();
    assert!(!mill_only.is_empty());
    for question in mill_only {
        let condition = question.show_if.as_ref().expect("mill questions are conditional");
        assert_eq!(condition.question, "perfil.sector");
        assert_eq!(condition.any_of, ["ingenio"]);
    }
}
