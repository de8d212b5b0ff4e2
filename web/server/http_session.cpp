// The server's HTTP session, on TCP: the one instantiation of the template
// outside the tests.
#include "web/server/http_session_impl.hpp"

namespace tanya {

template class basic_http_session<beast::tcp_stream>;

}  // namespace tanya
