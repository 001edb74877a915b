//! The questionnaire files exactly as shipped.

use assessments::dates::day;

use assessments::Language;
use assessments::loader::load_library;
use assessments::questionnaire::Status;

#[path = "support/shipped_files.rs"]
mod shipped_files;
use shipped_files::shipped;

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

/// The profile of a demo-like company: each profile question's answer.
fn profile(pairs: &[(&str, &[&str])]) -> assessments::answers::Answers {
    use assessments::answers::AnswerValue;
    pairs
        .iter()
        .map(|(id, values)| {
            let value = match values {
                [one] if *id != "perfil.trabajo" => AnswerValue::Choice((*one).to_owned()),
                many => AnswerValue::Choices(many.iter().map(|v| (*v).to_owned()).collect()),
            };
            ((*id).to_owned(), value)
        })
        .collect()
}

/// The questions a profile is asked, by id.
fn asked(
    questionnaire: &assessments::questionnaire::Questionnaire,
    answers: &assessments::answers::Answers,
) -> Vec<String> {
    assessments::answers::applicable_questions(questionnaire, answers)
        .into_iter()
        .map(|q| q.id.clone())
        .collect()
}

/// Version 3 asks a sugar mill and a tobacco grower visibly different questions: the mill about
/// its boilers, cane burning, its supplying growers and its law-contract; the grower about green
/// tobacco sickness and minors in tobacco — and neither the other's.
#[test]
fn a_sugar_mill_and_a_tobacco_grower_are_asked_different_questions() {
    let library = load_library(&shipped()).unwrap();
    let questionnaire = &library.latest_published("agro-laboral").unwrap().questionnaire;
    let shared: &[(&str, &[&str])] = &[
        ("perfil.tamano", &["100_o_mas"]),
        ("perfil.temporales", &["yes"]),
        ("perfil.migrantes", &["yes"]),
        ("perfil.contratistas", &["yes"]),
        ("perfil.vivienda", &["no"]),
        ("perfil.adolescentes", &["no"]),
        ("perfil.extranjero", &["no"]),
        ("perfil.aparceria", &["no"]),
    ];
    let mill = asked(
        questionnaire,
        &profile(
            &[
                shared,
                &[
                    ("perfil.sector", &["ingenio"]),
                    ("perfil.trabajo", &["campo", "fabrica", "compra"]),
                    ("perfil.sindicato", &["contrato_ley"]),
                ],
            ]
            .concat(),
        ),
    );
    let grower = asked(
        questionnaire,
        &profile(
            &[
                shared,
                &[
                    ("perfil.sector", &["productor_tabaco"]),
                    ("perfil.trabajo", &["campo"]),
                    ("perfil.sindicato", &["sin_cct"]),
                ],
            ]
            .concat(),
        ),
    );
    let has = |ids: &[String], id: &str| ids.iter().any(|asked| asked == id);
    for id in [
        "planta.calderas",
        "planta.espacios-confinados",
        "seguridad-salud.quema-cana",
        "cadena.monitoreo",
        "libertad-sindical.contrato-ley",
    ] {
        assert!(has(&mill, id) && !has(&grower, id), "{id}: only the mill is asked it");
    }
    for id in ["seguridad-salud.tabaco-verde", "trabajo-infantil.menores-tabaco"] {
        assert!(has(&grower, id) && !has(&mill, id), "{id}: only the tobacco grower is asked it");
    }
    let only_mill = mill.iter().filter(|id| !has(&grower, id)).count();
    let only_grower = grower.iter().filter(|id| !has(&mill, id)).count();
    assert!(
        only_mill >= 10 && only_grower >= 2,
        "{only_mill} for the mill alone, {only_grower} for the grower"
    );
}

