//! An advisor's portfolio: every company that granted the advisor's organization its
//! assessments, each with the assessment under review scored and what waits there for the
//! advisor, ordered and shown a page at a time.
//!
//! A portfolio may hold a thousand companies, so it is read in two passes, each a handful of
//! queries whatever its length: first what orders it (the assessment under review, its threads,
//! reviews, files, verifications and plan, for every company), then the answers — only where a
//! verification's standing depends on them and for the lines shown; ordered by score, every
//! company's, a batch at a time, scored and let go. Only the lines shown are written to the
//! companies' logs.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use assessments::access::{AuditAction, CompanyAccess, Organization};
use assessments::answers::AssessmentStatus;
use assessments::evidence::EvidenceFile;
use assessments::ids::{OrganizationId, PlanId};
use assessments::plan::{ActionStatus, PlanProgress};
use assessments::review::{SignedReview, Thread};
use assessments::scoring::Verification;
use store::answers::SeenAssessment;

use super::Context;
use super::loaded::{LoadedAssessment, assemble, standing_verification};
use crate::error::AppResult;
use crate::model::review::{LatestAssessment, PortfolioLine};

/// How an advisor's portfolio is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioOrder {
    /// Most waiting work first (the default).
    Waiting,
    Name,
    /// Lowest score first: where help is needed most.
    Score,
}

impl PortfolioOrder {
    pub fn parse(code: &str) -> Self {
        match code {
            "nombre" => PortfolioOrder::Name,
            "puntaje" => PortfolioOrder::Score,
            _ => PortfolioOrder::Waiting,
        }
    }
}

/// Which lines of an advisor's portfolio are shown, and so written to each company's log as
/// looked at: the others are read only to order the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// One page of [`super::PAGE_LINES`], counted from 1 (the home).
    Page(usize),
    /// The lines where something waits for the advisor (the daily digest).
    Waiting,
}

/// The lines shown of a portfolio, and where they are in it.
pub struct Lines {
    pub lines: Vec<PortfolioLine>,
    /// How many companies the portfolio holds.
    pub total: u32,
    /// The page shown, counted from 1, of how many; 0 when not shown by page.
    pub page: u32,
    pub pages: u32,
}

/// The lines `shown` of the portfolio of the `advised` companies (given by name), in `order`.
/// The advisor's look at each shown line is written to its company's log as `looked`.
pub async fn lines(
    cx: &Context,
    advised: Vec<Organization>,
    assessments: Vec<SeenAssessment>,
    order: PortfolioOrder,
    shown: Shown,
    looked: &str,
) -> AppResult<Lines> {
    let mut candidates = candidates(cx, advised, assessments).await?;
    // A verification's standing depends on the answers behind it: where there is one, what
    // waits cannot be counted without them.
    read_answers(cx, &mut candidates, |u| !u.verifications.is_empty()).await?;
    match order {
        // Cached: each key is computed once, not at every comparison.
        PortfolioOrder::Waiting => candidates.sort_by_cached_key(|c| std::cmp::Reverse(c.counts().waiting())),
        PortfolioOrder::Name => {}
        PortfolioOrder::Score => {
            score_every_one(cx, &mut candidates).await?;
            candidates.sort_by_key(|c| c.under_review.as_ref().and_then(|u| u.overall));
        }
    }
    let total = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    let (mut candidates, page, pages) = match shown {
        Shown::Page(asked) => super::page_of(candidates, asked),
        Shown::Waiting => (candidates.into_iter().filter(|c| c.counts().waiting() > 0).collect(), 0, 0),
    };
    read_answers(cx, &mut candidates, |u| u.loaded.is_none()).await?;
    // Each shown company's score: a look at its data, in its log.
    cx.audit_outsiders(candidates.iter().map(|c| c.company.id), AuditAction::OutsiderViewed, looked).await?;
    let lines = candidates.into_iter().map(|c| c.into_line(cx)).collect();
    Ok(Lines { lines, total, page, pages })
}

