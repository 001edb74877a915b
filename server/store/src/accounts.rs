//! People, organizations, memberships, invitations and grants.
//!
//! Every function that reads or writes one organization's data takes the [`Viewer`] asking for
//! it and scopes its SQL by that viewer: there is no unscoped path. A viewer who may not see a
//! thing gets `None` (or [`StoreError::NotFound`]) — the same answer as for a thing that does not
//! exist, so nothing leaks through the difference.

use assessments::access::{
    CompanyAccess, Grant, Member, Membership, OpenInvitation, Organization, Viewer, VisibleCompany,
};
use assessments::ids::{GrantId, OrganizationId, UserId};
use assessments::organization::{GrantScope, OrganizationKind, Role, Sector};
use sqlx::AnyConnection;

use super::{Store, StoreError, StoreResult, new_id, now};

/// A person's account, as the sign-in needs it. Deliberately not `Serialize`: it holds the hash.
#[derive(Clone, sqlx::FromRow)]
pub struct Account {
    #[sqlx(try_from = "String")]
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub session_epoch: i64,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("id", &self.id).field("email", &self.email).finish_non_exhaustive()
    }
}

/// The hash under which an invitation token is stored: the token itself is never kept.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

pub(crate) const ORGANIZATION_COLUMNS: &str = "o.id, o.kind, o.name, o.sector";

/// An organization as [`ORGANIZATION_COLUMNS`] read it.
#[derive(sqlx::FromRow)]
pub(crate) struct OrganizationRow {
    #[sqlx(try_from = "String")]
    id: OrganizationId,
    kind: String,
    name: String,
    sector: Option<String>,
}

impl TryFrom<OrganizationRow> for Organization {
    type Error = StoreError;

    fn try_from(row: OrganizationRow) -> StoreResult<Self> {
        let kind = row.kind;
        Ok(Organization {
            id: row.id,
            kind: kind.parse().map_err(|_| StoreError::Corrupt(format!("organization kind `{kind}`")))?,
            name: row.name,
            sector: row
                .sector
                .map(|s| s.parse().map_err(|_| StoreError::Corrupt(format!("sector `{s}`"))))
                .transpose()?,
        })
    }
}

/// An organization and a role in it: a membership, or what an invitation offers.
#[derive(sqlx::FromRow)]
struct OrganizationRoleRow {
    #[sqlx(flatten)]
    organization: OrganizationRow,
    role: String,
}

impl OrganizationRoleRow {
    fn into_domain(self) -> StoreResult<(Organization, Role)> {
        Ok((self.organization.try_into()?, role_from(&self.role)?))
    }
}

/// An account and one of its memberships, if it has any (a LEFT JOIN's row).
#[derive(sqlx::FromRow)]
struct AccountMembershipRow {
    #[sqlx(flatten)]
    account: Account,
    organization_id: Option<String>,
    organization_kind: Option<String>,
    organization_name: Option<String>,
    organization_sector: Option<String>,
    role: Option<String>,
}

impl AccountMembershipRow {
    fn membership(self) -> Option<StoreResult<Membership>> {
        let (Some(id), Some(kind), Some(name), Some(role)) =
            (self.organization_id, self.organization_kind, self.organization_name, self.role)
        else {
            return None;
        };
        let membership = || {
            let id = id.parse().map_err(|_| StoreError::Corrupt(format!("organization id `{id}`")))?;
            let row = OrganizationRow { id, kind, name, sector: self.organization_sector };
            Ok(Membership { organization: row.try_into()?, role: role_from(&role)? })
        };
        Some(membership())
    }
}

/// A company the viewer sees, and through what: their role in it, or a grant's scope.
#[derive(sqlx::FromRow)]
struct VisibleCompanyRow {
    #[sqlx(flatten)]
    company: OrganizationRow,
    via: String,
}

