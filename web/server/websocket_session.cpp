// The server's WebSocket session, on TCP: the one instantiation of the
// template outside the tests.
#include "web/server/websocket_session_impl.hpp"

namespace tanya {

template class basic_websocket_session<beast::tcp_stream>;

}  // namespace tanya
