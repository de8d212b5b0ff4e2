#pragma once
// What the sessions need of their stream beyond reading and writing, for the
// two streams they are compiled for: beast::tcp_stream in the server and
// Beast's in-memory test::stream in tests/session_test.cpp. On TCP each helper
// does exactly what the sessions did before they were templates; a test stream
// has no deadlines, no socket and no address, so there the helpers say what
// stands in. Included only by the sessions' _impl.hpp headers.
#include <chrono>
#include <type_traits>

#include "web/server/beast.hpp"

namespace tanya::session_stream {

template <class Stream>
inline constexpr bool is_tcp = std::is_same_v<Stream, beast::tcp_stream>;

// The whole request (or response) must arrive in time on TCP. A test stream
// has no timer: tests drive it to completion instead.
template <class Stream>
void expires_after(Stream& s, std::chrono::steady_clock::duration d) {
  if constexpr (is_tcp<Stream>) s.expires_after(d);
}

template <class Stream>
void expires_never(Stream& s) {
  if constexpr (is_tcp<Stream>) s.expires_never();
}

// The peer's address, for rate limits and trusted proxies; false when the
// socket no longer knows it. A test stream's peer is this host.
template <class Stream>
bool peer_address(Stream& s, net::ip::address& out) {
  if constexpr (is_tcp<Stream>) {
    beast::error_code ec;
    auto peer = s.socket().remote_endpoint(ec);
    if (ec) return false;
    out = peer.address();
  } else {
    out = net::ip::address_v4::loopback();
  }
  return true;
}

// A response that needs EOF is followed by a half-close on TCP (the client
// reads to the end); a test stream is closed, which its peer reads as EOF.
template <class Stream>
void shutdown_send(Stream& s) {
  if constexpr (is_tcp<Stream>) {
    beast::error_code ec;
    s.socket().shutdown(tcp::socket::shutdown_send, ec);
  } else {
    s.close();
  }
}

// The stream handed from the HTTP session to the WebSocket session. On TCP
// only the socket moves (release_socket cancels the HTTP session's deadline,
// the WebSocket stream keeps its own timeouts); a test stream moves whole.
template <class Stream>
Stream hand_over(Stream& s) {
  if constexpr (is_tcp<Stream>)
    return beast::tcp_stream(s.release_socket());
  else
    return std::move(s);
}

}  // namespace tanya::session_stream
