use assessments::Language;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::home::get_waiting;
use crate::components::{Loaded, PageOf, Pager, day};
use crate::i18n::use_texts;
use crate::model::review::{CompanyWork, PortfolioLine, Waiting};
use crate::urls;

/// The home page: signed in, what waits for the person — an advisor's portfolio, their own
/// company's requests and actions due — so nobody needs email to know what to do; signed out,
/// what Senda is for and whom.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let waiting = Resource::new(
        move || {
            let query = query.read();
            let field = |name: &str| query.get(name).unwrap_or_default();
            (field("orden"), field("buscar"), field("pagina"))
        },
        |(order, search, page)| get_waiting(order, search, page),
    );
    view! {
        <Loaded resource=waiting view={|waiting| match waiting {
            Some(waiting) => view! { <WaitingWork waiting /> }.into_any(),
            None => view! { <Landing /> }.into_any(),
        }} />
    }
}

#[component]
fn Landing() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.home_title />
        <article class="page">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_lead}</p>
            <h2>{t.home_for_whom}</h2>
            <ul class="audiences">
                {t.home_audiences.map(|audience| view! { <li>{audience}</li> })}
            </ul>
        </article>
    }
}

#[component]
fn WaitingWork(waiting: Waiting) -> impl IntoView {
    let t = use_texts();
    let r = t.review;
    let pages = PageOf {
        page: waiting.portfolio_page,
        pages: waiting.portfolio_pages,
        total: waiting.portfolio_total,
    };
    let Waiting { portfolio, own, follows_progress, associations, .. } = waiting;
    let advisor = !portfolio.is_empty() || use_query_map().read_untracked().get("buscar").is_some();
    let nothing =
        portfolio.is_empty() && own.is_empty() && !follows_progress && associations.is_empty() && !advisor;
    view! {
        <Title text=r.waiting_title />
        <article class="page">
            <h1>{r.waiting_title}</h1>
            {nothing.then(|| view! { <p>{r.all_clear}</p> <p><a href="/empresas">{r.see_companies}</a></p> })}
            {own.into_iter().map(|work| view! { <OwnWork work /> }).collect_view()}
            {advisor.then(|| view! { <Portfolio portfolio pages /> })}
            {(follows_progress || !associations.is_empty()).then(|| view! {
                <section>
                    <p>{r.association_lead}</p>
                    <ul>
                        {associations.into_iter().map(|association| view! {
                            <li><a href=urls::association(association.id)>{(t.association.dashboard_link)(&association.name)}</a></li>
                        }).collect_view()}
                    </ul>
                    <p><a href="/empresas">{r.see_companies}</a></p>
                </section>
            })}
        </article>
    }
}

