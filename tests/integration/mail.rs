//! The daily digest goes out through the database's outbox: a relay that is down gets it later,
//! and a restart neither loses it nor sends it twice. Real `senda serve` processes and a relay
//! in the test that speaks just enough SMTP.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use senda_tests::demo::{ADVISOR, ASSOCIATION_ADMIN, MILL_ADMIN, MILL_MEMBER};
use senda_tests::process::{Served, senda};
use senda_tests::{DEMO_PASSWORD, TestDatabase};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Mail the relay took, by recipient.
type Received = Arc<Mutex<HashMap<String, Vec<String>>>>;

/// A mail relay on `port` that takes every mail and keeps it.
async fn relay(port: u16) -> (Received, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("the relay's port");
    let received = Received::default();
    let kept = received.clone();
    let task = tokio::spawn(async move {
        while let Ok((connection, _)) = listener.accept().await {
            tokio::spawn(converse(connection, kept.clone()));
        }
    });
    (received, task)
}

/// One SMTP conversation: greeting, envelope, data, quit.
async fn converse(connection: tokio::net::TcpStream, received: Received) {
    let (reading, mut writing) = connection.into_split();
    let mut lines = BufReader::new(reading).lines();
    let _ = writing.write_all(b"220 relay.test ESMTP\r\n").await;
    let (mut recipients, mut data, mut in_data) = (Vec::new(), String::new(), false);
    while let Ok(Some(line)) = lines.next_line().await {
        if in_data {
            if line == "." {
                in_data = false;
                for recipient in recipients.drain(..) {
                    received.lock().unwrap().entry(recipient).or_default().push(data.clone());
                }
                data.clear();
                let _ = writing.write_all(b"250 2.0.0 queued\r\n").await;
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let command = line.to_ascii_uppercase();
        let answer: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 relay.test\r\n"
        } else if command.starts_with("RCPT TO:") {
            let address = line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_owned();
            recipients.push(address);
            b"250 2.1.5 ok\r\n"
        } else if command.starts_with("DATA") {
            in_data = true;
            b"354 go ahead\r\n"
        } else if command.starts_with("QUIT") {
            let _ = writing.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 ok\r\n"
        };
        let _ = writing.write_all(answer).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "{what} did not happen within a minute");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_digest_waits_for_a_relay_that_is_down_and_goes_out_once_across_restarts() {
    let database = TestDatabase::create().await;
    let demo = senda(&database).args(["demo"]).env("SENDA_DEMO_PASSWORD", DEMO_PASSWORD).status().unwrap();
    assert!(demo.success(), "senda demo");
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let mail = [("SENDA_SMTP_URL", url.as_str()), ("SENDA_MAIL_EVERY_SECONDS", "1")];

    // The relay is down: the digests are written and their sending fails, and is kept.
    let store = server::Store::connect(&database.url).await.unwrap();
    let served = Served::start_with(&database, &mail).await;
    let tried = async || store.due_mail(chrono::Utc::now() + chrono::Duration::days(1), 100).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !tried().await.iter().any(|mail| mail.attempts > 0) {
        assert!(Instant::now() < deadline, "no attempt to send within a minute");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(served);
    let waiting: Vec<String> = tried().await.into_iter().map(|mail| mail.recipient).collect();
    for person in [MILL_MEMBER, MILL_ADMIN, ADVISOR] {
        assert!(waiting.iter().any(|r| r == person), "a digest for {person}: {waiting:?}");
    }
    assert!(!waiting.iter().any(|r| r == ASSOCIATION_ADMIN), "nothing waits for the association");

    // The relay is up and the server starts again: each digest goes out, once.
    let (received, relay_task) = relay(port).await;
    let served = Served::start_with(&database, &mail).await;
    let all_sent = || waiting.iter().all(|person| received.lock().unwrap().contains_key(person));
    until("every digest sent", all_sent).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    drop(served);
    let _served_again = Served::start_with(&database, &mail).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = received.lock().unwrap().clone();
    relay_task.abort();
    for person in &waiting {
        assert_eq!(received[person].len(), 1, "{person} got their digest once: {received:?}");
    }
    assert_eq!(received.len(), waiting.len(), "nobody else got mail: {received:?}");
    let to_staff = &received[MILL_MEMBER][0];
    assert!(to_staff.contains("Senda: lo que le espera hoy"), "{to_staff}");
    assert!(!to_staff.contains("Recibos firmados"), "what was written stays in Senda: {to_staff}");
    assert!(tried().await.is_empty(), "the outbox holds nothing unsent");
}
