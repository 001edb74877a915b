//! An advisor's review: threads on answers, gaps and actions, requests and their answers, what
//! changed since a return for changes, signed reviews, and what waits for each person. Who may
//! write what is checked again in the store; every advisor's step is in the company's log.

use assessments::access::{AuditAction, CompanyAccess, Organization};
use assessments::answers::AssessmentStatus;
use assessments::ids::{PlanId, ThreadId};
use assessments::organization::Role;
use assessments::plan::{ActionStatus, Actor, PlanAction, is_overdue};
use assessments::review::{Request, Subject, Thread, ThreadState, WritingProblem, checked_text};
use assessments::text::Text;
use std::collections::HashMap;
use store::answers::SeenAssessment;

use super::Context;
use super::loaded::{LoadedAssessment, assemble};
use super::portfolio::{self, PortfolioOrder, Shown};
use crate::error::{AppError, AppResult};
use crate::model::review::{
    ActionDue, AssessmentReview, ChangedAnswer, ChangesSinceReturn, CompanyWork, RequestLine, Threads,
    Waiting,
};
use crate::urls;

/// How many days ahead an action counts as due soon on the company's home.
const DUE_SOON_DAYS: i64 = 14;

/// The viewer's side in an assessment's review; `None` for someone who may only read.
pub fn side_of(access: CompanyAccess) -> Option<Actor> {
    match access {
        CompanyAccess::Member { .. } => Some(Actor::Company),
        CompanyAccess::Advisor => Some(Actor::Advisor),
        CompanyAccess::PlanProgress => None,
    }
}

/// The threads of an assessment that `keep` keeps, with the viewer's side.
pub async fn threads_on(
    cx: &Context,
    loaded: &LoadedAssessment,
    keep: impl Fn(&Subject) -> bool,
) -> AppResult<Threads> {
    let mut threads = cx.store.threads_of(&loaded.seen).await?;
    threads.retain(|thread| keep(&thread.subject));
    Ok(Threads { assessment_id: Some(loaded.header.id), threads, side: side_of(loaded.access) })
}

/// The review part of an assessment's overview: open requests, changes since the last return,
/// signed reviews.
pub async fn of_assessment(cx: &Context, loaded: &LoadedAssessment) -> AppResult<AssessmentReview> {
    let threads = cx.store.threads_of(&loaded.seen).await?;
    let plan = cx.store.plan_of_seen(&loaded.seen).await?;
    let open: Vec<Thread> = threads
        .iter()
        .filter(|t| t.request.asks_the_company() && t.state != ThreadState::Resolved)
        .cloned()
        .collect();
    let actions = match plan {
        Some(plan_id) if open.iter().any(|t| matches!(t.subject, Subject::Action(_))) => {
            cx.store.plan_actions(&cx.viewer, plan_id).await?
        }
        _ => Vec::new(),
    };
    let requests = request_lines(cx, loaded, plan, &actions, open);
    let changes = match cx.store.last_return_of(&loaded.seen).await? {
        Some(returned_at) if loaded.header.status == AssessmentStatus::Submitted => {
            Some(changes_since(cx, loaded, &threads, returned_at).await?)
        }
        _ => None,
    };
    let reviews = cx.store.reviews_of(&loaded.seen).await?;
    Ok(AssessmentReview { requests, changes, reviews })
}

/// What the company changed since the return at `since`: answers saved again, files attached, replies
/// (each stored to the microsecond, like the return).
async fn changes_since(
    cx: &Context,
    loaded: &LoadedAssessment,
    threads: &[Thread],
    since: chrono::DateTime<chrono::Utc>,
) -> AppResult<ChangesSinceReturn> {
    let answers = loaded
        .answers
        .iter()
        .filter(|answer| answer.updated_at >= since)
        .filter_map(|answer| {
            let question = loaded.questionnaire.question(&answer.question_id)?;
            Some(ChangedAnswer { question: question.text.clone(), href: answer_href(loaded, &question.id) })
        })
        .collect();
    let files = cx
        .store
        .evidence_files_of(&loaded.seen)
        .await?
        .into_iter()
        .filter(|file| file.uploaded_at >= since)
        .map(|file| file.file_name)
        .collect();
    let replies = threads
        .iter()
        .flat_map(|t| &t.messages)
        .filter(|m| m.side == Actor::Company && m.written_at >= since)
        .count();
    Ok(ChangesSinceReturn {
        returned_at: since,
        answers,
        files,
        replies: u32::try_from(replies).unwrap_or(u32::MAX),
    })
}

