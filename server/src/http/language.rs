//! `GET /idioma/{tag}`: the language switch, as a plain link that works without JavaScript.

use app::i18n::LANGUAGE_COOKIE;
use assessments::Language;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::error_pages;
use super::return_path::return_path;

/// A year: the choice outlives the session but not the device.
const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

#[derive(Debug, Deserialize)]
pub struct SwitchQuery {
    /// The page to return to.
    volver: Option<String>,
}

/// Remembers the chosen language in a cookie and sends the reader back where they were.
pub async fn switch_language(Path(tag): Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Ok(language) = tag.parse::<Language>() else {
        return error_pages::page(StatusCode::NOT_FOUND);
    };
    let target = query.volver.as_deref().and_then(return_path).unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; SameSite=Lax; HttpOnly",
        language.tag()
    );
    let mut response = Redirect::to(&target).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("cookie is ASCII"));
    response
}
