// The one translation unit that compiles Boost.Asio's and Boost.Beast's
// implementation (BOOST_*_SEPARATE_COMPILATION): every other file only sees
// declarations, which keeps builds on two cores fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
