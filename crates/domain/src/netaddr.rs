//! Which network addresses a connection chosen by a user (a webhook's URL, a mailbox to test)
//! may reach: the decision, pure. Everything in the IANA IPv4 and IPv6 Special-Purpose Address
//! Registries that is not globally reachable (and a few blocks that are but have no business
//! receiving our requests: documentation, benchmarking, relays, anycast services) is refused,
//! and so is every IPv6 address outside global unicast `2000::/3`. Addresses that embed an
//! IPv4 address (IPv4-mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are
//! judged by that IPv4 address. The resolving and connecting live with the callers
//! (`pronto_alerts::guard`, `pronto_mail::imap`); they connect only to an address this allowed,
//! unless the operator allow-listed the host ([`AllowList`], `PRONTO_WEBHOOK_ALLOW`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 blocks refused: (network, prefix length, what it is).
const V4: &[(Ipv4Addr, u8, &str)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8, "\"this network\" (RFC 791)"),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private-use (RFC 1918)"),
    (Ipv4Addr::new(100, 64, 0, 0), 10, "shared address space / carrier-grade NAT (RFC 6598)"),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback (RFC 1122)"),
    (Ipv4Addr::new(169, 254, 0, 0), 16, "link-local, cloud metadata (RFC 3927)"),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "private-use (RFC 1918)"),
    (Ipv4Addr::new(192, 0, 0, 0), 24, "IETF protocol assignments (RFC 6890)"),
    (Ipv4Addr::new(192, 0, 2, 0), 24, "documentation TEST-NET-1 (RFC 5737)"),
    (Ipv4Addr::new(192, 31, 196, 0), 24, "AS112-v4 (RFC 7535)"),
    (Ipv4Addr::new(192, 52, 193, 0), 24, "AMT (RFC 7450)"),
    (Ipv4Addr::new(192, 88, 99, 0), 24, "deprecated 6to4 relay anycast (RFC 7526)"),
    (Ipv4Addr::new(192, 168, 0, 0), 16, "private-use (RFC 1918)"),
    (Ipv4Addr::new(192, 175, 48, 0), 24, "direct delegation AS112 service (RFC 7534)"),
    (Ipv4Addr::new(198, 18, 0, 0), 15, "benchmarking (RFC 2544)"),
    (Ipv4Addr::new(198, 51, 100, 0), 24, "documentation TEST-NET-2 (RFC 5737)"),
    (Ipv4Addr::new(203, 0, 113, 0), 24, "documentation TEST-NET-3 (RFC 5737)"),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast (RFC 5771)"),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "reserved (RFC 1112), incl. limited broadcast 255.255.255.255"),
];

/// IPv6 blocks refused inside global unicast `2000::/3` (everything outside it is refused too).
const V6: &[(Ipv6Addr, u8, &str)] = &[
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23, "IETF protocol assignments, incl. Teredo and ORCHIDv2 (RFC 2928)"),
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, "documentation (RFC 3849)"),
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, "documentation (RFC 9637)"),
];

/// IPv6 blocks outside `2000::/3`, named for a precise message.
const V6_NAMED: &[(Ipv6Addr, u8, &str)] = &[
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0), 128, "unspecified (RFC 4291)"),
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 1), 128, "loopback (RFC 4291)"),
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0), 96, "IPv4-compatible, deprecated (RFC 4291)"),
    (Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0), 48, "local-use IPv4/IPv6 translation (RFC 8215)"),
    (Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0), 64, "discard-only (RFC 6666)"),
    (Ipv6Addr::new(0x5f00, 0, 0, 0, 0, 0, 0, 0), 16, "segment routing SIDs (RFC 9602)"),
    (Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "unique-local (RFC 4193)"),
    (Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link-local (RFC 4291)"),
    (Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, "site-local, deprecated (RFC 3879)"),
    (Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast (RFC 4291)"),
];

fn in_v4(ip: Ipv4Addr, net: Ipv4Addr, len: u8) -> bool {
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    ip.to_bits() & mask == net.to_bits() & mask
}

fn in_v6(ip: Ipv6Addr, net: Ipv6Addr, len: u8) -> bool {
    let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
    ip.to_bits() & mask == net.to_bits() & mask
}

/// Why a connection to `ip` is refused (the special-purpose block it is in), or `None` for a
/// globally reachable unicast address.
pub fn special_purpose(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => V4.iter().find(|(net, len, _)| in_v4(v4, *net, *len)).map(|(_, _, why)| *why),
        IpAddr::V6(v6) => {
            // Addresses that carry an IPv4 address are judged by it.
            if let Some(v4) = embedded_v4(v6) {
                return special_purpose(IpAddr::V4(v4));
            }
            if let Some((_, _, why)) = V6_NAMED.iter().find(|(net, len, _)| in_v6(v6, *net, *len)) {
                return Some(why);
            }
            if !in_v6(v6, Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3) {
                return Some("not global unicast (outside 2000::/3)");
            }
            V6.iter().find(|(net, len, _)| in_v6(v6, *net, *len)).map(|(_, _, why)| *why)
        }
    }
}

