//! A real SMTP server for the delivery tests: Debian's python3-aiosmtpd on a free port,
//! writing what it receives to a Maildir.

use crate::eventually;
use std::time::Duration;

/// A real SMTP server (Debian's python3-aiosmtpd, writing a Maildir) receives the mail.
pub struct SmtpServer {
    child: std::process::Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("Maildir"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3-aiosmtpd (apt-get install python3-aiosmtpd; .ci/run installs it)");
        let up = eventually(Duration::from_secs(10), || async { tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() }).await;
        assert!(up, "the SMTP server did not start");
        SmtpServer { child, port, dir }
    }

    /// Stops the server: connections are refused from now on.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("Maildir").join("new");
        let Ok(entries) = std::fs::read_dir(new) else { return vec![] };
        entries.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
