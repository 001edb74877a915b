//! Creating accounts: the first-run setup, platform admins from the shell, and the demo.

use app::forms::FormProblem;
use assessments::access::Viewer;
use assessments::ids::{OrganizationId, UserId};
use assessments::loader::Library;
use assessments::organization::{GrantScope, OrganizationKind, Role, Sector};
use store::sharing::AskOutcome;
use store::{Store, StoreError};
use validator::ValidateEmail;

use crate::auth::{MIN_PASSWORD_CHARS, hash_password_blocking};

/// The platform organization every platform admin belongs to.
const PLATFORM_NAME: &str = "Senda";

/// The longest email address there is (RFC 5321's path limit less its brackets).
pub const MAX_EMAIL_BYTES: usize = 254;

/// What a new account needs, checked.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub password: String,
}

impl NewAccount {
    /// Checks every field and reports every problem at once, so a person fixes all in one go.
    pub fn parse(email: &str, name: &str, password: &str) -> Result<Self, Vec<FormProblem>> {
        let email = email.trim().to_lowercase();
        let name = name.trim().to_owned();
        let mut problems = Vec::new();
        if email.len() > MAX_EMAIL_BYTES || !email.validate_email() {
            problems.push(FormProblem::EmailInvalid);
        }
        if name.is_empty() {
            problems.push(FormProblem::NameMissing);
        }
        if password.chars().count() < MIN_PASSWORD_CHARS {
            problems.push(FormProblem::PasswordTooShort);
        }
        if problems.is_empty() {
            Ok(Self { email, name, password: password.to_owned() })
        } else {
            Err(problems)
        }
    }
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("{0:?}")]
    Problems(Vec<FormProblem>),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<StoreError> for CreateAccountError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => CreateAccountError::Problems(vec![FormProblem::EmailTaken]),
            other => CreateAccountError::Other(other.into()),
        }
    }
}

/// Creates the first platform administrator — only while no account exists at all, and only
/// once however many set-up forms arrive at the same moment (the store claims the setup).
pub async fn create_first_admin(store: &Store, account: NewAccount) -> Result<UserId, CreateAccountError> {
    let setup_closed = || CreateAccountError::Problems(vec![FormProblem::SetupClosed]);
    if store.count_accounts().await? > 0 {
        // Closed already: refuse before spending a password hash on it.
        return Err(setup_closed());
    }
    let hash = hash_password_blocking(account.password).await?;
    match store.create_first_platform_admin(PLATFORM_NAME, &account.email, &account.name, &hash).await {
        Ok(user_id) => Ok(user_id),
        Err(StoreError::Conflict) => Err(setup_closed()),
        Err(other) => Err(CreateAccountError::Other(other.into())),
    }
}

/// Creates a platform administrator (from the shell: whoever has it is trusted already).
pub async fn create_platform_admin(store: &Store, account: NewAccount) -> Result<UserId, CreateAccountError> {
    let platform = match store.organization_named(OrganizationKind::Platform, PLATFORM_NAME).await? {
        Some(id) => id,
        None => store.insert_organization(OrganizationKind::Platform, PLATFORM_NAME, None, None).await?,
    };
    let hash = hash_password_blocking(account.password).await?;
    let user_id = store.create_account(&account.email, &account.name, &hash).await?;
    store.insert_membership(user_id, platform, Role::PlatformAdmin).await?;
    Ok(user_id)
}

/// One demo account, as `senda demo` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: Role,
    pub organization: &'static str,
    pub email: &'static str,
}

/// The demo's cane growers, members of the cane growers' union: each shares its progress and
/// assessment summary with it, so the union's figures across members show. The sixth has not
/// answered the union's request yet.
pub const DEMO_GROWERS: [&str; 6] = [
    "Productor de caña 1 (demo)",
    "Productor de caña 2 (demo)",
    "Productor de caña 3 (demo)",
    "Productor de caña 4 (demo)",
    "Productor de caña 5 (demo)",
    "Productor de caña 6 (demo)",
];

/// The cane growers' union of the demo, and the tobacco growers' association.
const CANE_UNION: &str = "Unión de Cañeros de Nayarit (demo)";
const TOBACCO_ASSOCIATION: &str = "Asociación de Tabacaleros de Nayarit (demo)";

