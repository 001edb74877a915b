use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{FieldProblems, use_form_problems, use_kept_value};
use crate::i18n::use_texts;

/// `/entrar`: email and password. A plain form posted to the server, with or without JavaScript.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let problems = use_form_problems();
    let email = use_kept_value("correo");
    let back = use_kept_value("volver");
    view! {
        <Title text=t.sign_in_title />
        <article class="page page--narrow">
            <h1>{t.sign_in_title}</h1>
            <p>{t.sign_in_lead}</p>
            <FieldProblems problems field=None />
            <form method="post" action="/entrar" class="form">
                <input type="hidden" name="volver" value=back />
                <label for="email">{t.email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email />
                <label for="password">{t.password}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit">{t.sign_in}</button>
            </form>
            <p class="hint">{t.no_account_yet}</p>
        </article>
    }
}
