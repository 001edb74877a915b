use assessments::Language;
use assessments::catalog::Severity;
use assessments::scoring::{Rating, Seen};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::gap_report::get_gap_report;
use crate::components::{Loaded, ParameterValues, SubjectReview, WrittenText, day};
use crate::i18n::use_texts;
use crate::model::report::{Exclusion, GapLine, GapReport, LeftOutLine, MetLine, SectionResult, WarningLine};
use crate::model::review::Threads;
use crate::urls;
use assessments::review::SignedReview;

/// `/evaluaciones/{id}/brechas`: where the company stands against the law — scores, rating, the
/// gaps with their legal citations and suggested actions, and the change since last time.
#[component]
pub fn GapReportPage() -> impl IntoView {
    let params = use_params_map();
    let report = Resource::new(move || params.read().get("id").unwrap_or_default(), get_gap_report);
    view! { <Loaded resource=report view={|report| view! { <Report report /> }} /> }
}

#[component]
fn Report(report: GapReport) -> impl IntoView {
    let r = use_texts().report;
    let language = use_context::<Language>().unwrap_or_default();
    let heading = format!("{} · {}", r.title, report.header.company.name);
    let base = urls::assessment(report.header.id);
    let by_severity = report.gaps_by_severity();
    let summary = match (report.overall, report.rating) {
        (Some(overall), Some(rating)) => view! {
            <div class="scorecard">
                <p class="scorecard__score">
                    <span class="scorecard__label">{r.overall}</span>
                    <strong class="scorecard__number">{overall}</strong>
                    <span>" " {r.of_100}</span>
                </p>
                <p class="scorecard__rating">
                    <span class="scorecard__label">{r.rating}</span>
                    <strong class=format!("rating rating--{}", rating_class(rating))>{r.rating(rating)}</strong>
                </p>
                <ul class="scorecard__severities">
                    {by_severity.into_iter().map(|(severity, count)| view! {
                        <li class=format!("severity severity--{}", severity_class(severity))>
                            {r.severity(severity)} ": " <strong>{count}</strong>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
            {(rating == Rating::Critical).then(|| view! { <p class="notice notice--error">{r.critical_explained}</p> })}
        }
        .into_any(),
        _ => view! { <p>{r.no_score}</p> }.into_any(),
    };
    let sections = report.sections.clone();
    let titles: Vec<(String, String)> =
        report.sections.iter().map(|s| (s.id.clone(), s.title.get(language).to_owned())).collect();
    view! {
        <Title text=heading.clone() />
        <article class="page report">
            <p class="breadcrumb">
                <a href=base.clone()>{report.title.get(language).to_owned()} " · v" {report.header.questionnaire_version}</a>
            </p>
            <h1>{heading}</h1>
            <p class="card__meta">
                {r.reference_date} " " {report.header.reference_date.to_string()} " · "
                {r.scored_on} " " {report.scored_on.to_string()}
            </p>
            {summary}
            <Reviews reviews=report.reviews.clone() submitted_at=report.header.submitted_at sign_at=report.can_sign.then(|| urls::assessment(report.header.id)) />
            <Findings findings=report.findings().cloned().collect() />
            <p class="hint">{r.how_scored}</p>
            <h2 id="chart-title">{r.chart_title}</h2>
            <SectionChart sections=sections.clone() />
            <table class="table">
                <thead>
                    <tr><th>{r.section}</th><th>{r.score}</th><th>{r.gaps}</th><th>{r.previous}</th></tr>
                </thead>
                <tbody>
                    {sections.into_iter().map(|s| view! {
                        <tr>
                            <td data-label=r.section>{s.title.get(language).to_owned()}</td>
                            <td data-label=r.score>{score_text(s.score)}</td>
                            <td data-label=r.gaps>{s.gaps}</td>
                            <td data-label=r.previous>{s.previous.map_or_else(String::new, |p| p.to_string())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {report.previous.map(|previous| view! {
                <h2>{r.comparison_title}</h2>
                <p class="hint">{r.comparison_rules}</p>
                <p>
                    <a href=urls::assessment(previous.assessment_id)>
                        {r.previous_assessment} " · v" {previous.questionnaire_version} " · " {day(&previous.started_at)}
                    </a>
                    ": " {score_text(previous.overall)}
                    {previous.rating.map(|rating| view! { " · " {r.rating(rating)} })}
                    " → " {score_text(report.overall)}
                    " · " {(r.new_gaps)(previous.new)}
                </p>
                <h3>{r.closed_title}</h3>
                {if previous.closed.is_empty() {
                    view! { <p>{r.none_closed}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {previous.closed.into_iter().map(|c| view! {
                                <li>{c.instrument.get(language).to_owned()} ", " {c.article} ": " {c.summary.get(language).to_owned()}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            })}
            <ParameterValues values=report.parameters.clone() />
            <Scope exclusions=report.exclusions.clone() left_out=report.left_out.clone() />
            <Warnings warnings=report.warnings.clone() />
            <h2>{r.gaps_title}</h2>
            {if report.gaps.is_empty() {
                view! { <p>{r.no_gaps}</p> }.into_any()
            } else {
                view! { <GapList gaps=report.gaps titles review=report.threads /> }.into_any()
            }}
            <Bases
                met=report.met.clone()
                declared_share=report.declared_share
                verify_at=report.can_verify.then(|| urls::assessment(report.header.id))
            />
            <p class="downloads">
                <a class="button" href=urls::gap_report_pdf(report.header.id) download="">{r.download_pdf}</a>
                " "
                <a class="button" href=urls::gap_report_csv(report.header.id) download="">{r.download_csv}</a>
            </p>
        </article>
    }
    .into_any()
}

/// One gap: its severity and status, the law it cites, and the answers behind it.
#[component]
fn GapItem(
    gap: GapLine,
    /// The gap's review threads, in the full list only (a finding is listed twice).
    #[prop(optional)]
    review: Option<Threads>,
) -> impl IntoView {
    let r = use_texts().report;
    let a = use_texts().answering;
    let language = use_context::<Language>().unwrap_or_default();
    let requirement_id = gap.citation.requirement_id.clone();
    let anchor = review.is_some().then(|| format!("g-{requirement_id}"));
    let label = format!("{}, {}", gap.citation.instrument.get(language), gap.citation.article);
    let review = review.map(|review| view! { <SubjectReview review kind="gap" key=requirement_id label /> });
    view! {
        <li class=format!("gap gap--{}", severity_class(gap.severity)) id=anchor>
            <p class="gap__head">
                <span class=format!("severity severity--{}", severity_class(gap.severity))>{r.severity(gap.severity)}</span>
                " · " {r.status(gap.status)}
                {gap.zero_tolerance.then(|| view! { " · " <strong>{r.findings_title}</strong> })}
                {gap.carried.then(|| view! { " · " <em>{r.also_before}</em> })}
            </p>
            <p class="gap__law">
                <strong>{gap.citation.instrument.get(language).to_owned()} ", " {gap.citation.article.clone()}</strong>
                {(!gap.citation.confirmed).then(|| view! { " (" {a.unconfirmed} ")" })}
                ": " {gap.citation.summary.get(language).to_owned()}
            </p>
            {gap.causes.into_iter().map(|cause| view! {
                <div class="gap__cause">
                    <p>{cause.question.get(language).to_owned()}</p>
                    <p><span class="gap__label">{r.answer} ": "</span> <strong>{a.describe(&cause.kind, &cause.answer, language)}</strong></p>
                    {cause.action.map(|action| view! {
                        <p><span class="gap__label">{r.action} ": "</span> {action.get(language).to_owned()}</p>
                    })}
                </div>
            }).collect_view()}
            {review}
        </li>
    }
    .into_any()
}

/// The signed reviews, and the form an advisor signs one with.
#[component]
fn Reviews(
    reviews: Vec<SignedReview>,
    submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    sign_at: Option<String>,
) -> impl IntoView {
    let r = use_texts().review;
    if reviews.is_empty() && sign_at.is_none() {
        return None;
    }
    Some(view! {
        <section class="reviews" id="revisiones" aria-labelledby="reviews-title">
            <h2 id="reviews-title">{r.reviews_title}</h2>
            {reviews.into_iter().map(|review| view! {
                <div class="signed-review">
                    <p class="signed-review__by">
                        <strong>{(r.reviewed_by)(&review.reviewer, &review.organization)} " " {day(&review.signed_at)}</strong>
                    </p>
                    {review.predates(submitted_at).then(|| view! { <p class="notice">{r.review_predates}</p> })}
                    <p class="signed-review__summary">{review.summary}</p>
                </div>
            }).collect_view()}
            {sign_at.map(|base| view! {
                <form method="post" action=format!("{base}/revisiones") class="form">
                    <h3>{r.sign_title}</h3>
                    <p class="form__lead">{r.sign_lead}</p>
                    <WrittenText form_key="revision".to_owned() label=r.summary rows=5 />
                    <button type="submit">{r.sign}</button>
                </form>
            })}
        </section>
    }
    .into_any())
}

/// The zero-tolerance findings, before anything else: no score offsets them.
#[component]
fn Findings(findings: Vec<GapLine>) -> impl IntoView {
    let r = use_texts().report;
    (!findings.is_empty()).then(|| view! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{r.findings_title}</h2>
            <p>{r.findings_lead}</p>
            <ol class="gaps">{findings.into_iter().map(|gap| view! { <GapItem gap /> }).collect_view()}</ol>
        </section>
    })
}

/// What the score rests on: the share on the company's word alone, and each met requirement's
/// basis.
#[component]
fn Bases(met: Vec<MetLine>, declared_share: Option<u32>, verify_at: Option<String>) -> impl IntoView {
    let r = use_texts().report;
    let language = use_context::<Language>().unwrap_or_default();
    // Sent back when the answers behind a requirement changed since this page was shown.
    let changed = use_query_map().read_untracked().get("cambiado").is_some();
    view! {
        <section aria-labelledby="met-title">
            <h2 id="met-title">{r.met_title}</h2>
            {changed.then(|| view! { <p class="notice notice--error" role="alert">{r.verify_changed}</p> })}
            {declared_share.map(|share| view! { <p><strong>{(r.declared_share)(share)}</strong></p> })}
            <p class="hint">{r.met_lead}</p>
            {if met.is_empty() {
                view! { <p>{r.met_none}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th scope="col">{r.requirement}</th><th scope="col">{r.basis_heading}</th></tr></thead>
                        <tbody>
                            {met.into_iter().map(|line| view! {
                                <tr>
                                    <td data-label=r.requirement>
                                        {line.citation.instrument.get(language).to_owned()} ", " {line.citation.article.clone()}
                                        ": " {line.citation.summary.get(language).to_owned()}
                                    </td>
                                    <td data-label=r.basis_heading>
                                        {r.basis_of(&line)}
                                        {verify_at.clone().map(|base| {
                                            let action = format!("{base}/requisitos/{}/verificar", line.citation.requirement_id);
                                            view! {
                                                <form method="post" action=action class="form form--inline">
                                                    <input type="hidden" name="visto" value=line.state.clone() />
                                                    <span class="gap__label">{r.verify} ": "</span>
                                                    <button type="submit" name="como" value="on_site" class="button--quiet">{r.seen.get(Seen::OnSite)}</button>
                                                    <button type="submit" name="como" value="on_file" class="button--quiet">{r.seen.get(Seen::OnFile)}</button>
                                                </form>
                                            }
                                        })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// Every "not applicable" with its reason, and every question the answers hid with the answer
/// that hid it: what the score does not cover, in one place.
#[component]
fn Scope(exclusions: Vec<Exclusion>, left_out: Vec<LeftOutLine>) -> impl IntoView {
    let r = use_texts().report;
    let a = use_texts().answering;
    let language = use_context::<Language>().unwrap_or_default();
    view! {
        <section aria-labelledby="exclusions-title">
            <h2 id="exclusions-title">{r.exclusions_title}</h2>
            <p class="hint">{r.exclusions_lead}</p>
            {if exclusions.is_empty() {
                view! { <p>{r.exclusions_none}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {exclusions.into_iter().map(|exclusion| view! {
                            <li>
                                {exclusion.question.get(language).to_owned()} " — " <span class="gap__label">{r.reason} ": "</span>
                                {exclusion.reason_or(r.no_reason).to_owned()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!left_out.is_empty()).then(|| view! {
            <section aria-labelledby="left-out-title">
                <h2 id="left-out-title">{r.left_out_title}</h2>
                <p class="hint">{r.left_out_lead}</p>
                <ul>
                    {left_out.into_iter().map(|line| {
                        let answer = line.because_answer.as_ref().map_or_else(
                            || r.no_answer.to_owned(),
                            |value| a.describe(&line.because_kind, value, language),
                        );
                        view! {
                            <li>
                                {line.question.get(language).to_owned()} " — " {r.because} " "
                                <em>{line.because_of.get(language).to_owned()}</em> ": " <strong>{answer}</strong>
                                {(!line.unassessed.is_empty()).then(|| view! {
                                    <p class="hint">
                                        {r.unassessed} ": "
                                        {line.unassessed.iter().map(|c| format!("{}, {}", c.instrument.get(language), c.article)).collect::<Vec<_>>().join("; ")}
                                    </p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// Answers that are no gap but a sign to look into, with why.
#[component]
fn Warnings(warnings: Vec<WarningLine>) -> impl IntoView {
    let r = use_texts().report;
    let language = use_context::<Language>().unwrap_or_default();
    (!warnings.is_empty()).then(|| view! {
        <section aria-labelledby="warnings-title">
            <h2 id="warnings-title">{r.warnings_title}</h2>
            <p class="hint">{r.warnings_lead}</p>
            <ul>
                {warnings.into_iter().map(|line| view! {
                    <li>
                        {line.question.get(language).to_owned()} " — " <strong>{line.answer.get(language).to_owned()}</strong>
                        <p class="hint">{line.warning.get(language).to_owned()}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The gaps, grouped under their section's title.
#[component]
fn GapList(gaps: Vec<GapLine>, titles: Vec<(String, String)>, review: Threads) -> impl IntoView {
    titles
        .into_iter()
        .filter_map(|(section_id, title)| {
            let of_section: Vec<GapLine> =
                gaps.iter().filter(|g| g.section_id == section_id).cloned().collect();
            (!of_section.is_empty()).then(|| {
                view! {
                    <section class="gap-section">
                        <h3>{title}</h3>
                        <ol class="gaps">
                            {of_section.into_iter().map(|gap| view! { <GapItem gap review=review.clone() /> }).collect_view()}
                        </ol>
                    </section>
                }
            })
        })
        .collect_view()
}

/// The section scores as horizontal bars, drawn on the server: it reads without JavaScript and
/// prints as it shows. The table below it carries the same figures for screen readers.
#[component]
fn SectionChart(sections: Vec<SectionResult>) -> impl IntoView {
    const WIDTH: u32 = 600;
    const BAR: u32 = 520;
    const ROW: u32 = 38;
    let language = use_context::<Language>().unwrap_or_default();
    let height = ROW * u32::try_from(sections.len()).unwrap_or(0) + 4;
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-labelledby="chart-title"
            xmlns="http://www.w3.org/2000/svg"
        >
            {sections.into_iter().enumerate().map(|(i, section)| {
                let y = ROW * u32::try_from(i).unwrap_or(0);
                let score = section.score.unwrap_or(0);
                let length = BAR * score / 100;
                view! {
                    <g>
                        <text x="0" y=y + 13 class="chart__label">{section.title.get(language).to_owned()}</text>
                        <rect x="0" y=y + 18 width=BAR height="12" class="chart__track" />
                        <rect x="0" y=y + 18 width=length height="12" class=format!("chart__bar chart__bar--{}", band(section.score)) />
                        {section.previous.map(|previous| view! {
                            <line x1=BAR * previous / 100 x2=BAR * previous / 100 y1=y + 15 y2=y + 33 class="chart__previous" />
                        })}
                        <text x=BAR + 8 y=y + 29 class="chart__value">{score_text(section.score)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

fn score_text(score: Option<u32>) -> String {
    score.map_or_else(|| "—".to_owned(), |score| score.to_string())
}

/// A colour band for a score, the same thresholds as the rating.
fn band(score: Option<u32>) -> &'static str {
    use assessments::scoring::{ACCEPTABLE_FROM, GOOD_FROM, NEEDS_IMPROVEMENT_FROM};
    match score {
        None => "none",
        Some(s) if s >= GOOD_FROM => "good",
        Some(s) if s >= ACCEPTABLE_FROM => "acceptable",
        Some(s) if s >= NEEDS_IMPROVEMENT_FROM => "improve",
        Some(_) => "poor",
    }
}

fn rating_class(rating: Rating) -> &'static str {
    match rating {
        Rating::Critical => "critical",
        Rating::Poor => "poor",
        Rating::NeedsImprovement => "improve",
        Rating::Acceptable => "acceptable",
        Rating::Good => "good",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}
