use assessments::Language;
use assessments::organization::Sector;
use assessments::sharing::{Aggregate, Disclosure, Measure, Totals};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::association::get_dashboard;
use crate::components::{Loaded, MemberCard, PageOf, Pager, day};
use crate::i18n::use_texts;
use crate::model::association::Dashboard;
use crate::urls;

/// `/asociaciones/{id}`: the members that share their progress with the association, the
/// figures across them that may be shown, and (for its admins) asking a company to share.
#[component]
pub fn AssociationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let dashboard = Resource::new(
        move || {
            let query = query.read();
            let field = |name: &str| query.get(name).unwrap_or_default();
            (params.read().get("id").unwrap_or_default(), field("sector"), field("pagina"))
        },
        |(id, sector, page)| get_dashboard(id, sector, page),
    );
    view! { <Loaded resource=dashboard view={|dashboard| view! { <DashboardView dashboard /> }} /> }
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let t = use_texts();
    let a = t.association;
    let Dashboard {
        association,
        can_ask,
        minimum,
        sector,
        today,
        members,
        members_total,
        members_page,
        members_pages,
        aggregates,
        sections,
        requests,
        companies,
    } = dashboard;
    let base = urls::association(association.id);
    let sector_query = sector.map(|s| format!("?sector={}", s.as_str())).unwrap_or_default();
    let language = use_context::<Language>().unwrap_or_default();
    let find = |measure: Measure| aggregates.iter().find(|x| x.key.measure == measure).cloned();
    let gaps = find(Measure::Gaps);
    let actions = find(Measure::Actions);
    let seasons: Vec<Aggregate> =
        aggregates.iter().filter(|x| matches!(x.key.measure, Measure::Season(_))).cloned().collect();
    let section_title = move |id: &str| {
        sections.get(id).map_or_else(|| id.to_owned(), |title| title.get(language).to_owned())
    };
    view! {
        <Title text=format!("{} · {}", a.dashboard_title, association.name) />
        <article class="page dashboard">
            <h1>{a.dashboard_title} " · " {association.name.clone()}</h1>
            <p class="lead">{a.lead}</p>
            <p class="no-print">
                <a href=format!("{base}/panel.csv{sector_query}") rel="external" download>{a.export_csv}</a>
                " · "
                <a href=format!("{base}/panel.pdf{sector_query}") rel="external">{a.export_pdf}</a>
            </p>

            <section aria-labelledby="members-title">
                <h2 id="members-title">{a.members_title}</h2>
                {members.is_empty().then(|| view! { <p>{a.no_members}</p> })}
                <ul class="cards members">
                    {members.into_iter().map(|member| view! { <MemberCard member today /> }).collect_view()}
                </ul>
                <Pager
                    label=a.members_pages
                    at=PageOf { page: members_page, pages: members_pages, total: members_total }
                    link=move |page| urls::association_page(association.id, sector, page)
                />
            </section>

            <section aria-labelledby="aggregates-title">
                <h2 id="aggregates-title">{a.aggregates_title}</h2>
                <p>{(a.aggregates_lead)(minimum)}</p>
                <form method="get" action=base.clone() class="filters">
                    <label for="sector">{a.sector}</label>
                    <select id="sector" name="sector">
                        <option value="" selected=sector.is_none()>{a.all_sectors}</option>
                        {Sector::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=sector == Some(*s)>{t.sector(*s)}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit">{a.filter}</button>
                </form>
                <h3>{a.gaps_title}</h3>
                <Withheld aggregate=gaps view=move |totals: Totals| view! {
                    <p>{totals.mean_score.map(|s| view! { {a.mean_score} ": " <strong>{s}</strong> })}</p>
                    <div class="figures">
                        <CountTable caption=a.by_section rows=totals.gaps_by_section.iter().map(|(id, n)| (section_title(id), *n)).collect() />
                        <CountTable caption=a.by_theme rows=totals.gaps_by_theme.iter().map(|(code, n)| (a.theme(code), *n)).collect() />
                        <CountTable caption=a.by_severity rows=totals.gaps_by_severity.iter().map(|(s, n)| (t.report.severity(*s).to_owned(), *n)).collect() />
                    </div>
                }.into_any() />
                <h3>{a.actions_title}</h3>
                <Withheld aggregate=actions view=move |totals: Totals| view! {
                    <table class="figures__table">
                        <thead><tr><th scope="col">{a.actions}</th><th scope="col">{a.done}</th><th scope="col">{a.verified}</th><th scope="col">{a.overdue}</th><th scope="col">{a.closed_share}</th></tr></thead>
                        <tbody><tr>
                            <td>{totals.actions}</td><td>{totals.done}</td><td>{totals.verified}</td><td>{totals.overdue}</td>
                            <td>{format!("{} %", totals.percent_closed())}</td>
                        </tr></tbody>
                    </table>
                }.into_any() />
                <h3>{a.seasons_title}</h3>
                <table class="figures__table">
                    <thead><tr><th scope="col">{a.season}</th><th scope="col">{a.actions}</th><th scope="col">{a.closed_share}</th></tr></thead>
                    <tbody>
                        {seasons.into_iter().map(|season| {
                            let Measure::Season(name) = season.key.measure else { return ().into_any() };
                            view! {
                                <tr>
                                    <th scope="row">{name.to_string()}</th>
                                    {match season.totals {
                                        Some(totals) => view! {
                                            <td>{totals.actions}</td><td>{format!("{} %", totals.percent_closed())}</td>
                                        }.into_any(),
                                        None => view! { <td colspan="2">{withheld_reason(season.disclosure)}</td> }.into_any(),
                                    }}
                                </tr>
                            }.into_any()
                        }).collect_view()}
                    </tbody>
                </table>
            </section>

            {(can_ask || !requests.is_empty()).then(|| view! {
                <AskForm action=format!("{base}/solicitudes") companies can_ask requests />
            })}
        </article>
    }
    .into_any()
}

