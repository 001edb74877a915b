//! Assessments: the pages that show one — a company's list, an overview, a section to answer —
//! starting one, saving what a section's form or an autosave sends, attaching evidence, and
//! submitting.

use assessments::ids::{AssessmentId, OrganizationId};
use std::collections::HashSet;

use assessments::access::{AuditAction, CompanyAccess};
use assessments::answers::{
    Answers, AssessmentStatus, DraftProblem, Progress, SaveDecision, SubmittedAnswer, carry_over, decide,
    missing_answers, progress,
};
use assessments::evidence::{self, EvidenceProblem};
use assessments::language::LanguageTag;
use assessments::paper;
use assessments::questionnaire::{KEY_IN_SECTION, Questionnaire, Section};
use assessments::review::Subject;
use chrono::NaiveDate;
use store::answers::{AnswerWrite, SectionChange, TypedAnswer};
use store::evidence::NewEvidenceFile;

use super::Context;
use super::loaded::{LoadedAssessment, citations, count, load, load_answerable, load_seen};
use crate::error::{AppError, AppResult};
use crate::model::assessment::{
    AnswerRevision, AssessmentLine, AssessmentOverview, Autosaved, CompanyAssessments, KeyInMarks,
    MissingQuestion, SectionLine, SectionToAnswer,
};

/// The assessments part of a company's page.
pub async fn of_company(cx: &Context, company_id: OrganizationId) -> AppResult<CompanyAssessments> {
    let company = cx.store.visible_company(&cx.viewer, company_id).await?.ok_or(AppError::NotFound)?;
    let can_start = matches!(company.access, CompanyAccess::Member { .. });
    let headers = if company.access.sees_assessments() {
        let outsider = company.access.is_outsider();
        cx.audit_outsider(outsider, company_id, AuditAction::OutsiderViewed, "list of assessments").await?;
        cx.store.assessments_of(&cx.viewer, company_id).await?
    } else {
        Vec::new()
    };
    let mut assessments = Vec::with_capacity(headers.len());
    for header in headers {
        let loaded = load(cx, header.id).await?;
        let progress = progress(&loaded.questionnaire, &loaded.answer_map());
        assessments.push(AssessmentLine {
            title: loaded.questionnaire.title.clone(),
            progress: progress.overall,
            header,
        });
    }
    let questionnaires = if can_start { cx.store.published_questionnaires().await? } else { Vec::new() };
    Ok(CompanyAssessments { company_id, can_start, assessments, questionnaires, today: store::today() })
}

/// An assessment's overview: its sections, how far each has come, and what is missing.
pub async fn overview(cx: &Context, assessment_id: AssessmentId) -> AppResult<AssessmentOverview> {
    let loaded = load(cx, assessment_id).await?;
    loaded.audit_outsider_view(cx, "assessment overview").await?;
    let answers = loaded.answer_map();
    let questionnaire = &loaded.questionnaire;
    let progress = progress(questionnaire, &answers);
    let sections = questionnaire
        .sections
        .iter()
        .zip(progress.sections)
        .map(|(section, (_, progress))| section_line(section, progress))
        .collect();
    let missing = missing_answers(questionnaire, &answers)
        .into_iter()
        .map(|question| MissingQuestion {
            section_id: questionnaire.section_of(&question.id).map(|s| s.id.clone()).unwrap_or_default(),
            question_id: question.id.clone(),
            text: question.text.clone(),
        })
        .collect();
    let plan = cx.store.plan_of_seen(&loaded.seen).await?;
    let can_create_plan =
        plan.is_none() && !loaded.access.is_outsider() && loaded.header.status == AssessmentStatus::Submitted;
    Ok(AssessmentOverview {
        can_answer: loaded.is_answerable(),
        can_return: loaded.can_return(),
        title: questionnaire.title.clone(),
        overall: progress.overall,
        sections,
        missing,
        // Of the questions asked on its reference date: an answer to one not asked cannot be reviewed.
        to_review: count(
            loaded.answers.iter().filter(|answer| {
                answer.needs_review && questionnaire.question(&answer.question_id).is_some()
            }),
        ),
        plan,
        can_create_plan,
        review: super::review::of_assessment(cx, &loaded).await?,
        content_languages: questionnaire.content_languages(),
        header: loaded.header,
    })
}

