//! The form that makes a new account: first-run setup and accepting an invitation.

use leptos::prelude::*;

use crate::components::{FieldProblems, use_form_problems, use_kept_value};
use crate::i18n::use_texts;

/// Name, email and password for a new account, keeping what was typed (but the password) when
/// the server sends the form back with problems.
#[component]
pub fn NewAccountForm(
    #[prop(into)] action: String,
    lead: &'static str,
    submit: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let problems = use_form_problems();
    let name = use_kept_value("nombre");
    let email = use_kept_value("correo");
    view! {
        <p>{lead}</p>
        <FieldProblems problems field=None />
        <form method="post" action=action class="form">
            <label for="name">{t.full_name}</label>
            <input id="name" name="name" type="text" autocomplete="name" required value=name aria-describedby="name-problem" />
            <FieldProblems problems field=Some("name") id="name-problem" />
            <label for="email">{t.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=email aria-describedby="email-problem" />
            <FieldProblems problems field=Some("email") id="email-problem" />
            <label for="password">{t.password}</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" aria-describedby="password-hint password-problem" />
            <p class="hint" id="password-hint">{t.password_hint}</p>
            <FieldProblems problems field=Some("password") id="password-problem" />
            <button type="submit">{submit}</button>
        </form>
    }
}
