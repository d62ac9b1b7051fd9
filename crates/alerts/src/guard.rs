//! The webhook HTTP client's guard against server-side request forgery. A webhook's URL is
//! chosen by a user (a subscription, a playbook's `webhook` action), so the client may connect
//! only to an address that was checked ([`pronto_domain::netaddr`]): its DNS resolver
//! ([`Guard`], a `reqwest::dns::Resolve`) resolves the name and refuses it when any of its
//! addresses is inside the network or reserved, and hands reqwest exactly the addresses it
//! checked (no second look-up that a rebinding DNS server could answer differently); an IP
//! literal, which reqwest connects to without asking the resolver, is checked by
//! [`check_url`]. Hosts on the operator's allow-list (`PRONTO_WEBHOOK_ALLOW`) are exempt. The
//! client follows no redirects and ignores proxy settings (a proxy would do its own look-up).

use pronto_domain::netaddr::{self, AllowList};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// A refusal by the guard: fatal for a delivery, never retried.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// The resolver of the webhook client.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allow: AllowList,
}

impl Guard {
    pub fn new(allow: AllowList) -> Guard {
        Guard { allow }
    }
}

/// Resolves `host` and checks every address; `Err(Refused)` when one is inside the network.
pub async fn resolve_checked(allow: &AllowList, host: &str, port: u16) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port)).await?.collect();
    for a in &addrs {
        netaddr::check(allow, host, a.ip()).map_err(Refused)?;
    }
    if addrs.is_empty() {
        return Err(format!("{host} has no address").into());
    }
    Ok(addrs)
}

impl Resolve for Guard {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            // Port 0: reqwest puts the URL's port in.
            let addrs = resolve_checked(&allow, &host, 0).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Checks a URL whose host is an IP literal (reqwest does not resolve those); a name is left to
/// the resolver.
pub fn check_url(allow: &AllowList, url: &reqwest::Url) -> Result<(), Refused> {
    let host = url.host_str().ok_or_else(|| Refused("a webhook URL needs a host".into()))?;
    match host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
        Ok(ip) => netaddr::check(allow, host, ip).map_err(Refused),
        Err(_) => Ok(()),
    }
}

/// The refusal inside a failed request's chain of causes, if the guard refused it.
pub fn refusal(e: &(dyn std::error::Error + 'static)) -> Option<Refused> {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(r) = c.downcast_ref::<Refused>() {
            return Some(r.clone());
        }
        cause = c.source();
    }
    None
}

/// The HTTP client for webhooks: TLS with the system's roots, the guarded resolver, no
/// redirects, no proxy, bounded timeouts.
pub fn webhook_client(allow: AllowList) -> reqwest::Client {
    crate::install_tls();
    reqwest::Client::builder()
        .dns_resolver(Arc::new(Guard::new(allow)))
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(15))
        .tcp_nodelay(true)
        .build()
        .expect("the webhook client's settings are valid")
}