/// One section of an assessment, ready to answer (or to read, for a reviewer).
pub async fn section(
    cx: &Context,
    assessment_id: AssessmentId,
    section_id: &str,
) -> AppResult<SectionToAnswer> {
    let loaded = load(cx, assessment_id).await?;
    loaded.audit_outsider_view(cx, "assessment answers").await?;
    let questionnaire = &loaded.questionnaire;
    let position = questionnaire.sections.iter().position(|s| s.id == section_id);
    let mut section = loaded.section(section_id)?.into_owned();
    // The page carries English (the other interface language) and the chosen content language.
    let content = loaded.header.content_language.clone();
    for (_, text) in assessments::strings::section_texts(&mut section) {
        text.retain(|tag| tag.as_str() == "en" || Some(tag) == content.as_ref());
    }
    let key_in = (section.id == KEY_IN_SECTION).then(|| key_in_marks(questionnaire, &loaded.answer_map()));
    let mut in_section: HashSet<&str> = section.questions.iter().map(|q| q.id.as_str()).collect();
    if key_in.is_some() {
        in_section.insert(KEY_IN_SECTION); // The scan of the paper form.
    }
    let (applicable, section_progress) = loaded.section_state(&section);
    let progress = progress(questionnaire, &loaded.answer_map());
    let line = |index: usize| {
        let section = questionnaire.sections.get(index)?;
        Some(section_line(section, progress.sections[index].1))
    };
    let drafts = if loaded.is_answerable() { cx.store.drafts_of(&loaded.seen).await? } else { Vec::new() };
    let files = cx.store.evidence_files_of(&loaded.seen).await?;
    Ok(SectionToAnswer {
        // The key-in page is for entering a filled form fast: the legal basis of each question,
        // a click away on its section's page, would more than double its weight.
        citations: if key_in.is_some() { Vec::new() } else { citations(&cx.library.catalog, &section) },
        applicable,
        answers: loaded
            .answers
            .iter()
            .filter(|a| in_section.contains(a.question_id.as_str()))
            .cloned()
            .collect(),
        drafts: drafts.into_iter().filter(|d| in_section.contains(d.question_id.as_str())).collect(),
        files: files.into_iter().filter(|f| in_section.contains(f.question_id.as_str())).collect(),
        editable: loaded.is_answerable(),
        progress: section_progress,
        score: loaded.section_score(&cx.library.catalog, &section),
        previous: position.and_then(|p| p.checked_sub(1)).and_then(line),
        next: position.and_then(|p| line(p + 1)),
        key_in,
        keeper: cx.viewer.user_id.to_string(),
        review: super::review::threads_on(cx, &loaded, |subject| {
            matches!(subject, Subject::Answer(question_id) if in_section.contains(question_id.as_str()))
        })
        .await?,
        title: questionnaire.title.clone(),
        section,
        header: loaded.header,
    })
}

