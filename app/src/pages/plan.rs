use assessments::Language;
use assessments::catalog::Severity;
use assessments::ids::PlanId;
use assessments::plan::{ActionStatus, MoveProblem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::plans::{get_action, get_plan};
use crate::components::{Loaded, PlanProgressBar, SubjectReview, day};
use crate::i18n::use_texts;
use crate::model::plan::{ActionFilter, ActionLine, ActionPage, PlanPage, severity_code};
use crate::urls;

/// `/planes/{id}`: the plan's actions, filtered by status, severity, section and owner with a plain
/// GET form, overdue ones highlighted.
#[component]
pub fn PlanPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let plan = Resource::new(
        move || {
            let query = query.read();
            let field = |name: &str| query.get(name).unwrap_or_default();
            let filter = ActionFilter {
                status: field("estado"),
                severity: field("gravedad"),
                section: field("seccion"),
                owner: field("responsable"),
            };
            (params.read().get("id").unwrap_or_default(), filter)
        },
        |(id, filter)| get_plan(id, Some(filter)),
    );
    view! { <Loaded resource=plan view={|plan| view! { <Plan plan /> }} /> }
}

#[component]
fn Plan(plan: PlanPage) -> impl IntoView {
    let t = use_texts();
    let p = t.plans;
    let language = use_context::<Language>().unwrap_or_default();
    let query = use_query_map();
    let selected = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let base = urls::plan(plan.header.id);
    let heading = format!("{} · {}", p.title, plan.header.company.name);
    let option = |value: String, label: String, current: &str| {
        let chosen = value == current;
        view! { <option value=value selected=chosen>{label}</option> }
    };
    let (status, severity, section, owner) =
        (selected("estado"), selected("gravedad"), selected("seccion"), selected("responsable"));
    let filters = view! {
        <form method="get" action=base.clone() class="filters">
            <label>{p.status}
                <select name="estado">
                    <option value="">{p.all}</option>
                    {ActionStatus::ALL.into_iter().map(|s| option(s.as_str().to_owned(), p.status(s).to_owned(), &status)).collect_view()}
                </select>
            </label>
            <label>{p.severity}
                <select name="gravedad">
                    <option value="">{p.all}</option>
                    {[Severity::Critical, Severity::High, Severity::Medium, Severity::Low].into_iter()
                        .map(|s| option(severity_code(s).to_owned(), t.report.severity(s).to_owned(), &severity)).collect_view()}
                </select>
            </label>
            <label>{p.section}
                <select name="seccion">
                    <option value="">{p.all}</option>
                    {plan.sections.iter().map(|(id, title)| option(id.clone(), title.get(language).to_owned(), &section)).collect_view()}
                </select>
            </label>
            <label>{p.owner}
                <select name="responsable">
                    <option value="">{p.all}</option>
                    {plan.owners.iter().map(|o| option(o.clone(), o.clone(), &owner)).collect_view()}
                </select>
            </label>
            <button type="submit">{p.filter}</button>
            <a href=base.clone()>{p.clear_filters}</a>
        </form>
    };
    let actions = if plan.actions.is_empty() {
        view! { <p>{p.no_actions}</p> }.into_any()
    } else {
        view! {
            <ol class="actions">
                {plan.actions.into_iter().map(|line| view! { <ActionCard line plan_id=plan.header.id /> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <Title text=heading.clone() />
        <article class="page plan">
            <p class="breadcrumb">
                <a href=urls::assessment(plan.header.assessment_id)>{plan.title.get(language).to_owned()} " · v" {plan.questionnaire_version}</a>
            </p>
            <h1>{heading}</h1>
            <PlanProgressBar progress=plan.progress />
            <p><a class="button" href=format!("{base}/pdf") download="">{p.download_pdf}</a></p>
            {(!plan.closed_since_previous.is_empty()).then(|| view! {
                <section class="closed">
                    <h2>{p.closed_since}</h2>
                    <ul>
                        {plan.closed_since_previous.into_iter().map(|line| view! {
                            <li>
                                {line.action.text.get(language).to_owned()}
                                {line.citation.map(|c| view! { " — " {c.instrument.get(language).to_owned()} ", " {c.article} })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {filters}
            {actions}
            {plan.can_work.then(|| view! { <AddActionForm plan_id=plan.header.id /> })}
        </article>
    }
    .into_any()
}

#[component]
fn ActionCard(line: ActionLine, plan_id: PlanId) -> impl IntoView {
    let t = use_texts();
    let p = t.plans;
    let language = use_context::<Language>().unwrap_or_default();
    let ActionLine { action, citation, section, overdue } = line;
    let href = urls::plan_action(plan_id, action.id);
    view! {
        <li class=format!("action action--{}{}", action.status.as_str(), if overdue { " action--overdue" } else { "" }) id=format!("a-{}", action.id)>
            <p class="action__head">
                <span class=format!("severity severity--{}", severity_code(action.severity))>{t.report.severity(action.severity)}</span>
                " · " <span class="action__status">{p.status(action.status)}</span>
                " · " {section.get(language).to_owned()}
            </p>
            <p class="action__text">{action.text.get(language).to_owned()}</p>
            {citation.map(|c| view! {
                <p class="action__law">{c.instrument.get(language).to_owned()} ", " {c.article}</p>
            })}
            <p class="card__meta">
                {p.owner} ": " {if action.owner.is_empty() { p.no_owner.to_owned() } else { action.owner.clone() }}
                " · " {p.due} ": " <span class=if overdue { "overdue" } else { "" }>{action.due_date.to_string()}</span>
                {overdue.then(|| view! { " (" {p.overdue} ")" })}
            </p>
            {action.last_note.map(|note| view! { <p class="action__note">{p.last_note} ": " {note}</p> })}
            {action.carried_from.is_some().then(|| view! { <p class="action__note">{p.carried}</p> })}
            <a href=href>{p.update}</a>
        </li>
    }
}

#[component]
fn AddActionForm(plan_id: PlanId) -> impl IntoView {
    let t = use_texts();
    let p = t.plans;
    view! {
        <form method="post" action=format!("{}/acciones", urls::plan(plan_id)) class="form">
            <h2>{p.add_action}</h2>
            <label for="new-text">{p.action}</label>
            <textarea id="new-text" name="texto" rows="3" required></textarea>
            <label for="new-severity">{p.severity}</label>
            <select id="new-severity" name="gravedad">
                {[Severity::Medium, Severity::Critical, Severity::High, Severity::Low].into_iter()
                    .map(|s| view! { <option value=severity_code(s)>{t.report.severity(s)}</option> }).collect_view()}
            </select>
            <label for="new-owner">{p.owner}</label>
            <input id="new-owner" name="responsable" />
            <label for="new-due">{p.due}</label>
            <input id="new-due" name="fecha" type="date" required />
            <button type="submit">{p.add_action}</button>
        </form>
    }
}

/// `/planes/{id}/acciones/{action}`: one action — edit it, move it, note progress, see its history.
#[component]
pub fn ActionPageView() -> impl IntoView {
    let params = use_params_map();
    let action = Resource::new(
        move || {
            let params = params.read();
            (params.get("id").unwrap_or_default(), params.get("action").unwrap_or_default())
        },
        |(plan, action)| get_action(plan, action),
    );
    view! { <Loaded resource=action view={|page| view! { <ActionDetail page /> }} /> }
}

#[component]
fn ActionDetail(page: ActionPage) -> impl IntoView {
    let t = use_texts();
    let p = t.plans;
    let language = use_context::<Language>().unwrap_or_default();
    let query = use_query_map();
    let ActionPage { plan, line, history, threads } = page;
    let action = line.action.clone();
    let base = urls::plan_action(plan.header.id, action.id);
    let thread_key = action.id.to_string();
    let notice = move || {
        let query = query.read();
        match query.get("error").as_deref() {
            Some("conflict") => {
                Some(view! { <p class="notice notice--error" role="alert">{p.conflict}</p> }.into_any())
            }
            Some("invalid_edit") => {
                Some(view! { <p class="notice notice--error" role="alert">{p.edit_invalid}</p> }.into_any())
            }
            Some(code) => MoveProblem::from_code(code).map(|problem| {
                view! { <p class="notice notice--error" role="alert">{p.move_problem(problem)}</p> }
                    .into_any()
            }),
            None if query.get("guardado").is_some() => {
                Some(view! { <p class="notice" role="status">{p.saved}</p> }.into_any())
            }
            None => None,
        }
    };
    let kept = |name: &str| query.read_untracked().get(name);
    let kept_note = kept("nota").unwrap_or_default();
    // What the person typed, when the form came back refused or after someone else's change;
    // the card above shows what is saved.
    let typed_text = kept("texto").unwrap_or_else(|| action.text.get(language).to_owned());
    let typed_owner = kept("responsable").unwrap_or_else(|| action.owner.clone());
    let typed_due = kept("fecha").unwrap_or_else(|| action.due_date.to_string());
    let moves: Vec<ActionStatus> = match (plan.can_work, plan.can_verify, action.status) {
        (true, _, ActionStatus::Pending) => vec![ActionStatus::InProgress, ActionStatus::Done],
        (true, _, ActionStatus::InProgress) => vec![ActionStatus::Done, ActionStatus::Pending],
        (true, _, ActionStatus::Done) => vec![ActionStatus::InProgress],
        _ => Vec::new(),
    };
    view! {
        <Title text=p.action />
        <article class="page">
            <p class="breadcrumb"><a href=format!("{}#a-{}", urls::plan(plan.header.id), action.id)>{p.back_to_plan}</a></p>
            <h1>{p.action} " · " {t.report.severity(action.severity)}</h1>
            {notice}
            <ActionCardStatic line=line.clone() />
            {plan.can_work.then(|| view! {
                <form method="post" action=base.clone() class="form">
                    <h2>{p.update}</h2>
                    <input type="hidden" name="r" value=action.revision />
                    <label for="text">{p.action}</label>
                    <textarea id="text" name="texto" rows="4">{typed_text}</textarea>
                    <label for="owner">{p.owner}</label>
                    <input id="owner" name="responsable" value=typed_owner />
                    <label for="due">{p.due}</label>
                    <input id="due" name="fecha" type="date" value=typed_due />
                    <button type="submit">{p.save}</button>
                </form>
            })}
            {(!moves.is_empty()).then(|| view! {
                <form method="post" action=format!("{base}/estado") class="form">
                    <h2>{p.change_status}</h2>
                    <input type="hidden" name="r" value=action.revision />
                    <label for="to">{p.new_status}</label>
                    <select id="to" name="estado">
                        {moves.into_iter().map(|s| view! { <option value=s.as_str()>{p.status(s)}</option> }).collect_view()}
                    </select>
                    <label for="status-note">{p.status_note}</label>
                    <textarea id="status-note" name="nota" rows="3">{kept_note.clone()}</textarea>
                    <button type="submit">{p.change_status}</button>
                </form>
            })}
            {(plan.can_verify && action.status == ActionStatus::Done).then(|| view! {
                <form method="post" action=format!("{base}/estado") class="form">
                    <input type="hidden" name="r" value=action.revision />
                    <input type="hidden" name="estado" value="verified" />
                    <button type="submit">{p.verify}</button>
                </form>
                <form method="post" action=format!("{base}/estado") class="form">
                    <input type="hidden" name="r" value=action.revision />
                    <input type="hidden" name="estado" value="in_progress" />
                    <label for="reason">{p.reason}</label>
                    <textarea id="reason" name="nota" rows="2"></textarea>
                    <button type="submit" class="button--quiet">{p.send_back}</button>
                </form>
            })}
            {plan.can_work.then(|| {
                let others: Vec<(String, String)> = plan
                    .actions
                    .iter()
                    .filter(|l| l.action.id != action.id)
                    .map(|l| (l.action.id.to_string(), l.action.text.get(language).chars().take(80).collect()))
                    .collect();
                view! {
                    <form method="post" action=format!("{base}/dividir") class="form">
                        <h2>{p.split}</h2>
                        <p class="form__lead">{p.split_lead}</p>
                        <button type="submit" class="button--quiet">{p.split}</button>
                    </form>
                    {(!others.is_empty()).then(|| view! {
                        <form method="post" action=format!("{base}/unir") class="form">
                            <h2>{p.merge}</h2>
                            <label for="other">{p.merge_lead}</label>
                            <select id="other" name="otra">
                                {others.into_iter().map(|(id, text)| view! { <option value=id>{text}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button--quiet">{p.merge}</button>
                        </form>
                    })}
                }
            })}
            <form method="post" action=format!("{base}/notas") class="form">
                <label for="note">{p.add_note}</label>
                <textarea id="note" name="nota" rows="2" required></textarea>
                <button type="submit">{p.add_note}</button>
            </form>
            <h2>{p.history}</h2>
            <ol class="history">
                {history.into_iter().map(|event| view! {
                    <li>
                        <span class="card__meta">{day(&event.occurred_at)} " · " {event.actor}</span> " · "
                        {p.event(event.kind)}
                        {event.from_status.zip(event.to_status).map(|(from, to)| view! { ": " {p.status(from)} " → " {p.status(to)} })}
                        {(!event.note.is_empty()).then(|| view! { " — " {event.note} })}
                    </li>
                }).collect_view()}
            </ol>
            <section id="hilos" aria-labelledby="hilos-title">
                <h2 id="hilos-title">{use_texts().review.threads_title}</h2>
                <SubjectReview review=threads kind="action" key=thread_key label=String::new() />
            </section>
        </article>
    }
    .into_any()
}

#[component]
fn ActionCardStatic(line: ActionLine) -> impl IntoView {
    let t = use_texts();
    let p = t.plans;
    let language = use_context::<Language>().unwrap_or_default();
    let ActionLine { action, citation, section, overdue } = line;
    view! {
        <div class=format!("action action--{}", action.status.as_str())>
            <p class="action__head">
                <span class="action__status">{p.status(action.status)}</span> " · " {section.get(language).to_owned()}
            </p>
            <p class="action__text">{action.text.get(language).to_owned()}</p>
            {citation.map(|c| view! {
                <p class="action__law">
                    <strong>{p.legal_basis} ": " {c.instrument.get(language).to_owned()} ", " {c.article}</strong>
                    " — " {c.summary.get(language).to_owned()}
                </p>
            })}
            <p class="card__meta">
                {p.owner} ": " {if action.owner.is_empty() { p.no_owner.to_owned() } else { action.owner.clone() }}
                " · " {p.due} ": " {action.due_date.to_string()} {overdue.then(|| view! { " (" {p.overdue} ")" })}
            </p>
        </div>
    }
}
