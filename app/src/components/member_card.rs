//! One company as an association receives it: its plan's progress drawn over time, its actions,
//! its latest assessment's date and, where shared, summary. The association's dashboard shows
//! one per member; the company's access page shows the same, so it sees exactly what it shares.

use assessments::sharing::PlanFigures;
use leptos::prelude::*;

use crate::components::day;
use crate::i18n::use_texts;
use crate::model::association::MemberLine;

/// One sharing member: its plan's progress drawn over time, and its summary where shared.
#[component]
pub fn MemberCard(member: MemberLine, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_texts();
    let a = t.association;
    let MemberLine { company, shares_summary, last_submitted, plan, summary, .. } = member;
    view! {
        <li class="card member">
            <h3>{company.name.clone()}</h3>
            <p class="card__meta">
                {company.sector.map(|s| t.sector(s))} " · "
                {if shares_summary { a.shares_summary } else { a.shares_progress }}
            </p>
            {match plan {
                Some(plan) => view! {
                    <ProgressChart plan=plan.clone() today label=(a.chart_label)(&company.name, percent(&plan)) />
                    <p>{(a.actions_line)(plan.actions, plan.done, plan.verified, plan.overdue)}</p>
                }.into_any(),
                None => view! { <p>{a.no_plan}</p> }.into_any(),
            }}
            <p>
                {a.last_assessment} ": "
                {last_submitted.map_or_else(|| a.never_submitted.to_owned(), |at| day(&at))}
            </p>
            {summary.map(|summary| view! {
                <p>
                    {a.score} ": " <strong>{summary.score.map_or_else(|| "—".to_owned(), |s| s.to_string())}</strong>
                    {summary.rating.map(|r| view! { " · " {t.report.rating(r)} })}
                </p>
                <p>
                    {a.by_severity} ": "
                    {summary.gaps_by_severity.iter().map(|(s, n)| format!("{} {n}", t.report.severity(*s))).collect::<Vec<_>>().join(" · ")}
                </p>
            })}
        </li>
    }
    .into_any()
}

fn percent(plan: &PlanFigures) -> u32 {
    ((plan.done + plan.verified) * 100).checked_div(plan.actions).unwrap_or(0)
}

/// A small step chart of a plan's share of actions done, from its first change to today, drawn
/// on the server: no script, prints as it shows.
#[component]
fn ProgressChart(plan: PlanFigures, today: chrono::NaiveDate, label: String) -> impl IntoView {
    const WIDTH: f64 = 240.0;
    const HEIGHT: f64 = 60.0;
    let Some(first) = plan.points.first().map(|p| p.day) else { return ().into_any() };
    let span = (today - first).num_days().max(1) as f64;
    let x = |d: chrono::NaiveDate| ((d - first).num_days() as f64 / span * WIDTH).clamp(0.0, WIDTH);
    let y = |percent: u32| HEIGHT - f64::from(percent.min(100)) / 100.0 * HEIGHT;
    let mut path = String::new();
    let mut last_y = HEIGHT;
    for point in &plan.points {
        let (px, py) = (x(point.day), y(point.percent()));
        path.push_str(&format!(
            "{}{px:.1},{last_y:.1} L{px:.1},{py:.1} ",
            if path.is_empty() { "M" } else { "L" }
        ));
        last_y = py;
    }
    path.push_str(&format!("L{WIDTH:.1},{last_y:.1}"));
    let title = label.clone();
    view! {
        <figure class="progress-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="240" height="60" role="img" aria-label=label.clone()>
                <title>{title}</title>
                <line x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT class="progress-chart__axis" />
                <path d=path class="progress-chart__line" fill="none" />
            </svg>
            <figcaption class="card__meta">{first.to_string()} " → " {today.to_string()}</figcaption>
        </figure>
    }
    .into_any()
}
