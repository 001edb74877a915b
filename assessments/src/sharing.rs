//! What a company shares with a producer association, and the figures an association may see
//! across its members without being able to single one out.
//!
//! A company shares, by its own consent, either its plan progress alone or its plan progress and
//! the summary of its latest assessment (score, rating, gap counts; never answers, evidence,
//! comments or action texts). The association sees each sharing member's figures under its name
//! (the company consented to that, and to their being in the association's reports), and figures
//! summed across members, which is what an association reports on the whole of its members
//! without naming any. Each sum rests on a *cohort* of companies that must be large enough on its
//! own, and must not differ from other shown cohorts by a handful of companies: otherwise
//! subtracting shown figures would give one company's. [`disclose`] decides every cohort of every filter at once,
//! so no choice of filters can reach a figure the others would forbid.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::Severity;
use crate::ids::OrganizationId;
use crate::organization::Sector;
use crate::plan::ActionStatus;
use crate::scoring::Rating;

/// Where a company's answer to an association's request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Asked, not answered yet.
    Pending,
    /// The company shares: a grant was made with the scope it chose.
    Accepted,
    /// The company said no. The association may ask again later.
    Declined,
}

impl RequestState {
    pub const fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Accepted => "accepted",
            RequestState::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [RequestState::Pending, RequestState::Accepted, RequestState::Declined]
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// An association's request, as the company's admins and the association's people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRequest {
    pub id: crate::ids::ShareRequestId,
    /// The other side: the association for the company, the company for the association.
    pub counterpart: crate::access::Organization,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub state: RequestState,
}

/// A company that shares its progress with an association.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingMember {
    pub company: crate::access::Organization,
    pub grant_id: crate::ids::GrantId,
    /// Whether it shares its latest assessment's summary too.
    pub shares_summary: bool,
    pub shared_since: DateTime<Utc>,
    /// When it last submitted an assessment: part of its progress.
    pub last_submitted: Option<DateTime<Utc>>,
}

/// The smallest number of companies a figure summed across members may rest on. Set per
/// installation; never below two, since a figure over one company *is* that company's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minimum(u32);

impl Minimum {
    pub const DEFAULT: Minimum = Minimum(5);

    /// `companies`, raised to two if lower.
    pub const fn new(companies: u32) -> Minimum {
        Minimum(if companies < 2 { 2 } else { companies })
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl Default for Minimum {
    fn default() -> Self {
        Minimum::DEFAULT
    }
}

/// An agricultural season: November 1 to October 31, as the sugar-cane harvest (zafra) and the
/// Nayarit tobacco cycle both start in late autumn. Named by the years it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Season {
    /// The year of the November the season starts in.
    pub starts: i32,
}

impl Season {
    const FIRST_MONTH: u32 = 11;

    pub fn of(day: NaiveDate) -> Season {
        let starts = if day.month() >= Self::FIRST_MONTH { day.year() } else { day.year() - 1 };
        Season { starts }
    }

    /// The season's last day.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.starts + 1, Self::FIRST_MONTH, 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Season {
        Season { starts: self.starts + 1 }
    }
}

impl fmt::Display for Season {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.starts, self.starts + 1)
    }
}

/// One change of an action's status, from a plan's history: all an association learns of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    /// The action, by any key unique within the company.
    pub action: String,
    pub status: ActionStatus,
}

/// A plan's progress on one day: its actions then, and how many of them were done or verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressPoint {
    pub day: NaiveDate,
    pub actions: u32,
    pub closed: u32,
}

impl ProgressPoint {
    /// Whole percent of actions done or verified, rounded down.
    pub fn percent(self) -> u32 {
        (self.closed * 100).checked_div(self.actions).unwrap_or(0)
    }
}