/// Why an aggregate is withheld, in words.
fn withheld_reason(disclosure: Disclosure) -> String {
    let a = use_texts().association;
    match disclosure {
        Disclosure::Shown => String::new(),
        Disclosure::TooFew { needs } => (a.too_few)(needs),
        Disclosure::WouldSingleOut => a.would_single_out.to_owned(),
    }
}

/// An aggregate's figures through `view`, or why they are withheld and over how many companies.
#[component]
fn Withheld(aggregate: Option<Aggregate>, view: impl Fn(Totals) -> AnyView + 'static) -> impl IntoView {
    let a = use_texts().association;
    let Some(aggregate) = aggregate else { return ().into_any() };
    let companies = (a.companies)(aggregate.companies);
    match aggregate.totals {
        Some(totals) => view! { <p class="card__meta">{companies}</p> {view(totals)} }.into_any(),
        None => view! { <p class="withheld">{withheld_reason(aggregate.disclosure)}</p> }.into_any(),
    }
}

#[component]
fn CountTable(caption: &'static str, rows: Vec<(String, u32)>) -> impl IntoView {
    view! {
        <table class="figures__table">
            <caption>{caption}</caption>
            <tbody>
                {rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}

/// Asking a company to share (admins), and the requests sent, waiting or declined.
#[component]
fn AskForm(
    action: String,
    companies: Vec<assessments::access::Organization>,
    can_ask: bool,
    requests: Vec<assessments::sharing::ShareRequest>,
) -> impl IntoView {
    let a = use_texts().association;
    let query = use_query_map().read_untracked();
    let outcome = query.get("solicitud").map(|code| match code.as_str() {
        "enviada" => (false, a.asked),
        "ya-pedida" => (true, a.already_asked),
        "ya-comparte" => (true, a.already_shares),
        _ => (true, a.unknown_company),
    });
    let typed = query.get("empresa").unwrap_or_default();
    view! {
        <section aria-labelledby="ask-title" class="no-print">
            <h2 id="ask-title">{a.ask_title}</h2>
            {outcome.map(|(problem, message)| view! {
                <p class=if problem { "notice notice--error" } else { "notice notice--success" } role="status" id="ask-outcome">{message}</p>
            })}
            {can_ask.then(|| view! {
                <form method="post" action=action class="form">
                    <label for="empresa">{a.ask_company}</label>
                    <input id="empresa" name="empresa" list="empresas" required value=typed autocomplete="off"
                        aria-describedby="ask-hint" />
                    <datalist id="empresas">
                        {companies.into_iter().map(|c| view! { <option value=c.name /> }).collect_view()}
                    </datalist>
                    <p id="ask-hint" class="hint">{a.ask_hint}</p>
                    <button type="submit">{a.ask_submit}</button>
                </form>
            })}
            {(!requests.is_empty()).then(|| view! {
                <h3>{a.requests_title}</h3>
                <ul class="requests">
                    {requests.into_iter().map(|r| view! {
                        <li>
                            <strong>{r.counterpart.name}</strong>
                            <span class="card__meta">
                                " · " {a.request_states.get(r.state)} " · " {(a.requested)(&r.requested_by, &day(&r.requested_at))}
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}
