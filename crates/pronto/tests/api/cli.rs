//! The command line: `migrate`, `user add`, `token create` (on both engines), configuration
//! precedence (flag > env > file > default), a configuration error's message, and a clean
//! exit on SIGINT.

use std::process::{Command, Output, Stdio};
use std::time::Duration;
use testkit::both;
use testkit::{Engine, Options, Storage, spawn_app_on};

/// `pronto ARGS…` on `storage`, with no `PRONTO_*` from the outer environment.
pub(crate) fn pronto(storage: &Storage, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pronto"));
    cmd.args(args).arg("--data-dir").arg(storage.dir.path());
    if let Some(url) = &storage.database_url {
        cmd.arg("--database-url").arg(url);
    }
    for (k, _) in std::env::vars() {
        if k.starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    cmd.current_dir(storage.dir.path()).stdin(Stdio::null()).output().expect("run pronto")
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

both!(admin_commands, demo_fills_an_empty_database);

async fn admin_commands(engine: Engine) {
    let storage = Storage::new(engine);

    let first = pronto(&storage, &["migrate"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("applied migrations [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "), "{}", text(&first.stdout));
    // Issue 19's migrations (each helper's own number); 17 is the company's profile.
    assert!(text(&first.stdout).contains(", 17"), "{}", text(&first.stdout));
    let again = pronto(&storage, &["migrate"]);
    assert!(text(&again.stdout).contains("up to date"), "{}", text(&again.stdout));

    let add =
        pronto(&storage, &["user", "add", "--login", "Jana", "--name", "Jana Nováková", "--role", "consultant", "--phone", "777 123 456"]);
    assert!(add.status.success(), "{}", text(&add.stderr));
    let out = text(&add.stdout);
    assert!(out.contains("created user jana"), "{out}");
    let password = out.lines().find_map(|l| l.strip_prefix("password: ")).expect("a generated password is printed");
    assert!(password.split(' ').next().unwrap().len() >= 10, "{out}");

    let dup = pronto(&storage, &["user", "add", "--login", "jana", "--name", "Other", "--role", "manager"]);
    assert!(!dup.status.success());
    assert!(text(&dup.stderr).contains("taken"), "{}", text(&dup.stderr));
    let bad = pronto(&storage, &["user", "add", "--login", "petr", "--name", "Petr", "--role", "boss"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("--role"), "{}", text(&bad.stderr));
    let weak = pronto(&storage, &["user", "add", "--login", "eva", "--name", "Eva", "--role", "secretary", "--password", "short"]);
    assert!(!weak.status.success());
    assert!(text(&weak.stderr).contains("--password"), "{}", text(&weak.stderr));

    let tok = pronto(&storage, &["token", "create", "--user", "jana"]);
    assert!(tok.status.success(), "{}", text(&tok.stderr));
    let token = text(&tok.stdout).trim().lines().last().unwrap().to_owned();
    assert!(token.starts_with("pronto_"), "{token}");
    let none = pronto(&storage, &["token", "create", "--user", "nobody"]);
    assert!(!none.status.success());
    assert!(text(&none.stderr).contains("no user `nobody`"), "{}", text(&none.stderr));

    // The server sees what the CLI wrote; the token works and is Jana's.
    let app = spawn_app_on(storage, Options::default()).await;
    let me = app.get_as(&token, "/api/v1/me").await.expect(200);
    assert_eq!(me["login"], "jana");
    assert_eq!(me["role"], "consultant");
    assert_eq!(me["phone"], "+420777123456");
    let users = app.get("/api/v1/users").await.expect(200);
    let logins: Vec<_> = users["items"].as_array().unwrap().iter().map(|u| u["login"].as_str().unwrap().to_owned()).collect();
    assert_eq!(logins, ["admin", "jana"], "the first admin came first, nothing else was created");
    // What the command line did is in the audit log.
    let audit = app.get("/api/v1/audit").await.expect(200);
    let kinds: Vec<_> =
        audit["items"].as_array().unwrap().iter().map(|r| (r["kind"].as_str().unwrap(), r["detail"]["via"].as_str())).collect();
    assert_eq!(kinds, [("token.created", Some("cli")), ("user.created", Some("cli"))], "{audit}");
}

/// Starts `pronto serve` with `args` and `env`, returns the address it announced, then stops it
/// with SIGINT and checks the exit is clean.
async fn announced(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
    use tokio::io::AsyncBufReadExt;
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_pronto"));
    cmd.arg("serve").args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child =
        cmd.current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).kill_on_drop(true).spawn().expect("spawn");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(a) = line.strip_prefix("listening on http://") {
                return a.to_owned();
            }
        }
        panic!("no `listening on` line");
    })
    .await
    .expect("started in time");
    let pid = child.id().unwrap().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait()).await.expect("stops in time").unwrap();
    assert!(status.success(), "SIGINT should end pronto cleanly, got {status}");
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_precedence_flag_env_file_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pronto.toml");
    std::fs::write(&file, "listen = \"127.0.0.3:0\"\n").unwrap();
    let cfg = file.to_str().unwrap();

    let from_file = announced(dir.path(), &["--config", cfg], &[]).await;
    assert!(from_file.starts_with("127.0.0.3:"), "{from_file}");
    let from_env = announced(dir.path(), &["--config", cfg], &[("PRONTO_LISTEN", "127.0.0.2:0")]).await;
    assert!(from_env.starts_with("127.0.0.2:"), "env beats file: {from_env}");
    let from_flag = announced(dir.path(), &["--config", cfg, "--listen", "127.0.0.4:0"], &[("PRONTO_LISTEN", "127.0.0.2:0")]).await;
    assert!(from_flag.starts_with("127.0.0.4:"), "flag beats env: {from_flag}");
    // No configuration at all: the default data directory appears in the working directory.
    let bare = tempfile::tempdir().unwrap();
    let _ = announced(bare.path(), &["--listen", "127.0.0.1:0"], &[]).await;
    assert!(bare.path().join("pronto-data").join("pronto.db").exists(), "default data dir ./pronto-data");
}