/// Progress as it stood at the end of each day on which something changed, oldest first.
pub fn progress_over_time(changes: &[StatusChange]) -> Vec<ProgressPoint> {
    let mut ordered: Vec<&StatusChange> = changes.iter().collect();
    ordered.sort_by_key(|change| change.at);
    let mut states: HashMap<&str, ActionStatus> = HashMap::new();
    let mut points: Vec<ProgressPoint> = Vec::new();
    for change in ordered {
        states.insert(&change.action, change.status);
        let point = ProgressPoint {
            day: change.at.date_naive(),
            actions: count(states.len()),
            closed: count(states.values().filter(|s| is_closed(**s)).count()),
        };
        match points.last_mut() {
            Some(last) if last.day == point.day => *last = point,
            _ => points.push(point),
        }
    }
    points
}

/// Progress across a company's plans, each `(made, changes)` oldest first: each plan's points
/// until the day the next one is made, when the next plan's take over — what the company was
/// working on at each date.
pub fn progress_across_plans(plans: &[(DateTime<Utc>, Vec<StatusChange>)]) -> Vec<ProgressPoint> {
    let mut points = Vec::new();
    for (index, (_, changes)) in plans.iter().enumerate() {
        let until = plans.get(index + 1).map(|(made, _)| made.date_naive());
        points.extend(progress_over_time(changes).into_iter().filter(|p| until.is_none_or(|u| p.day < u)));
    }
    points
}

/// Progress at the end of `day`: the last point on or before it.
pub fn progress_on(points: &[ProgressPoint], day: NaiveDate) -> Option<ProgressPoint> {
    points.iter().take_while(|point| point.day <= day).last().copied()
}

fn is_closed(status: ActionStatus) -> bool {
    matches!(status, ActionStatus::Done | ActionStatus::Verified)
}

/// What one member shares, as figures: the input to the aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFigures {
    pub company: OrganizationId,
    pub sector: Option<Sector>,
    /// Its latest plan's progress over time; `None` without a plan.
    pub progress: Option<PlanFigures>,
    /// Its latest submitted assessment's summary, when the company shares it and has one.
    pub summary: Option<AssessmentSummary>,
}

/// A member's latest plan, as figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFigures {
    pub points: Vec<ProgressPoint>,
    pub actions: u32,
    pub done: u32,
    pub verified: u32,
    pub overdue: u32,
}

/// A member's latest submitted assessment, as counts: what "share the assessment summary" gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSummary {
    pub submitted_on: Option<NaiveDate>,
    pub score: Option<u32>,
    pub rating: Option<Rating>,
    /// Gaps per section id.
    pub gaps_by_section: BTreeMap<String, u32>,
    /// Gaps per theme (the catalog's tags: TI, TF, SAL, JOR, SST…). A gap may carry several.
    pub gaps_by_theme: BTreeMap<String, u32>,
    pub gaps_by_severity: BTreeMap<Severity, u32>,
}

/// What a shown cohort's figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// The latest assessments' gaps and scores.
    Gaps,
    /// Plans' actions, as they stand today.
    Actions,
    /// Plans' actions as they stood at the end of a season (today, for the current one).
    Season(Season),
}

/// One figure across members: what it measures, over which sector (`None`: every sector).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CohortKey {
    pub measure: Measure,
    pub sector: Option<Sector>,
}

/// Whether a cohort's figures may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disclosure {
    Shown,
    /// Fewer companies than the minimum: `needs` more would let it show.
    TooFew {
        needs: u32,
    },
    /// Large enough, but so close to another shown cohort that the difference of the two would
    /// reveal fewer companies than the minimum.
    WouldSingleOut,
}

/// The companies a figure rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub key: CohortKey,
    pub companies: BTreeSet<OrganizationId>,
}

