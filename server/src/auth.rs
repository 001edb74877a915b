//! Sign-in and sessions: password hashing, the session layer, and who a session belongs to.
//!
//! Crates, chosen deliberately: **argon2** (RustCrypto) hashes passwords; **tower-sessions**
//! keeps sessions, here in the database (see `store::sessions`) so several instances serve one
//! person; **axum-login** ties the two: it stores who signed in, and on every request compares the
//! session's fingerprint of the account with the account's current one, so raising an account's
//! session epoch (removal from an organization) or changing its password ends every session.

pub mod throttle;

use assessments::access::Viewer;
use assessments::ids::UserId;
use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder, AuthUser, AuthnBackend};
use sha2::{Digest, Sha256};
use store::sessions::DatabaseSessions;
use store::{Store, StoreError};
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Fewer characters than this is refused: long passphrases beat clever short passwords.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// A session ends after this long without a request.
const SESSION_IDLE_HOURS: i64 = 8;

/// A signed-in session's expiry is moved on at most this often: each move is a write, and a
/// write on every request would make the database's one writer the bottleneck of every page.
const KEEP_ALIVE_EVERY_SECONDS: i64 = 15 * 60;

/// Where a session keeps when its expiry was last moved on (unix seconds).
const TOUCHED_KEY: &str = "senda.touched";

/// The session cookie's name over HTTPS. The `__Host-` prefix makes browsers refuse it unless it
/// is Secure, for this host only and for every path: no other site or subdomain can set it.
pub const SESSION_COOKIE: &str = "__Host-senda_session";

/// The session cookie's name over plain HTTP, for development only (the prefix needs Secure).
pub const PLAIN_HTTP_SESSION_COOKIE: &str = "senda_session";

/// The account as a session remembers it, with the signed-in person's authorization context as
/// it stands at this request (read in the same query as the account).
#[derive(Clone)]
pub struct SessionUser {
    id: UserId,
    fingerprint: Vec<u8>,
    pub viewer: Viewer,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser").field("id", &self.id).finish_non_exhaustive()
    }
}

impl SessionUser {
    pub fn new(account: &store::accounts::Account, viewer: Viewer) -> Self {
        let mut digest = Sha256::new();
        digest.update(account.password_hash.as_bytes());
        digest.update(account.session_epoch.to_be_bytes());
        Self { id: account.id, fingerprint: digest.finalize().to_vec(), viewer }
    }
}

impl AuthUser for SessionUser {
    type Id = UserId;

    fn id(&self) -> UserId {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.fingerprint
    }
}

/// What a person types to sign in.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// Accounts and passwords, for axum-login.
#[derive(Clone, Debug)]
pub struct Accounts {
    store: Store,
}

impl AuthnBackend for Accounts {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = StoreError;

    async fn authenticate(&self, credentials: Credentials) -> Result<Option<SessionUser>, StoreError> {
        let account = self.store.account_by_email(&credentials.email).await?;
        // Without an account, verify against a decoy hash anyway: the answer then takes as long
        // as for a real account, and timing does not tell whether an email is registered.
        let hash = account.as_ref().map_or_else(|| DECOY_HASH.clone(), |a| a.password_hash.clone());
        let password = credentials.password;
        let matches = with_argon2(move || verify_password(&password, &hash)).await.unwrap_or(false);
        match account.filter(|_| matches) {
            Some(account) => self.get_user(&account.id).await,
            None => Ok(None),
        }
    }

    /// Called on every request of a session that has signed in: one query for the account (its
    /// fingerprint is compared with the session's) and everything the viewer may see through.
    async fn get_user(&self, id: &UserId) -> Result<Option<SessionUser>, StoreError> {
        let found = self.store.account_and_viewer(*id).await?;
        Ok(found.map(|(account, viewer)| SessionUser::new(&account, viewer)))
    }
}

pub type AuthSession = axum_login::AuthSession<Accounts>;

static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("not anybody's password").unwrap_or_default());

