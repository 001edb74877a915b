//! The blank questionnaire to fill in on paper: a cover with the company, the version and how
//! to fill it in; then each question that applies to the company's profile, numbered as the
//! key-in page numbers it, with its id, boxes to tick or lines to write on, the evidence it asks
//! for, and a line for the note. The same building blocks as the plan's PDF.

use app::i18n::texts;
use app::service::paper::BlankForm;
use assessments::Language;
use assessments::language::LanguageTag;
use assessments::paper::{PaperQuestion, paper_form};
use assessments::questionnaire::AnswerKind;
use assessments::text::Text;
use chrono::NaiveDate;

use super::layout::{FIELD, INK, Layout, SOFT_INK};

/// The blank form of an assessment: interface words in `language`, questions in `content`.
pub fn paper_pdf(form: &BlankForm, language: Language, content: &LanguageTag, today: NaiveDate) -> Vec<u8> {
    let t = texts(language);
    let p = t.paper;
    let company = &form.header.company.name;
    let questionnaire = &form.questionnaire;
    let mut layout = Layout::new();
    layout.space(16.0);
    layout.paragraph(p.title, 20.0, true, FIELD);
    layout.space(3.0);
    layout.paragraph(&format!("{}: {company}", p.company), 13.0, true, INK);
    let version = format!(
        "{}: {} · v{} · {}",
        p.questionnaire,
        words(&questionnaire.title, content),
        questionnaire.version,
        questionnaire.id
    );
    layout.paragraph(&version, 10.0, false, INK);
    layout.paragraph(
        &format!("{} {}", p.started, form.header.started_at.date_naive()),
        10.0,
        false,
        SOFT_INK,
    );
    layout.space(4.0);
    layout.paragraph(p.lead, 9.5, false, INK);
    if !content.is_spanish() {
        layout.paragraph(&(p.untranslated_note)(content.endonym()), 9.5, true, INK);
    }
    for instruction in p.instructions {
        layout.paragraph(&format!("• {instruction}"), 9.5, false, INK);
    }
    layout.space(2.0);
    layout.write_in(p.filled_by, 9.5, 1);
    layout.write_in(p.keyed_by, 9.5, 1);

    let printed = paper_form(questionnaire, &form.answers);
    for section in &printed.sections {
        layout.space(6.0);
        layout.ensure(30.0);
        layout.paragraph(&words(&section.section.title, content), 14.0, true, FIELD);
        if let Some(intro) = &section.section.intro {
            layout.paragraph(&words(intro, content), 9.0, false, SOFT_INK);
        }
        for question in &section.questions {
            self::question(&mut layout, form, question, language, content);
        }
    }
    let confidential =
        format!("{company} · {} v{}. {}", questionnaire.id, questionnaire.version, p.confidential);
    super::footers(&mut layout, &confidential, language, today);
    super::render::render(&format!("{} · {company}", p.title), &layout.pages)
}

/// One question: number, text and id; its condition when the profile could not settle it; what
/// to tick or write; the evidence asked for; a line for the note.
fn question(
    layout: &mut Layout,
    form: &BlankForm,
    printed: &PaperQuestion<'_>,
    language: Language,
    content: &LanguageTag,
) {
    let t = texts(language);
    let (p, a) = (t.paper, t.answering);
    let question = printed.question;
    layout.space(4.0);
    // A question's text, its boxes and its first line stay on one page.
    layout.ensure(28.0);
    layout.paragraph(&format!("{}. {}", printed.number, words(&question.text, content)), 10.5, true, INK);
    layout.paragraph(&format!("[{}]", question.id), 7.5, false, SOFT_INK);
    if let Some(help) = &question.help {
        layout.paragraph(&words(help, content), 8.5, false, SOFT_INK);
    }
    if let Some(only_if) = &printed.only_if {
        let values: Vec<String> = only_if
            .any_of
            .iter()
            .map(|value| option_label(&only_if.question.answer, value, language, content))
            .collect();
        layout.paragraph(&(p.only_if)(only_if.number, &values.join(p.or)), 9.0, true, FIELD);
    }
    let scored = !question.requirements.is_empty();
    let dont_know = || scored.then(|| a.dont_know.to_owned());
    match &question.answer {
        AnswerKind::YesNoPartial { allow_not_applicable, .. } => {
            let mut options: Vec<String> =
                ["yes", "partial", "no"].iter().map(|v| a.yes_no(v).to_owned()).collect();
            if *allow_not_applicable {
                options.push(a.yes_no("not_applicable").to_owned());
            }
            options.extend(dont_know());
            layout.boxes(&options, 9.5);
            if let Some(when) = &question.not_applicable_when {
                layout.paragraph(
                    &format!("{} {}", a.not_applicable_when, words(when, content)),
                    8.0,
                    false,
                    SOFT_INK,
                );
            }
        }
        AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
            let multiple = matches!(question.answer, AnswerKind::MultipleChoice { .. });
            layout.paragraph(if multiple { a.choose_all } else { p.choose_one }, 8.5, false, SOFT_INK);
            for option in options {
                layout.boxes(&[words(&option.label, content)], 9.5);
            }
            if let Some(label) = dont_know() {
                layout.boxes(&[label], 9.5);
            }
        }
        AnswerKind::Number { unit, .. } => {
            let unit = unit.as_ref().map(|u| format!(" ({})", words(u, content))).unwrap_or_default();
            layout.write_in(&format!("{}{unit}", p.number_blank), 9.5, 1);
            if let Some(label) = dont_know() {
                layout.boxes(&[label], 9.5);
            }
        }
        AnswerKind::Date { .. } => {
            layout.write_in(p.date_blank, 9.5, 1);
            if let Some(label) = dont_know() {
                layout.boxes(&[label], 9.5);
            }
        }
        AnswerKind::Text { .. } => {
            layout.write_in(p.text_blank, 9.5, 3);
            if let Some(label) = dont_know() {
                layout.boxes(&[label], 9.5);
            }
        }
    }
    let mut asked: Vec<String> = Vec::new();
    let requirements_evidence = question.requirements.iter().filter_map(|id| {
        let requirement = form.library.catalog.requirements.iter().find(|r| &r.id == id)?;
        Some(words(&requirement.evidence, content))
    });
    for evidence in
        question.evidence_prompt.iter().map(|prompt| words(prompt, content)).chain(requirements_evidence)
    {
        if !asked.contains(&evidence) {
            asked.push(evidence);
        }
    }
    if question.evidence || !asked.is_empty() {
        if !asked.is_empty() {
            layout.paragraph(&format!("{} {}", p.evidence_asked, asked.join(" · ")), 8.5, false, SOFT_INK);
        }
        layout.write_in(p.evidence_kept, 9.0, 1);
    }
    layout.write_in(p.note, 9.0, 1);
}

/// The words of one of a question's answers, as its boxes print it.
fn option_label(kind: &AnswerKind, value: &str, language: Language, content: &LanguageTag) -> String {
    match kind {
        AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => options
            .iter()
            .find(|option| option.value == value)
            .map_or_else(|| value.to_owned(), |option| words(&option.label, content)),
        _ => texts(language).answering.yes_no(value).to_owned(),
    }
}

/// A questionnaire text in the content language; Spanish standing in for a missing translation
/// is marked `[es]`, as the cover explains.
fn words(text: &Text, content: &LanguageTag) -> String {
    let shown = text.shown_in(content);
    if shown.fell_back && !content.is_spanish() {
        format!("{} [es]", shown.wording)
    } else {
        shown.wording.to_owned()
    }
}