/// Saves answers as they are given, when the page is hydrated: the same rules, drafts and
/// conflicts as the section form's plain post, which `fields` mirror.
pub async fn autosave(
    cx: &Context,
    assessment_id: AssessmentId,
    section_id: &str,
    fields: &[(String, String)],
) -> AppResult<Autosaved> {
    // Submitted meanwhile: nothing is saved, and the answer says the form is read-only now.
    let (problems, seen) = match load_answerable(cx, assessment_id).await? {
        Some(loaded) => {
            let problems = {
                let section = loaded.section(section_id)?;
                save_answers(cx, &loaded, &section, submitted_answers(fields, &section)).await?
            };
            (problems, Some(loaded.seen))
        }
        None => (Vec::new(), None),
    };
    // The answers again, as saved, under the access check this request has made.
    let after = match seen {
        Some(seen) => load_seen(cx, seen).await?,
        None => load(cx, assessment_id).await?,
    };
    let section = after.section(section_id)?;
    let (applicable, progress) = after.section_state(&section);
    let revisions = after
        .answers
        .iter()
        .filter(|a| section.questions.iter().any(|q| q.id == a.question_id))
        .map(|a| AnswerRevision {
            question_id: a.question_id.clone(),
            revision: a.revision,
            shown: a.fingerprint(),
        })
        .collect();
    Ok(Autosaved {
        editable: after.is_answerable(),
        revisions,
        problems,
        applicable,
        progress,
        score: after.section_score(&cx.library.catalog, &section),
    })
}

/// What starting an assessment came to.
pub enum Start {
    Started(AssessmentId),
    /// Before the version's first reference date (its legal parameters have no value then), or
    /// more than two years ahead.
    ReferenceDateOutOfRange,
}

/// Starts an assessment of `company_id` pinned to `questionnaire@version` and read on
/// `reference_date`, blank or carrying the answers of the company's earlier assessment
/// `carry_from`.
pub async fn start(
    cx: &Context,
    company_id: OrganizationId,
    (questionnaire_id, version): (&str, u32),
    carry_from: Option<AssessmentId>,
    reference_date: NaiveDate,
) -> AppResult<Start> {
    let next = cx.store.questionnaire(questionnaire_id, version).await?.ok_or(AppError::NotFound)?;
    let latest = assessments::dates::add_days(store::today(), 2 * 365).unwrap_or(NaiveDate::MAX);
    if next.reference_from.is_some_and(|from| reference_date < from) || reference_date > latest {
        return Ok(Start::ReferenceDateOutOfRange);
    }
    let carried = match carry_from {
        Some(previous_id) => {
            let previous = load(cx, previous_id).await?;
            // As written, not as read on a date: a new minimum wage is no change to a question.
            let mut carried = carry_over(&previous.written, &previous.answer_map(), &next);
            // Only into questions the new assessment asks on its reference date.
            carried.retain(|answer| {
                next.question(&answer.question_id)
                    .is_some_and(|q| q.asked_from.is_none_or(|from| from <= reference_date))
            });
            Some((previous_id, carried))
        }
        None => None,
    };
    let carried = carried.as_ref().map(|(id, answers)| (*id, answers.as_slice()));
    let id = cx
        .store
        .start_assessment(&cx.viewer, company_id, questionnaire_id, version, carried, reference_date)
        .await?;
    Ok(Start::Started(id))
}

/// The answers a section's form sent, one per question that was on it: `a.{id}` the answer
/// (repeated for a multiple choice), `n.{id}` the note, `e.{id}` the evidence, `r.{id}` the
/// revision the page showed and `f.{id}` its fingerprint. A question without `r.{id}` was not
/// on the form and is left alone.
pub fn submitted_answers(fields: &[(String, String)], section: &Section) -> Vec<SubmittedAnswer> {
    fn field<'f>(
        fields: &'f [(String, String)],
        prefix: char,
        id: &'f str,
    ) -> impl Iterator<Item = &'f (String, String)> {
        fields.iter().filter(move |(name, _)| {
            name.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('.')) == Some(id)
        })
    }
    let single = |prefix: char, id: &str| field(fields, prefix, id).next().map(|(_, value)| value.clone());
    section
        .questions
        .iter()
        .filter_map(|question| {
            let id = question.id.as_str();
            let base_revision = single('r', id)?.parse().unwrap_or(0);
            Some(SubmittedAnswer {
                question_id: id.to_owned(),
                values: field(fields, 'a', id).map(|(_, value)| value.clone()).collect(),
                note: single('n', id).unwrap_or_default(),
                evidence: single('e', id).unwrap_or_default(),
                base_revision,
                shown: single('f', id).unwrap_or_default(),
            })
        })
        .collect()
}

