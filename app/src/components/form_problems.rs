use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::forms::FormProblem;
use crate::i18n::use_texts;

/// The problems a form came back with, carried in the query string (`?error=a,b`) by the
/// server's redirect — the same on the server and in the browser, with or without JavaScript.
pub fn use_form_problems() -> Memo<Vec<FormProblem>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("error")
            .map(|codes| codes.split(',').filter_map(FormProblem::from_code).collect())
            .unwrap_or_default()
    })
}

/// A value the form had, given back by the server's redirect so nothing typed is lost.
pub fn use_kept_value(name: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name).unwrap_or_default())
}

/// The messages for `problems` that belong to one field (or, with `None`, to the whole form).
#[component]
pub fn FieldProblems(
    problems: Memo<Vec<FormProblem>>,
    field: Option<&'static str>,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    let t = use_texts();
    move || {
        problems
            .get()
            .into_iter()
            .filter(|problem| field_of(*problem) == field)
            .map(
                |problem| view! { <p class="field-problem" id=id role="alert">{t.form_problem(problem)}</p> },
            )
            .collect_view()
    }
}

/// The form field a problem belongs to.
fn field_of(problem: FormProblem) -> Option<&'static str> {
    match problem {
        FormProblem::EmailInvalid | FormProblem::EmailTaken => Some("email"),
        FormProblem::NameMissing => Some("name"),
        FormProblem::PasswordTooShort => Some("password"),
        FormProblem::OrganizationNameMissing => Some("organization-name"),
        FormProblem::SectorMissing => Some("sector"),
        FormProblem::RfcInvalid => Some("rfc"),
        FormProblem::ReferenceDateInvalid | FormProblem::ReferenceDateOutOfRange => Some("reference-date"),
        FormProblem::CredentialsWrong | FormProblem::TooManyAttempts | FormProblem::SetupClosed => None,
    }
}
