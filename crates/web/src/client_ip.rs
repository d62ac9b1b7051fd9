//! Who the client is: the one place that turns a request's socket peer and `X-Forwarded-For`
//! into the client's IP address, for every per-IP decision of the HTTP edge (the web-form and
//! customer-page rate limits, the sign-in limiter).
//!
//! The header is only read when the connecting peer is a trusted proxy (`trusted_proxies`, or any
//! peer with the older `trust_forwarded_for = true`). It is then walked from the right — the
//! entries our own proxies appended — and the first address that is not a trusted proxy is the
//! client. The left-most entries are whatever the client chose to send and are never believed on
//! their own. A garbage entry stops the walk: what is left of it came from outside.
//!
//! The connection caps of `pronto serve` use the socket peer only, never this.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// Which connecting peers may tell us the client's address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    /// `trust_forwarded_for = true`: whoever connects is our proxy (one hop).
    pub any_peer: bool,
    /// `trusted_proxies`: addresses and networks of our proxies.
    pub nets: Vec<IpNet>,
}

impl TrustedProxies {
    /// Parses `10.0.0.1, 192.168.0.0/16, ::1` (commas or whitespace between entries).
    pub fn parse_list(text: &str) -> Result<Vec<IpNet>, String> {
        text.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).map(parse_net).collect()
    }

    /// Whether any peer is trusted at all (else the header is never read).
    pub fn enabled(&self) -> bool {
        self.any_peer || !self.nets.is_empty()
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|n| n.contains(&ip))
    }
}

/// One `trusted_proxies` entry: an address or a network in CIDR notation.
pub fn parse_net(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    if s.contains('/') {
        return s.parse::<IpNet>().map(|n| n.trunc()).map_err(|_| format!("`{s}` is not an IP address or network (CIDR, e.g. 10.0.0.0/8)"));
    }
    s.parse::<IpAddr>()
        .map(|ip| IpNet::from(canonical(ip)))
        .map_err(|_| format!("`{s}` is not an IP address or network (CIDR, e.g. 10.0.0.0/8)"))
}

/// `::ffff:1.2.3.4` is `1.2.3.4`: a dual-stack socket reports IPv4 peers that way.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// One `X-Forwarded-For` entry: `1.2.3.4`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`
/// or `1.2.3.4:443` (some proxies add the port). Anything else is garbage.
fn parse_entry(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())) {
            return None;
        }
        return inside.parse::<std::net::Ipv6Addr>().ok().map(|v6| canonical(IpAddr::V6(v6)));
    }
    s.parse::<SocketAddr>().ok().filter(SocketAddr::is_ipv4).map(|a| a.ip())
}

/// The client's address: `peer` unless it is a trusted proxy, else the right-most
/// `X-Forwarded-For` entry that is not one (`forwarded`: the header's values in the order
/// received; several headers are one list).
pub fn resolve(peer: IpAddr, forwarded: &[&str], proxies: &TrustedProxies) -> IpAddr {
    let peer = canonical(peer);
    if !(proxies.any_peer || proxies.contains(peer)) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded.iter().rev().flat_map(|v| v.rsplit(',')) {
        if entry.trim().is_empty() {
            continue;
        }
        match parse_entry(entry) {
            Some(ip) => {
                client = ip;
                if !proxies.contains(ip) {
                    break;
                }
            }
            // What is left of garbage was not written by our proxies.
            None => break,
        }
    }
    client
}