/// The IPv4 address an IPv4-mapped (`::ffff:a.b.c.d`), NAT64 well-known-prefix
/// (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::/48`) address stands for.
fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = v6.to_bits();
    if in_v6(v6, Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, 0, 0), 96) || in_v6(v6, Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96) {
        return Some(Ipv4Addr::from_bits(bits as u32));
    }
    if in_v6(v6, Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16) {
        return Some(Ipv4Addr::from_bits((bits >> 80) as u32));
    }
    None
}

/// Hosts the operator allows although they are inside the network (`PRONTO_WEBHOOK_ALLOW`:
/// names or IP literals, compared without case, brackets or a trailing dot; an IP literal
/// also matches another spelling of the same address).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(Vec<String>);

fn normal(host: &str) -> String {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase();
    match h.parse::<IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => h,
    }
}

impl AllowList {
    pub fn new<S: AsRef<str>>(hosts: impl IntoIterator<Item = S>) -> AllowList {
        AllowList(hosts.into_iter().map(|h| normal(h.as_ref())).filter(|h| !h.is_empty()).collect())
    }

    /// Whether `host` (as it is written in the URL) is allow-listed.
    pub fn allows(&self, host: &str) -> bool {
        let h = normal(host);
        self.0.iter().any(|a| *a == h)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The decision for one resolved address of `host`: `Err(why)` when it must not be reached.
pub fn check(allow: &AllowList, host: &str, ip: IpAddr) -> Result<(), String> {
    if allow.allows(host) {
        return Ok(());
    }
    match special_purpose(ip) {
        None => Ok(()),
        Some(why) => Err(format!("{host} is {ip}, an address inside the network or reserved ({why}); refused")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_special_purpose_registries_are_refused() {
        let refused = [
            // IPv4, one or two per block, at both edges where it matters.
            "0.0.0.0",
            "0.255.255.255",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.255.254",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.1",
            "192.0.0.170",
            "192.0.2.1",
            "192.31.196.1",
            "192.52.193.1",
            "192.88.99.1",
            "192.168.1.1",
            "192.175.48.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            // IPv6.
            "::",
            "::1",
            "::7f00:1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:198.18.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "100::1",
            "2001::1",
            "2001:1ff:ffff::1",
            "2001:db8::1",
            "2002:7f00:1::1",
            "2002:a00:1::1",
            "3fff::1",
            "3fff:fff::1",
            "5f00::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "ff0e::1",
            "1::1",
            "4000::1",
        ];
        for ip in refused {
            assert!(special_purpose(ip.parse().unwrap()).is_some(), "{ip} must be refused");
        }
        let reachable = [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.0.3.1",
            "192.88.98.255",
            "192.169.0.1",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "93.184.216.34",
            "2606:4700::1111",
            "2a00:1450:4001::200e",
            "2001:200::1",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "3fff:1000::1",
        ];
        for ip in reachable {
            assert_eq!(special_purpose(ip.parse().unwrap()), None, "{ip} is globally reachable");
        }
    }

    #[test]
    fn the_allow_list_matches_names_and_any_spelling_of_an_address() {
        let allow = AllowList::new(["Hooks.Internal.", "127.0.0.1", "[::1]", " "]);
        for (host, allowed) in [
            ("hooks.internal", true),
            ("HOOKS.internal.", true),
            ("other.internal", false),
            ("127.0.0.1", true),
            ("127.0.0.2", false),
            ("[::1]", true),
            ("::1", true),
            ("[0:0::1]", true),
            ("localhost", false),
        ] {
            assert_eq!(allow.allows(host), allowed, "{host}");
        }
        assert!(check(&allow, "hooks.internal", "10.0.0.1".parse().unwrap()).is_ok());
        let e = check(&allow, "evil.example", "198.18.0.1".parse().unwrap()).unwrap_err();
        assert!(e.contains("198.18.0.1") && e.contains("benchmarking") && e.contains("inside the network"), "{e}");
        assert!(check(&AllowList::default(), "example.com", "93.184.216.34".parse().unwrap()).is_ok());
    }
}