/// A person of an organization.
#[derive(sqlx::FromRow)]
struct MemberRow {
    #[sqlx(try_from = "String")]
    id: UserId,
    name: String,
    email: String,
    role: String,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;

    fn try_from(row: MemberRow) -> StoreResult<Self> {
        Ok(Member { role: role_from(&row.role)?, user_id: row.id, name: row.name, email: row.email })
    }
}

/// An active grant, with the organization it is granted to.
#[derive(sqlx::FromRow)]
struct GrantRow {
    #[sqlx(try_from = "String")]
    grant_id: GrantId,
    scope: String,
    granted_at: String,
    shares_summary: i64,
    #[sqlx(flatten)]
    grantee: OrganizationRow,
}

impl TryFrom<GrantRow> for Grant {
    type Error = StoreError;

    fn try_from(row: GrantRow) -> StoreResult<Self> {
        let scope = row.scope;
        Ok(Grant {
            id: row.grant_id,
            grantee: row.grantee.try_into()?,
            scope: scope.parse().map_err(|_| StoreError::Corrupt(format!("grant scope `{scope}`")))?,
            granted_at: crate::instant(&row.granted_at)?,
            shares_summary: row.shares_summary != 0,
        })
    }
}

fn role_from(text: &str) -> StoreResult<Role> {
    text.parse().map_err(|_| StoreError::Corrupt(format!("role `{text}`")))
}

