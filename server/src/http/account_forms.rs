//! The account forms' POST handlers: sign in and out, first-run setup, invitations, removals and
//! grants.
//!
//! Plain HTML forms post here with or without JavaScript. Each answers with a redirect (303): on
//! success to the next page, on a problem back to the form with the problem codes and what was
//! typed (never the password) in the query, so the form shows both. Every rule about who may do
//! what is enforced again in the store, whatever the page offered.

use app::forms::FormProblem;
use app::session::{ClientIp, CurrentViewer};
use assessments::access::{AuditAction, Viewer};
use assessments::organization::{GrantScope, Role};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use store::audit::AuditEntry;
use store::{Store, StoreError};

use super::error_pages;
use crate::accounts::{CreateAccountError, NewAccount, create_first_admin};
use crate::auth::{AuthSession, Credentials, hash_password_blocking};

/// Failed sign-ins allowed per email, and per address, within [`LIMIT_WINDOW_MINUTES`].
const FAILURES_PER_EMAIL: i64 = 5;
const FAILURES_PER_ADDRESS: i64 = 20;
const LIMIT_WINDOW_MINUTES: i64 = 15;

/// How long an invitation link stays valid.
const INVITATION_DAYS: i64 = 7;

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    #[serde(default)]
    volver: String,
}

/// `POST /entrar`.
///
/// Limits come from the audit log in the database rather than an in-memory limiter, so they hold
/// across several app instances; the same message answers a wrong password, an unknown email and
/// a blocked attempt's retry, so the form never tells whether an email is registered.
pub async fn sign_in(
    State(store): State<Store>,
    mut auth: AuthSession,
    ip: Option<Extension<ClientIp>>,
    Form(form): Form<SignInForm>,
) -> Response {
    let ip = ip.map(|Extension(ClientIp(ip))| ip).unwrap_or_default();
    let email = form.email.trim().to_lowercase();
    let back_to_form = |problem: FormProblem| {
        see_other(&format!(
            "/entrar?error={}&correo={}&volver={}",
            problem.code(),
            app::urls::percent_encode(&email),
            app::urls::percent_encode(&form.volver)
        ))
    };
    let since = minutes_ago(LIMIT_WINDOW_MINUTES);
    match store.failed_sign_ins_since(&email, &ip, &since).await {
        Ok((by_email, by_address))
            if by_email >= FAILURES_PER_EMAIL || by_address >= FAILURES_PER_ADDRESS =>
        {
            return back_to_form(FormProblem::TooManyAttempts);
        }
        Ok(_) => {}
        Err(error) => return error_pages::internal(error.into()),
    }
    let credentials = Credentials { email: email.clone(), password: form.password.clone() };
    let user = match auth.authenticate(credentials).await {
        Ok(user) => user,
        Err(error) => return error_pages::internal(anyhow::anyhow!("sign-in failed: {error}")),
    };
    let Some(user) = user else {
        if let Err(error) = record_failed_sign_in(&store, &email, &ip).await {
            return error_pages::internal(error.into());
        }
        return back_to_form(FormProblem::CredentialsWrong);
    };
    if let Err(error) = auth.login(&user).await {
        return error_pages::internal(anyhow::anyhow!("could not start the session: {error}"));
    }
    let user_id = axum_login::AuthUser::id(&user);
    if let Err(error) = audit_in_each_organization(&store, &user_id, AuditAction::SignedIn, &ip).await {
        return error_pages::internal(error.into());
    }
    let target = if is_local_path(&form.volver) { form.volver.as_str() } else { "/empresas" };
    see_other(target)
}

/// `POST /salir`: ends the session on the server, not only in the browser.
pub async fn sign_out(
    State(store): State<Store>,
    mut auth: AuthSession,
    ip: Option<Extension<ClientIp>>,
) -> Response {
    let ip = ip.map(|Extension(ClientIp(ip))| ip).unwrap_or_default();
    if let Some(user) = auth.user.clone() {
        let user_id = axum_login::AuthUser::id(&user);
        if let Err(error) = audit_in_each_organization(&store, &user_id, AuditAction::SignedOut, &ip).await {
            return error_pages::internal(error.into());
        }
    }
    match auth.logout().await {
        Ok(_) => see_other("/"),
        Err(error) => error_pages::internal(anyhow::anyhow!("could not end the session: {error}")),
    }
}

