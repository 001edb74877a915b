use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::who_am_i;
use crate::components::LanguageSwitch;
use crate::i18n::{current_language, texts, use_texts};

/// The banner of every page: the name, the main navigation and the language switch.
///
/// On a phone the navigation folds behind a "Menú" button — but only once the button's island
/// runs in the browser. Before WebAssembly arrives (or without it) the button stays hidden and
/// the navigation open, so nothing is ever out of reach.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_texts();
    let signed_in = Resource::new(|| (), |_| who_am_i());
    let session = move || {
        Suspend::new(async move {
            match signed_in.await {
                Ok(Some(person)) => view! {
                    {person.platform_admin.then(|| view! { <a href="/organizaciones">{t.organizations_title}</a> })}
                    <form method="post" action="/salir" class="session">
                        <span class="session__who">{t.signed_in_as} " " {person.name}</span>
                        <button type="submit" class="button--quiet">{t.sign_out}</button>
                    </form>
                }
                .into_any(),
                _ => view! { <a href="/entrar" rel="external">{t.sign_in}</a> }.into_any(),
            }
        })
    };

    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <a class="site-header__brand" href="/">
                    <span class="site-header__name">{t.app_name}</span>
                    <span class="site-header__tagline">{t.tagline}</span>
                </a>
                <MenuToggle />
            </div>
            <nav id=NAVIGATION class="main-nav" aria-label=t.main_navigation>
                <ul>
                    <li>
                        <A href="/">{t.nav_home}</A>
                    </li>
                    <li>
                        <A href="/empresas">{t.nav_companies}</A>
                    </li>
                    <li>
                        <A href="/cuestionarios">{t.nav_questionnaires}</A>
                    </li>
                </ul>
                <Suspense fallback=|| ()>{session}</Suspense>
                <LanguageSwitch />
            </nav>
        </header>
    }
}

/// The navigation's id, which the menu button controls.
const NAVIGATION: &str = "main-nav";

/// The "Menú" button (an island): hidden until it runs in the browser, then it folds the
/// navigation and unfolds it on a tap.
#[island]
fn MenuToggle() -> impl IntoView {
    let t = texts(current_language());
    let (running, set_running) = signal(false);
    let (open, set_open) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| set_running.set(true));
    Effect::new(move |_| {
        let folded = running.get() && !open.get();
        #[cfg(feature = "hydrate")]
        if let Some(navigation) = document().get_element_by_id(NAVIGATION) {
            let _ = navigation.class_list().toggle_with_force("main-nav--folded", folded);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = folded;
    });
    view! {
        <button
            type="button"
            class="menu-toggle"
            aria-controls=NAVIGATION
            aria-expanded=move || open.get().to_string()
            hidden=move || !running.get()
            on:click=move |_| set_open.update(|open| *open = !*open)
        >
            {t.menu}
        </button>
    }
}