/// Each thread named by what it is about, with where to answer it.
/// `actions` are those of the assessment's `plan`, where a thread is on one of them.
fn request_lines(
    cx: &Context,
    loaded: &LoadedAssessment,
    plan: Option<PlanId>,
    actions: &[PlanAction],
    threads: Vec<Thread>,
) -> Vec<RequestLine> {
    threads
        .into_iter()
        .map(|thread| {
            let (about, href) = match &thread.subject {
                Subject::Answer(question_id) => (
                    loaded.questionnaire.question(question_id).map(|q| q.text.clone()),
                    answer_href(loaded, question_id),
                ),
                Subject::Gap(requirement_id) => (
                    cx.library.catalog.requirement(requirement_id).map(|r| r.summary.clone()),
                    format!("{}#g-{requirement_id}", urls::gap_report(loaded.header.id)),
                ),
                Subject::Action(action_id) => (
                    actions.iter().find(|a| a.id.to_string() == *action_id).map(|a| a.text.clone()),
                    match (plan, action_id.parse()) {
                        (Some(plan_id), Ok(action_id)) => urls::plan_action(plan_id, action_id),
                        _ => urls::assessment(loaded.header.id),
                    },
                ),
            };
            RequestLine {
                about: about.unwrap_or_else(|| Text::new(thread.subject.key(), None)),
                href,
                thread,
            }
        })
        .collect()
}

/// Where a question's answer and its threads are read: its section page.
fn answer_href(loaded: &LoadedAssessment, question_id: &str) -> String {
    match loaded.questionnaire.section_of(question_id) {
        Some(section) => {
            format!("{}#hilos-{question_id}", urls::assessment_section(loaded.header.id, &section.id))
        }
        None => urls::assessment(loaded.header.id),
    }
}

/// Where a subject's threads are shown, for the redirect after writing in one.
pub async fn subject_href(cx: &Context, loaded: &LoadedAssessment, subject: &Subject) -> AppResult<String> {
    Ok(match subject {
        Subject::Answer(question_id) => answer_href(loaded, question_id),
        Subject::Gap(requirement_id) => format!("{}#g-{requirement_id}", urls::gap_report(loaded.header.id)),
        Subject::Action(action_id) => {
            let plan_id = cx.store.plan_of_seen(&loaded.seen).await?;
            match (plan_id, action_id.parse()) {
                (Some(plan_id), Ok(action_id)) => format!("{}#hilos", urls::plan_action(plan_id, action_id)),
                _ => urls::assessment(loaded.header.id),
            }
        }
    })
}

/// Opens a thread on `subject`: a question the assessment asks, a requirement of its
/// questionnaire, or an action of its plan (the store checks that one).
pub async fn open(
    cx: &Context,
    loaded: &LoadedAssessment,
    subject: &Subject,
    request: Request,
    text: &str,
) -> AppResult<Result<(), WritingProblem>> {
    let known = match subject {
        Subject::Answer(question_id) => loaded.questionnaire.question(question_id).is_some(),
        Subject::Gap(requirement_id) => {
            loaded.written.questions().any(|q| q.requirements.iter().any(|r| r == requirement_id))
        }
        Subject::Action(_) => true,
    };
    if !known {
        return Err(AppError::NotFound);
    }
    // A comment, a request for evidence or a question says something; an acceptance may not.
    let text = match checked_text(text, request != Request::Accepted) {
        Ok(text) => text,
        Err(problem) => return Ok(Err(problem)),
    };
    cx.store.open_thread(&cx.viewer, loaded.header.id, subject, request, text).await?;
    let detail = format!("{} {}: {}", request.as_str(), subject.key(), text);
    audit_advisor(cx, loaded, AuditAction::ReviewOpened, &detail).await?;
    Ok(Ok(()))
}