#[derive(Debug, Deserialize)]
pub struct NewAccountForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

impl NewAccountForm {
    /// Back to `path` with the problems and what was typed, but never the password.
    fn back_with(&self, path: &str, problems: &[FormProblem]) -> Response {
        let codes = problems.iter().map(|p| p.code()).collect::<Vec<_>>().join(",");
        see_other(&format!(
            "{path}?error={codes}&nombre={}&correo={}",
            app::urls::percent_encode(self.name.trim()),
            app::urls::percent_encode(self.email.trim())
        ))
    }
}

/// `POST /configuracion-inicial`: the first platform administrator, then signed in.
pub async fn set_up(
    State(store): State<Store>,
    mut auth: AuthSession,
    Form(form): Form<NewAccountForm>,
) -> Response {
    let account = match NewAccount::parse(&form.email, &form.name, &form.password) {
        Ok(account) => account,
        Err(problems) => return form.back_with("/configuracion-inicial", &problems),
    };
    let user_id = match create_first_admin(&store, account).await {
        Ok(user_id) => user_id,
        Err(CreateAccountError::Problems(problems)) => {
            return form.back_with("/configuracion-inicial", &problems);
        }
        Err(CreateAccountError::Other(error)) => return error_pages::internal(error),
    };
    sign_in_as(&store, &mut auth, &user_id, "/empresas").await
}

#[derive(Debug, Deserialize)]
pub struct OrganizationForm {
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    rfc: String,
}

/// `POST /organizaciones`: a platform administrator creates an organization and gets the
/// one-time link for its first administrator.
pub async fn create_organization(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Form(form): Form<OrganizationForm>,
) -> Response {
    use assessments::organization::{OrganizationKind, Rfc, Sector};

    let Some(viewer) = current.0 else { return sign_in_first("/organizaciones") };
    let Ok(kind) = form.kind.parse::<OrganizationKind>() else {
        return error_pages::page(axum::http::StatusCode::NOT_FOUND);
    };
    let mut problems = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        problems.push(FormProblem::OrganizationNameMissing);
    }
    let is_company = kind == OrganizationKind::Company;
    let sector = form.sector.parse::<Sector>().ok().filter(|_| is_company);
    if is_company && sector.is_none() {
        problems.push(FormProblem::SectorMissing);
    }
    let rfc = match form.rfc.trim() {
        "" => None,
        text => match Rfc::parse(text) {
            Ok(rfc) => Some(rfc).filter(|_| is_company),
            Err(_) => {
                problems.push(FormProblem::RfcInvalid);
                None
            }
        },
    };
    if !problems.is_empty() {
        let codes = problems.iter().map(|p| p.code()).collect::<Vec<_>>().join(",");
        return see_other(&format!(
            "/organizaciones?error={codes}&nombre={}&rfc={}",
            app::urls::percent_encode(name),
            app::urls::percent_encode(form.rfc.trim())
        ));
    }
    let rfc = rfc.as_ref().map(Rfc::as_str);
    let organization_id = match store.create_organization(&viewer, kind, name, sector, rfc).await {
        Ok(id) => id,
        Err(StoreError::Conflict) => {
            return see_other(&format!(
                "/organizaciones?error=organization_name_missing&nombre={}",
                app::urls::percent_encode(name)
            ));
        }
        Err(error) => return store_failure(error),
    };
    let token = new_token();
    let created = store
        .invite_first_admin(
            &viewer,
            &organization_id,
            &store::accounts::token_hash(&token),
            &invitation_expiry(),
        )
        .await;
    if let Err(error) = created {
        return store_failure(error);
    }
    see_other(&format!("/organizaciones?invitacion={token}"))
}

/// A one-time invitation token: 256 random bits, hex.
fn new_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

fn invitation_expiry() -> String {
    (chrono::Utc::now() + chrono::Duration::days(INVITATION_DAYS))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    role: String,
}