/// Decides every cohort at once: large cohorts first (the all-sectors figures before one
/// sector's), each shown only when it has at least `minimum` companies and
/// - against every cohort shown before it, neither set exceeds the other by fewer than `minimum`
///   companies — so no two shown figures, whatever they measure, can be subtracted to isolate a
///   smaller group;
/// - for a sector's, the companies of its measure's all-sectors figure left outside every sector
///   shown (this one included) are none or at least `minimum` — since sectors do not overlap,
///   the whole less the sectors shown is that remainder, and no sum of shown figures reaches less.
pub fn disclose(cohorts: &[Cohort], minimum: Minimum) -> BTreeMap<CohortKey, Disclosure> {
    let minimum = minimum.get() as usize;
    let mut order: Vec<&Cohort> = cohorts.iter().collect();
    order.sort_by(|a, b| {
        (a.key.sector.is_some(), std::cmp::Reverse(a.companies.len()), a.key).cmp(&(
            b.key.sector.is_some(),
            std::cmp::Reverse(b.companies.len()),
            b.key,
        ))
    });
    let mut shown: Vec<&BTreeSet<OrganizationId>> = Vec::new();
    // Per measure: its all-sectors cohort when shown, and the companies of the sectors shown.
    let mut wholes: BTreeMap<Measure, &BTreeSet<OrganizationId>> = BTreeMap::new();
    let mut in_sectors: BTreeMap<Measure, BTreeSet<OrganizationId>> = BTreeMap::new();
    let mut decided = BTreeMap::new();
    for cohort in order {
        let size = cohort.companies.len();
        let measure = cohort.key.measure;
        let leaves_too_few = || {
            let Some(whole) = wholes.get(&measure) else { return false };
            let covered = in_sectors.get(&measure);
            let left = whole
                .iter()
                .filter(|c| !cohort.companies.contains(c) && covered.is_none_or(|s| !s.contains(c)))
                .count();
            left > 0 && left < minimum
        };
        let disclosure = if size < minimum {
            Disclosure::TooFew { needs: count(minimum - size) }
        } else if shown.iter().any(|other| too_close(&cohort.companies, other, minimum))
            || (cohort.key.sector.is_some() && leaves_too_few())
        {
            Disclosure::WouldSingleOut
        } else {
            shown.push(&cohort.companies);
            match cohort.key.sector {
                None => {
                    wholes.insert(measure, &cohort.companies);
                }
                Some(_) => in_sectors.entry(measure).or_default().extend(cohort.companies.iter().copied()),
            }
            Disclosure::Shown
        };
        decided.insert(cohort.key, disclosure);
    }
    decided
}

/// Whether either set holds between one and `minimum - 1` companies the other does not.
pub fn too_close(a: &BTreeSet<OrganizationId>, b: &BTreeSet<OrganizationId>, minimum: usize) -> bool {
    let beyond = |x: &BTreeSet<OrganizationId>, y: &BTreeSet<OrganizationId>| x.difference(y).count();
    [beyond(a, b), beyond(b, a)].into_iter().any(|n| n > 0 && n < minimum)
}

/// The figures of one cohort, summed across its companies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub companies: u32,
    /// Gaps: summed per section, theme and severity; the mean score of those scored.
    pub gaps_by_section: BTreeMap<String, u32>,
    pub gaps_by_theme: BTreeMap<String, u32>,
    pub gaps_by_severity: BTreeMap<Severity, u32>,
    pub mean_score: Option<u32>,
    /// Actions: how many, and how many done, verified (today) or closed (at a season's end).
    pub actions: u32,
    pub done: u32,
    pub verified: u32,
    pub overdue: u32,
    pub closed: u32,
}

impl Totals {
    /// Whole percent of actions done or verified, rounded down.
    pub fn percent_closed(&self) -> u32 {
        (self.closed * 100).checked_div(self.actions).unwrap_or(0)
    }
}

/// One cohort, decided: its figures only when shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    pub key: CohortKey,
    pub companies: u32,
    pub disclosure: Disclosure,
    pub totals: Option<Totals>,
}