impl Store {
    /// How many accounts exist; none means the first-run setup is open.
    pub async fn count_accounts(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await?)
    }

    /// Creates an account. The email is stored lower-cased; a taken email is a `Conflict`.
    pub async fn create_account(&self, email: &str, name: &str, password_hash: &str) -> StoreResult<UserId> {
        insert_account(&self.writer, email, name, password_hash).await
    }

    /// Creates the installation's first account, a platform administrator, in one transaction
    /// that first claims the first-run setup: of two simultaneous setups one creates the
    /// administrator and the other is a `Conflict`, as is any setup once an account exists.
    pub async fn create_first_platform_admin(
        &self,
        platform_name: &str,
        email: &str,
        name: &str,
        password_hash: &str,
    ) -> StoreResult<UserId> {
        let mut transaction = self.begin_checked().await?;
        sqlx::query("INSERT INTO installation_claims (claim, claimed_at) VALUES ('first-run-setup', $1)")
            .bind(now())
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::from_unique_violation)?;
        // Installations older than the claim, or set up from the shell, have accounts already.
        let accounts: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut *transaction).await?;
        if accounts > 0 {
            return Err(StoreError::Conflict);
        }
        let platform: Option<String> =
            sqlx::query_scalar("SELECT id FROM organizations WHERE kind = $1 AND name = $2")
                .bind(OrganizationKind::Platform.as_str())
                .bind(platform_name)
                .fetch_optional(&mut *transaction)
                .await?;
        let platform = match crate::optional_id(platform)? {
            Some(id) => id,
            None => {
                insert_organization(&mut *transaction, OrganizationKind::Platform, platform_name, None, None)
                    .await?
            }
        };
        let user_id = insert_account(&mut *transaction, email, name, password_hash).await?;
        insert_membership(&mut *transaction, user_id, platform, Role::PlatformAdmin).await?;
        transaction.commit().await?;
        Ok(user_id)
    }

    pub async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        self.account_where("email", &email.trim().to_lowercase()).await
    }

    pub async fn account_by_id(&self, id: UserId) -> StoreResult<Option<Account>> {
        self.account_where("id", &id.to_string()).await
    }

    async fn account_where(&self, column: &'static str, value: &str) -> StoreResult<Option<Account>> {
        let sql =
            format!("SELECT id, email, name, password_hash, session_epoch FROM users WHERE {column} = $1");
        Ok(sqlx::query_as::<_, Account>(&sql).bind(value).fetch_optional(&self.pool).await?)
    }

    /// The authorization context of an account, or `None` if it no longer exists.
    pub async fn viewer(&self, user_id: UserId) -> StoreResult<Option<Viewer>> {
        Ok(self.account_and_viewer(user_id).await?.map(|(_, viewer)| viewer))
    }

    /// An account and its authorization context, read together in one query: what every
    /// signed-in request needs, fresh (a removal or a new password applies on the next request).
    pub async fn account_and_viewer(&self, user_id: UserId) -> StoreResult<Option<(Account, Viewer)>> {
        let rows = sqlx::query_as::<_, AccountMembershipRow>(
            "SELECT u.id, u.email, u.name, u.password_hash, u.session_epoch, o.id AS organization_id, \
             o.kind AS organization_kind, o.name AS organization_name, o.sector AS organization_sector, m.role \
             FROM users u LEFT JOIN memberships m ON m.user_id = u.id \
             LEFT JOIN organizations o ON o.id = m.organization_id WHERE u.id = $1 ORDER BY o.name",
        )
        .bind(user_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let Some(first) = rows.first() else { return Ok(None) };
        let account = first.account.clone();
        let memberships =
            rows.into_iter().filter_map(AccountMembershipRow::membership).collect::<StoreResult<Vec<_>>>()?;
        let viewer = Viewer {
            user_id: account.id,
            email: account.email.clone(),
            name: account.name.clone(),
            memberships,
        };
        Ok(Some((account, viewer)))
    }

    /// Creates an organization. Only platform administrators may.
    pub async fn create_organization(
        &self,
        actor: &Viewer,
        kind: OrganizationKind,
        name: &str,
        sector: Option<Sector>,
        rfc: Option<&str>,
    ) -> StoreResult<OrganizationId> {
        if !actor.is_platform_admin() {
            return Err(StoreError::NotFound);
        }
        self.insert_organization(kind, name, sector, rfc).await
    }

    /// Creates an organization without asking who: for first-run setup, the shell and the demo only.
    pub async fn insert_organization(
        &self,
        kind: OrganizationKind,
        name: &str,
        sector: Option<Sector>,
        rfc: Option<&str>,
    ) -> StoreResult<OrganizationId> {
        insert_organization(&self.writer, kind, name, sector, rfc).await
    }

    /// Every organization but the platform, for platform administrators only (names and kinds:
    /// nothing of any company's data).
    pub async fn all_organizations(&self, actor: &Viewer) -> StoreResult<Vec<Organization>> {
        if !actor.is_platform_admin() {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "SELECT {ORGANIZATION_COLUMNS} FROM organizations o WHERE o.kind <> 'platform' ORDER BY o.kind, o.name"
        );
        let rows = sqlx::query_as::<_, OrganizationRow>(&sql).fetch_all(&self.pool).await?;
        rows.into_iter().map(Organization::try_from).collect()
    }

    /// Invites the first administrator of an organization a platform administrator just created.
    pub async fn invite_first_admin(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        token_hash: &str,
        expires_at: &str,
    ) -> StoreResult<()> {
        if !actor.is_platform_admin() {
            return Err(StoreError::NotFound);
        }
        let kind: String = sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1")
            .bind(organization_id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let kind: OrganizationKind =
            kind.parse().map_err(|_| StoreError::Corrupt(format!("organization kind `{kind}`")))?;
        let role =
            Role::for_kind(kind).first().copied().ok_or(StoreError::Invalid("no role for this kind"))?;
        self.insert_invitation(actor, organization_id, role, token_hash, expires_at).await
    }

    /// The organization of `kind` called `name`, if any: lets setup and the demo run twice.
    pub async fn organization_named(
        &self,
        kind: OrganizationKind,
        name: &str,
    ) -> StoreResult<Option<OrganizationId>> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM organizations WHERE kind = $1 AND name = $2")
                .bind(kind.as_str())
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
        crate::optional_id(id)
    }

    /// Makes `user_id` a member of `organization_id` with `role`, or changes the role.
    pub async fn insert_membership(
        &self,
        user_id: UserId,
        organization_id: OrganizationId,
        role: Role,
    ) -> StoreResult<()> {
        insert_membership(&self.writer, user_id, organization_id, role).await
    }

    /// The people of an organization, for its admins only.
    pub async fn members(&self, actor: &Viewer, organization_id: OrganizationId) -> StoreResult<Vec<Member>> {
        if !actor.role_in(organization_id).is_some_and(Role::is_admin) {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query_as::<_, MemberRow>(
            "SELECT u.id, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organization_id = $1 ORDER BY u.name, u.email",
        )
        .bind(organization_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Member::try_from).collect()
    }

    /// Removes a person from an organization and ends all their sessions. Admins only; an admin
    /// cannot remove themselves (an organization must not lose its last admin by accident).
    pub async fn remove_member(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        user_id: UserId,
    ) -> StoreResult<()> {
        if !actor.role_in(organization_id).is_some_and(Role::is_admin) || actor.user_id == user_id {
            return Err(StoreError::NotFound);
        }
        let mut tx = self.writer.begin().await?;
        let removed = sqlx::query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2")
            .bind(organization_id.to_string())
            .bind(user_id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        // The invitations they sent there go with them (accepting checks the sender too).
        sqlx::query(
            "DELETE FROM invitations WHERE organization_id = $1 AND invited_by = $2 AND accepted_at IS NULL",
        )
        .bind(organization_id.to_string())
        .bind(user_id.to_string())
        .execute(&mut *tx)
        .await?;
        // Every session carries a fingerprint of the epoch (see `auth`): raising it ends them all.
        sqlx::query("UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1")
            .bind(user_id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an invitation (only its token's hash). Admins of the organization only, and only
    /// for a role that kind of organization hands out.
    pub async fn create_invitation(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        role: Role,
        token_hash: &str,
        expires_at: &str,
    ) -> StoreResult<()> {
        let kind = actor
            .memberships
            .iter()
            .find(|m| m.organization.id == organization_id && m.role.is_admin())
            .map(|m| m.organization.kind)
            .ok_or(StoreError::NotFound)?;
        if role.organization_kind() != kind {
            return Err(StoreError::Invalid("role does not belong to this kind of organization"));
        }
        self.insert_invitation(actor, organization_id, role, token_hash, expires_at).await
    }

    async fn insert_invitation(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        role: Role,
        token_hash: &str,
        expires_at: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO invitations (token_hash, organization_id, role, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(organization_id.to_string())
        .bind(role.as_str())
        .bind(actor.user_id.to_string())
        .bind(now())
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The invitations of an organization nobody has used yet and that have not expired, newest
    /// first, for its admins only. Each is named by its token's hash, which opens nothing.
    pub async fn open_invitations(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
    ) -> StoreResult<Vec<OpenInvitation>> {
        if !actor.role_in(organization_id).is_some_and(Role::is_admin) {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query_as::<_, (String, String, String, String, String)>(
            "SELECT i.token_hash, i.role, u.name, i.created_at, i.expires_at FROM invitations i \
             JOIN users u ON u.id = i.invited_by \
             WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.expires_at > $2 \
             ORDER BY i.created_at DESC, i.token_hash",
        )
        .bind(organization_id.to_string())
        .bind(now())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(key, role, invited_by, created_at, expires_at)| {
                Ok(OpenInvitation {
                    key,
                    role: role_from(&role)?,
                    invited_by,
                    created_at: crate::instant(&created_at)?,
                    expires_at: crate::instant(&expires_at)?,
                })
            })
            .collect()
    }

    /// Withdraws an invitation nobody has used, by its key (see [`Store::open_invitations`]).
    /// Admins of its organization only; a used, unknown or foreign one is `NotFound`.
    pub async fn revoke_invitation(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        key: &str,
    ) -> StoreResult<()> {
        if !actor.role_in(organization_id).is_some_and(Role::is_admin) {
            return Err(StoreError::NotFound);
        }
        let deleted = sqlx::query(
            "DELETE FROM invitations WHERE token_hash = $1 AND organization_id = $2 AND accepted_at IS NULL",
        )
        .bind(key)
        .bind(organization_id.to_string())
        .execute(&self.writer)
        .await?
        .rows_affected();
        if deleted == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The organization and role an open invitation offers, if the token is valid and unexpired.
    pub async fn open_invitation(&self, token_hash: &str) -> StoreResult<Option<(Organization, Role)>> {
        let sql = format!(
            "SELECT {ORGANIZATION_COLUMNS}, i.role FROM invitations i JOIN organizations o ON o.id = i.organization_id \
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2"
        );
        let row = sqlx::query_as::<_, OrganizationRoleRow>(&sql)
            .bind(token_hash)
            .bind(now())
            .fetch_optional(&self.pool)
            .await?;
        row.map(OrganizationRoleRow::into_domain).transpose()
    }

    /// Accepts an invitation for `user_id`: one use only, checked and spent in one transaction,
    /// and only while whoever sent it may still invite there (an admin of the organization, or a
    /// platform administrator): a removed admin's links die with their membership.
    pub async fn accept_invitation(&self, token_hash: &str, user_id: UserId) -> StoreResult<Organization> {
        let mut tx = self.writer.begin().await?;
        let spent = sqlx::query(
            "UPDATE invitations SET accepted_by = $1, accepted_at = $2 \
             WHERE token_hash = $3 AND accepted_at IS NULL AND expires_at > $2 \
             AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = invitations.invited_by \
               AND ((m.organization_id = invitations.organization_id \
                     AND m.role IN ('company_admin', 'association_admin')) \
                 OR m.role = 'platform_admin'))",
        )
        .bind(user_id.to_string())
        .bind(now())
        .bind(token_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if spent == 0 {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "SELECT {ORGANIZATION_COLUMNS}, i.role FROM invitations i JOIN organizations o ON o.id = i.organization_id \
             WHERE i.token_hash = $1"
        );
        let row = sqlx::query_as::<_, OrganizationRoleRow>(&sql).bind(token_hash).fetch_one(&mut *tx).await?;
        let OrganizationRoleRow { organization, role } = row;
        let organization = Organization::try_from(organization)?;
        sqlx::query(
            "INSERT INTO memberships (user_id, organization_id, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, organization_id) DO UPDATE SET role = excluded.role",
        )
        .bind(user_id.to_string())
        .bind(organization.id.to_string())
        .bind(&role)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(organization)
    }

    /// Every company the viewer may see, and how.
    pub async fn visible_companies(&self, viewer: &Viewer) -> StoreResult<Vec<VisibleCompany>> {
        companies_for(&mut *self.pool.acquire().await?, viewer, None).await
    }

    /// One company as the viewer may see it; `None` when it does not exist *or* the viewer may
    /// not see it — callers answer both with the same 404.
    pub async fn visible_company(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Option<VisibleCompany>> {
        visible_company_on(&mut *self.pool.acquire().await?, viewer, company_id).await
    }

    /// Grants `scope` of a company to another organization. The company's admins only; the
    /// grantee must be the kind of organization the scope is for. An association may receive
    /// the latest assessment's summary beside plan progress (`shares_summary`).
    pub async fn grant(
        &self,
        actor: &Viewer,
        company_id: OrganizationId,
        grantee_id: OrganizationId,
        scope: GrantScope,
        shares_summary: bool,
    ) -> StoreResult<()> {
        self.require_company_admin(actor, company_id)?;
        let grantee_kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1")
            .bind(grantee_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        if grantee_kind.as_deref() != Some(scope.grantee_kind().as_str()) {
            return Err(StoreError::Invalid("that organization cannot receive this kind of access"));
        }
        let shares_summary = shares_summary && scope == GrantScope::PlanProgress;
        if scope == GrantScope::PlanProgress {
            // Shared already: granting again changes only whether the summary goes with it.
            let changed = sqlx::query(
                "UPDATE grants SET shares_summary = $1 WHERE company_id = $2 AND grantee_id = $3 \
                 AND scope = 'plan_progress' AND revoked_at IS NULL",
            )
            .bind(i64::from(shares_summary))
            .bind(company_id.to_string())
            .bind(grantee_id.to_string())
            .execute(&self.writer)
            .await?;
            if changed.rows_affected() > 0 {
                return Ok(());
            }
        }
        sqlx::query(
            "INSERT INTO grants (id, company_id, grantee_id, scope, granted_by, granted_at, shares_summary) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id::<GrantId>().to_string())
        .bind(company_id.to_string())
        .bind(grantee_id.to_string())
        .bind(scope.as_str())
        .bind(actor.user_id.to_string())
        .bind(now())
        .bind(i64::from(shares_summary))
        .execute(&self.writer)
        .await
        .map_err(StoreError::from_unique_violation)?;
        Ok(())
    }

    /// Revokes an active grant of the actor's company; effective on the grantee's next request.
    pub async fn revoke_grant(
        &self,
        actor: &Viewer,
        company_id: OrganizationId,
        grant_id: GrantId,
    ) -> StoreResult<()> {
        self.require_company_admin(actor, company_id)?;
        let revoked = sqlx::query(
            "UPDATE grants SET revoked_by = $1, revoked_at = $2 \
             WHERE id = $3 AND company_id = $4 AND revoked_at IS NULL",
        )
        .bind(actor.user_id.to_string())
        .bind(now())
        .bind(grant_id.to_string())
        .bind(company_id.to_string())
        .execute(&self.writer)
        .await?
        .rows_affected();
        if revoked == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The active grants of a company, for its admins.
    pub async fn grants(&self, actor: &Viewer, company_id: OrganizationId) -> StoreResult<Vec<Grant>> {
        self.require_company_admin(actor, company_id)?;
        let sql = format!(
            "SELECT g.id AS grant_id, g.scope, g.granted_at, g.shares_summary, {ORGANIZATION_COLUMNS} FROM grants g \
             JOIN organizations o ON o.id = g.grantee_id \
             WHERE g.company_id = $1 AND g.revoked_at IS NULL ORDER BY o.name"
        );
        let rows =
            sqlx::query_as::<_, GrantRow>(&sql).bind(company_id.to_string()).fetch_all(&self.pool).await?;
        rows.into_iter().map(Grant::try_from).collect()
    }

    /// Organizations of `kind` a company admin may grant to (names only: they are not secret).
    pub async fn organizations_of_kind(&self, kind: OrganizationKind) -> StoreResult<Vec<Organization>> {
        let sql =
            format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations o WHERE o.kind = $1 ORDER BY o.name");
        let rows =
            sqlx::query_as::<_, OrganizationRow>(&sql).bind(kind.as_str()).fetch_all(&self.pool).await?;
        rows.into_iter().map(Organization::try_from).collect()
    }

    fn require_company_admin(&self, actor: &Viewer, company_id: OrganizationId) -> StoreResult<()> {
        match actor.role_in(company_id) {
            Some(Role::CompanyAdmin) => Ok(()),
            _ => Err(StoreError::NotFound),
        }
    }
}

/// [`Store::visible_company`] on `connection`: a write's transaction checks with it.
pub(crate) async fn visible_company_on(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    company_id: OrganizationId,
) -> StoreResult<Option<VisibleCompany>> {
    Ok(companies_for(connection, viewer, Some(company_id)).await?.into_iter().next())
}

pub(crate) async fn companies_for(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    only: Option<OrganizationId>,
) -> StoreResult<Vec<VisibleCompany>> {
    // Own companies, then companies that granted assessments to the viewer's advisory
    // organization (advisors only), then companies that share plan progress with the
    // viewer's association. A company reachable two ways appears with its strongest access.
    let sql = format!(
        "SELECT {ORGANIZATION_COLUMNS}, m.role AS via FROM organizations o \
           JOIN memberships m ON m.organization_id = o.id \
           WHERE o.kind = 'company' AND m.user_id = $1 AND ($2 = '' OR o.id = $2) \
         UNION ALL \
         SELECT {ORGANIZATION_COLUMNS}, g.scope AS via FROM organizations o \
           JOIN grants g ON g.company_id = o.id AND g.revoked_at IS NULL \
           JOIN memberships m ON m.organization_id = g.grantee_id \
           WHERE m.user_id = $1 AND ($2 = '' OR o.id = $2) \
             AND ((g.scope = 'assessments' AND m.role = 'advisor') \
               OR (g.scope = 'plan_progress' AND m.role IN ('association_admin', 'association_viewer'))) \
         ORDER BY name"
    );
    let rows = sqlx::query_as::<_, VisibleCompanyRow>(&sql)
        .bind(viewer.user_id.to_string())
        // An empty id reads as "every company"; a typed id is never empty.
        .bind(only.map(|id| id.to_string()).unwrap_or_default())
        .fetch_all(&mut *connection)
        .await?;
    let mut companies: Vec<VisibleCompany> = Vec::new();
    for row in rows {
        let access = match row.via.as_str() {
            "company_admin" => CompanyAccess::Member { admin: true },
            "company_member" => CompanyAccess::Member { admin: false },
            "assessments" => CompanyAccess::Advisor,
            "plan_progress" => CompanyAccess::PlanProgress,
            other => return Err(StoreError::Corrupt(format!("company access `{other}`"))),
        };
        let company = Organization::try_from(row.company)?;
        match companies.iter_mut().find(|seen| seen.company.id == company.id) {
            Some(seen) if rank(access) > rank(seen.access) => seen.access = access,
            Some(_) => {}
            None => companies.push(VisibleCompany { company, access }),
        }
    }
    Ok(companies)
}

/// Own people first, then advisors, then plan followers.
fn rank(access: CompanyAccess) -> u8 {
    match access {
        CompanyAccess::Member { admin: true } => 4,
        CompanyAccess::Member { admin: false } => 3,
        CompanyAccess::Advisor => 2,
        CompanyAccess::PlanProgress => 1,
    }
}

async fn insert_account<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    email: &str,
    name: &str,
    password_hash: &str,
) -> StoreResult<UserId> {
    let id: UserId = new_id();
    sqlx::query("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id.to_string())
        .bind(email.trim().to_lowercase())
        .bind(name.trim())
        .bind(password_hash)
        .bind(now())
        .execute(db)
        .await
        .map_err(StoreError::from_unique_violation)?;
    Ok(id)
}

async fn insert_organization<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    kind: OrganizationKind,
    name: &str,
    sector: Option<Sector>,
    rfc: Option<&str>,
) -> StoreResult<OrganizationId> {
    let id: OrganizationId = new_id();
    sqlx::query(
        "INSERT INTO organizations (id, kind, name, sector, rfc, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.to_string())
    .bind(kind.as_str())
    .bind(name.trim())
    .bind(sector.map(Sector::as_str))
    .bind(rfc)
    .bind(now())
    .execute(db)
    .await
    .map_err(StoreError::from_unique_violation)?;
    Ok(id)
}

async fn insert_membership<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    user_id: UserId,
    organization_id: OrganizationId,
    role: Role,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO memberships (user_id, organization_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, organization_id) DO UPDATE SET role = excluded.role",
    )
    .bind(user_id.to_string())
    .bind(organization_id.to_string())
    .bind(role.as_str())
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}
