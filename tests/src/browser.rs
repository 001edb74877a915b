//! Headless Chromium driven over WebDriver, for tests that click through what a person does.
//!
//! Each [`Browser`] starts its own `chromedriver` on a free port with a throwaway profile, so
//! tests run in parallel without sharing cookies. JavaScript can be switched off to prove that
//! every page works as plain HTML.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Whether the page may run scripts (and so hydrate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JavaScript {
    On,
    Off,
}

/// A phone held upright: most of Senda's users are on one.
pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1280, 900);

/// How long to wait for something to appear before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Browser {
    pub client: Client,
    javascript: JavaScript,
    driver: Child,
    profile: std::path::PathBuf,
}

impl Browser {
    pub async fn start(javascript: JavaScript, (width, height): (u32, u32)) -> Self {
        let port = free_port();
        let driver_binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&driver_binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {driver_binary} (install chromium-driver): {e}"));
        let webdriver = format!("http://127.0.0.1:{port}");
        wait_for_driver(&webdriver).await;

        let profile = std::env::temp_dir().join(format!("senda-chromium-{port}-{}", std::process::id()));
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/lib/chromium/chromium".into());
        let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        // Downloads land in the profile, where a test can find them.
        let downloads = profile.join("downloads");
        options["prefs"] = json!({
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
        });
        if javascript == JavaScript::Off {
            options["prefs"]["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .expect("chromedriver starts a Chromium session");
        // A page that takes longer than this to load has hung: fail instead of waiting forever.
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(None, Some(Duration::from_secs(60)), None);
        client.update_timeouts(timeouts).await.expect("set the page-load timeout");
        Self { client, javascript, driver, profile }
    }

    /// Waits until an element matching `css` is displayed, and returns it.
    pub async fn displayed(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && element.is_displayed().await.unwrap_or(false)
            {
                return element;
            }
            assert!(Instant::now() < deadline, "`{css}` was not displayed within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's path is `path` (after a form post and its redirect, say).
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.client.current_url().await.map(|url| url.path().to_owned()).ok().as_deref() != Some(path) {
            assert!(Instant::now() < deadline, "the browser did not reach {path} within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until an element matching `css` shows `needle` (a page replaced after a post, say),
    /// and returns its text.
    pub async fn displayed_with(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
                && text.contains(needle)
            {
                return text;
            }
            assert!(Instant::now() < deadline, "`{css}` did not show `{needle}` within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's address contains `part` (a query or fragment a redirect adds).
    pub async fn wait_for_address_with(&self, part: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.client.current_url().await.is_ok_and(|url| url.as_str().contains(part)) {
            assert!(
                Instant::now() < deadline,
                "the address did not come to contain {part} within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether an element matching `css` exists and is displayed right now.
    pub async fn is_displayed(&self, css: &str) -> bool {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        }
    }

    /// The `lang` of the page's root element, read without running a script.
    pub async fn page_language(&self) -> String {
        self.client
            .find(Locator::Css("html"))
            .await
            .expect("html element")
            .attr("lang")
            .await
            .expect("read lang")
            .unwrap_or_default()
    }

    /// Waits for a download whose name ends with `suffix` to finish, and returns its bytes.
    pub async fn downloaded(&self, suffix: &str) -> Vec<u8> {
        let folder = self.profile.join("downloads");
        let deadline = Instant::now() + PATIENCE;
        loop {
            let finished = std::fs::read_dir(&folder).ok().and_then(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .find(|path| path.to_string_lossy().ends_with(suffix))
            });
            if let Some(path) = finished
                && let Ok(bytes) = std::fs::read(&path)
                && !bytes.is_empty()
            {
                return bytes;
            }
            assert!(Instant::now() < deadline, "no `{suffix}` download within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Signs in as `email` with the demo password, through the sign-in page.
    pub async fn sign_in(&self, app: &crate::TestApp, email: &str) {
        self.client.goto(&app.url("/entrar")).await.unwrap();
        self.displayed("#email").await.send_keys(email).await.unwrap();
        self.displayed("#password").await.send_keys(crate::DEMO_PASSWORD).await.unwrap();
        self.displayed("form[action='/entrar'] button[type=submit]").await.click().await.unwrap();
        self.wait_for_path("/").await;
        self.settled().await;
    }

    /// Clicks the link (or button) matching `css` that loads another page, and waits until that
    /// page is there and settled: a second click sent too early would land on the page it left.
    pub async fn follow(&self, css: &str) {
        let from = self.client.current_url().await.unwrap();
        self.displayed(css).await.click().await.unwrap();
        let deadline = Instant::now() + PATIENCE;
        while self.client.current_url().await.is_ok_and(|url| url == from) {
            assert!(Instant::now() < deadline, "following `{css}` left {from} within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.settled().await;
    }

    /// Waits until the page has run its scripts, when it may run them: hydration folds the
    /// phone's navigation, which moves the page up, so a click sent before it lands where a link
    /// was and not where it is (a flaky CI run clicked nothing that way).
    pub async fn settled(&self) {
        if self.javascript == JavaScript::On {
            self.wait_for_hydration().await;
        }
    }

    /// Waits until the page is hydrated: the menu button loses its `hidden` only once the app
    /// runs (on a wide screen it stays out of sight even then, so it is not waited to show).
    pub async fn wait_for_hydration(&self) {
        let deadline = Instant::now() + PATIENCE;
        while self.client.find(Locator::Css("button.menu-toggle:not([hidden])")).await.is_err() {
            assert!(Instant::now() < deadline, "the page did not hydrate within {PATIENCE:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Ends the browser session; dropping the value then stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    // Also runs when a test fails half-way, so no driver outlives its test.
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

async fn wait_for_driver(webdriver: &str) {
    let deadline = Instant::now() + PATIENCE;
    let status = format!("{webdriver}/status");
    while reqwest::get(&status).await.map(|r| r.status().is_success()).ok() != Some(true) {
        assert!(Instant::now() < deadline, "chromedriver did not answer at {webdriver}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