/// Saves what changed of `submitted` in one section, in one write. What cannot be saved —
/// invalid, or changed by someone else meanwhile — is kept as the viewer's draft in that same
/// write; returns those questions, in form order, with the reason.
pub async fn save_answers(
    cx: &Context,
    loaded: &LoadedAssessment,
    section: &Section,
    submitted: Vec<SubmittedAnswer>,
) -> AppResult<Vec<(String, DraftProblem)>> {
    let (store, viewer) = (&cx.store, &cx.viewer);
    let today = store::today();
    let assessment_id = loaded.header.id;
    let decided: Vec<(SubmittedAnswer, SaveDecision)> = submitted
        .into_iter()
        .filter_map(|submitted| {
            let question = section.questions.iter().find(|q| q.id == submitted.question_id)?;
            let saved = loaded.answers.iter().find(|a| a.question_id == question.id);
            let decision = decide(question, &submitted, saved, today);
            Some((submitted, decision))
        })
        .collect();
    // Only an answer kept as saved may leave a draft to clear. An autosave sends the answers that
    // changed, so most saves need not read the drafts at all.
    let drafts = if decided.iter().any(|(_, decision)| matches!(decision, SaveDecision::Keep)) {
        store.drafts_of(&loaded.seen).await?
    } else {
        Vec::new()
    };
    let changes: Vec<SectionChange<'_>> = decided
        .iter()
        .filter_map(|(submitted, decision)| {
            let question_id = submitted.question_id.as_str();
            match decision {
                SaveDecision::Keep => drafts
                    .iter()
                    .any(|draft| draft.question_id == question_id)
                    .then_some(SectionChange::DiscardDraft(question_id)),
                SaveDecision::Save { value, note, evidence } => {
                    let write = AnswerWrite {
                        question_id,
                        value: value.as_ref(),
                        note,
                        evidence,
                        base_revision: submitted.base_revision,
                        from_paper: section.id == KEY_IN_SECTION,
                    };
                    Some(SectionChange::Save { write, typed: Some(typed_of(submitted)) })
                }
                SaveDecision::Invalid(_) | SaveDecision::Conflict => {
                    problem_before_writing(decision).map(|problem| SectionChange::KeepDraft {
                        question_id,
                        typed: typed_of(submitted),
                        problem,
                    })
                }
            }
        })
        .collect();
    // Someone saved these between this request reading the answers and writing them.
    let conflicts = store.save_section(viewer, assessment_id, &changes).await?;
    let problems = decided
        .iter()
        .filter_map(|(submitted, decision)| {
            let problem = match decision {
                SaveDecision::Save { .. } => {
                    conflicts.contains(&submitted.question_id).then_some(DraftProblem::Conflict)
                }
                _ => problem_before_writing(decision),
            }?;
            Some((submitted.question_id.clone(), problem))
        })
        .collect();
    Ok(problems)
}

/// Why an answer is kept as a draft, as far as the page can tell before writing: the store may
/// still find a conflict in an answer decided to be saved.
fn problem_before_writing(decision: &SaveDecision) -> Option<DraftProblem> {
    match decision {
        SaveDecision::Keep | SaveDecision::Save { .. } => None,
        SaveDecision::Invalid(problem) => Some(DraftProblem::Invalid(*problem)),
        SaveDecision::Conflict => Some(DraftProblem::Conflict),
    }
}

/// What was typed for a question, as a draft would keep it.
fn typed_of(submitted: &SubmittedAnswer) -> TypedAnswer<'_> {
    TypedAnswer { values: &submitted.values, note: &submitted.note, evidence: &submitted.evidence }
}

/// A file chosen in a section's form for one of its questions.
pub struct Upload {
    pub question_id: String,
    pub file_name: String,
    /// `None` when it was larger than the limit: reading stopped there.
    pub content: Option<Vec<u8>>,
}