/// Every aggregate of every filter (all sectors, then each sector; gaps, actions, and each
/// season from the first plan's to today's), decided together by [`disclose`].
pub fn aggregates(members: &[MemberFigures], minimum: Minimum, today: NaiveDate) -> Vec<Aggregate> {
    let first_season =
        members.iter().filter_map(|m| m.progress.as_ref()?.points.first().map(|p| Season::of(p.day))).min();
    let mut measures = vec![Measure::Gaps, Measure::Actions];
    if let Some(first) = first_season {
        let mut season = first;
        while season <= Season::of(today) {
            measures.push(Measure::Season(season));
            season = season.next();
        }
    }
    let sectors = std::iter::once(None).chain(Sector::ALL.iter().copied().map(Some));
    let mut cohorts = Vec::new();
    let mut sums = BTreeMap::new();
    for sector in sectors {
        for measure in &measures {
            let key = CohortKey { measure: *measure, sector };
            let in_sector = members.iter().filter(|m| sector.is_none() || m.sector == sector);
            let mut totals = Totals::default();
            let mut companies = BTreeSet::new();
            let mut scores = Vec::new();
            for member in in_sector {
                if add(&mut totals, &mut scores, member, *measure, today) {
                    companies.insert(member.company);
                }
            }
            totals.companies = count(companies.len());
            // A mean over only some of the cohort would rest on fewer companies than it shows.
            let sum: u32 = scores.iter().sum();
            totals.mean_score =
                (!scores.is_empty() && scores.len() == companies.len()).then(|| sum / count(scores.len()));
            sums.insert(key, totals);
            cohorts.push(Cohort { key, companies });
        }
    }
    let decided = disclose(&cohorts, minimum);
    cohorts
        .iter()
        .map(|cohort| {
            let disclosure = decided[&cohort.key];
            Aggregate {
                key: cohort.key,
                companies: count(cohort.companies.len()),
                disclosure,
                totals: (disclosure == Disclosure::Shown).then(|| sums[&cohort.key].clone()),
            }
        })
        .collect()
}

