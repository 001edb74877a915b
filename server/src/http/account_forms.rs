//! The account forms' POST handlers: sign in and out, first-run setup, invitations, removals and
//! grants.
//!
//! Plain HTML forms post here with or without JavaScript. Each answers with a redirect (303): on
//! success to the next page, on a problem back to the form with the problem codes and what was
//! typed (never the password) in the query, so the form shows both. Every rule about who may do
//! what is enforced again in the store, whatever the page offered.

use app::forms::FormProblem;
use app::service::{Context, RequestContext};
use app::urls::{self, percent_encode};
use assessments::access::AuditAction;
use assessments::ids::{GrantId, OrganizationId, UserId};
use assessments::organization::{GrantScope, Role};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;
use store::audit::AuditEntry;
use store::{Store, StoreError};

use super::handler::{Failure, HandlerResult, Ids, SignedIn, see_other};
use super::return_path::return_path;
use crate::accounts::{CreateAccountError, MAX_EMAIL_BYTES, NewAccount, create_first_admin};
use crate::auth::{AuthSession, Credentials, begin_session, hash_password_blocking, throttle};
use store::throttle::Attempt;

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
/// The attempt is counted before its password is checked (see [`crate::auth::throttle`]), in the
/// database rather than in memory, so the limits hold under parallel attempts and across several
/// app instances. An unknown email is counted and answered exactly like a wrong password, so the
/// form never tells whether an email is registered.
pub async fn sign_in(
    Extension(request): Extension<RequestContext>,
    mut auth: AuthSession,
    Form(form): Form<SignInForm>,
) -> HandlerResult {
    let store = &request.store;
    let ip = request.client_ip.unwrap_or_default();
    let email = form.email.trim().to_lowercase();
    let back_to_form = |problem: FormProblem| {
        Ok(see_other(&format!(
            "/entrar?error={}&correo={}&volver={}",
            problem.code(),
            percent_encode(&email),
            percent_encode(&form.volver)
        )))
    };
    // No account has a longer address (see `NewAccount::parse`); counting it would only grow the
    // throttle's keys.
    if email.len() > MAX_EMAIL_BYTES {
        return back_to_form(FormProblem::CredentialsWrong);
    }
    let now = chrono::Utc::now();
    let usual_place = store
        .signed_in_from(&email, &ip, now - chrono::Duration::days(throttle::USUAL_PLACE_DAYS))
        .await
        .map_err(internal)?;
    let keys = throttle::keys(&email, &ip, usual_place);
    let names: Vec<String> = keys.iter().map(|key| key.name.clone()).collect();
    let attempt = store
        .count_sign_in_attempt(&names, now, |index, failures| keys[index].next_attempt(failures, now))
        .await
        .map_err(internal)?;
    if let Attempt::Refused { .. } = attempt {
        return back_to_form(FormProblem::TooManyAttempts);
    }
    let credentials = Credentials { email: email.clone(), password: form.password.clone() };
    let user = auth.authenticate(credentials).await.map_err(|e| anyhow::anyhow!("sign-in failed: {e}"))?;
    let Some(user) = user else {
        record_failed_sign_in(store, &email, &ip).await.map_err(internal)?;
        return back_to_form(FormProblem::CredentialsWrong);
    };
    store.settle_successful_sign_in(&names, now).await.map_err(internal)?;
    begin_session(&mut auth, &user).await?;
    let user_id = axum_login::AuthUser::id(&user);
    audit_in_each_organization(store, user_id, AuditAction::SignedIn, &ip).await.map_err(internal)?;
    Ok(see_other(&return_path(&form.volver).unwrap_or_else(|| "/".to_owned())))
}

/// `POST /salir`: ends the session on the server, not only in the browser.
pub async fn sign_out(Extension(request): Extension<RequestContext>, mut auth: AuthSession) -> HandlerResult {
    let ip = request.client_ip.unwrap_or_default();
    if let Some(user) = auth.user.clone() {
        let user_id = axum_login::AuthUser::id(&user);
        audit_in_each_organization(&request.store, user_id, AuditAction::SignedOut, &ip)
            .await
            .map_err(internal)?;
    }
    auth.logout().await.map_err(|e| anyhow::anyhow!("could not end the session: {e}"))?;
    Ok(see_other("/"))
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
            percent_encode(self.name.trim()),
            percent_encode(self.email.trim())
        ))
    }
}

