// tanya-bare-echo: the machine's ceiling for tanya's load. A bare Boost.Beast
// WebSocket server in the style of Beast's examples (one io_context run by
// --threads threads, a strand per socket, one read and one write in flight)
// that answers every text message with one fixed ~500-byte answer. No JSON
// parsing: the message id is cut out by a substring search so tanya-bench can
// match replies. What tanya and tanya-echo reach is reported as a fraction of
// this in the same run (tests/bench/run.sh).
//
//   tanya-bare-echo serve [--host 127.0.0.1] [--port 0] [--threads 2] [other tanya options, ignored]
//
// Prints "tanya: ready port=N" like tanya, so the scripts start both alike.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "web/server/beast.hpp"

namespace {

// About the size of one of tanya's answers to an FAQ question (sources,
// suggestions and all), so the bytes on the wire are comparable.
constexpr std::string_view kHead = R"({"type":"answer","id":)";
constexpr std::string_view kTail =
    R"(,"text":"Kerja sama bilateral adalah kerja sama antara dua negara, sedangkan kerja sama multilateral melibatkan lebih dari dua negara.","intent":"question","fallback":false,"confidence":0.912,"sources":[{"kind":"faq","article":"kerja-sama-bilateral","section":"Pertanyaan Umum","text":"Kerja sama bilateral adalah kerja sama antara dua negara, sedangkan kerja sama multilateral melibatkan lebih dari dua negara.","score":1.234,"question":"Apa perbedaan kerja sama bilateral dan multilateral?"}],"suggestions":["Apa manfaat kerja sama bilateral?","Apa contoh kerja sama bilateral?"],"lang":"id","matched":["beda","bilateral","multilateral"],"missing":[],"corrections":[],"followup":false})";

// The value of "id" as it appears in the message (a JSON string or number), or null.
std::string_view id_of(std::string_view msg) {
  auto k = msg.find(R"("id":)");
  if (k == std::string_view::npos) return "null";
  size_t b = k + 5;
  while (b < msg.size() && msg[b] == ' ') ++b;
  size_t e = b;
  if (e < msg.size() && msg[e] == '"') {
    e = msg.find('"', e + 1);
    if (e == std::string_view::npos) return "null";
    return msg.substr(b, e + 1 - b);
  }
  while (e < msg.size() && msg[e] != ',' && msg[e] != '}') ++e;
  return e > b ? msg.substr(b, e - b) : std::string_view("null");
}

class session : public std::enable_shared_from_this<session> {
 public:
  explicit session(tcp::socket&& s) : ws_(std::move(s)) {}
  void run() {
    ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      auto data = self->in_.cdata();
      std::string_view msg(static_cast<const char*>(data.data()), data.size());
      self->out_.clear();
      self->out_.append(kHead).append(id_of(msg)).append(kTail);
      self->in_.consume(self->in_.size());
      self->ws_.text(true);
      self->ws_.async_write(net::buffer(self->out_), [self](beast::error_code e, std::size_t) {
        if (!e) self->read();
      });
    });
  }
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer in_;
  std::string out_;
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, tcp::endpoint ep) : ioc_(ioc), acceptor_(net::make_strand(ioc)) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (!ec) {
        s.set_option(tcp::no_delay(true));
        std::make_shared<session>(std::move(s))->run();
      }
      self->accept();
    });
  }

 private:
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 0, threads = 2;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--host") host = next();
    else if (a == "--port") port = std::atoi(next().c_str());
    else if (a == "--threads") threads = std::max(1, std::atoi(next().c_str()));
    else if (a.rfind("--", 0) == 0 && i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0) ++i;  // tanya's options: ignored
  }
  net::io_context ioc{threads};
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return std::fprintf(stderr, "bad --host %s\n", host.c_str()), 2;
  std::shared_ptr<listener> l;
  try {
    l = std::make_shared<listener>(ioc, tcp::endpoint{address, static_cast<unsigned short>(port)});
  } catch (const std::exception& e) {
    return std::fprintf(stderr, "cannot listen: %s\n", e.what()), 1;
  }
  l->accept();
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
  std::printf("tanya: ready port=%u\n", static_cast<unsigned>(l->port()));
  std::fflush(stdout);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
