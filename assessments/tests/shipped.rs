//! The questionnaire files exactly as shipped.

use assessments::dates::day;
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

/// Every scored question of the shipped questionnaire can be answered compliantly (or as not
/// applicable), and then it has no gaps and scores 100 — whatever the profile says.
#[test]
fn answering_every_question_compliantly_leaves_no_gaps() {
    use assessments::answers::Answers;
    use assessments::questionnaire::Level;
    use assessments::scoring::{Rating, answer_at, score};

    let library = load_library(&shipped()).unwrap_or_else(|_| panic!("the shipped files load"));
    let questionnaire = &library.latest_published("agro-laboral").unwrap().questionnaire;
    for profile_answer in ["yes", "no"] {
        let mut answers = Answers::new();
        for section in &questionnaire.sections {
            for question in &section.questions {
                let answer = if section.profile {
                    answer_at(&question.answer, Level::NotApplicable, day("2026-11-27")).or_else(|| {
                        question.answer.possible_answers().map(|all| {
                            let pick = if all.iter().any(|a| a == profile_answer) {
                                profile_answer.to_owned()
                            } else {
                                all[0].clone()
                            };
                            assessments::answers::AnswerValue::Choice(pick)
                        })
                    })
                } else {
                    answer_at(&question.answer, Level::Compliant, day("2026-11-27"))
                        .or_else(|| answer_at(&question.answer, Level::NotApplicable, day("2026-11-27")))
                        .or_else(|| answer_at(&question.answer, Level::Partial, day("2026-11-27")))
                };
                answers.insert(
                    question.id.clone(),
                    answer.unwrap_or_else(|| panic!("{} has no answer", question.id)),
                );
            }
        }
        let card = score(questionnaire, &library.catalog, &answers, day("2026-11-27"));
        let reviewed_texts =
            card.gaps.iter().all(|gap| gap.status == assessments::scoring::RequirementStatus::PartlyMet);
        assert!(card.gaps.is_empty() || reviewed_texts, "{:?}", card.gaps);
        if card.gaps.is_empty() {
            assert_eq!((card.overall, card.rating), (Some(100), Some(Rating::Good)));
        }
    }
}
