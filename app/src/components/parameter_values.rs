//! The legal values an assessment was read with, as a report names them.

use assessments::Language;
use assessments::catalog::Confidence;
use assessments::parameters::ParameterValue;
use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::urls;

/// "Salario mínimo general: 315.04 pesos diarios (desde el 2026-01-01; CPEUM art. 123-A …)", one
/// line per value, with a link to every value and its source.
#[component]
pub fn ParameterValues(values: Vec<ParameterValue>) -> impl IntoView {
    let r = use_texts().report;
    let language = use_context::<Language>().unwrap_or_default();
    (!values.is_empty()).then(|| {
        view! {
            <section class="parameters" aria-labelledby="parameters-used-title">
                <h2 id="parameters-used-title">{r.parameters_used_title}</h2>
                <p>{r.parameters_used_lead}</p>
                <ul>
                    {values.into_iter().map(|value| {
                        let from = value.from.to_string();
                        let until = value.until.map(|until| until.to_string());
                        view! {
                            <li>
                                <strong>{value.label.get(language).to_owned()}</strong> ": "
                                {value.written()} " " {value.unit.get(language).to_owned()}
                                " (" {(r.period)(&from, until.as_deref())} "; " {value.basis.clone()}
                                {(value.confidence == Confidence::Unconfirmed).then(|| view! { "; " {r.unconfirmed} })}
                                ")"
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><a href=urls::legal_parameters()>{r.parameters_link}</a></p>
            </section>
        }
    })
}