/// [`resolve`] for a request: the connection's peer (`None` without one: 0.0.0.0) and headers.
pub fn of_request(headers: &HeaderMap, peer: Option<SocketAddr>, proxies: &TrustedProxies) -> IpAddr {
    let Some(peer) = peer else { return IpAddr::from([0, 0, 0, 0]) };
    if !proxies.enabled() {
        return canonical(peer.ip());
    }
    let values: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    resolve(peer.ip(), &values, proxies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &str) -> TrustedProxies {
        TrustedProxies { any_peer: false, nets: TrustedProxies::parse_list(list).unwrap() }
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let any = TrustedProxies { any_peer: true, nets: vec![] };
        let lan = nets("10.0.0.0/8, 192.168.1.5");
        let v6 = nets("2001:db8:1::/48");
        let none = TrustedProxies::default();
        #[rustfmt::skip]
        let cases: &[(&str, &str, &[&str], &TrustedProxies, &str)] = &[
            // what, peer, X-Forwarded-For values, trusted, client
            ("no trust: the header is ignored", "203.0.113.9", &["1.1.1.1"], &none, "203.0.113.9"),
            ("peer not trusted: header ignored", "203.0.113.9", &["1.1.1.1"], &lan, "203.0.113.9"),
            ("one proxy, no header", "10.0.0.1", &[], &lan, "10.0.0.1"),
            ("one proxy", "10.0.0.1", &["198.51.100.7"], &lan, "198.51.100.7"),
            ("spoofed first entry", "10.0.0.1", &["6.6.6.6, 198.51.100.7"], &lan, "198.51.100.7"),
            ("spoofed first entries, any peer", "127.0.0.1", &["6.6.6.6, 7.7.7.7, 198.51.100.7"], &any, "198.51.100.7"),
            ("any peer trusts one hop only", "127.0.0.1", &["198.51.100.7, 10.0.0.2"], &any, "10.0.0.2"),
            ("chain of proxies", "10.0.0.1", &["198.51.100.7, 192.168.1.5, 10.0.0.3"], &lan, "198.51.100.7"),
            ("chain over several headers", "10.0.0.1", &["6.6.6.6, 198.51.100.7", "192.168.1.5"], &lan, "198.51.100.7"),
            ("every hop trusted: the left-most", "10.0.0.1", &["10.0.0.9, 10.0.0.3"], &lan, "10.0.0.9"),
            ("garbage left of the client is never reached", "10.0.0.1", &["junk, 198.51.100.7"], &lan, "198.51.100.7"),
            ("garbage where a hop should be: the last good hop", "10.0.0.1", &["198.51.100.7, junk, 10.0.0.3"], &lan, "10.0.0.3"),
            ("garbage only", "10.0.0.1", &["unknown"], &lan, "10.0.0.1"),
            ("empty entries are skipped", "10.0.0.1", &[" , 198.51.100.7 ,"], &lan, "198.51.100.7"),
            ("port on IPv4", "10.0.0.1", &["198.51.100.7:5555"], &lan, "198.51.100.7"),
            ("IPv6 client", "10.0.0.1", &["2001:db8:9::5"], &lan, "2001:db8:9::5"),
            ("bracketed IPv6 with port", "10.0.0.1", &["[2001:db8:9::5]:443"], &lan, "2001:db8:9::5"),
            ("bracket garbage", "10.0.0.1", &["[2001:db8:9::5]x"], &lan, "10.0.0.1"),
            ("IPv6 proxies", "2001:db8:1::1", &["6.6.6.6, 2001:db8:9::5, 2001:db8:1::2"], &v6, "2001:db8:9::5"),
            ("IPv6 peer not trusted", "2001:db8:2::1", &["198.51.100.7"], &v6, "2001:db8:2::1"),
            ("IPv4-mapped peer is IPv4", "::ffff:10.0.0.1", &["198.51.100.7"], &lan, "198.51.100.7"),
            ("IPv4-mapped entry is IPv4 and trusted", "10.0.0.1", &["198.51.100.7, ::ffff:10.0.0.4"], &lan, "198.51.100.7"),
        ];
        for (what, peer, values, proxies, want) in cases {
            assert_eq!(resolve(ip(peer), values, proxies), ip(want), "{what}");
        }
    }

    #[test]
    fn the_request_form_reads_every_header_and_needs_a_peer() {
        let lan = nets("10.0.0.0/8");
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", "6.6.6.6".parse().unwrap());
        h.append("x-forwarded-for", "198.51.100.7".parse().unwrap());
        let peer: SocketAddr = "10.1.2.3:4000".parse().unwrap();
        assert_eq!(of_request(&h, Some(peer), &lan), ip("198.51.100.7"));
        assert_eq!(of_request(&h, Some(peer), &TrustedProxies::default()), ip("10.1.2.3"));
        assert_eq!(of_request(&h, None, &lan), ip("0.0.0.0"));
    }

    #[test]
    fn the_setting_takes_addresses_and_networks() {
        let list = TrustedProxies::parse_list("10.0.0.0/8, 192.168.1.5 ::1\n2001:db8::/32, 172.16.5.4/12").unwrap();
        let shown: Vec<String> = list.iter().map(|n| n.to_string()).collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.168.1.5/32", "::1/128", "2001:db8::/32", "172.16.0.0/12"]);
        assert!(TrustedProxies::parse_list("").unwrap().is_empty());
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0", "1.2.3.4/x"] {
            let e = TrustedProxies::parse_list(bad).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
    }
}
