//! The headers every response carries, whatever produced it (a page, a form's redirect, a file,
//! an error page): what the browser may load and run, what it may tell other sites, and what it
//! must not keep.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// For responses that are not a rendered page (which sends its own policy with its nonce; see
/// `app::content_security_policy`): files, redirects, exports and error pages run no script.
const POLICY_WITHOUT_SCRIPTS: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A year: browsers then refuse plain HTTP to this host, so no first request travels in clear.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Adds the security headers; `https` says whether Senda is served over HTTPS.
pub async fn add(State(https): State<bool>, request: Request, next: Next) -> Response {
    let cacheable = is_static_file(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(POLICY_WITHOUT_SCRIPTS));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Links to other sites (the DOF, a law's text) tell them nothing of the page they came from.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if https {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(STRICT_TRANSPORT_SECURITY));
    }
    if !cacheable {
        // Pages, exports and evidence may show a company's data: no browser, proxy or shared
        // phone keeps a copy of them after the session ends.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The compiled bundle (`/pkg/…`) and the site's own top-level files (`/favicon.svg`): the same
/// for everybody, so caches may keep them.
fn is_static_file(path: &str) -> bool {
    path.starts_with("/pkg/") || (path.rfind('/') == Some(0) && path.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::is_static_file;

    #[test]
    fn only_the_bundle_and_the_sites_own_files_may_be_cached() {
        for path in ["/pkg/senda.wasm", "/pkg/senda.css", "/favicon.svg"] {
            assert!(is_static_file(path), "{path}");
        }
        for path in [
            "/",
            "/empresas",
            "/evaluaciones/0c6b/brechas.csv",
            "/evaluaciones/0c6b/evidencias/9f1a",
            "/planes/0c6b/pdf",
            "/api/companies/get",
        ] {
            assert!(!is_static_file(path), "{path}");
        }
    }
}