/// Adds what `member` contributes to `measure`; whether it contributes at all.
fn add(
    totals: &mut Totals,
    scores: &mut Vec<u32>,
    member: &MemberFigures,
    measure: Measure,
    today: NaiveDate,
) -> bool {
    match measure {
        Measure::Gaps => {
            let Some(summary) = &member.summary else { return false };
            for (map, from) in [
                (&mut totals.gaps_by_section, &summary.gaps_by_section),
                (&mut totals.gaps_by_theme, &summary.gaps_by_theme),
            ] {
                for (key, n) in from {
                    *map.entry(key.clone()).or_default() += n;
                }
            }
            for (severity, n) in &summary.gaps_by_severity {
                *totals.gaps_by_severity.entry(*severity).or_default() += n;
            }
            scores.extend(summary.score);
            true
        }
        Measure::Actions => {
            let Some(plan) = &member.progress else { return false };
            totals.actions += plan.actions;
            totals.done += plan.done;
            totals.verified += plan.verified;
            totals.overdue += plan.overdue;
            totals.closed += plan.done + plan.verified;
            true
        }
        Measure::Season(season) => {
            let Some(plan) = &member.progress else { return false };
            let Some(point) = progress_on(&plan.points, season.last_day().min(today)) else { return false };
            totals.actions += point.actions;
            totals.closed += point.closed;
            true
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::day;

    fn company(n: u128) -> OrganizationId {
        OrganizationId::from(uuid::Uuid::from_u128(n + 1))
    }

    fn at(date: NaiveDate) -> DateTime<Utc> {
        date.and_hms_opt(12, 0, 0).unwrap().and_utc()
    }

    fn member(n: u128, sector: Sector, plan_day: Option<NaiveDate>, summary: bool) -> MemberFigures {
        MemberFigures {
            company: company(n),
            sector: Some(sector),
            progress: plan_day.map(|d| PlanFigures {
                points: vec![ProgressPoint { day: d, actions: 4, closed: 1 }],
                actions: 4,
                done: 1,
                verified: 0,
                overdue: 1,
            }),
            summary: summary.then(|| AssessmentSummary {
                score: Some(70),
                gaps_by_section: BTreeMap::from([("salarios".to_owned(), 2)]),
                ..AssessmentSummary::default()
            }),
        }
    }

    #[test]
    fn a_season_runs_from_november_to_october() {
        assert_eq!(Season::of(day("2026-11-01")), Season { starts: 2026 });
        assert_eq!(Season::of(day("2026-10-31")), Season { starts: 2025 });
        assert_eq!(Season { starts: 2025 }.last_day(), day("2026-10-31"));
        assert_eq!(Season { starts: 2025 }.to_string(), "2025-2026");
    }

    #[test]
    fn progress_over_time_keeps_each_days_last_state() {
        let change =
            |d: NaiveDate, action: &str, status| StatusChange { at: at(d), action: action.into(), status };
        let changes = [
            change(day("2026-03-02"), "b", ActionStatus::Done),
            change(day("2026-03-01"), "a", ActionStatus::Pending),
            change(day("2026-03-01"), "b", ActionStatus::Pending),
            change(day("2026-03-05"), "a", ActionStatus::Verified),
        ];
        let points = progress_over_time(&changes);
        let seen: Vec<(NaiveDate, u32, u32)> = points.iter().map(|p| (p.day, p.actions, p.closed)).collect();
        assert_eq!(seen, [(day("2026-03-01"), 2, 0), (day("2026-03-02"), 2, 1), (day("2026-03-05"), 2, 2)]);
        assert_eq!(points[1].percent(), 50);
        assert_eq!(progress_on(&points, day("2026-03-04")).map(|p| p.closed), Some(1));
        assert_eq!(progress_on(&points, day("2026-02-28")), None);
    }

    #[test]
    fn progress_over_seasons_follows_the_plan_worked_on_at_each_date() {
        let change =
            |d: &str, action: &str, status| StatusChange { at: at(day(d)), action: action.into(), status };
        let first = vec![
            change("2026-03-01", "a", ActionStatus::Pending),
            change("2026-03-01", "b", ActionStatus::Pending),
            change("2026-03-05", "a", ActionStatus::Done),
            change("2026-12-01", "b", ActionStatus::Done),
        ];
        let second = vec![
            change("2026-11-10", "c", ActionStatus::Pending),
            change("2026-11-10", "d", ActionStatus::Pending),
            change("2026-11-10", "e", ActionStatus::Done),
        ];
        let points =
            progress_across_plans(&[(at(day("2026-03-01")), first), (at(day("2026-11-10")), second)]);
        let seen: Vec<(NaiveDate, u32, u32)> = points.iter().map(|p| (p.day, p.actions, p.closed)).collect();
        assert_eq!(
            seen,
            [(day("2026-03-01"), 2, 0), (day("2026-03-05"), 2, 1), (day("2026-11-10"), 3, 1)],
            "the first plan's late change after the second was made is not the company's progress then"
        );
        let season_end = Season { starts: 2025 }.last_day();
        assert_eq!(progress_on(&points, season_end).map(|p| (p.actions, p.closed)), Some((2, 1)));
    }

    #[test]
    fn a_cohort_below_the_minimum_says_how_many_more_it_needs() {
        let members: Vec<MemberFigures> =
            (0..3).map(|n| member(n, Sector::CaneGrower, Some(day("2026-11-02")), true)).collect();
        let all = aggregates(&members, Minimum::new(5), day("2026-11-30"));
        let gaps = all.iter().find(|a| a.key == CohortKey { measure: Measure::Gaps, sector: None }).unwrap();
        assert_eq!(gaps.disclosure, Disclosure::TooFew { needs: 2 });
        assert_eq!(gaps.totals, None);
    }

    #[test]
    fn a_sector_one_company_short_of_the_whole_is_withheld() {
        // Five growers and one mill: all six are shown, so the five growers are not — their
        // difference would be the mill's own figures.
        let mut members: Vec<MemberFigures> =
            (0..5).map(|n| member(n, Sector::CaneGrower, Some(day("2026-11-02")), true)).collect();
        members.push(member(9, Sector::SugarMill, Some(day("2026-11-02")), true));
        let all = aggregates(&members, Minimum::new(5), day("2026-11-30"));
        let find = |measure, sector| all.iter().find(|a| a.key == CohortKey { measure, sector }).unwrap();
        let whole = find(Measure::Gaps, None);
        assert_eq!(whole.disclosure, Disclosure::Shown);
        let totals = whole.totals.as_ref().unwrap();
        assert_eq!(
            (totals.companies, totals.gaps_by_section["salarios"], totals.mean_score),
            (6, 12, Some(70))
        );
        assert_eq!(find(Measure::Gaps, Some(Sector::CaneGrower)).disclosure, Disclosure::WouldSingleOut);
        assert_eq!(find(Measure::Gaps, Some(Sector::SugarMill)).disclosure, Disclosure::TooFew { needs: 4 });
        let season = find(Measure::Season(Season { starts: 2026 }), None);
        assert_eq!(season.totals.as_ref().map(|t| (t.actions, t.closed)), Some((24, 6)));
    }

    #[test]
    fn the_whole_less_the_sectors_shown_isolates_no_one() {
        // Five growers, five mills and one tobacco company: the whole and the growers show; the
        // mills would leave the tobacco company alone outside the sectors shown.
        let planned = Some(day("2026-11-02"));
        let mut members: Vec<MemberFigures> =
            (0..5).map(|n| member(n, Sector::CaneGrower, planned, true)).collect();
        members.extend((5..10).map(|n| member(n, Sector::SugarMill, planned, true)));
        members.push(member(10, Sector::TobaccoCompany, planned, true));
        let all = aggregates(&members, Minimum::new(5), day("2026-11-30"));
        let find =
            |sector| all.iter().find(|a| a.key == CohortKey { measure: Measure::Gaps, sector }).unwrap();
        assert_eq!(find(None).disclosure, Disclosure::Shown);
        let shown: Vec<Option<Sector>> = [Sector::CaneGrower, Sector::SugarMill]
            .into_iter()
            .map(Some)
            .filter(|s| find(*s).disclosure == Disclosure::Shown)
            .collect();
        assert_eq!(shown.len(), 1, "one sector of the two, never both: {shown:?}");
    }

    #[test]
    fn the_minimum_is_never_below_two() {
        assert_eq!(Minimum::new(0).get(), 2);
        assert_eq!(Minimum::new(1).get(), 2);
        assert_eq!(Minimum::new(7).get(), 7);
    }

    /// Members of any sector or none, with or without a plan (of any age) and a summary (scored
    /// or not), each with figures of its own.
    fn members_strategy() -> impl Strategy<Value = Vec<MemberFigures>> {
        let one = (
            0..=Sector::ALL.len(),
            prop::option::of(0i64..900),
            any::<bool>(),
            prop::option::of(0u32..=100),
            1u32..40,
        );
        prop::collection::vec(one, 0..24).prop_map(|members| {
            members
                .into_iter()
                .enumerate()
                .map(|(n, (sector, plan_age, summary, score, actions))| {
                    let plan_day =
                        plan_age.map(|age| crate::dates::add_days(day("2026-11-30"), -age).unwrap());
                    let mut member = member(
                        n as u128,
                        Sector::ALL.get(sector).copied().unwrap_or(Sector::Other),
                        plan_day,
                        summary,
                    );
                    member.sector = Sector::ALL.get(sector).copied();
                    if let Some(plan) = &mut member.progress {
                        plan.actions = actions;
                        plan.points[0].actions = actions;
                    }
                    if let Some(summary) = &mut member.summary {
                        summary.score = score;
                        summary.gaps_by_section.insert("salarios".to_owned(), actions % 7);
                    }
                    member
                })
                .collect()
        })
    }

    /// Members that all share everything, planned the same day: every measure rests on the same
    /// companies, so only the sectors tell the figures apart — where subtraction bites.
    fn sharing_everything_strategy() -> impl Strategy<Value = Vec<MemberFigures>> {
        prop::collection::vec((0..=Sector::ALL.len(), 1u32..40), 0..24).prop_map(|members| {
            members
                .into_iter()
                .enumerate()
                .map(|(n, (sector, actions))| {
                    let mut member = member(n as u128, Sector::Other, Some(day("2026-11-02")), true);
                    member.sector = Sector::ALL.get(sector).copied();
                    if let Some(plan) = &mut member.progress {
                        plan.actions = actions;
                    }
                    member
                })
                .collect()
        })
    }

    /// The companies behind an aggregate, worked out from the members by the rule the figures
    /// promise, not by the code that sums them.
    fn behind(members: &[MemberFigures], key: CohortKey, today: NaiveDate) -> BTreeSet<OrganizationId> {
        members
            .iter()
            .filter(|m| key.sector.is_none() || m.sector == key.sector)
            .filter(|m| match key.measure {
                Measure::Gaps => m.summary.is_some(),
                Measure::Actions => m.progress.is_some(),
                Measure::Season(season) => m
                    .progress
                    .as_ref()
                    .and_then(|p| p.points.first())
                    .is_some_and(|first| first.day <= season.last_day().min(today)),
            })
            .map(|m| m.company)
            .collect()
    }

    proptest! {
        #[test]
        fn no_shown_aggregate_rests_on_fewer_than_the_minimum(
            members in members_strategy(),
            minimum in 2u32..8,
        ) {
            let today = day("2026-11-30");
            for aggregate in aggregates(&members, Minimum::new(minimum), today) {
                let size = behind(&members, aggregate.key, today).len() as u32;
                prop_assert_eq!(size, aggregate.companies);
                if aggregate.disclosure == Disclosure::Shown {
                    prop_assert!(size >= minimum);
                    prop_assert_eq!(aggregate.totals.as_ref().map(|t| t.companies), Some(size));
                } else {
                    prop_assert!(aggregate.totals.is_none());
                }
            }
        }

        #[test]
        fn no_two_shown_figures_differ_by_fewer_companies_than_the_minimum(
            members in members_strategy(),
            minimum in 2u32..8,
        ) {
            let today = day("2026-11-30");
            let shown: Vec<BTreeSet<OrganizationId>> = aggregates(&members, Minimum::new(minimum), today)
                .into_iter()
                .filter(|a| a.disclosure == Disclosure::Shown)
                .map(|a| behind(&members, a.key, today))
                .collect();
            for (i, a) in shown.iter().enumerate() {
                for b in &shown[i + 1..] {
                    // Never by exactly one company, whichever two figures.
                    let (only_a, only_b) = (a.difference(b).count(), b.difference(a).count());
                    prop_assert!(only_a != 1 && only_b != 1, "two shown figures differ by one company");
                    prop_assert!(only_a == 0 || only_a >= minimum as usize);
                    prop_assert!(only_b == 0 || only_b >= minimum as usize);
                }
            }
        }

        #[test]
        fn the_whole_less_any_sectors_shown_is_none_or_at_least_the_minimum(
            members in prop_oneof![members_strategy(), sharing_everything_strategy()],
            minimum in 2u32..8,
        ) {
            let today = day("2026-11-30");
            let all = aggregates(&members, Minimum::new(minimum), today);
            let shown = |a: &&Aggregate| a.disclosure == Disclosure::Shown;
            for whole in all.iter().filter(shown).filter(|a| a.key.sector.is_none()) {
                let whole_set = behind(&members, whole.key, today);
                let sectors: Vec<BTreeSet<OrganizationId>> = all
                    .iter()
                    .filter(shown)
                    .filter(|a| a.key.measure == whole.key.measure && a.key.sector.is_some())
                    .map(|a| behind(&members, a.key, today))
                    .collect();
                // Every sum of shown sectors, subtracted from the whole.
                for subset in 0u32..(1 << sectors.len()) {
                    let taken: BTreeSet<OrganizationId> = sectors
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| subset & (1 << i) != 0)
                        .flat_map(|(_, s)| s.iter().copied())
                        .collect();
                    let left = whole_set.difference(&taken).count();
                    prop_assert!(left == 0 || left >= minimum as usize, "{left} companies isolated");
                }
            }
        }

        #[test]
        fn a_mean_score_shown_rests_on_every_company_of_its_figure(
            members in members_strategy(),
            minimum in 2u32..8,
        ) {
            let today = day("2026-11-30");
            for aggregate in aggregates(&members, Minimum::new(minimum), today) {
                let Some(mean) = aggregate.totals.as_ref().and_then(|t| t.mean_score) else { continue };
                let scores: Vec<u32> = members
                    .iter()
                    .filter(|m| behind(&members, aggregate.key, today).contains(&m.company))
                    .filter_map(|m| m.summary.as_ref()?.score)
                    .collect();
                prop_assert_eq!(scores.len() as u32, aggregate.companies);
                prop_assert!(scores.len() >= minimum as usize);
                prop_assert_eq!(mean, scores.iter().sum::<u32>() / scores.len() as u32);
            }
        }
    }
}