/// `POST /organizaciones/{id}/invitaciones`: a one-time link, shown to the admin to pass on.
pub async fn invite(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(organization_id): Path<String>,
    Form(form): Form<InviteForm>,
) -> Response {
    let Some(viewer) = current.0 else {
        return sign_in_first(&format!("/organizaciones/{organization_id}/personas"));
    };
    let Ok(role) = form.role.parse::<Role>() else {
        return error_pages::page(axum::http::StatusCode::NOT_FOUND);
    };
    let token = new_token();
    let created = store
        .create_invitation(
            &viewer,
            &organization_id,
            role,
            &store::accounts::token_hash(&token),
            &invitation_expiry(),
        )
        .await;
    if let Err(error) = created {
        return store_failure(error);
    }
    let detail = role.as_str();
    let entry = AuditEntry {
        organization_id: Some(&organization_id),
        actor_user_id: Some(&viewer.user_id),
        detail,
        ..AuditEntry::default()
    };
    if let Err(error) = store.audit(AuditAction::Invited, entry).await {
        return error_pages::internal(error.into());
    }
    see_other(&format!("/organizaciones/{organization_id}/personas?invitacion={token}"))
}

/// `POST /invitacion/{token}`: accepts, creating the account first when nobody is signed in.
pub async fn accept_invitation(
    State(store): State<Store>,
    mut auth: AuthSession,
    Extension(current): Extension<CurrentViewer>,
    Path(token): Path<String>,
    Form(form): Form<NewAccountForm>,
) -> Response {
    let here = format!("/invitacion/{token}");
    let token_hash = store::accounts::token_hash(&token);
    let user_id = match current.0 {
        Some(viewer) => viewer.user_id,
        None => {
            let account = match NewAccount::parse(&form.email, &form.name, &form.password) {
                Ok(account) => account,
                Err(problems) => return form.back_with(&here, &problems),
            };
            // Only an open invitation may create an account.
            match store.open_invitation(&token_hash).await {
                Ok(Some(_)) => {}
                Ok(None) => return see_other(&here),
                Err(error) => return error_pages::internal(error.into()),
            }
            let hash = match hash_password_blocking(account.password).await {
                Ok(hash) => hash,
                Err(error) => return error_pages::internal(error),
            };
            match store.create_account(&account.email, &account.name, &hash).await {
                Ok(user_id) => user_id,
                Err(StoreError::Conflict) => return form.back_with(&here, &[FormProblem::EmailTaken]),
                Err(error) => return error_pages::internal(error.into()),
            }
        }
    };
    let organization = match store.accept_invitation(&token_hash, &user_id).await {
        Ok(organization) => organization,
        // Used or expired meanwhile: the page says so.
        Err(StoreError::NotFound) => return see_other(&here),
        Err(error) => return error_pages::internal(error.into()),
    };
    let entry = AuditEntry {
        organization_id: Some(&organization.id),
        actor_user_id: Some(&user_id),
        ..AuditEntry::default()
    };
    if let Err(error) = store.audit(AuditAction::JoinedByInvitation, entry).await {
        return error_pages::internal(error.into());
    }
    sign_in_as(&store, &mut auth, &user_id, "/empresas").await
}

/// `POST /organizaciones/{id}/personas/{user}/quitar`: removes a person; their sessions end.
pub async fn remove_member(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((organization_id, user_id)): Path<(String, String)>,
) -> Response {
    let back = format!("/organizaciones/{organization_id}/personas");
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    if let Err(error) = store.remove_member(&viewer, &organization_id, &user_id).await {
        return store_failure(error);
    }
    audited(&store, &viewer, &organization_id, AuditAction::MemberRemoved, &user_id, &back).await
}

#[derive(Debug, Deserialize)]
pub struct GrantForm {
    scope: String,
    grantee: String,
}

