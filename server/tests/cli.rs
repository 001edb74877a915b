//! The `senda` binary as a person runs it from a shell.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn senda() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_senda"));
    // The environment of the developer running the tests must not leak into them.
    for setting in [
        "DATABASE_URL",
        "SENDA_ADDR",
        "LEPTOS_SITE_ROOT",
        "SENDA_ASSESSMENTS_DIR",
        "SENDA_PASSWORD",
        "SENDA_DEMO_PASSWORD",
        "SENDA_PLAIN_HTTP",
        "SENDA_TRUSTED_PROXIES",
    ] {
        command.env_remove(setting);
    }
    command
}

fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("senda-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    folder
}

#[test]
fn version_and_help_describe_the_command() {
    let version = senda().arg("--version").output().unwrap();
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("senda {}", env!("CARGO_PKG_VERSION"))
    );

    let help = senda().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for expected in ["serve", "migrate", "--addr", "SENDA_ADDR", "--database-url", "DATABASE_URL"] {
        assert!(help.contains(expected), "--help does not mention {expected}:\n{help}");
    }
}

#[test]
fn migrate_creates_the_sqlite_database_with_its_folder() {
    let folder = temp_folder("migrate");
    let output = senda()
        .args(["migrate", "--database-url"])
        .arg(format!("sqlite://{}/data/senda.db", folder.display()))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("up to date"));
    assert!(folder.join("data/senda.db").is_file());
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn a_bad_database_url_is_refused_with_a_clear_message() {
    let output = senda().args(["migrate", "--database-url", "mysql://localhost/senda"]).output().unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("expected a URL starting with sqlite: or postgres://")
    );
}

