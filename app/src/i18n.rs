//! Every string the interface shows, in every language, in one typed catalog.
//!
//! Why a typed catalog rather than an i18n crate: a `Texts` value per language is checked by the
//! compiler — a missing translation is a build error, not a blank on a field worker's phone —
//! costs no proc-macro or runtime parser on 2-core builders, and works the same on the server and
//! in WebAssembly. Questionnaire texts do not live here: they travel with the questionnaire files,
//! which carry their own translations.
//!
//! The language is chosen by the reader with the language switch and kept in a cookie; Spanish is
//! the default.

use assessments::Language;
use leptos::prelude::*;

/// The cookie that remembers the reader's language.
pub const LANGUAGE_COOKIE: &str = "senda_lang";

/// The interface strings of one language.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub menu: &'static str,
    pub nav_home: &'static str,
    pub language: &'static str,
    pub footer_confidentiality: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_for_whom: &'static str,
    pub home_audiences: [&'static str; 3],
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub server_error_title: &'static str,
    pub server_error_body: &'static str,
}

/// The catalog of `language`.
pub const fn texts(language: Language) -> &'static Texts {
    match language {
        Language::Es => &ES,
        Language::En => &EN,
    }
}

/// The interface strings of the page being rendered.
pub fn use_texts() -> &'static Texts {
    texts(use_context::<Language>().unwrap_or_default())
}

static ES: Texts = Texts {
    app_name: "Senda",
    tagline: "Debida diligencia laboral para el campo",
    skip_to_content: "Saltar al contenido",
    main_navigation: "Navegación principal",
    menu: "Menú",
    nav_home: "Inicio",
    language: "Idioma",
    footer_confidentiality: "Las respuestas de cada empresa son confidenciales: solo las ven su propio \
                             personal y quienes la empresa autoriza.",
    home_title: "Autoevaluación laboral para empresas agrícolas",
    home_lead: "Senda ayuda a ingenios, empresas tabacaleras y productores a revisar sus prácticas \
                laborales frente a la ley mexicana, encontrar brechas y darles seguimiento con un plan \
                de mejora continua.",
    home_for_whom: "Para quién es",
    home_audiences: [
        "El personal de cumplimiento de la empresa responde las autoevaluaciones y trabaja su plan.",
        "Las personas asesoras revisan las brechas de las empresas que les dieron acceso.",
        "Las asociaciones de productores siguen el avance de las empresas que decidieron compartirlo.",
    ],
    not_found_title: "No encontramos esta página",
    not_found_body: "La dirección puede estar mal escrita, o la página ya no existe.",
    back_home: "Volver al inicio",
    server_error_title: "Algo salió mal",
    server_error_body: "No pudimos completar su solicitud. Lo que ya estaba guardado sigue guardado. \
                        Intente de nuevo en unos minutos.",
};

static EN: Texts = Texts {
    app_name: "Senda",
    tagline: "Labor due diligence for agriculture",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    menu: "Menu",
    nav_home: "Home",
    language: "Language",
    footer_confidentiality: "Each company's answers are confidential: only its own staff and those it \
                             authorizes can see them.",
    home_title: "Labor self-assessment for agricultural companies",
    home_lead: "Senda helps sugar mills, tobacco companies and growers review their labor practices \
                against Mexican law, find gaps and follow them up with a continuous improvement plan.",
    home_for_whom: "Who it is for",
    home_audiences: [
        "Company compliance staff answer self-assessments and work their plan.",
        "Advisors review the gaps of the companies that granted them access.",
        "Producer associations follow the progress of member companies that chose to share it.",
    ],
    not_found_title: "We could not find this page",
    not_found_body: "The address may be mistyped, or the page no longer exists.",
    back_home: "Back to the home page",
    server_error_title: "Something went wrong",
    server_error_body: "We could not complete your request. What was already saved is still saved. \
                        Please try again in a few minutes.",
};

/// The language of the request being served (server) or of the page being hydrated (browser).
///
/// Both sides must agree or hydration breaks: the server decides from the cookie and writes the
/// decision into `<html lang>`, and the browser reads it back from there.
pub fn current_language() -> Language {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
                language_from_cookie_header(header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| tag.parse().ok())
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Language::default()
    }
}

/// The language named by the language cookie in a `Cookie` header, if it names one Senda speaks.
pub fn language_from_cookie_header(header: &str) -> Option<Language> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANGUAGE_COOKIE)
        .and_then(|(_, value)| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_names_the_language() {
        assert_eq!(language_from_cookie_header("senda_lang=en"), Some(Language::En));
        assert_eq!(language_from_cookie_header("a=1; senda_lang=es; b=2"), Some(Language::Es));
    }

    #[test]
    fn a_missing_or_unknown_cookie_names_no_language() {
        assert_eq!(language_from_cookie_header("other=en"), None);
        assert_eq!(language_from_cookie_header("senda_lang=fr"), None);
        assert_eq!(language_from_cookie_header(""), None);
        assert_eq!(language_from_cookie_header("xsenda_lang=en"), None);
    }

    #[test]
    fn every_language_has_a_catalog_with_every_string() {
        for language in Language::ALL {
            let t = texts(language);
            let strings = [
                t.app_name,
                t.tagline,
                t.skip_to_content,
                t.main_navigation,
                t.menu,
                t.nav_home,
                t.language,
                t.footer_confidentiality,
                t.home_title,
                t.home_lead,
                t.home_for_whom,
                t.not_found_title,
                t.not_found_body,
                t.back_home,
                t.server_error_title,
                t.server_error_body,
            ];
            assert!(strings.iter().chain(&t.home_audiences).all(|s| !s.trim().is_empty()));
        }
    }
}