/// `POST /empresas/{id}/accesos`: grants an advisory organization or an association access.
pub async fn grant(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(company_id): Path<String>,
    Form(form): Form<GrantForm>,
) -> Response {
    let back = format!("/empresas/{company_id}/accesos");
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    let Ok(scope) = form.scope.parse::<GrantScope>() else {
        return error_pages::page(axum::http::StatusCode::NOT_FOUND);
    };
    match store.grant(&viewer, &company_id, &form.grantee, scope).await {
        // Granting what is granted already changes nothing.
        Ok(()) | Err(StoreError::Conflict) => {}
        Err(error) => return store_failure(error),
    }
    let detail = format!("{} → {}", scope.as_str(), form.grantee);
    audited(&store, &viewer, &company_id, AuditAction::AccessGranted, &detail, &back).await
}

/// `POST /empresas/{id}/accesos/{grant}/retirar`: effective on the grantee's next request.
pub async fn revoke(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((company_id, grant_id)): Path<(String, String)>,
) -> Response {
    let back = format!("/empresas/{company_id}/accesos");
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    if let Err(error) = store.revoke_grant(&viewer, &company_id, &grant_id).await {
        return store_failure(error);
    }
    audited(&store, &viewer, &company_id, AuditAction::AccessRevoked, &grant_id, &back).await
}

/// Writes an audit line in `organization_id`'s log, then redirects to `back`.
async fn audited(
    store: &Store,
    viewer: &Viewer,
    organization_id: &str,
    action: AuditAction,
    detail: &str,
    back: &str,
) -> Response {
    let entry = AuditEntry {
        organization_id: Some(organization_id),
        actor_user_id: Some(&viewer.user_id),
        detail,
        ..AuditEntry::default()
    };
    match store.audit(action, entry).await {
        Ok(()) => see_other(back),
        Err(error) => error_pages::internal(error.into()),
    }
}

/// One platform-wide line (what the limits count) and, when the email is an account's, one in
/// the log of each of its organizations, so their admins see attempts on their people.
async fn record_failed_sign_in(store: &Store, email: &str, ip: &str) -> Result<(), StoreError> {
    let entry = AuditEntry { actor_email: Some(email), ip: Some(ip), ..AuditEntry::default() };
    store.audit(AuditAction::SignInFailed, entry).await?;
    let Some(account) = store.account_by_email(email).await? else { return Ok(()) };
    let Some(viewer) = store.viewer(&account.id).await? else { return Ok(()) };
    for membership in &viewer.memberships {
        let entry = AuditEntry {
            organization_id: Some(&membership.organization.id),
            actor_email: Some(email),
            ip: Some(ip),
            ..AuditEntry::default()
        };
        store.audit(AuditAction::SignInFailed, entry).await?;
    }
    Ok(())
}

/// One line in the log of every organization the person belongs to.
async fn audit_in_each_organization(
    store: &Store,
    user_id: &str,
    action: AuditAction,
    ip: &str,
) -> Result<(), StoreError> {
    let Some(viewer) = store.viewer(user_id).await? else { return Ok(()) };
    for membership in &viewer.memberships {
        let entry = AuditEntry {
            organization_id: Some(&membership.organization.id),
            actor_user_id: Some(user_id),
            ip: Some(ip),
            ..AuditEntry::default()
        };
        store.audit(action, entry).await?;
    }
    Ok(())
}

async fn sign_in_as(store: &Store, auth: &mut AuthSession, user_id: &str, target: &str) -> Response {
    let account = match store.account_by_id(user_id).await {
        Ok(Some(account)) => account,
        Ok(None) => return error_pages::internal(anyhow::anyhow!("the new account {user_id} vanished")),
        Err(error) => return error_pages::internal(error.into()),
    };
    match auth.login(&crate::auth::SessionUser::from(account)).await {
        Ok(()) => see_other(target),
        Err(error) => error_pages::internal(anyhow::anyhow!("could not start the session: {error}")),
    }
}

/// Not found and not allowed look the same from outside.
pub(super) fn store_failure(error: StoreError) -> Response {
    match error {
        StoreError::NotFound | StoreError::Invalid(_) => error_pages::page(axum::http::StatusCode::NOT_FOUND),
        other => error_pages::internal(other.into()),
    }
}

pub(super) fn sign_in_first(back: &str) -> Response {
    see_other(&app::urls::sign_in_href(back))
}

pub(super) fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

fn minutes_ago(minutes: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn is_local_path(path: &str) -> bool {
    super::language::is_local_path(path)
}