/// A company of the portfolio while it is ordered.
struct Candidate {
    company: Organization,
    /// Its assessment under review and what is read of it; `None` before its first assessment.
    under_review: Option<UnderReview>,
}

struct UnderReview {
    seen: SeenAssessment,
    threads: Vec<Thread>,
    reviews: Vec<SignedReview>,
    files: Vec<EvidenceFile>,
    verifications: Vec<Verification>,
    plan: Option<(PlanId, Vec<(ActionStatus, chrono::NaiveDate)>)>,
    /// With its answers, once read.
    loaded: Option<LoadedAssessment>,
    /// Its overall score, once [`score_every_one`] has scored it.
    overall: Option<u32>,
}

/// What waits for the advisor at a company, and its plan's figures.
struct Counts {
    needs_review: bool,
    replies: u32,
    verifications_cleared: u32,
    plan: Option<PlanId>,
    progress: PlanProgress,
}

impl Counts {
    /// As [`PortfolioLine::waiting`] counts it.
    fn waiting(&self) -> u32 {
        u32::from(self.needs_review) + self.replies + self.verifications_cleared + self.progress.done
    }
}

impl Candidate {
    fn counts(&self) -> Counts {
        let Some(under_review) = &self.under_review else {
            return Counts {
                needs_review: false,
                replies: 0,
                verifications_cleared: 0,
                plan: None,
                progress: PlanProgress::default(),
            };
        };
        let header = under_review.seen.header();
        let reviewed_since_submission = header
            .submitted_at
            .is_some_and(|submitted| under_review.reviews.iter().any(|review| review.signed_at >= submitted));
        // Read only where there are verifications (see `lines`): none cleared without them.
        let cleared = under_review.loaded.as_ref().map_or(0, |loaded| {
            let verifications = &under_review.verifications;
            verifications
                .iter()
                .filter(|v| {
                    standing_verification(loaded, &under_review.files, verifications, &v.requirement_id)
                        .is_none()
                })
                .count()
        });
        let (plan, progress) = match &under_review.plan {
            Some((plan_id, statuses)) => {
                (Some(*plan_id), PlanProgress::of(statuses.iter().copied(), store::today()))
            }
            None => (None, PlanProgress::default()),
        };
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Counts {
            needs_review: header.status == AssessmentStatus::Submitted && !reviewed_since_submission,
            replies: count(under_review.threads.iter().filter(|t| t.waits_for_advisor()).count()),
            verifications_cleared: count(cleared),
            plan,
            progress,
        }
    }

    fn into_line(self, cx: &Context) -> PortfolioLine {
        let counts = self.counts();
        let latest = self.under_review.and_then(|u| u.loaded).map(|loaded| {
            let card = loaded.scorecard(&cx.library.catalog);
            let zero_tolerance = card.gaps.iter().filter(|gap| gap.zero_tolerance).count();
            LatestAssessment {
                id: loaded.header.id,
                title: loaded.questionnaire.title.clone(),
                status: loaded.header.status,
                started_at: loaded.header.started_at,
                score: card.overall,
                rating: card.rating,
                findings: u32::try_from(zero_tolerance).unwrap_or(u32::MAX),
                needs_review: counts.needs_review,
                replies: counts.replies,
                verifications_cleared: counts.verifications_cleared,
            }
        });
        PortfolioLine {
            company: self.company,
            latest,
            plan: counts.plan,
            to_verify: counts.progress.done,
            overdue: counts.progress.overdue,
        }
    }
}

