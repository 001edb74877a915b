//! Senda's user interface: the page shell, pages and components, rendered on the server. Every
//! page is plain HTML; WebAssembly only makes a few parts of it nicer, and only those parts (the
//! islands: the answer form's autosave and live state, the menu button) reach the browser.

pub mod api;
pub mod autosave;
pub mod components;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod urls;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::{NotFoundPage, SiteFooter, SiteHeader};
use crate::i18n::{current_language, texts};
use crate::pages::{
    AccessPage, ActionPageView, AnswerSectionPage, AssessmentPage, AssociationPage, AuditLogPage,
    CompaniesPage, CompanyPage, GapReportPage, HomePage, InvitationPage, LegalParametersPage,
    OrganizationsPage, PeoplePage, PlanPageView, QuestionnairesPage, SetupPage, SignInPage,
};

/// The compiled stylesheet, as cargo-leptos names it after the output name.
pub const STYLESHEET_HREF: &str = "/pkg/senda.css";

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let language = current_language();
    #[cfg(feature = "ssr")]
    send_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=language.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Sends this page's Content-Security-Policy: scripts only from this site or inline with this
/// render's nonce (Leptos puts it on its hydration script and every inline script it writes), the
/// WebAssembly compiled without `eval`, styles, images, fonts and requests to this site only, no
/// plugins, no `<base>`, forms posting here only, and no framing by any site.
#[cfg(feature = "ssr")]
fn send_content_security_policy() {
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    response.insert_header(
        http::header::CONTENT_SECURITY_POLICY,
        http::HeaderValue::from_str(&content_security_policy(&nonce))
            .expect("a nonce is URL-safe base64, which a header carries"),
    );
}

/// The policy of a page rendered with `nonce`.
#[cfg(feature = "ssr")]
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The application: the same component renders on the server and hydrates in the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let language = current_language();
    provide_context(language);
    let t = texts(language);

    view! {
        <Stylesheet id="senda" href=STYLESHEET_HREF />
        <Title formatter=move |page: String| {
            if page.is_empty() { t.app_name.to_owned() } else { format!("{page} · {}", t.app_name) }
        } />
        <Router>
            <a class="skip-link" href="#content">
                {t.skip_to_content}
            </a>
            <SiteHeader />
            <main id="content" tabindex="-1">
                // Async: a page is sent once its data is ready, so it is complete without
                // JavaScript and its status (404, a redirect to sign in) is still settable.
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/entrar") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/configuracion-inicial") view=SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/empresas") view=CompaniesPage ssr=SsrMode::Async />
                    <Route path=path!("/empresas/:id") view=CompanyPage ssr=SsrMode::Async />
                    <Route path=path!("/empresas/:id/accesos") view=AccessPage ssr=SsrMode::Async />
                    <Route path=path!("/empresas/:id/bitacora") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/evaluaciones/:id") view=AssessmentPage ssr=SsrMode::Async />
                    <Route path=path!("/evaluaciones/:id/brechas") view=GapReportPage ssr=SsrMode::Async />
                    <Route path=path!("/evaluaciones/:id/secciones/:section") view=AnswerSectionPage ssr=SsrMode::Async />
                    <Route path=path!("/planes/:id") view=PlanPageView ssr=SsrMode::Async />
                    <Route path=path!("/planes/:id/acciones/:action") view=ActionPageView ssr=SsrMode::Async />
                    <Route path=path!("/cuestionarios") view=QuestionnairesPage ssr=SsrMode::Async />
                    <Route path=path!("/parametros-legales") view=LegalParametersPage ssr=SsrMode::Async />
                    <Route path=path!("/organizaciones") view=OrganizationsPage ssr=SsrMode::Async />
                    <Route path=path!("/organizaciones/:id/personas") view=PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/asociaciones/:id") view=AssociationPage ssr=SsrMode::Async />
                    <Route path=path!("/invitacion/:token") view=InvitationPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// The browser entry point: hydrates the page's islands (`#[island]` components), and nothing
/// else: the rest of every page is plain HTML from the server.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