/// No published question writes a legal value of hours or pesos into its words: those change by
/// date, so they come from parameters.toml. Version 1, retired for this reason, shows the check
/// can fail.
#[test]
fn no_published_question_writes_a_legal_value_into_its_text() {
    use assessments::parameters::texts_of;

    let library = load_library(&shipped()).unwrap();
    let written_value = |wording: &str| -> Option<String> {
        let words: Vec<&str> = wording.split_whitespace().collect();
        words.windows(2).find_map(|pair| {
            let number = pair[0].trim_start_matches(['(', '$']);
            let unit = pair[1].trim_end_matches([',', '.', ')', ';', '?']);
            let is_number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.');
            let legal_unit = ["horas", "hours", "pesos"].contains(&unit) || number.starts_with("MXN");
            (is_number && legal_unit).then(|| format!("{} {}", pair[0], pair[1]))
        })
    };
    let offenders = |version: u32| -> Vec<String> {
        let questionnaire = &library.questionnaire("agro-laboral", version).unwrap().questionnaire;
        questionnaire
            .questions()
            .flat_map(|question| {
                texts_of(question).into_iter().flat_map(|text| text.wordings()).filter_map(move |wording| {
                    written_value(wording).map(|value| format!("{}: {value}", question.id))
                })
            })
            .collect()
    };
    for loaded in library.questionnaires.iter().filter(|q| q.questionnaire.status == Status::Published) {
        assert_eq!(offenders(loaded.questionnaire.version), Vec::<String>::new(), "{}", loaded.file);
    }
    let retired = offenders(1);
    assert!(
        retired.iter().any(|o| o.contains("48 horas")),
        "the check finds version 1's 48 hours: {retired:?}"
    );
}

/// Every scored question of every version from 3 on that can be answered or read (published or
/// retired) says which document, register or photo shows its answer, in both languages.
#[test]
fn every_published_scored_question_names_its_evidence() {
    let library = load_library(&shipped()).unwrap();
    let versions: Vec<_> = library
        .questionnaires
        .iter()
        .map(|loaded| &loaded.questionnaire)
        .filter(|q| q.version >= 3 && q.status != Status::Draft)
        .collect();
    assert!(!versions.is_empty());
    for question in versions.iter().flat_map(|q| q.questions()).filter(|q| !q.requirements.is_empty()) {
        let prompt =
            question.evidence_prompt.as_ref().unwrap_or_else(|| panic!("{} names no evidence", question.id));
        assert_ne!(prompt.get(Language::En), prompt.spanish(), "{} evidence lacks English", question.id);
    }
}