/// Hashes a password with argon2id and a random salt. CPU-heavy: call from a blocking task.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches `hash`. CPU-heavy: call from a blocking task.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Hashes on a blocking thread, off the async workers.
pub async fn hash_password_blocking(password: String) -> anyhow::Result<String> {
    with_argon2(move || hash_password(&password))
        .await?
        .map_err(|error| anyhow::anyhow!("could not hash the password: {error}"))
}

/// How many argon2 computations run at once. Each holds about 19 MiB and a core for tens of
/// milliseconds; more at once would only queue on the cores while multiplying the memory, so a
/// burst of sign-ins waits here instead of filling tokio's 512 blocking threads.
static ARGON2_PERMITS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from))
});

/// Runs `work` (an argon2 hash or verification) on a blocking thread once a permit is free.
async fn with_argon2<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    // The semaphore is never closed, so acquiring cannot fail.
    let _permit = ARGON2_PERMITS.acquire().await.expect("the argon2 semaphore stays open");
    tokio::task::spawn_blocking(work).await
}

/// Keeps a signed-in session alive while it is used: once its expiry was last moved on
/// [`KEEP_ALIVE_EVERY_SECONDS`] ago or more, marks it changed, so the session layer saves it with
/// a new expiry [`SESSION_IDLE_HOURS`] from now and sends the cookie again. Between two moves
/// nothing is written. A session thus ends between 7¾ and 8 hours after its last request.
pub async fn keep_alive(session: &tower_sessions::Session) {
    let now = chrono::Utc::now().timestamp();
    let touched = session.get::<i64>(TOUCHED_KEY).await.ok().flatten();
    if touched.is_none_or(|touched| now - touched >= KEEP_ALIVE_EVERY_SECONDS)
        && let Err(error) = session.insert(TOUCHED_KEY, now).await
    {
        tracing::warn!(%error, "could not keep the session alive");
    }
}

/// Signs `user` in under a new session id, always: whatever id the browser had (someone else's
/// session on a shared phone, or one planted by an attacker) never becomes a signed-in session.
pub async fn begin_session(auth: &mut AuthSession, user: &SessionUser) -> anyhow::Result<()> {
    auth.session.cycle_id().await.map_err(|e| anyhow::anyhow!("could not renew the session id: {e}"))?;
    auth.login(user).await.map_err(|e| anyhow::anyhow!("could not start the session: {e}"))?;
    // Saved with the sign-in: the next request, a second later, has no expiry to move (without
    // it, the first request after every sign-in wrote the session again).
    let now = chrono::Utc::now().timestamp();
    auth.session
        .insert(TOUCHED_KEY, now)
        .await
        .map_err(|e| anyhow::anyhow!("could not start the session: {e}"))
}

/// The session and sign-in layers. `secure` marks the cookie Secure (served over HTTPS).
pub fn layer(store: Store, secure: bool) -> AuthManagerLayer<Accounts, DatabaseSessions> {
    let sessions = SessionManagerLayer::new(DatabaseSessions::new(store.clone()))
        .with_name(if secure { SESSION_COOKIE } else { PLAIN_HTTP_SESSION_COOKIE })
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(Duration::hours(SESSION_IDLE_HOURS)));
    AuthManagerLayerBuilder::new(Accounts { store }, sessions).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_argon2_work_runs_at_once_than_there_are_permits() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        let permits = std::thread::available_parallelism().map_or(2, usize::from);
        let burst = (0..4 * permits + 1).map(|_| {
            tokio::spawn(with_argon2(|| {
                let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                MOST.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                RUNNING.fetch_sub(1, Ordering::SeqCst);
            }))
        });
        for task in burst.collect::<Vec<_>>() {
            task.await.unwrap().unwrap();
        }
        assert!(MOST.load(Ordering::SeqCst) <= permits, "{} at once", MOST.load(Ordering::SeqCst));
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("caña de azúcar 2026").unwrap();
        assert!(verify_password("caña de azúcar 2026", &hash));
        assert!(!verify_password("cana de azucar 2026", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }
}