/// Writes in a thread; returns what it is about, to go back to it.
pub async fn reply(
    cx: &Context,
    loaded: &LoadedAssessment,
    thread_id: ThreadId,
    text: &str,
) -> AppResult<Result<Subject, WritingProblem>> {
    let subject = subject_of(cx, loaded, thread_id).await?;
    let text = match checked_text(text, true) {
        Ok(text) => text,
        Err(problem) => return Ok(Err(problem)),
    };
    cx.store.reply_in_thread(&cx.viewer, loaded.header.id, thread_id, text).await?;
    let detail = format!("{}: {text}", subject.key());
    audit_advisor(cx, loaded, AuditAction::ReviewReplied, &detail).await?;
    Ok(Ok(subject))
}

/// Closes a thread; returns what it is about.
pub async fn resolve(cx: &Context, loaded: &LoadedAssessment, thread_id: ThreadId) -> AppResult<Subject> {
    let subject = subject_of(cx, loaded, thread_id).await?;
    cx.store.resolve_thread(&cx.viewer, loaded.header.id, thread_id).await?;
    audit_advisor(cx, loaded, AuditAction::ReviewResolved, subject.key()).await?;
    Ok(subject)
}

/// Signs a review of a submitted assessment with its written summary.
pub async fn sign(
    cx: &Context,
    loaded: &LoadedAssessment,
    summary: &str,
) -> AppResult<Result<(), WritingProblem>> {
    let summary = match checked_text(summary, true) {
        Ok(summary) => summary,
        Err(problem) => return Ok(Err(problem)),
    };
    cx.store.sign_review(&cx.viewer, loaded.header.id, summary).await?;
    audit_advisor(cx, loaded, AuditAction::ReviewSigned, summary).await?;
    Ok(Ok(()))
}

async fn subject_of(cx: &Context, loaded: &LoadedAssessment, thread_id: ThreadId) -> AppResult<Subject> {
    let threads = cx.store.threads_of(&loaded.seen).await?;
    let thread = threads.into_iter().find(|t| t.id == thread_id).ok_or(AppError::NotFound)?;
    Ok(thread.subject)
}

/// An advisor's step is written to the company's log; the company's own are not. Who acted is
/// asked of the store for the person signed in, whoever `loaded` was loaded for.
async fn audit_advisor(
    cx: &Context,
    loaded: &LoadedAssessment,
    action: AuditAction,
    detail: &str,
) -> AppResult<()> {
    let (_, access) = cx.store.assessment_with_access(&cx.viewer, loaded.header.id).await?;
    // A long message is named by its start: the log says what was done, the thread keeps the text.
    let detail: String = detail.chars().take(200).collect();
    cx.audit_outsider(access.is_outsider(), loaded.header.company.id, action, &detail).await
}

/// What waits for the person signed in: an advisor's portfolio (narrowed to company names
/// containing `search`, in `order`, the lines `shown`), the work of the person's own companies,
/// and whether they follow companies' progress. An advisor's look at each shown company's score
/// is audited as `looked` (their home, or the daily digest).
pub async fn waiting(
    cx: &Context,
    order: PortfolioOrder,
    search: &str,
    shown: Shown,
    looked: &str,
) -> AppResult<Waiting> {
    let search = search.trim().to_lowercase();
    let associations = cx
        .viewer
        .memberships
        .iter()
        .filter(|m| m.organization.kind == assessments::organization::OrganizationKind::Association)
        .map(|m| m.organization.clone())
        .collect();
    let mut waiting = Waiting { associations, ..Waiting::default() };
    let seen = cx.store.seen_companies(&cx.viewer).await?;
    let (mut advised, mut own) = (Vec::new(), Vec::new());
    for visible in seen.companies {
        match visible.access {
            CompanyAccess::Advisor => {
                if visible.company.name.to_lowercase().contains(&search) {
                    advised.push(visible.company);
                }
            }
            CompanyAccess::Member { .. } => own.push(visible.company),
            CompanyAccess::PlanProgress => waiting.follows_progress = true,
        }
    }
    let (own_assessments, advised_assessments) =
        seen.assessments.into_iter().partition(|seen| matches!(seen.access(), CompanyAccess::Member { .. }));
    if !own.is_empty() {
        waiting.own = own_work(cx, own, own_assessments).await?;
    }
    if !advised.is_empty() {
        let page = portfolio::lines(cx, advised, advised_assessments, order, shown, looked).await?;
        waiting.portfolio_total = page.total;
        (waiting.portfolio_page, waiting.portfolio_pages) = (page.page, page.pages);
        waiting.portfolio = page.lines;
    }
    Ok(waiting)
}