/// Organizations of the demo: kind, name, sector.
const DEMO_ORGANIZATIONS: [(OrganizationKind, &str, Option<Sector>); 12] = [
    (OrganizationKind::Platform, PLATFORM_NAME, None),
    (OrganizationKind::Company, "Ingenio La Esperanza (demo)", Some(Sector::SugarMill)),
    (OrganizationKind::Company, "Tabacalera del Nayar (demo)", Some(Sector::TobaccoCompany)),
    (OrganizationKind::Advisory, "Debida Diligencia Asesores (demo)", None),
    (OrganizationKind::Association, CANE_UNION, None),
    (OrganizationKind::Association, TOBACCO_ASSOCIATION, None),
    (OrganizationKind::Company, DEMO_GROWERS[0], Some(Sector::CaneGrower)),
    (OrganizationKind::Company, DEMO_GROWERS[1], Some(Sector::CaneGrower)),
    (OrganizationKind::Company, DEMO_GROWERS[2], Some(Sector::CaneGrower)),
    (OrganizationKind::Company, DEMO_GROWERS[3], Some(Sector::CaneGrower)),
    (OrganizationKind::Company, DEMO_GROWERS[4], Some(Sector::CaneGrower)),
    (OrganizationKind::Company, DEMO_GROWERS[5], Some(Sector::CaneGrower)),
];

/// The email of the admin of the demo grower `index` (from 0).
pub fn grower_admin_email(index: usize) -> String {
    format!("admin@canero{}.demo.senda.mx", index + 1)
}

/// The demo's people: one per role, the sugar mill's and the tobacco company's admins and members.
pub const DEMO_ACCOUNTS: [DemoAccount; 10] = [
    DemoAccount { role: Role::PlatformAdmin, organization: PLATFORM_NAME, email: "plataforma@demo.senda.mx" },
    DemoAccount {
        role: Role::CompanyAdmin,
        organization: "Ingenio La Esperanza (demo)",
        email: "admin@ingenio.demo.senda.mx",
    },
    DemoAccount {
        role: Role::CompanyMember,
        organization: "Ingenio La Esperanza (demo)",
        email: "personal@ingenio.demo.senda.mx",
    },
    DemoAccount {
        role: Role::CompanyAdmin,
        organization: "Tabacalera del Nayar (demo)",
        email: "admin@tabacalera.demo.senda.mx",
    },
    DemoAccount {
        role: Role::CompanyMember,
        organization: "Tabacalera del Nayar (demo)",
        email: "personal@tabacalera.demo.senda.mx",
    },
    DemoAccount {
        role: Role::Advisor,
        organization: "Debida Diligencia Asesores (demo)",
        email: "asesora@asesores.demo.senda.mx",
    },
    DemoAccount {
        role: Role::AssociationAdmin,
        organization: "Unión de Cañeros de Nayarit (demo)",
        email: "admin@union.demo.senda.mx",
    },
    DemoAccount {
        role: Role::AssociationViewer,
        organization: "Unión de Cañeros de Nayarit (demo)",
        email: "consulta@union.demo.senda.mx",
    },
    DemoAccount {
        role: Role::AssociationAdmin,
        organization: TOBACCO_ASSOCIATION,
        email: "admin@tabacaleros.demo.senda.mx",
    },
    // The one grower still to answer the union's request: sign in as them to answer it.
    DemoAccount {
        role: Role::CompanyAdmin,
        organization: DEMO_GROWERS[5],
        email: "admin@canero6.demo.senda.mx",
    },
];

