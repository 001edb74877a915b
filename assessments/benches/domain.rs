//! What the pure domain costs a request or a start: loading the shipped files, scoring a whole
//! assessment and proposing its plan. Pages score on every request, so this shows how much of a
//! page's time is the domain's (the rest is the database and rendering: docs/BENCHMARKS.md).
//!
//! `cargo bench -p assessments`

use std::hint::black_box;

use assessments::answers::{AnswerValue, Answers, applicable_questions};
use assessments::dates::day;
use assessments::loader::load_library;
use assessments::plan::propose_actions;
use assessments::questionnaire::{AnswerKind, Level, Questionnaire};
use assessments::scoring::{answer_at, score};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/support/shipped_files.rs"]
mod shipped_files;

fn domain(c: &mut Criterion) {
    let files = shipped_files::shipped();
    c.bench_function("load_library (shipped files)", |b| b.iter(|| load_library(black_box(&files))));

    let library = load_library(&files).expect("the shipped files load");
    let questionnaire = &library.latest_published("agro-laboral").expect("published").questionnaire;
    let as_of = day("2026-11-30");
    let answers = answered_in_full(questionnaire, as_of);
    let scorecard = score(questionnaire, &library.catalog, &answers, as_of);
    println!(
        "{} questions, {} answered, {} gaps",
        questionnaire.questions().count(),
        answers.len(),
        scorecard.gaps.len()
    );

    c.bench_function("score (every question answered)", |b| {
        b.iter(|| score(black_box(questionnaire), &library.catalog, black_box(&answers), as_of))
    });
    c.bench_function("propose_actions (one per gap)", |b| {
        b.iter(|| propose_actions(black_box(questionnaire), black_box(&scorecard), as_of))
    });
}

/// An assessment answered as far as its conditions let it: each condition's question answered
/// with the first value that shows the question behind it (where two conditions on one question
/// want different values, the first wins), then every question shown answered at gap, partial
/// and compliant in turn, so that there are gaps of every severity to plan.
fn answered_in_full(questionnaire: &Questionnaire, as_of: NaiveDate) -> Answers {
    let mut answers = Answers::new();
    for condition in questionnaire.questions().filter_map(|q| q.show_if.as_ref()) {
        let (Some(question), Some(value)) =
            (questionnaire.question(&condition.question), condition.any_of.first())
        else {
            continue;
        };
        let answer = match question.answer {
            AnswerKind::MultipleChoice { .. } => AnswerValue::Choices(vec![value.clone()]),
            _ => AnswerValue::Choice(value.clone()),
        };
        answers.entry(condition.question.clone()).or_insert(answer);
    }
    let turns = [Level::Gap, Level::Partial, Level::Compliant];
    let shown: Vec<_> = applicable_questions(questionnaire, &answers)
        .into_iter()
        .filter(|q| !answers.contains_key(&q.id))
        .collect();
    for (turn, question) in shown.into_iter().enumerate() {
        let answer = turns
            .iter()
            .cycle()
            .skip(turn % turns.len())
            .take(turns.len())
            .find_map(|level| answer_at(&question.answer, *level, as_of));
        if let Some(answer) = answer {
            answers.insert(question.id.clone(), answer);
        }
    }
    answers
}

criterion_group!(benches, domain);
criterion_main!(benches);
