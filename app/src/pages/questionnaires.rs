use assessments::questionnaire::QuestionnaireSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::list_questionnaires;
use crate::components::Loaded;
use crate::i18n::use_texts;

/// `/cuestionarios`: the published questionnaires with their versions, sections and questions.
#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    let t = use_texts();
    let language = use_context::<assessments::Language>().unwrap_or_default();
    let questionnaires = Resource::new(|| (), |_| list_questionnaires());
    view! {
        <Title text=t.questionnaires_title />
        <article class="page">
            <h1>{t.questionnaires_title}</h1>
            <p>{t.questionnaires_lead}</p>
            <Loaded
                resource=questionnaires
                view={move |list: Vec<QuestionnaireSummary>| {
                    if list.is_empty() {
                        view! { <p>{t.questionnaires_none}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.questionnaires_title}</th>
                                        <th scope="col">{t.version}</th>
                                        <th scope="col">{t.sections}</th>
                                        <th scope="col">{t.questions}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(move |q| view! {
                                            <tr>
                                                <td>{q.title.get(language).to_owned()}</td>
                                                <td data-label=t.version>{q.version}</td>
                                                <td data-label=t.sections>{q.sections}</td>
                                                <td data-label=t.questions>{q.questions}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                }}
            />
        </article>
    }
}