#[test]
fn a_bad_configuration_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:0\"\n\nlisen = \"typo\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pronto"))
        .args(["serve", "--config", file.to_str().unwrap()])
        .env_remove("PRONTO_LISTEN")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("lisen") && err.contains("line 3"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_pronto")).args(["serve", "--clock", "sundial"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("sundial"), "{}", text(&out.stderr));
    // The scheduled reports' times and recipients are checked at start, each named.
    let reports = dir.path().join("reports.toml");
    std::fs::write(&reports, "[reports]\nsecretary = \"25:00\"\nrecipients = [\"boss\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pronto"))
        .args(["serve", "--config", reports.to_str().unwrap()])
        .env_remove("PRONTO_REPORTS_SECRETARY_AT")
        .env_remove("PRONTO_REPORTS_TO")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("reports.secretary") && err.contains("25:00") && err.contains("reports.recipients"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_pronto"))
        .args(["serve"])
        .env("PRONTO_REPORTS_SALES_AT", "half past seven")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("reports.sales"), "{}", text(&out.stderr));
}

/// `pronto demo` fills an empty database through the store's commands — leads, answers,
/// stages, with the history's alerts marked sent — and refuses one that has leads; a server
/// started on it then reports every lead.
async fn demo_fills_an_empty_database(engine: Engine) {
    let storage = Storage::new(engine);
    let out = pronto(&storage, &["demo", "--leads", "150", "--days", "3"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("150 leads and"), "{}", text(&out.stdout));
    let again = pronto(&storage, &["demo", "--leads", "10", "--days", "1"]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already has leads"), "{}", text(&again.stderr));
    let zero = pronto(&storage, &["demo", "--leads", "0"]);
    assert!(!zero.status.success() && text(&zero.stderr).contains("--leads"), "{}", text(&zero.stderr));

    let app = spawn_app_on(storage, Options::default()).await;
    let from = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 5)).to_string();
    let r = app.get(&format!("/api/v1/reports/response-time?from={from}&group_by=all")).await.expect(200);
    assert_eq!(r["total"]["leads"], 150, "{r}");
    assert!(r["total"]["responded"].as_i64().unwrap() > 100, "most are answered: {r}");
    // The funnel is one playbook's (its stages); the demo's leads run on two.
    let f = app.get(&format!("/api/v1/reports/funnel?from={from}&group_by=all")).await.expect(200);
    let d = app.get(&format!("/api/v1/reports/funnel?from={from}&group_by=all&playbook=distributor")).await.expect(200);
    assert_ne!(f["playbook"], d["playbook"], "{f}");
    let closed = |t: &serde_json::Value| t["won"].as_i64().unwrap() + t["lost"].as_i64().unwrap() + t["open"].as_i64().unwrap();
    assert!(closed(&d["total"]) > 0, "{d}");
    assert_eq!(closed(&f["total"]) + closed(&d["total"]), 150, "{f} {d}");
    let t = &f["total"];
    assert!(t["reached"][1].as_i64().unwrap() > 0, "leads moved on: {t}");
    // The history's alerts (hundreds) were marked sent, not queued to go out now; a few new
    // ones may come from timers falling due since the demo ended.
    let sent = app.get("/api/v1/notifications?status=sent&limit=1000").await.expect(200);
    let queued = app.get("/api/v1/notifications?status=queued&limit=1000").await.expect(200);
    let (sent, queued) = (sent["items"].as_array().unwrap().len(), queued["items"].as_array().unwrap().len());
    assert!(sent >= 150 && queued < 20, "sent {sent}, queued {queued}");
}

