//! The daily digest by email: what waits for each person (the home page's list, as counts), so
//! nobody needs to open Senda to know there is something to do. Only with an SMTP relay
//! configured (`--smtp-url`); without one nothing is mailed and nothing else changes.
//!
//! Mail goes through the database's outbox (`store::outbox`): a digest is written there once per
//! person and day, then sent, then marked sent. A failed send is tried again later, and a
//! restart loses nothing — at worst a mail the relay took just before a crash is sent twice.
//! The digest names companies and counts, never what anyone wrote: the text stays in Senda.

use std::sync::Arc;
use std::time::Duration;

use app::i18n::texts;
use app::model::review::Waiting;
use app::service::Context;
use app::service::portfolio::{PortfolioOrder, Shown};
use app::service::review::waiting;
use assessments::Language;
use assessments::loader::Library;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::Store;

/// How long before a failed mail is tried again, at most.
const LONGEST_RETRY: Duration = Duration::from_secs(6 * 60 * 60);

/// Where mail goes and from whom.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `smtp://[user:password@]host[:port]` (port 25 unless given), sending as `from`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let parsed =
            url::Url::parse(url).map_err(|error| anyhow::anyhow!("the SMTP URL cannot be read: {error}"))?;
        anyhow::ensure!(
            parsed.scheme() == "smtp",
            "the SMTP URL must start with smtp:// (a relay that takes plain SMTP)"
        );
        let host = parsed.host_str().filter(|host| !host.is_empty());
        let host = host.ok_or_else(|| anyhow::anyhow!("the SMTP URL names no host"))?;
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(parsed.port().unwrap_or(25));
        if !parsed.username().is_empty() {
            let decode =
                |text: &str| percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned();
            let password = parsed.password().map(decode).unwrap_or_default();
            builder = builder.credentials(Credentials::new(decode(parsed.username()), password));
        }
        let from =
            from.parse().map_err(|error| anyhow::anyhow!("the sender `{from}` is no address: {error}"))?;
        Ok(Self { transport: builder.build(), from })
    }
}

/// Every `every`: writes the day's digests that are due and sends what the outbox holds.
pub async fn run(store: Store, library: Arc<Library>, mailer: Mailer, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(error) = enqueue_digests(&store, &library).await {
            tracing::warn!(%error, "could not write the daily digests");
        }
        if let Err(error) = deliver_due(&store, &mailer, every).await {
            tracing::warn!(%error, "could not send mail");
        }
    }
}

/// Writes today's digest for each person something waits for, once per person and day (the
/// outbox's key): a person with nothing waiting now gets theirs when something comes.
pub async fn enqueue_digests(store: &Store, library: &Arc<Library>) -> anyhow::Result<()> {
    let today = store::today();
    for (user_id, email) in store.people_with_memberships().await? {
        let key = format!("digest:{user_id}:{today}");
        if store.mail_enqueued(&key).await? {
            continue;
        }
        let Some(viewer) = store.viewer(user_id).await? else { continue };
        let minimum = assessments::sharing::Minimum::default();
        let cx = Context { store: store.clone(), library: library.clone(), viewer, client_ip: None, minimum };
        let waiting = waiting(&cx, PortfolioOrder::Waiting, "", Shown::Waiting, "daily digest by email")
            .await
            .map_err(|error| anyhow::anyhow!("what waits for {email}: {error}"))?;
        if let Some(body) = digest(&waiting, Language::Es) {
            let subject = texts(Language::Es).review.digest_subject;
            store.enqueue_mail(&key, &email, subject, &body).await?;
        }
    }
    Ok(())
}

/// Sends the outbox's due mail; a failure waits twice as long each time, up to six hours.
async fn deliver_due(store: &Store, mailer: &Mailer, every: Duration) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    for mail in store.due_mail(now, 50).await? {
        let sent = match mail.recipient.parse::<Mailbox>() {
            Ok(to) => {
                let message = Message::builder()
                    .from(mailer.from.clone())
                    .to(to)
                    .subject(mail.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body.clone())?;
                mailer.transport.send(message).await.map(|_| ()).map_err(|error| error.to_string())
            }
            Err(error) => Err(format!("not an address: {error}")),
        };
        match sent {
            Ok(()) => store.mark_mail_sent(&mail.id).await?,
            Err(error) => {
                let doubling = 2u32.saturating_pow(u32::try_from(mail.attempts.min(16)).unwrap_or(16));
                let wait = every.saturating_mul(doubling).min(LONGEST_RETRY);
                let retry_at = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(6));
                tracing::warn!(mail = %mail.id, %error, "a mail could not be sent; it will be tried again");
                store.mark_mail_failed(&mail.id, &error, retry_at).await?;
            }
        }
    }
    Ok(())
}

/// The digest's text, or `None` when nothing waits.
pub fn digest(waiting: &Waiting, language: Language) -> Option<String> {
    let t = texts(language);
    let r = t.review;
    let mut lines = Vec::new();
    for work in &waiting.own {
        let mut items = Vec::new();
        if !work.requests.is_empty() {
            items.push(format!("{}: {}", r.open_requests_title, work.requests.len()));
        }
        if !work.share_requests.is_empty() {
            items.push(format!("{}: {}", t.association.to_answer_title, work.share_requests.len()));
        }
        if !work.returned.is_empty() {
            items.push(format!("{}: {}", r.returned_title, work.returned.len()));
        }
        if !work.actions.is_empty() {
            items.push(format!("{}: {}", r.actions_due_title, work.actions.len()));
        }
        if !items.is_empty() {
            lines.push(work.company.name.clone());
            lines.extend(items.into_iter().map(|item| format!("  - {item}")));
        }
    }
    for line in waiting.portfolio.iter().filter(|line| line.waiting() > 0) {
        let mut items = Vec::new();
        if let Some(latest) = &line.latest {
            if latest.needs_review {
                items.push(r.needs_review.to_owned());
            }
            if latest.replies > 0 {
                items.push((r.replies_waiting)(latest.replies));
            }
            if latest.verifications_cleared > 0 {
                items.push((r.cleared)(latest.verifications_cleared));
            }
        }
        if line.to_verify > 0 {
            items.push((r.to_verify)(line.to_verify));
        }
        lines.push(format!("{} ({})", line.company.name, r.portfolio_title));
        lines.extend(items.into_iter().map(|item| format!("  - {item}")));
    }
    if lines.is_empty() {
        return None;
    }
    Some(format!("{}\n\n{}\n\n{}\n", r.digest_lead, lines.join("\n"), r.digest_foot))
}