/// `POST /configuracion-inicial`: the first platform administrator, then signed in.
pub async fn set_up(
    State(store): State<Store>,
    mut auth: AuthSession,
    Form(form): Form<NewAccountForm>,
) -> HandlerResult {
    let account = match NewAccount::parse(&form.email, &form.name, &form.password) {
        Ok(account) => account,
        Err(problems) => return Ok(form.back_with("/configuracion-inicial", &problems)),
    };
    let user_id = match create_first_admin(&store, account).await {
        Ok(user_id) => user_id,
        Err(CreateAccountError::Problems(problems)) => {
            return Ok(form.back_with("/configuracion-inicial", &problems));
        }
        Err(CreateAccountError::Other(error)) => return Err(error.into()),
    };
    sign_in_as(&store, &mut auth, user_id, "/").await
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
    SignedIn(cx): SignedIn,
    Form(form): Form<OrganizationForm>,
) -> HandlerResult {
    use assessments::organization::{OrganizationKind, Rfc, Sector};

    let kind = form.kind.parse::<OrganizationKind>().map_err(|_| Failure::not_found())?;
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
        return Ok(see_other(&format!(
            "/organizaciones?error={codes}&nombre={}&rfc={}",
            percent_encode(name),
            percent_encode(form.rfc.trim())
        )));
    }
    let rfc = rfc.as_ref().map(Rfc::as_str);
    let organization_id = match cx.store.create_organization(&cx.viewer, kind, name, sector, rfc).await {
        Ok(id) => id,
        Err(StoreError::Conflict) => {
            return Ok(see_other(&format!(
                "/organizaciones?error=organization_name_missing&nombre={}",
                percent_encode(name)
            )));
        }
        Err(error) => return Err(error.into()),
    };
    let token = new_token();
    let token_hash = store::accounts::token_hash(&token);
    cx.store.invite_first_admin(&cx.viewer, organization_id, &token_hash, &invitation_expiry()).await?;
    Ok(see_other(&format!("/organizaciones?invitacion={token}")))
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
    SignedIn(cx): SignedIn,
    Ids(organization_id): Ids<OrganizationId>,
    Form(form): Form<InviteForm>,
) -> HandlerResult {
    let role = form.role.parse::<Role>().map_err(|_| Failure::not_found())?;
    let token = new_token();
    let token_hash = store::accounts::token_hash(&token);
    cx.store.create_invitation(&cx.viewer, organization_id, role, &token_hash, &invitation_expiry()).await?;
    let back = format!("{}?invitacion={token}", urls::people(organization_id));
    audited(&cx, organization_id, AuditAction::Invited, role.as_str(), &back).await
}

/// `POST /organizaciones/{id}/invitaciones/{invitation}/retirar`: withdraws a link not used yet.
pub async fn revoke_invitation(
    SignedIn(cx): SignedIn,
    Ids((organization_id, key)): Ids<(OrganizationId, String)>,
) -> HandlerResult {
    cx.store.revoke_invitation(&cx.viewer, organization_id, &key).await?;
    let back = urls::people(organization_id);
    audited(&cx, organization_id, AuditAction::InvitationRevoked, "", &back).await
}

/// `POST /invitacion/{token}`: accepts, creating the account first when nobody is signed in.
pub async fn accept_invitation(
    Extension(request): Extension<RequestContext>,
    mut auth: AuthSession,
    Path(token): Path<String>,
    Form(form): Form<NewAccountForm>,
) -> HandlerResult {
    let store = &request.store;
    let here = urls::invitation(&token);
    let token_hash = store::accounts::token_hash(&token);
    let user_id = match request.viewer {
        Some(viewer) => viewer.user_id,
        None => {
            let account = match NewAccount::parse(&form.email, &form.name, &form.password) {
                Ok(account) => account,
                Err(problems) => return Ok(form.back_with(&here, &problems)),
            };
            // Only an open invitation may create an account.
            if store.open_invitation(&token_hash).await.map_err(internal)?.is_none() {
                return Ok(see_other(&here));
            }
            let hash = hash_password_blocking(account.password).await?;
            match store.create_account(&account.email, &account.name, &hash).await {
                Ok(user_id) => user_id,
                Err(StoreError::Conflict) => return Ok(form.back_with(&here, &[FormProblem::EmailTaken])),
                Err(error) => return Err(internal(error)),
            }
        }
    };
    let organization = match store.accept_invitation(&token_hash, user_id).await {
        Ok(organization) => organization,
        // Used or expired meanwhile: the page says so.
        Err(StoreError::NotFound) => return Ok(see_other(&here)),
        Err(error) => return Err(internal(error)),
    };
    let entry = AuditEntry {
        organization_id: Some(organization.id),
        actor_user_id: Some(user_id),
        ..AuditEntry::default()
    };
    store.audit(AuditAction::JoinedByInvitation, entry).await.map_err(internal)?;
    sign_in_as(store, &mut auth, user_id, "/").await
}

