#pragma once
// Namespace aliases only, as in Beast's examples. The Boost headers are compiled
// once, in beast_impl.cpp (separate compilation), so including this is cheap.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
