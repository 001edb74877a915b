//! `senda` as a process of its own: the binary `cargo test --workspace` builds, started, signed
//! into and killed by the tests of what only a real process shows (a crash, several instances).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{DEMO_PASSWORD, TestDatabase, shipped_assessments};

/// The `senda` binary that `cargo test --workspace` builds beside this test binary.
fn senda_binary() -> PathBuf {
    let deps = std::env::current_exe().expect("the test binary's path");
    let binary = deps.parent().and_then(|deps| deps.parent()).expect("target/<profile>").join("senda");
    assert!(binary.is_file(), "{} is missing: build it with `cargo build -p server`", binary.display());
    binary
}

/// The `senda` command over `database`, with nothing of the caller's environment.
pub fn senda(database: &TestDatabase) -> Command {
    let mut command = Command::new(senda_binary());
    command
        .env_clear()
        .env("DATABASE_URL", database.url.as_str())
        .env("SENDA_ASSESSMENTS_DIR", shipped_assessments())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A `senda serve` process on a free port, answering its health check.
pub struct Served {
    pub process: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Served {
    /// The absolute URL of `path` on this instance.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn start(database: &TestDatabase) -> Self {
        Self::start_with(database, &[]).await
    }

    /// Starts one with `environment` added (an SMTP relay, say).
    pub async fn start_with(database: &TestDatabase, environment: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let process = senda(database)
            .args(["serve", "--plain-http", "--addr", &format!("127.0.0.1:{port}")])
            .envs(environment.iter().copied())
            .spawn()
            .expect("start senda serve");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while reqwest::get(format!("{base}/healthz")).await.is_err() {
            assert!(Instant::now() < deadline, "senda serve did not answer on {base}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Self { process, base }
    }

    /// A client signed in as `email`, with its own cookies.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let reply = client
            .post(format!("{}/entrar", self.base))
            .form(&[("email", email), ("password", DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(reply.headers()["location"], "/");
        client
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