#[test]
fn with_no_subcommand_it_serves_taking_its_settings_from_the_environment() {
    let folder = temp_folder("serve");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = senda()
        .current_dir(folder.parent().unwrap())
        .env("SENDA_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", format!("sqlite://{}/data/senda.db", folder.display()))
        .env("SENDA_ASSESSMENTS_DIR", shipped_assessments())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let reply = health_once_serving(port);
    let _ = server.kill();
    let _ = server.wait();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains(r#""database":"ok""#), "{reply}");
    assert!(folder.join("data/senda.db").is_file());
    let _ = std::fs::remove_dir_all(folder);
}

/// The health check's answer, once the server on `port` gives one (within 20 seconds).
fn health_once_serving(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(reply) = http_get(port, "/healthz") {
            return reply;
        }
        assert!(Instant::now() < deadline, "senda did not answer on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A bare HTTP/1.1 GET, enough for a health check.
fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    Some(reply)
}

#[test]
fn demo_prints_one_line_per_account_and_running_it_twice_changes_nothing() {
    let folder = temp_folder("demo");
    let url = format!("sqlite://{}/data/senda.db", folder.display());
    let run = || {
        senda()
            .args(["demo", "--database-url", &url])
            .env("SENDA_DEMO_PASSWORD", "zafra-de-prueba-2026")
            .env("SENDA_ASSESSMENTS_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/../assessments"))
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let stdout = String::from_utf8_lossy(&first.stdout);
    let accounts: Vec<_> =
        stdout.lines().filter(|line| line.contains("@") && line.contains("demo")).collect();
    assert_eq!(accounts.len(), 10, "{stdout}");
    for role in [
        "platform_admin",
        "company_admin",
        "company_member",
        "association_admin",
        "association_viewer",
        "advisor",
    ] {
        assert!(accounts.iter().any(|line| line.starts_with(role)), "no {role} line:\n{stdout}");
    }
    let second = run();
    assert!(second.status.success());
    assert_eq!(String::from_utf8_lossy(&second.stdout), stdout, "a second run reports the same accounts");
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn admin_create_user_refuses_a_short_password_and_creates_a_platform_admin() {
    let folder = temp_folder("create-user");
    let url = format!("sqlite://{}/data/senda.db", folder.display());
    let short = senda()
        .args([
            "admin",
            "create-user",
            "--email",
            "ana@senda.mx",
            "--name",
            "Ana",
            "--password",
            "corta",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));

    let created = senda()
        .args(["admin", "create-user", "--email", "Ana@Senda.mx", "--name", "Ana", "--database-url", &url])
        .env("SENDA_PASSWORD", "una frase larga y segura")
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    assert!(String::from_utf8_lossy(&created.stdout).contains("ana@senda.mx"));
    let again = senda()
        .args(["admin", "create-user", "--email", "ana@senda.mx", "--name", "Ana", "--database-url", &url])
        .env("SENDA_PASSWORD", "una frase larga y segura")
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let _ = std::fs::remove_dir_all(folder);
}

/// The shipped assessments folder.
fn shipped_assessments() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assessments")
}

/// A scratch copy of the shipped catalog and questionnaires.
fn copy_of_shipped_assessments(name: &str) -> PathBuf {
    let folder = temp_folder(name);
    let questionnaires = folder.join("questionnaires/agro-laboral");
    std::fs::create_dir_all(&questionnaires).unwrap();
    for file in ["requirements.toml", "parameters.toml"] {
        std::fs::copy(shipped_assessments().join(file), folder.join(file)).unwrap();
    }
    for version in std::fs::read_dir(shipped_assessments().join("questionnaires/agro-laboral")).unwrap() {
        let version = version.unwrap().path();
        std::fs::copy(&version, questionnaires.join(version.file_name().unwrap())).unwrap();
    }
    folder
}

#[test]
fn assessments_check_accepts_the_shipped_questionnaires() {
    let output = senda().args(["assessments", "check"]).arg(shipped_assessments()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("no problems") && stdout.contains("agro-laboral@1"), "{stdout}");
}

#[test]
fn assessments_check_prints_every_problem_as_file_line_message_and_fails() {
    let folder = copy_of_shipped_assessments("check");
    let catalog = folder.join("requirements.toml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    let broken_line = text.lines().position(|line| line.starts_with("severity =")).unwrap() + 1;
    std::fs::write(&catalog, text.replacen("severity = \"", "severity = \"very-", 1)).unwrap();

    let output = senda().args(["assessments", "check"]).arg(&folder).output().unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = format!("{}:{broken_line}: ", catalog.display());
    assert!(
        stdout.lines().any(|line| line.starts_with(&expected)),
        "no line starts with {expected:?}:\n{stdout}"
    );
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn assessments_diff_lists_what_changed_between_two_versions() {
    let folder = copy_of_shipped_assessments("diff");
    let first = std::fs::read_to_string(folder.join("questionnaires/agro-laboral/1.toml")).unwrap();
    let second = first.replacen("version = 1", "version = 2", 1).replacen(
        "text = { es = \"",
        "text = { es = \"(Revisado) ",
        1,
    );
    std::fs::write(folder.join("questionnaires/agro-laboral/2.toml"), second).unwrap();

    let output = senda()
        .args(["assessments", "diff", "agro-laboral@1", "agro-laboral@2", "--assessments-dir"])
        .arg(&folder)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("Added (0)") && stdout.contains("Removed (0)"), "{stdout}");
    assert!(stdout.contains("Changed (1)") && stdout.contains("text"), "{stdout}");

    let missing = senda()
        .args(["assessments", "diff", "agro-laboral@1", "agro-laboral@9", "--assessments-dir"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no questionnaire agro-laboral@9"));
    let _ = std::fs::remove_dir_all(folder);
}

/// A bare HTTP/1.1 POST of a form, enough to sign in; returns the whole answer.
fn http_post_form(port: u16, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

#[test]
fn a_backup_taken_while_serving_restores_what_was_there_and_a_broken_file_changes_nothing() {
    let folder = temp_folder("backup");
    let url = format!("sqlite://{}/data/senda.db", folder.display());
    let demo = senda()
        .args(["demo", "--database-url", &url])
        .env("SENDA_DEMO_PASSWORD", "zafra-de-prueba-2026")
        .env("SENDA_ASSESSMENTS_DIR", shipped_assessments())
        .output()
        .unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));

    // Serving, and written to while the copy is taken: a sign-in writes a session and log lines.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = senda()
        .args(["serve", "--plain-http", "--addr", &format!("127.0.0.1:{port}"), "--database-url", &url])
        .env("SENDA_ASSESSMENTS_DIR", shipped_assessments())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    health_once_serving(port);
    let sign_in = "email=admin%40ingenio.demo.senda.mx&password=zafra-de-prueba-2026";
    assert!(http_post_form(port, "/entrar", sign_in).contains("location: /\r\n"));
    let copy = folder.join("copia.db");
    let backup = senda().args(["backup", copy.to_str().unwrap(), "--database-url", &url]).output().unwrap();
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    let again = senda().args(["backup", copy.to_str().unwrap(), "--database-url", &url]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"), "a copy is never overwritten");
    let _ = server.kill();
    let _ = server.wait();

    // After the copy, the database changes: a new platform admin.
    let created = platform_admin(&url, "nueva@senda.mx");
    assert!(created.status.success());

    // A file that is not a database is refused, and the database is left as it was.
    let broken = folder.join("rota.db");
    std::fs::write(&broken, b"esto no es una base de datos").unwrap();
    let refused =
        senda().args(["restore", broken.to_str().unwrap(), "--database-url", &url]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a whole Senda database"));
    let exists = platform_admin(&url, "nueva@senda.mx");
    assert!(String::from_utf8_lossy(&exists.stderr).contains("exists already"), "the database is untouched");

    // The copy restores the state it was taken in: the demo is there, the later admin is not.
    let restored =
        senda().args(["restore", copy.to_str().unwrap(), "--database-url", &url]).output().unwrap();
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert!(folder.join("data/senda.before-restore").is_file(), "the replaced database is kept");
    let twice = senda().args(["restore", copy.to_str().unwrap(), "--database-url", &url]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("move it away first"),
        "the kept one is never overwritten"
    );
    let created_again = platform_admin(&url, "nueva@senda.mx");
    assert!(created_again.status.success(), "the later admin is not in the copy");
    let demo_admin = platform_admin(&url, "admin@ingenio.demo.senda.mx");
    assert!(
        String::from_utf8_lossy(&demo_admin.stderr).contains("exists already"),
        "the demo is in the copy"
    );
    let _ = std::fs::remove_dir_all(folder);
}

/// `senda admin create-user` of a platform admin called Nueva with the address `email`.
fn platform_admin(url: &str, email: &str) -> std::process::Output {
    senda()
        .args(["admin", "create-user", "--email", email, "--name", "Nueva", "--database-url", url])
        .env("SENDA_PASSWORD", "una frase larga y segura")
        .output()
        .unwrap()
}

/// A translator's round trip: export a version's texts as PO, translate two of them, import the
/// file (it lands beside the version, which stays the same version), and `check` reports the
/// coverage. `qaa` is a tag reserved for local use: the test translation is no real language.
#[test]
fn a_translator_exports_a_versions_texts_imports_them_translated_and_check_reports_coverage() {
    let folder = copy_of_shipped_assessments("strings");
    let exported = folder.join("agro-laboral-3.qaa.po");
    let output = senda()
        .args(["assessments", "export-strings", "agro-laboral@3", "qaa", "--out"])
        .arg(&exported)
        .arg("--assessments-dir")
        .arg(&folder)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let po = std::fs::read_to_string(&exported).unwrap();
    assert!(po.contains("\"Language: qaa\\n\"") && po.contains("msgctxt \"title\""), "{po}");

    // Translate the title and the first question's text.
    let mut translated = po.clone();
    for key in ["title", "question.perfil.sector.text"] {
        let at = translated.find(&format!("msgctxt \"{key}\"\n")).unwrap();
        let empty = at + translated[at..].find("msgstr \"\"").unwrap();
        translated.replace_range(empty..empty + "msgstr \"\"".len(), "msgstr \"(prueba de traducción)\"");
    }
    std::fs::write(&exported, &translated).unwrap();
    let import = |file: &PathBuf| {
        senda()
            .args(["assessments", "import-strings", "agro-laboral@3"])
            .arg(file)
            .arg("--assessments-dir")
            .arg(&folder)
            .output()
            .unwrap()
    };
    let output = import(&exported);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("2 texts translated into qaa"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(folder.join("questionnaires/agro-laboral/3.qaa.po")).unwrap(),
        translated
    );

    let check = senda().args(["assessments", "check"]).arg(&folder).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(report.contains("qaa 2 of"), "coverage per language: {report}");

    // A translation of a text the version does not have is refused with its file and line.
    let wrong = folder.join("wrong.qaa.po");
    std::fs::write(
        &wrong,
        translated.replacen("msgctxt \"title\"\nmsgid \"", "msgctxt \"title\"\nmsgid \"Otro ", 1),
    )
    .unwrap();
    let line = translated.lines().position(|l| l == "msgctxt \"title\"").unwrap() + 1;
    let output = import(&wrong);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains(&format!("wrong.qaa.po:{line}: `title` translates a Spanish text")), "{stderr}");

    // Put beside the version by hand, the server would leave it out; `check` refuses it.
    std::fs::copy(&wrong, folder.join("questionnaires/agro-laboral/3.qaa.po")).unwrap();
    let check = senda().args(["assessments", "check"]).arg(&folder).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success(), "{report}");
    assert!(report.contains(&format!("3.qaa.po:{line}: `title` translates a Spanish text")), "{report}");
    let _ = std::fs::remove_dir_all(folder);
}