/// The README's "Try Pronto on demo data": its two `cargo run --release -- …` commands, run
/// as written (with the binary the tests built) in an empty directory. The first fills
/// ./pronto-data and prints admin's password; the second serves it, and says at start that a
/// `PRONTO_ADMIN_PASSWORD` given now does not change the existing admin; the demo's password
/// signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_tries_pronto_on_demo_data_in_two_commands() {
    use tokio::io::AsyncBufReadExt;
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split("**Try Pronto on demo data**").nth(1).expect("the README's demo section");
    let commands: Vec<Vec<&str>> = section
        .lines()
        .take_while(|l| !l.starts_with("`demo` refuses"))
        .filter_map(|l| l.strip_prefix("cargo run --release -- "))
        .map(|l| l.split('#').next().unwrap().split_whitespace().collect())
        .collect();
    assert_eq!(commands.len(), 2, "two commands: {commands:?}");
    assert_eq!(commands[0][0], "demo");
    assert_eq!(commands[1], ["serve"]);
    let dir = tempfile::tempdir().unwrap();
    let clean = |cmd: &mut Command| {
        for (k, _) in std::env::vars() {
            if k.starts_with("PRONTO_") {
                cmd.env_remove(k);
            }
        }
    };
    let mut demo = Command::new(env!("CARGO_BIN_EXE_pronto"));
    clean(&mut demo);
    let out = demo.args(&commands[0]).current_dir(dir.path()).stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let stdout = text(&out.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("created user `admin` with password "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("the demo prints admin's password: {stdout}"))
        .to_owned();
    assert!(dir.path().join("pronto-data").join("pronto.db").exists());

    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_pronto"));
    for (k, _) in std::env::vars() {
        if k.starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    cmd.args(&commands[1]).args(["--listen", "127.0.0.1:0"]).env("PRONTO_ADMIN_PASSWORD", "a different password 123");
    let mut child =
        cmd.current_dir(dir.path()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).kill_on_drop(true).spawn().unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    let addr = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(a) = line.strip_prefix("listening on ") {
                return a.to_owned();
            }
            said.push(line);
        }
        panic!("no `listening on` line: {said:?}");
    })
    .await
    .expect("started in time");
    assert!(
        said.iter().any(|l| l.starts_with("PRONTO_ADMIN_PASSWORD is set but the admin `admin` exists already: the password was not changed")),
        "{said:?}"
    );
    let client = testkit::client();
    let login = |p: String| {
        let (client, addr) = (client.clone(), addr.clone());
        async move {
            let r = client.post(format!("{addr}/login")).header("origin", &addr).form(&[("login", "admin"), ("password", p.as_str())]);
            r.send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(login(password).await, 303, "the demo's password signs in");
    assert_ne!(login("a different password 123".into()).await, 303, "the ignored one does not");
    let leads = client.get(format!("{addr}/")).send().await.unwrap();
    assert!(leads.status().as_u16() < 500);
    let pid = child.id().unwrap().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let _ = tokio::time::timeout(Duration::from_secs(30), child.wait()).await;
}
