//! The request's context, built once per request after the session layer has said who is asking.

use std::net::{IpAddr, SocketAddr};

use app::service::RequestContext;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::auth::{self, AuthSession};

/// Builds the request's context once — the signed-in person's viewer, read fresh from the
/// database with their account by the session layer (memberships and all), the client's address,
/// the store and the questionnaire library — and puts it in the request's extensions for pages,
/// server functions and routes alike. Keeps a signed-in session alive (see [`auth::keep_alive`]).
pub async fn attach_request_context(
    State(state): State<AppState>,
    auth: AuthSession,
    mut request: Request,
    next: Next,
) -> Response {
    if auth.user.is_some() {
        auth::keep_alive(&auth.session).await;
    }
    // Read fresh for this request by the session layer, with the account it checked.
    let viewer = auth.user.map(|user| user.viewer);
    let client_ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| {
        let forwarded = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        client_address(peer.ip(), forwarded, &state.settings.trusted_proxies).to_string()
    });
    let minimum = state.settings.aggregate_minimum;
    let context = RequestContext { store: state.store, library: state.library, viewer, client_ip, minimum };
    request.extensions_mut().insert(context);
    next.run(request).await
}

/// The client's address: the peer's, unless the peer is a trusted proxy. Then it is the last
/// address in `X-Forwarded-For` not itself a trusted proxy — each proxy appends the address it
/// heard from, so the ones left of it were written by the client and may be anything. A header
/// that cannot be read gives the last proxy's address, never one the client chose.
fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted_proxies: &[IpAddr],
) -> IpAddr {
    let mut client = peer;
    let hops = forwarded_for.rev().flat_map(|header| header.rsplit(',').map(str::trim));
    for hop in hops {
        if !trusted_proxies.contains(&client) {
            break;
        }
        match hop.parse() {
            Ok(address) => client = address,
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy = [ip("10.0.0.1")];
        let from = |peer: &str, headers: &[&str], trusted: &[IpAddr]| {
            client_address(ip(peer), headers.iter().copied(), trusted).to_string()
        };
        assert_eq!(from("10.0.0.1", &["201.141.3.9"], &proxy), "201.141.3.9");
        assert_eq!(from("203.0.113.5", &["201.141.3.9"], &proxy), "203.0.113.5", "not a proxy of ours");
        assert_eq!(
            from("10.0.0.1", &["1.2.3.4, 201.141.3.9"], &proxy),
            "201.141.3.9",
            "the client wrote 1.2.3.4"
        );
        assert_eq!(
            from("10.0.0.1", &["201.141.3.9, 10.0.0.2"], &[ip("10.0.0.1"), ip("10.0.0.2")]),
            "201.141.3.9"
        );
        assert_eq!(
            from("10.0.0.1", &["1.2.3.4", "201.141.3.9"], &proxy),
            "201.141.3.9",
            "the last header line"
        );
        assert_eq!(from("10.0.0.1", &["not an address"], &proxy), "10.0.0.1");
        assert_eq!(from("10.0.0.1", &[], &proxy), "10.0.0.1");
        assert_eq!(from("10.0.0.1", &["201.141.3.9"], &[]), "10.0.0.1", "no proxy is trusted by default");
    }

    proptest! {
        #[test]
        fn what_a_client_writes_left_of_the_proxys_hop_never_counts(
            written in proptest::collection::vec("[0-9a-z.:, ]{0,20}", 0..4),
            client in any::<std::net::Ipv4Addr>(),
        ) {
            prop_assume!(IpAddr::V4(client) != ip("10.0.0.1"));
            let mut header = written.join(",");
            header.push_str(&format!(",{client}"));
            let found = client_address(ip("10.0.0.1"), std::iter::once(header.as_str()), &[ip("10.0.0.1")]);
            prop_assert_eq!(found, IpAddr::V4(client));
        }
    }
}