/// Loads the demo: organizations, one account per role (all with `password`), the advisory
/// organization granted the sugar mill's assessments, and the association following the sugar
/// mill's plan, and a submitted assessment per company (see [`crate::demo`]). Whatever exists already is left as it is, so running it twice changes nothing.
pub async fn load_demo(
    store: &Store,
    library: &std::sync::Arc<Library>,
    password: &str,
) -> anyhow::Result<Vec<DemoAccount>> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("the demo password needs at least {MIN_PASSWORD_CHARS} characters");
    }
    let mut organization_ids = Vec::new();
    for (kind, name, sector) in DEMO_ORGANIZATIONS {
        let id = match store.organization_named(kind, name).await? {
            Some(id) => id,
            None => store.insert_organization(kind, name, sector, None).await?,
        };
        organization_ids.push((name, id));
    }
    let id_of = |name: &str| {
        organization_ids
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
            .ok_or_else(|| anyhow::anyhow!("the demo organization {name} is missing"))
    };
    let hash = hash_password_blocking(password.to_owned()).await?;
    let growers = DEMO_GROWERS.iter().enumerate().map(|(index, grower)| (grower_admin_email(index), *grower));
    let accounts = DEMO_ACCOUNTS.iter().map(|a| (a.email.to_owned(), a.organization, a.role));
    for (email, organization, role) in accounts.chain(growers.map(|(e, o)| (e, o, Role::CompanyAdmin))) {
        if store.account_by_email(&email).await?.is_some() {
            continue;
        }
        let name = format!("{} (demo)", email.split('@').next().unwrap_or("demo"));
        let user_id = store.create_account(&email, &name, &hash).await?;
        store.insert_membership(user_id, id_of(organization)?, role).await?;
    }

    let mill = id_of("Ingenio La Esperanza (demo)")?;
    let mill_admin = store
        .account_by_email(DEMO_ACCOUNTS[1].email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo sugar mill admin is missing"))?;
    let mill_admin = store
        .viewer(mill_admin.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo sugar mill admin is missing"))?;
    for (grantee, scope) in [
        ("Debida Diligencia Asesores (demo)", GrantScope::Assessments),
        ("Unión de Cañeros de Nayarit (demo)", GrantScope::PlanProgress),
    ] {
        match store.grant(&mill_admin, mill, id_of(grantee)?, scope, true).await {
            Ok(()) | Err(StoreError::Conflict) => {}
            Err(error) => return Err(error.into()),
        }
    }
    crate::demo::load(store, library).await?;
    share_with_associations(store, &id_of).await?;
    Ok(DEMO_ACCOUNTS.to_vec())
}

/// The demo's associations ask, and their members answer as people do: five growers share their
/// progress and summary with the union, the tobacco company its progress alone with its
/// association, and the sixth grower has the union's request still to answer.
async fn share_with_associations(
    store: &Store,
    id_of: &impl Fn(&str) -> anyhow::Result<OrganizationId>,
) -> anyhow::Result<()> {
    let viewer_of = async |email: &str| -> anyhow::Result<Viewer> {
        let account =
            store.account_by_email(email).await?.ok_or_else(|| anyhow::anyhow!("{email} is missing"))?;
        store.viewer(account.id).await?.ok_or_else(|| anyhow::anyhow!("{email} has no memberships"))
    };
    let union_admin = viewer_of("admin@union.demo.senda.mx").await?;
    let tobacco_admin = viewer_of("admin@tabacaleros.demo.senda.mx").await?;
    let mut asks = Vec::new();
    for (index, grower) in DEMO_GROWERS.iter().enumerate() {
        let answer = (index < 5).then_some(true);
        asks.push((&union_admin, CANE_UNION, *grower, grower_admin_email(index), answer));
    }
    let tabacalera_admin = DEMO_ACCOUNTS[3].email.to_owned();
    asks.push((
        &tobacco_admin,
        TOBACCO_ASSOCIATION,
        "Tabacalera del Nayar (demo)",
        tabacalera_admin,
        Some(false),
    ));
    for (asker, association, company, company_admin, answer) in asks {
        let (association, company) = (id_of(association)?, id_of(company)?);
        // Asked before (a second run): left as it stands.
        let AskOutcome::Asked(request) = store.ask_to_share(asker, association, company).await? else {
            continue;
        };
        if let Some(shares_summary) = answer {
            let admin = viewer_of(&company_admin).await?;
            store.answer_share_request(&admin, company, request, Some(shares_summary)).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_reports_every_problem_at_once() {
        assert_eq!(
            NewAccount::parse("no-at-sign", " ", "short").unwrap_err(),
            vec![FormProblem::EmailInvalid, FormProblem::NameMissing, FormProblem::PasswordTooShort]
        );
    }

    #[test]
    fn a_new_account_keeps_a_lower_case_email_and_a_trimmed_name() {
        let account =
            NewAccount::parse(" Ana.Lopez@Ingenio.MX ", " Ana López ", "zafra de noviembre").unwrap();
        assert_eq!(account.email, "ana.lopez@ingenio.mx");
        assert_eq!(account.name, "Ana López");
    }

    #[test]
    fn the_demo_has_one_account_per_role_in_an_organization_of_the_demo() {
        for role in Role::ALL {
            assert!(DEMO_ACCOUNTS.iter().any(|a| a.role == *role), "{role}");
        }
        for account in &DEMO_ACCOUNTS {
            let organization =
                DEMO_ORGANIZATIONS.iter().find(|(_, name, _)| *name == account.organization).unwrap();
            assert_eq!(organization.0, account.role.organization_kind(), "{}", account.email);
        }
    }
}