/// What waits for a company's own people.
#[component]
fn OwnWork(work: CompanyWork) -> impl IntoView {
    let t = use_texts();
    let r = t.review;
    let language = use_context::<Language>().unwrap_or_default();
    let CompanyWork { company, requests, returned, actions, share_requests } = work;
    let clear = requests.is_empty() && returned.is_empty() && actions.is_empty() && share_requests.is_empty();
    view! {
        <section class="waiting" aria-label=company.name.clone()>
            <h2><a href=urls::company(company.id)>{company.name.clone()}</a></h2>
            {clear.then(|| view! { <p>{r.all_clear}</p> })}
            {(!share_requests.is_empty()).then(|| view! {
                <h3>{t.association.to_answer_title}</h3>
                <ul>
                    {share_requests.into_iter().map(|request| view! {
                        <li><a href=format!("{}#requests-title", urls::company_access(company.id))>{request.counterpart.name}</a></li>
                    }).collect_view()}
                </ul>
            })}
            {(!returned.is_empty()).then(|| view! {
                <h3>{r.returned_title}</h3>
                <ul>
                    {returned.into_iter().map(|(id, title)| view! {
                        <li><a href=urls::assessment(id)>{title.get(language).to_owned()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            {(!requests.is_empty()).then(|| view! {
                <h3>{r.open_requests_title}</h3>
                <ul class="requests">
                    {requests.into_iter().map(|line| view! {
                        <li>
                            <a href=line.href>{line.about.get(language).to_owned()}</a>
                            <span class="card__meta">" · " {r.request(line.thread.request)}</span>
                            {line.thread.messages.first().map(|m| view! { <p class="request__last">{m.author.clone()} ": " {m.body.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!actions.is_empty()).then(|| view! {
                <h3>{r.actions_due_title}</h3>
                <ul>
                    {actions.into_iter().map(|action| view! {
                        <li class:overdue=action.overdue>
                            <a href=urls::plan_action(action.plan_id, action.action_id)>{action.text.get(language).to_owned()}</a>
                            <span class="card__meta">
                                " · " {t.plans.due} " " {action.due_date.to_string()}
                                {action.overdue.then(|| view! { " · " <strong>{t.plans.overdue}</strong> })}
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

/// An advisor's companies, a page at a time, with their latest assessment and what waits in
/// each: a plain GET form narrows and orders it, plain links turn the pages.
#[component]
fn Portfolio(portfolio: Vec<PortfolioLine>, pages: PageOf) -> impl IntoView {
    let t = use_texts();
    let r = t.review;
    let language = use_context::<Language>().unwrap_or_default();
    let query = use_query_map().read_untracked();
    let (order, search) = (query.get("orden").unwrap_or_default(), query.get("buscar").unwrap_or_default());
    let link = {
        let (order, search) = (order.clone(), search.clone());
        move |page: u32| urls::home_page(&order, &search, page)
    };
    view! {
        <section aria-labelledby="portfolio-title">
            <h2 id="portfolio-title">{r.portfolio_title}</h2>
            <form method="get" action="/" class="filters">
                <label for="buscar">{r.search}</label>
                <input type="search" id="buscar" name="buscar" value=search />
                <label for="orden">{r.order}</label>
                <select id="orden" name="orden">
                    {[("pendientes", r.order_waiting), ("nombre", r.order_name), ("puntaje", r.order_score)]
                        .into_iter()
                        .map(|(code, label)| view! { <option value=code selected=order == code>{label}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{r.apply}</button>
            </form>
            {portfolio.is_empty().then(|| view! { <p>{r.portfolio_none}</p> })}
            <ul class="cards portfolio">
                {portfolio.into_iter().map(|line| {
                    let waiting = line.waiting();
                    let PortfolioLine { company, latest, plan, to_verify, overdue } = line;
                    view! {
                        <li class="card">
                            <h3><a href=urls::company(company.id)>{company.name}</a></h3>
                            {match latest {
                                None => view! { <p class="card__meta">{r.no_assessment}</p> }.into_any(),
                                Some(latest) => view! {
                                    <p>
                                        <a href=urls::assessment(latest.id)>{latest.title.get(language).to_owned()}</a>
                                        <span class="card__meta">" · " {t.answering.status(latest.status)} " · " {day(&latest.started_at)}</span>
                                    </p>
                                    <p>
                                        <a href=urls::gap_report(latest.id)>
                                            {t.report.overall} ": " {latest.score.map_or_else(|| "—".to_owned(), |s| s.to_string())}
                                            {latest.rating.map(|rating| view! { " · " {t.report.rating(rating)} })}
                                        </a>
                                        {(latest.findings > 0).then(|| view! { " · " <strong>{(r.findings)(latest.findings)}</strong> })}
                                    </p>
                                    <ul class="waiting__list">
                                        {latest.needs_review.then(|| view! { <li><a href=urls::assessment(latest.id)>{r.needs_review}</a></li> })}
                                        {(latest.replies > 0).then(|| view! { <li><a href=format!("{}#solicitudes", urls::assessment(latest.id))>{(r.replies_waiting)(latest.replies)}</a></li> })}
                                        {(latest.verifications_cleared > 0).then(|| view! { <li><a href=format!("{}#met-title", urls::gap_report(latest.id))>{(r.cleared)(latest.verifications_cleared)}</a></li> })}
                                    </ul>
                                }.into_any(),
                            }}
                            {plan.map(|plan| view! {
                                <ul class="waiting__list">
                                    {(to_verify > 0).then(|| view! { <li><a href=urls::plan(plan)>{(r.to_verify)(to_verify)}</a></li> })}
                                    {(overdue > 0).then(|| view! { <li>{(t.plans.overdue_count)(overdue)}</li> })}
                                </ul>
                            })}
                            {(waiting == 0).then(|| view! { <p class="card__meta">{r.nothing_waiting}</p> })}
                        </li>
                    }
                    .into_any()
                }).collect_view()}
            </ul>
            <Pager label=r.portfolio_pages at=pages link />
        </section>
    }
    .into_any()
}