/// Attaches the files chosen to the questions of `section`; stops at the first one refused and
/// names it with the reason.
pub async fn attach_uploads(
    cx: &Context,
    loaded: &LoadedAssessment,
    section: &Section,
    uploads: Vec<Upload>,
) -> AppResult<Option<(String, EvidenceProblem)>> {
    if uploads.is_empty() {
        return Ok(None);
    }
    let (store, viewer) = (&cx.store, &cx.viewer);
    let mut attached = store.evidence_files_of(&loaded.seen).await?;
    for upload in uploads {
        // The key-in page also takes the scan of the paper form, for the whole assessment.
        let whole = section.id == KEY_IN_SECTION && upload.question_id == KEY_IN_SECTION;
        if !whole && !section.questions.iter().any(|q| q.id == upload.question_id) {
            continue;
        }
        let already = attached.iter().filter(|f| f.question_id == upload.question_id).count();
        let checked = match &upload.content {
            Some(content) => evidence::check(content, &upload.file_name, already),
            None => Err(EvidenceProblem::TooLarge),
        };
        let kind = match checked {
            Ok(kind) => kind,
            Err(problem) => return Ok(Some((upload.question_id, problem))),
        };
        let file_name = evidence::safe_file_name(&upload.file_name);
        let file = NewEvidenceFile {
            question_id: &upload.question_id,
            file_name: &file_name,
            kind,
            content: upload.content.as_deref().unwrap_or_default(),
        };
        store.attach_evidence(viewer, loaded.header.id, file).await?;
        attached = store.evidence_files_of(&loaded.seen).await?;
    }
    Ok(None)
}

/// What submitting an assessment came to.
pub enum Submission {
    Submitted,
    /// Required applicable questions are unanswered: the overview lists them.
    Incomplete,
    /// Already submitted (read-only).
    NotAnswerable,
}

/// Chooses the language the assessment's questions are shown and printed in: one its version is
/// translated into, or `""` for each reader's own. `false` when `tag` is neither.
pub async fn choose_content_language(
    cx: &Context,
    assessment_id: AssessmentId,
    tag: &str,
) -> AppResult<bool> {
    let Some(loaded) = load_answerable(cx, assessment_id).await? else { return Ok(false) };
    let chosen = match tag {
        "" => None,
        tag => match tag.parse::<LanguageTag>() {
            Ok(tag) if loaded.questionnaire.content_languages().contains(&tag) => Some(tag),
            _ => return Ok(false),
        },
    };
    cx.store.set_content_language(&cx.viewer, assessment_id, chosen.as_ref()).await?;
    Ok(true)
}

/// Submits a complete assessment for review.
pub async fn submit(cx: &Context, assessment_id: AssessmentId) -> AppResult<Submission> {
    let Some(loaded) = load_answerable(cx, assessment_id).await? else {
        return Ok(Submission::NotAnswerable);
    };
    if !missing_answers(&loaded.questionnaire, &loaded.answer_map()).is_empty() {
        return Ok(Submission::Incomplete);
    }
    cx.store.submit_assessment(&cx.viewer, assessment_id).await?;
    Ok(Submission::Submitted)
}

/// What the key-in page adds to its one long section: the numbers the paper form printed, and
/// where each of the questionnaire's sections starts.
fn key_in_marks(questionnaire: &Questionnaire, answers: &Answers) -> KeyInMarks {
    let printed = paper::paper_form(questionnaire, answers);
    KeyInMarks {
        numbers: printed.questions().map(|q| (q.question.id.clone(), q.number)).collect(),
        starts: questionnaire
            .sections
            .iter()
            .filter_map(|s| Some((s.questions.first()?.id.clone(), s.title.clone())))
            .collect(),
    }
}

fn section_line(section: &Section, progress: Progress) -> SectionLine {
    SectionLine { id: section.id.clone(), title: section.title.clone(), profile: section.profile, progress }
}