/// Every `advised` company, in the order given, with its assessment under review (chosen among
/// the `assessments` of them the viewer was found to see, newest first) and what orders the
/// portfolio read of it — all but the answers.
async fn candidates(
    cx: &Context,
    advised: Vec<Organization>,
    assessments: Vec<SeenAssessment>,
) -> AppResult<Vec<Candidate>> {
    // The newest submitted assessment is the one under review; else the newest, under way.
    let mut chosen: HashMap<OrganizationId, SeenAssessment> = HashMap::new();
    for seen in assessments {
        if seen.access() != CompanyAccess::Advisor {
            continue;
        }
        let submitted = seen.header().status == AssessmentStatus::Submitted;
        match chosen.entry(seen.header().company.id) {
            Entry::Vacant(entry) => {
                entry.insert(seen);
            }
            // Newest first: a submitted one replaces only a newer one under way.
            Entry::Occupied(mut entry) => {
                if submitted && entry.get().header().status != AssessmentStatus::Submitted {
                    entry.insert(seen);
                }
            }
        }
    }
    let seen: Vec<SeenAssessment> = chosen.values().cloned().collect();
    let mut threads = cx.store.threads_of_many(&seen).await?;
    let mut reviews = cx.store.reviews_of_many(&seen).await?;
    let mut files = cx.store.evidence_files_of_many(&seen).await?;
    let mut verifications = cx.store.verifications_of_many(&seen).await?;
    let mut plans = cx.store.plan_statuses_of_many(&seen).await?;
    Ok(advised
        .into_iter()
        .map(|company| {
            let under_review = chosen.remove(&company.id).map(|seen| {
                let id = seen.id();
                UnderReview {
                    seen,
                    threads: threads.remove(&id).unwrap_or_default(),
                    reviews: reviews.remove(&id).unwrap_or_default(),
                    files: files.remove(&id).unwrap_or_default(),
                    verifications: verifications.remove(&id).unwrap_or_default(),
                    plan: plans.remove(&id),
                    loaded: None,
                    overall: None,
                }
            });
            Candidate { company, under_review }
        })
        .collect())
}

/// How many assessments' answers are held at once while every one is scored.
const SCORED_AT_ONCE: usize = 100;

/// Scores every candidate's assessment for the score order, [`SCORED_AT_ONCE`] at a time: the
/// answers of each batch are read in one query, scored and let go, so that a portfolio of a
/// thousand companies never holds all its answers at once.
async fn score_every_one(cx: &Context, candidates: &mut [Candidate]) -> AppResult<()> {
    for batch in candidates.chunks_mut(SCORED_AT_ONCE) {
        let mut picked: Vec<&mut UnderReview> =
            batch.iter_mut().filter_map(|c| c.under_review.as_mut()).collect();
        let seen: Vec<SeenAssessment> = picked.iter().map(|u| u.seen.clone()).collect();
        let mut answers = cx.store.answers_of_many(&seen).await?;
        for under_review in &mut picked {
            under_review.overall = match &under_review.loaded {
                Some(loaded) => loaded.scorecard(&cx.library.catalog).overall,
                None => {
                    let answers = answers.remove(&under_review.seen.id()).unwrap_or_default();
                    let loaded = assemble(cx, under_review.seen.clone(), answers).await?;
                    loaded.scorecard(&cx.library.catalog).overall
                }
            };
        }
    }
    Ok(())
}

/// Reads, in one query, the answers of the candidates `wanted` picks that have an assessment.
async fn read_answers(
    cx: &Context,
    candidates: &mut [Candidate],
    wanted: impl Fn(&UnderReview) -> bool,
) -> AppResult<()> {
    let mut picked: Vec<&mut UnderReview> =
        candidates.iter_mut().filter_map(|c| c.under_review.as_mut()).filter(|u| wanted(u)).collect();
    let seen: Vec<SeenAssessment> = picked.iter().map(|u| u.seen.clone()).collect();
    let mut answers = cx.store.answers_of_many(&seen).await?;
    for under_review in &mut picked {
        let id = under_review.seen.id();
        let loaded = assemble(cx, under_review.seen.clone(), answers.remove(&id).unwrap_or_default()).await?;
        under_review.loaded = Some(loaded);
    }
    Ok(())
}
