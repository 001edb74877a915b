use assessments::Language;
use assessments::catalog::Confidence;
use assessments::parameters::{LegalParameters, write_value};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::list_legal_parameters;
use crate::components::Loaded;
use crate::i18n::use_texts;

/// `/parametros-legales`: every legal value Senda reads by date — minimum wages, the maximum
/// working week, the UMA — with its periods, legal basis and sources. Public: a reference
/// compliance staff can bookmark, signed in or not.
#[component]
pub fn LegalParametersPage() -> impl IntoView {
    let r = use_texts().report;
    let language = use_context::<Language>().unwrap_or_default();
    let parameters = Resource::new(|| (), |_| list_legal_parameters());
    view! {
        <Title text=r.parameters_title />
        <article class="page">
            <h1>{r.parameters_title}</h1>
            <p>{r.parameters_lead}</p>
            <Loaded
                resource=parameters
                view={move |all: LegalParameters| {
                    all.parameters.into_iter().map(|parameter| {
                        let unit = parameter.unit.get(language).to_owned();
                        view! {
                            <section class="parameter" id=parameter.name.clone()>
                                <h2>{parameter.label.get(language).to_owned()}</h2>
                                <p class="hint">{r.basis} ": " {parameter.basis.clone()}</p>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{r.in_force}</th>
                                            <th scope="col">{r.value}</th>
                                            <th scope="col">{r.source}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {parameter.periods.into_iter().map(|period| {
                                            let from = period.from.to_string();
                                            let until = period.until.map(|until| until.to_string());
                                            let value = match period.value {
                                                Some(value) => format!("{} {unit}", write_value(value)),
                                                None => r.amount_unconfirmed.to_owned(),
                                            };
                                            view! {
                                                <tr>
                                                    <td data-label=r.in_force>{(r.period)(&from, until.as_deref())}</td>
                                                    <td data-label=r.value>
                                                        {value}
                                                        {(period.confidence == Confidence::Unconfirmed).then(|| view! { " (" {r.unconfirmed} ")" })}
                                                    </td>
                                                    <td data-label=r.source>
                                                        <a href=period.source.clone() rel="noopener noreferrer">{period.source.clone()}</a>
                                                        {period.note.map(|note| view! { <p class="hint">{note}</p> })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }
                    }).collect_view()
                }}
            />
        </article>
    }
}
