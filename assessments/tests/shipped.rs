//! The questionnaire files exactly as shipped.

use assessments::dates::day;
use std::path::Path;

use assessments::Language;
use assessments::loader::{SourceFile, load_library};
use assessments::questionnaire::Status;

fn shipped() -> Vec<SourceFile> {
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

/// Every version that uses legal parameters reads whole on every reference date it can have: on
/// the first, on each day a value changes, and far ahead — no `{name}` left, no threshold unset.
#[test]
fn every_parameter_a_version_uses_has_its_value_on_every_date_it_can_be_answered_for() {
    use assessments::parameters::{as_of, used_by};
    use assessments::questionnaire::AnswerKind;

    let library = load_library(&shipped()).unwrap();
    let mut checked = 0;
    for loaded in &library.questionnaires {
        let questionnaire = &loaded.questionnaire;
        let used = used_by(questionnaire);
        let Some(from) = questionnaire.reference_from else {
            assert!(used.is_empty(), "{} uses parameters without reference_from", loaded.file);
            continue;
        };
        let mut dates = vec![from, day("2099-12-31")];
        for name in &used {
            let parameter = library.parameters.get(name).expect("a known parameter");
            dates.extend(parameter.periods.iter().map(|p| p.from).filter(|d| *d >= from));
        }
        for date in dates {
            let (read, values) = as_of(questionnaire, &library.parameters, date);
            assert_eq!(values.len(), used.len(), "{} on {date}", loaded.file);
            for question in read.questions() {
                for text in assessments::parameters::texts_of(question) {
                    for wording in text.wordings() {
                        assert!(!wording.contains('{'), "{} on {date}: {wording}", question.id);
                    }
                }
                if let AnswerKind::Number { ranges, .. } = &question.answer {
                    let last = ranges.len() - 1;
                    assert!(ranges[..last].iter().all(|r| r.up_to.is_some()), "{} on {date}", question.id);
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} version-dates checked");
}

/// The same answer to the same question of the same version: within the 48-hour week of a 2026
/// season, beyond the 46-hour week of a 2027 one — and the question's words say which.
#[test]
fn the_same_answer_scores_against_the_law_of_its_reference_date() {
    use assessments::answers::AnswerValue;
    use assessments::parameters::as_of;
    use assessments::questionnaire::Level;
    use assessments::scoring::level_of;

    let library = load_library(&shipped()).unwrap();
    let version = library.questionnaire("agro-laboral", 2).expect("version 2").questionnaire.clone();
    let hours = AnswerValue::Number(47.0);
    let on = |date: &str| {
        let (read, values) = as_of(&version, &library.parameters, day(date));
        let question = read.question("salarios.horas-semana").expect("the weekly hours question").clone();
        let week =
            values.iter().find(|v| v.name == "jornada-maxima-semanal").expect("the week's value").value;
        (level_of(&question.answer, &hours, day(date)), week, question.action.unwrap().spanish().to_owned())
    };
    let (level_2026, week_2026, action_2026) = on("2026-11-30");
    let (level_2027, week_2027, action_2027) = on("2027-05-31");
    assert_eq!((level_2026, week_2026), (Some(Level::Compliant), 48.0));
    assert_eq!((level_2027, week_2027), (Some(Level::Gap), 46.0));
    assert!(action_2026.contains("no pasar de 48 horas") && action_2027.contains("no pasar de 46 horas"));
    let minimum = |date: &str| {
        let (read, _) = as_of(&version, &library.parameters, day(date));
        read.question("salarios.minimo").unwrap().text.spanish().to_owned()
    };
    assert!(minimum("2025-06-30").contains("278.80 pesos diarios"), "{}", minimum("2025-06-30"));
    assert!(minimum("2026-06-30").contains("315.04 pesos diarios"));
}