/// Every scored question of the shipped questionnaire can be answered compliantly (or as not
/// applicable), and then it has no gaps and scores 100 — whatever the profile says.
#[test]
fn answering_every_question_compliantly_leaves_no_gaps() {
    use assessments::answers::Answers;
    use assessments::questionnaire::{AnswerKind, Level};
    use assessments::scoring::{Rating, answer_at, score};

    let library = load_library(&shipped()).unwrap_or_else(|_| panic!("the shipped files load"));
    let written = &library.latest_published("agro-laboral").unwrap().questionnaire;
    // As read on the day scored: thresholds named by a parameter take their value then.
    let (questionnaire, _) = assessments::parameters::as_of(written, &library.parameters, day("2026-11-27"));
    let questionnaire = &questionnaire;
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
                            if matches!(
                                question.answer,
                                assessments::questionnaire::AnswerKind::MultipleChoice { .. }
                            ) {
                                assessments::answers::AnswerValue::Choices(all)
                            } else {
                                assessments::answers::AnswerValue::Choice(pick)
                            }
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
        // A text an advisor reviews scores partial until then: the only gaps left are theirs.
        let for_review = |id: &str| {
            matches!(questionnaire.question(id).map(|q| &q.answer), Some(AnswerKind::Text { review: true }))
        };
        let card = score(questionnaire, &library.catalog, &answers, day("2026-11-27"));
        for gap in &card.gaps {
            assert!(gap.causes.iter().all(|c| for_review(&c.question_id)), "{profile_answer}: {gap:?}");
        }
        // Judged as an advisor would a satisfying account, they count for nothing against it:
        // then every requirement is met and the score is whole.
        let mut judged = questionnaire.clone();
        for section in &mut judged.sections {
            section.questions.retain(|q| !for_review(&q.id));
        }
        let card = score(&judged, &library.catalog, &answers, day("2026-11-27"));
        assert!(card.gaps.is_empty(), "{profile_answer}: {:?}", card.gaps);
        assert_eq!((card.overall, card.rating), (Some(100), Some(Rating::Good)), "{profile_answer}");
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
        let Some(from) = questionnaire.reference_from else {
            assert!(
                used_by(questionnaire).is_empty(),
                "{} uses parameters without reference_from",
                loaded.file
            );
            continue;
        };
        let mut dates = vec![from, day("2099-12-31")];
        for name in &used_by(questionnaire) {
            let parameter = library.parameters.get(name).expect("a known parameter");
            dates.extend(parameter.periods.iter().map(|p| p.from).filter(|d| *d >= from));
        }
        for date in dates {
            let (read, values) = as_of(questionnaire, &library.parameters, date);
            // Every name the questions asked that day use has its value (a question asked only
            // from a later day needs none before).
            let mut named: Vec<&str> = questionnaire
                .questions()
                .filter(|q| read.question(&q.id).is_some())
                .flat_map(assessments::parameters::named_by)
                .collect();
            named.sort_unstable();
            named.dedup();
            assert_eq!(values.len(), named.len(), "{} on {date}", loaded.file);
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

/// The same answer to the same question of version 3: within the 48-hour week of a 2026 season,
/// beyond the 46-hour week of a 2027 one — and the question's words say which.
#[test]
fn the_same_answer_scores_against_the_law_of_its_reference_date() {
    use assessments::answers::AnswerValue;
    use assessments::parameters::as_of;
    use assessments::questionnaire::Level;
    use assessments::scoring::level_of;

    let library = load_library(&shipped()).unwrap();
    let version = library.questionnaire("agro-laboral", 3).expect("version 3").questionnaire.clone();
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

/// Eleven hours of overtime in a week: beyond the old law's nine before the reform of 1 May 2026;
/// after it, within the thirteen allowed but past the nine paid double (partial: it is lawful only
/// when the hours beyond nine are paid triple). The daily cap and the electronic hours record are
/// asked only on the dates their rules apply.
#[test]
fn overtime_and_new_obligations_follow_the_reform_date() {
    use assessments::answers::AnswerValue;
    use assessments::parameters::as_of;
    use assessments::questionnaire::Level;
    use assessments::scoring::level_of;

    let library = load_library(&shipped()).unwrap();
    let version = &library.questionnaire("agro-laboral", 3).unwrap().questionnaire;
    let read = |date: &str| as_of(version, &library.parameters, day(date)).0;
    let overtime = |date: &str| {
        let question = read(date).question("jornada.horas-extra-semana").unwrap().clone();
        level_of(&question.answer, &AnswerValue::Number(11.0), day(date))
    };
    assert_eq!(overtime("2026-03-31"), Some(Level::Gap));
    assert_eq!(overtime("2026-11-30"), Some(Level::Partial));
    assert_eq!(overtime("2030-06-30"), Some(Level::Compliant), "12 hours paid double from 2030");
    let asks = |date: &str, id: &str| read(date).question(id).is_some();
    assert!(!asks("2026-03-31", "jornada.jornada-diaria") && asks("2026-05-01", "jornada.jornada-diaria"));
    assert!(
        !asks("2026-12-31", "jornada.registro-electronico")
            && asks("2027-01-01", "jornada.registro-electronico")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// A reading kept by key is exactly what reading afresh gives, on any two dates, whichever is
    /// read first: two dates share a key only when they read every shipped version the same.
    #[test]
    fn a_kept_reading_is_the_reading_of_its_date(first in 0i64..3000, second in 0i64..3000) {
        use std::sync::Arc;
        let library = load_library(&shipped()).expect("the shipped files load");
        let date = |offset: i64| day("2020-01-01") + chrono::Duration::days(offset);
        for loaded in &library.questionnaires {
            let written = Arc::new(loaded.questionnaire.clone());
            for offset in [first, second] {
                let kept = library.readings.read(&written, &library.parameters, date(offset));
                let fresh = if written.reference_from.is_some() {
                    assessments::parameters::as_of(&written, &library.parameters, date(offset))
                } else {
                    (loaded.questionnaire.clone(), Vec::new())
                };
                proptest::prop_assert_eq!(&*kept.questionnaire, &fresh.0, "{} v{} on {}", written.id, written.version, date(offset));
                proptest::prop_assert_eq!(&kept.values, &fresh.1);
            }
        }
    }
}