/// What waits for the people of each of their own `companies`, from the `assessments` of them
/// the viewer was found to see: requests on its assessments, assessments sent back, and plan
/// actions overdue or due soon. Each kind of row is read once for all of them.
async fn own_work(
    cx: &Context,
    companies: Vec<Organization>,
    assessments: Vec<SeenAssessment>,
) -> AppResult<Vec<CompanyWork>> {
    let today = store::today();
    let soon = assessments::dates::add_days(today, DUE_SOON_DAYS).unwrap_or(today);
    let mut threads = cx.store.threads_of_many(&assessments).await?;
    let mut plans = cx.store.plans_of_many(&assessments).await?;
    let in_progress: Vec<SeenAssessment> = assessments
        .iter()
        .filter(|seen| seen.header().status == AssessmentStatus::InProgress)
        .cloned()
        .collect();
    let returns = if in_progress.is_empty() {
        HashMap::new()
    } else {
        cx.store.last_returns_of_many(&in_progress).await?
    };
    // Only an assessment with something waiting is read further: its questions name the lines.
    let mut waiting = Vec::new();
    for seen in assessments {
        let id = seen.id();
        let asked: Vec<Thread> =
            threads.remove(&id).unwrap_or_default().into_iter().filter(Thread::waits_for_company).collect();
        let returned = returns.contains_key(&id);
        let plan = plans.remove(&id);
        if !asked.is_empty() || returned || plan.is_some() {
            waiting.push((seen, asked, returned, plan));
        }
    }
    let mut answers =
        cx.store.answers_of_many(&waiting.iter().map(|(seen, ..)| seen.clone()).collect::<Vec<_>>()).await?;

    let mut work = Vec::new();
    for company in companies {
        let share_requests = if cx.viewer.role_in(company.id) == Some(Role::CompanyAdmin) {
            cx.store.share_requests_to(&cx.viewer, company.id).await?
        } else {
            Vec::new()
        };
        work.push(CompanyWork {
            company,
            requests: Vec::new(),
            returned: Vec::new(),
            actions: Vec::new(),
            share_requests,
        });
    }
    for (seen, asked, returned, plan) in waiting {
        let Some(company) = work.iter_mut().find(|work| work.company.id == seen.header().company.id) else {
            continue;
        };
        let answers = answers.remove(&seen.id()).unwrap_or_default();
        let loaded = assemble(cx, seen, answers).await?;
        if returned {
            company.returned.push((loaded.header.id, loaded.questionnaire.title.clone()));
        }
        let (plan_id, actions) = plan.map_or((None, Vec::new()), |(id, actions)| (Some(id), actions));
        company.requests.extend(request_lines(cx, &loaded, plan_id, &actions, asked));
        let Some(plan_id) = plan_id else { continue };
        for action in actions {
            if matches!(action.status, ActionStatus::Pending | ActionStatus::InProgress)
                && action.due_date <= soon
            {
                company.actions.push(ActionDue {
                    plan_id,
                    action_id: action.id,
                    text: action.text.clone(),
                    overdue: is_overdue(action.status, action.due_date, today),
                    due_date: action.due_date,
                });
            }
        }
    }
    for company in &mut work {
        company.actions.sort_by_key(|action| action.due_date);
    }
    Ok(work)
}