/// `POST /organizaciones/{id}/personas/{user}/quitar`: removes a person; their sessions end.
pub async fn remove_member(
    SignedIn(cx): SignedIn,
    Ids((organization_id, user_id)): Ids<(OrganizationId, UserId)>,
) -> HandlerResult {
    cx.store.remove_member(&cx.viewer, organization_id, user_id).await?;
    let back = urls::people(organization_id);
    audited(&cx, organization_id, AuditAction::MemberRemoved, &user_id.to_string(), &back).await
}

#[derive(Debug, Deserialize)]
pub struct GrantForm {
    scope: String,
    grantee: String,
    /// A ticked box: share the latest assessment's summary with an association too.
    #[serde(default)]
    shares_summary: Option<String>,
}

/// `POST /empresas/{id}/accesos`: grants an advisory organization or an association access.
pub async fn grant(
    SignedIn(cx): SignedIn,
    Ids(company_id): Ids<OrganizationId>,
    Form(form): Form<GrantForm>,
) -> HandlerResult {
    let scope = form.scope.parse::<GrantScope>().map_err(|_| Failure::not_found())?;
    match cx
        .store
        .grant(&cx.viewer, company_id, form.grantee.parse()?, scope, form.shares_summary.is_some())
        .await
    {
        // Granting what is granted already changes nothing.
        Ok(()) | Err(StoreError::Conflict) => {}
        Err(error) => return Err(error.into()),
    }
    let summary =
        if scope == GrantScope::PlanProgress && form.shares_summary.is_some() { "+summary" } else { "" };
    let detail = format!("{}{summary} → {}", scope.as_str(), form.grantee);
    let back = urls::company_access(company_id);
    audited(&cx, company_id, AuditAction::AccessGranted, &detail, &back).await
}

/// `POST /empresas/{id}/accesos/{grant}/retirar`: effective on the grantee's next request.
pub async fn revoke(
    SignedIn(cx): SignedIn,
    Ids((company_id, grant_id)): Ids<(OrganizationId, GrantId)>,
) -> HandlerResult {
    cx.store.revoke_grant(&cx.viewer, company_id, grant_id).await?;
    let back = urls::company_access(company_id);
    audited(&cx, company_id, AuditAction::AccessRevoked, &grant_id.to_string(), &back).await
}

/// Writes an audit line in `organization_id`'s log, then redirects to `back`.
pub(super) async fn audited(
    cx: &Context,
    organization_id: OrganizationId,
    action: AuditAction,
    detail: &str,
    back: &str,
) -> HandlerResult {
    let entry = AuditEntry {
        organization_id: Some(organization_id),
        actor_user_id: Some(cx.viewer.user_id),
        detail,
        ip: cx.client_ip.as_deref(),
        ..AuditEntry::default()
    };
    cx.store.audit(action, entry).await.map_err(internal)?;
    Ok(see_other(back))
}

/// One platform-wide line (the operator's record of attempts) and, when the email is an account's, one in
/// the log of each of its organizations, so their admins see attempts on their people.
async fn record_failed_sign_in(store: &Store, email: &str, ip: &str) -> Result<(), StoreError> {
    let entry = AuditEntry { actor_email: Some(email), ip: Some(ip), ..AuditEntry::default() };
    store.audit(AuditAction::SignInFailed, entry).await?;
    let Some(account) = store.account_by_email(email).await? else { return Ok(()) };
    let Some(viewer) = store.viewer(account.id).await? else { return Ok(()) };
    for membership in &viewer.memberships {
        let entry = AuditEntry {
            organization_id: Some(membership.organization.id),
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
    user_id: UserId,
    action: AuditAction,
    ip: &str,
) -> Result<(), StoreError> {
    let Some(viewer) = store.viewer(user_id).await? else { return Ok(()) };
    for membership in &viewer.memberships {
        let entry = AuditEntry {
            organization_id: Some(membership.organization.id),
            actor_user_id: Some(user_id),
            ip: Some(ip),
            ..AuditEntry::default()
        };
        store.audit(action, entry).await?;
    }
    Ok(())
}

async fn sign_in_as(store: &Store, auth: &mut AuthSession, user_id: UserId, target: &str) -> HandlerResult {
    let (account, viewer) = store
        .account_and_viewer(user_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| anyhow::anyhow!("the new account {user_id} vanished"))?;
    begin_session(auth, &crate::auth::SessionUser::new(&account, viewer)).await?;
    Ok(see_other(target))
}

/// A store failure where every failure is unexpected (the account forms' writes are not scoped
/// by a viewer who could be refused): logged, a 500.
fn internal(error: StoreError) -> Failure {
    Failure::internal(error.into())
}
