use assessments::Language;
use assessments::answers::AssessmentStatus;
use assessments::ids::OrganizationId;
use assessments::questionnaire::KEY_IN_SECTION;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::answering::{get_assessment_overview, list_company_assessments};
use crate::api::plans::list_company_plans;
use crate::components::{
    FieldProblems, Loaded, PlanProgressBar, ProgressBar, day, use_form_problems, use_kept_value,
};
use crate::i18n::use_texts;
use crate::model::assessment::{AssessmentOverview, CompanyAssessments};
use crate::model::plan::PlanSummary;
use crate::model::review::AssessmentReview;
use crate::urls;

/// The plans block of a company's page: each plan's progress; the plan itself for those who
/// see the company's assessments.
#[component]
pub fn CompanyPlansBlock(company_id: OrganizationId) -> impl IntoView {
    let resource = Resource::new(move || company_id.to_string(), list_company_plans);
    view! { <Loaded resource view={|plans| view! { <PlanList plans /> }} /> }
}

#[component]
fn PlanList(plans: Vec<PlanSummary>) -> impl IntoView {
    let p = use_texts().plans;
    view! {
        <section aria-labelledby="plans-title">
            <h2 id="plans-title">{p.plans_title}</h2>
            {if plans.is_empty() {
                view! { <p>{p.none_yet}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {plans.into_iter().map(|plan| view! {
                            <li class="card">
                                {if plan.can_open {
                                    view! { <a href=urls::plan(plan.header.id)>{p.title} " · " {day(&plan.header.created_at)}</a> }.into_any()
                                } else {
                                    view! { <span>{p.title} " · " {day(&plan.header.created_at)}</span> }.into_any()
                                }}
                                <PlanProgressBar progress=plan.progress />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The assessments block of a company's page: the list, and a form to start one.
#[component]
pub fn CompanyAssessmentsBlock(company_id: OrganizationId) -> impl IntoView {
    let resource = Resource::new(move || company_id.to_string(), list_company_assessments);
    view! { <Loaded resource view={|data| view! { <AssessmentList data /> }} /> }
}

#[component]
fn AssessmentList(data: CompanyAssessments) -> impl IntoView {
    let t = use_texts().answering;
    let language = use_context::<Language>().unwrap_or_default();
    let CompanyAssessments { company_id, can_start, assessments, questionnaires, today } = data;
    let problems = use_form_problems();
    let kept_reference = use_kept_value("referencia");
    let earlier: Vec<(String, String)> = assessments
        .iter()
        .map(|line| {
            (
                line.header.id.to_string(),
                format!("{} · {}", line.title.get(language), day(&line.header.started_at)),
            )
        })
        .collect();
    let list = if assessments.is_empty() {
        view! { <p>{if can_start { t.assessments_none } else { t.assessments_not_shared }}</p> }.into_any()
    } else {
        view! {
            <ul class="cards">
                {assessments.into_iter().map(|line| view! {
                    <li class="card">
                        <a href=urls::assessment(line.header.id)>
                            {line.title.get(language).to_owned()} " · v" {line.header.questionnaire_version}
                        </a>
                        <span class="card__meta">
                            {t.status(line.header.status)} " · " {t.started} " " {day(&line.header.started_at)}
                        </span>
                        <ProgressBar progress=line.progress />
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let start = can_start.then(|| {
        if questionnaires.is_empty() {
            return view! { <p>{t.no_questionnaires}</p> }.into_any();
        }
        view! {
            <form method="post" action=format!("/empresas/{company_id}/evaluaciones") class="form" id="iniciar">
                <h3>{t.start_title}</h3>
                <p class="form__lead">{t.start_lead}</p>
                <label for="questionnaire">{t.questionnaire_label}</label>
                <select id="questionnaire" name="questionnaire">
                    {questionnaires.into_iter().map(|q| view! {
                        <option value=format!("{}@{}", q.id, q.version)>
                            {q.title.get(language).to_owned()} " · v" {q.version}
                        </option>
                    }).collect_view()}
                </select>
                <label for="carry">{t.carry_label}</label>
                <select id="carry" name="carry">
                    <option value="">{t.carry_none}</option>
                    {earlier.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                </select>
                <label for="reference-date">{t.reference_label}</label>
                <p class="hint" id="reference-date-help">{t.reference_help}</p>
                <FieldProblems problems field=Some("reference-date") id="reference-date-problem" />
                <input
                    type="date"
                    id="reference-date"
                    name="referencia"
                    aria-describedby="reference-date-help reference-date-problem"
                    value=move || {
                        let kept = kept_reference.get();
                        if kept.is_empty() { today.to_string() } else { kept }
                    }
                />
                <button type="submit">{t.start_submit}</button>
            </form>
        }
        .into_any()
    });
    view! {
        <section aria-labelledby="assessments-title">
            <h2 id="assessments-title">{t.assessments_title}</h2>
            {list}
            {start}
        </section>
    }
}

/// The review on an assessment's overview: the requests not closed, what changed since the
/// last request for changes, and the signed reviews.
#[component]
fn ReviewOfAssessment(review: AssessmentReview) -> impl IntoView {
    let r = use_texts().review;
    let language = use_context::<Language>().unwrap_or_default();
    let AssessmentReview { requests, changes, reviews } = review;
    let requests = (!requests.is_empty()).then(|| view! {
        <section id="solicitudes" aria-labelledby="solicitudes-title">
            <h2 id="solicitudes-title">{r.open_requests_title}</h2>
            <ul class="requests">
                {requests.into_iter().map(|line| {
                    let last = line.thread.messages.last().map(|m| format!("{}: {}", m.author, m.body));
                    view! {
                        <li class=format!("request request--{}", line.thread.state.as_str())>
                            <a href=line.href>{line.about.get(language).to_owned()}</a>
                            <span class="card__meta">" · " {r.request(line.thread.request)} " · " {r.state(line.thread.state)}</span>
                            {last.map(|last| view! { <p class="request__last">{last}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    });
    let changes = changes.map(|changes| {
        view! {
            <section aria-labelledby="changes-title">
                <h2 id="changes-title">{r.changes_title} " " {day(&changes.returned_at)}</h2>
                {(changes.answers.is_empty() && changes.files.is_empty() && changes.replies == 0)
                    .then(|| view! { <p>{r.no_changes}</p> })}
                {(!changes.answers.is_empty()).then(|| view! {
                    <h3>{r.changed_answers}</h3>
                    <ul>
                        {changes.answers.into_iter().map(|changed| view! {
                            <li><a href=changed.href>{changed.question.get(language).to_owned()}</a></li>
                        }).collect_view()}
                    </ul>
                })}
                {(!changes.files.is_empty()).then(|| view! {
                    <h3>{r.changed_files}</h3>
                    <ul>{changes.files.into_iter().map(|file| view! { <li>{file}</li> }).collect_view()}</ul>
                })}
                {(changes.replies > 0).then(|| view! { <p>{(r.replies)(changes.replies)}</p> })}
            </section>
        }
    });
    let reviews = (!reviews.is_empty()).then(|| view! {
        <section aria-labelledby="signed-title">
            <h2 id="signed-title">{r.reviews_title}</h2>
            <ul>
                {reviews.into_iter().map(|review| view! {
                    <li>{(r.reviewed_by)(&review.reviewer, &review.organization)} " " {day(&review.signed_at)}</li>
                }).collect_view()}
            </ul>
        </section>
    });
    view! { {requests} {changes} {reviews} }.into_any()
}

/// `/evaluaciones/{id}`: an assessment's sections and progress, what is missing, and submission.
#[component]
pub fn AssessmentPage() -> impl IntoView {
    let params = use_params_map();
    let overview =
        Resource::new(move || params.read().get("id").unwrap_or_default(), get_assessment_overview);
    view! { <Loaded resource=overview view={|overview| view! { <Overview overview /> }} /> }
}

#[component]
fn Overview(overview: AssessmentOverview) -> impl IntoView {
    let t = use_texts();
    let a = t.answering;
    let language = use_context::<Language>().unwrap_or_default();
    let query = use_query_map();
    let AssessmentOverview {
        header,
        title,
        can_answer,
        can_return,
        overall,
        sections,
        missing,
        to_review,
        plan,
        can_create_plan,
        review,
        content_languages,
    } = overview;
    let open_requests = review.requests.len();
    let base = urls::assessment(header.id);
    let notice = move || {
        let query = query.read();
        if query.get("error").as_deref() == Some("incomplete") {
            Some(view! { <p class="notice notice--error" role="alert">{a.submit_incomplete}</p> }.into_any())
        } else if query.get("devuelta").is_some() {
            Some(view! { <p class="notice" role="status">{a.returned_notice}</p> }.into_any())
        } else if query.get("error").as_deref() == Some("idioma") {
            Some(
                view! { <p class="notice notice--error" role="alert">{t.paper.language_refused}</p> }
                    .into_any(),
            )
        } else if query.get("idioma").is_some() {
            Some(view! { <p class="notice" role="status">{t.paper.language_chosen}</p> }.into_any())
        } else {
            None
        }
    };
    let heading = format!("{} · {}", title.get(language), header.company.name);
    let first_section = sections.first().filter(|s| s.profile).map(|_| view! { <p>{a.profile_hint}</p> });
    view! {
        <Title text=heading.clone() />
        <article class="page">
            <p class="breadcrumb"><a href=urls::company(header.company.id)>{header.company.name.clone()}</a></p>
            <h1>{heading}</h1>
            <p class="card__meta">
                {a.status(header.status)} " · v" {header.questionnaire_version} " · " {a.started} " "
                {day(&header.started_at)} " · " {header.started_by.clone()}
            </p>
            {notice}
            {(header.status == AssessmentStatus::Submitted).then(|| view! { <p class="notice" role="status">{a.submitted_notice}</p> })}
            <ProgressBar progress=overall />
            <p><a href=urls::gap_report(header.id)>{t.report.open_report}</a></p>
            {plan.map(|plan| view! { <p><a href=urls::plan(plan)>{t.plans.open}</a></p> })}
            {can_create_plan.then(|| view! {
                <form method="post" action=format!("{base}/plan") class="form">
                    <p class="form__lead">{t.plans.create_lead}</p>
                    <button type="submit">{t.plans.create}</button>
                </form>
            })}
            {(to_review > 0).then(|| view! { <p class="notice">{(a.to_review)(to_review)}</p> })}
            <ReviewOfAssessment review />
            <h2>{a.sections_title}</h2>
            {first_section}
            <ol class="sections">
                {sections.into_iter().map(|section| view! {
                    <li class="sections__item">
                        <a href=format!("{base}/secciones/{}", section.id)>{section.title.get(language).to_owned()}</a>
                        <ProgressBar progress=section.progress />
                    </li>
                }).collect_view()}
            </ol>
            {can_answer.then(|| {
                let p = t.paper;
                view! {
                    <section class="field-work" aria-labelledby="field-work-title">
                        <h2 id="field-work-title">{p.field_title}</h2>
                        <p>
                            <a href=urls::paper_questionnaire(header.id) download="">{p.print_link}</a>
                            <br />
                            <span class="card__meta">{p.print_hint}</span>
                        </p>
                        <p>
                            <a href=format!("{base}/secciones/{KEY_IN_SECTION}")>{p.key_in_link}</a>
                            <br />
                            <span class="card__meta">{p.key_in_hint}</span>
                        </p>
                        <form method="post" action=format!("{base}/idioma") class="form">
                            <label for="idioma">{p.language_label}</label>
                            <select id="idioma" name="idioma" aria-describedby="idioma-hint">
                                <option value="" selected=header.content_language.is_none()>{p.language_reader}</option>
                                {content_languages.iter().map(|tag| view! {
                                    <option value=tag.to_string() lang=tag.to_string()
                                        selected=header.content_language.as_ref() == Some(tag)>
                                        {tag.endonym().to_owned()}
                                    </option>
                                }).collect_view()}
                            </select>
                            <button type="submit">{p.language_submit}</button>
                            <p class="question__help" id="idioma-hint">{p.language_hint}</p>
                        </form>
                    </section>
                }
            })}
            <h2>{a.missing_title}</h2>
            {if missing.is_empty() {
                view! { <p>{a.missing_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="missing">
                        {missing.into_iter().map(|m| view! {
                            <li><a href=format!("{base}/secciones/{}#q-{}", m.section_id, m.question_id)>{m.text.get(language).to_owned()}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_answer.then(|| view! {
                <form method="post" action=format!("{base}/enviar") class="form">
                    <p class="form__lead">{a.submit_lead}</p>
                    <button type="submit">{a.submit}</button>
                </form>
            })}
            {can_return.then(|| {
                let r = t.review;
                let lead = if open_requests > 0 { r.request_changes_lead } else { r.request_changes_none };
                view! {
                    <form method="post" action=format!("{base}/devolver") class="form">
                        <p class="form__lead">{lead}</p>
                        {(open_requests > 0).then(|| view! { <p><a href="#solicitudes">{(r.open_on_question)(u32::try_from(open_requests).unwrap_or(u32::MAX))}</a></p> })}
                        <button type="submit">{r.request_changes}</button>
                    </form>
                }
            })}
        </article>
    }
}
