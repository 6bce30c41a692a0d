// `apiref serve`: the HTTP side (static site from memory, live-reload events, proxy) and the
// loop that watches inputs and rebuilds. Threads: the main thread runs the HTTP server; one
// watcher thread waits on inotify and on SIGINT/SIGTERM (signalfd), rebuilds and publishes;
// httplib's pool answers requests; each proxied request has one upstream thread.
#include "serve/serve.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "serve/live.h"
#include "text/case.h"
#include "text/file.h"
#include "text/percent.h"

namespace apiref {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const char* content_type(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},   {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},           {".map", "application/json"},
      {".yaml", "application/yaml"},           {".yml", "application/yaml"},
      {".xml", "application/xml"},             {".svg", "image/svg+xml"},
      {".png", "image/png"},                   {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},                 {".gif", "image/gif"},
      {".ico", "image/x-icon"},                {".webp", "image/webp"},
      {".woff", "font/woff"},                  {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},   {".md", "text/markdown; charset=utf-8"},
  };
  for (const auto& [ext, type] : types)
    if (ends_with(path, ext)) return type;
  return "application/octet-stream";
}

// One file of the served site. HTML pages get the live-reload tag at request time (it names
// the build the page belongs to), at `inject_at`.
struct ServedFile {
  std::shared_ptr<const std::string> body;
  std::string etag;  // of the body
  const char* type = "application/octet-stream";
  size_t inject_at = std::string::npos;
};
using FileMap = std::map<std::string, ServedFile>;

std::string etag_of(const std::string& body) {
  std::ostringstream s;
  s << '"' << std::hex << std::hash<std::string_view>{}(body) << '-' << body.size() << '"';
  return s.str();
}

size_t injection_point(const std::string& html) {
  size_t at = html.rfind("</body>");
  return at == std::string::npos ? html.size() : at;
}

// What serve holds between builds and shares with the request threads.
struct LiveState {
  std::mutex mutex;
  std::condition_variable changed;
  std::shared_ptr<const FileMap> files;   // the last good site (null before the first)
  std::vector<std::string> proxy_allow;   // of the last good build
  uint64_t site = 0;                      // good builds so far
  uint64_t event = 0;                     // builds so far (good or not): wakes event streams
  bool ok = false;
  std::string errors;
  bool stopping = false;
};

std::string build_event(const LiveState& s) {
  nlohmann::json e = {{"site", s.site}, {"ok", s.ok}, {"errors", s.errors}};
  return "event: build\ndata: " + e.dump() + "\n\n";
}

// Reads every file below each folder into assets/<relative path>; later folders win.
void add_assets(const std::vector<std::string>& dirs, std::vector<SiteFile>& out) {
  std::map<std::string, std::string> found;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string text;
      if (!text::read_file(it->path().string(), text)) continue;
      found["assets/" + it->path().lexically_relative(dir).generic_string()] = std::move(text);
    }
  }
  for (auto& [path, text] : found) out.push_back({path, std::move(text)});
}

// The served files of a build; files whose bytes did not change keep their body and ETag.
// With the proxy on, the playground's settings name it and the further servers it may reach.
std::shared_ptr<const FileMap> publishable(std::vector<SiteFile>& files, const std::vector<std::string>& unchanged,
                                           const FileMap* previous, size_t& changed, const ServeOptions& options,
                                           const std::vector<std::string>& config_allow) {
  auto map = std::make_shared<FileMap>();
  changed = 0;
  for (const std::string& path : unchanged) {
    auto old = previous ? previous->find(path) : FileMap::const_iterator();
    if (previous && old != previous->end()) (*map)[path] = old->second;
  }
  for (SiteFile& f : files) {
    if (options.proxy && f.path == "playground/apiref-playground.json")
      f.content = proxied_playground_settings(f.content, config_allow, options.open_allow);
    if (previous) {
      auto old = previous->find(f.path);
      if (old != previous->end() && *old->second.body == f.content) {
        (*map)[f.path] = old->second;
        continue;
      }
    }
    ++changed;
    ServedFile s;
    s.type = content_type(f.path);
    s.etag = etag_of(f.content);
    if (ends_with(f.path, ".html") && f.path != "playground/oauth2-redirect.html") s.inject_at = injection_point(f.content);
    s.body = std::make_shared<const std::string>(std::move(f.content));
    (*map)[f.path] = std::move(s);
  }
  if (previous)
    for (const auto& [path, file] : *previous) changed += !map->count(path);
  return map;
}

// ---------------------------------------------------------------------------------------------
// Watching: inotify on folders (an editor that saves by writing a temporary file and renaming
// it over the original replaces the inode, so watching files would lose them).

class Watcher {
 public:
  Watcher() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
  ~Watcher() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }

  // Watches the folder of every file and every folder (recursively) in `paths`.
  void watch(const std::vector<std::string>& paths) {
    for (const std::string& p : paths) {
      std::error_code ec;
      if (fs::is_directory(p, ec)) {
        add(p);
        for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
          if (it->is_directory(ec)) add(it->path().generic_string());
      } else {
        add(fs::path(p).parent_path().generic_string());
      }
    }
  }

  // Drains pending events into `out` (absolute paths of what changed). New folders are
  // watched at once so that files created in them are seen.
  void read(std::set<std::string>& out) {
    alignas(inotify_event) char buf[16384];
    for (;;) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (char* p = buf; p < buf + n;) {
        auto* e = reinterpret_cast<inotify_event*>(p);
        p += sizeof(inotify_event) + e->len;
        auto dir = dirs_.find(e->wd);
        if (dir == dirs_.end() || e->len == 0) continue;
        std::string name(e->name);
        std::string path = dir->second + "/" + name;
        if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO))) watch({path});
        if (scratch_file(name)) continue;
        out.insert(path);
      }
    }
  }

 private:
  // Editors' and tools' scratch files: vim's 4913 and .swp, emacs' #x# and x~, our own .tmp.
  static bool scratch_file(const std::string& name) {
    return name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~' || name == "4913" ||
           ends_with(name, ".swp") || ends_with(name, ".swx") || name.find(".tmp") != std::string::npos;
  }
  void add(const std::string& dir) {
    if (fd_ < 0 || watched_.count(dir)) return;
    int wd = inotify_add_watch(fd_, dir.c_str(),
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ONLYDIR);
    if (wd < 0) return;
    watched_.insert(dir);
    dirs_[wd] = dir;
  }
  int fd_;
  std::map<int, std::string> dirs_;
  std::set<std::string> watched_;
};

// ---------------------------------------------------------------------------------------------
// The proxy: one upstream request per proxied request, run on its own thread so that the
// response can be streamed to the browser while it arrives, through a bounded buffer.

constexpr size_t kProxyBuffer = 1 << 20;  // bytes held per stream before upstream is paused

struct Upstream {
  std::mutex mutex;
  std::condition_variable cv;
  bool headers = false, done = false, cancelled = false;
  int status = 0;
  httplib::Headers response_headers;
  std::string error;
  std::deque<std::string> chunks;
  size_t buffered = 0;
};

bool is_hop_by_hop(const std::string& lower_name) {
  static const std::set<std::string> hop = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                            "proxy-connection", "te", "trailer", "trailers", "transfer-encoding",
                                            "upgrade"};
  return hop.count(lower_name) > 0;
}

// Headers the browser sent that go upstream: auth and content headers do; hop-by-hop ones,
// the browser's own cookies for this local origin, and what only concerns this origin do not.
httplib::Headers upstream_headers(const httplib::Request& req) {
  std::set<std::string> named_by_connection;
  std::stringstream conn(req.get_header_value("Connection"));
  for (std::string tok; std::getline(conn, tok, ',');) {
    tok.erase(0, tok.find_first_not_of(' '));
    tok.erase(tok.find_last_not_of(' ') + 1);
    named_by_connection.insert(text::ascii_lower(tok));
  }
  static const std::set<std::string> dropped = {"host", "content-length", "accept-encoding", "cookie", "origin",
                                                "referer", "remote_addr", "remote_port", "local_addr", "local_port"};
  httplib::Headers out;
  for (const auto& [name, value] : req.headers) {
    std::string n = text::ascii_lower(name);
    if (is_hop_by_hop(n) || dropped.count(n) || named_by_connection.count(n)) continue;
    if (n.rfind("sec-", 0) == 0 || n.rfind("x-apiref-", 0) == 0) continue;
    out.emplace(name, value);
  }
  // Browsers do not let scripts set Cookie; the playground sends the project's cookies here.
  std::string cookies = req.get_header_value("X-Apiref-Cookie");
  if (!cookies.empty()) out.emplace("Cookie", cookies);
  // Bodies come back uncompressed, so the stream can be passed on as it arrives.
  out.emplace("Accept-Encoding", "identity");
  return out;
}

// httplib connects without blocking, so errno does not say why a connection failed. One plain
// connect() tells it (refused, unreachable, timed out, unknown host) for the error message.
std::string connect_failure(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string h = host.size() > 2 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
  int rc = getaddrinfo(h.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) return std::string("cannot resolve ") + host + " (" + gai_strerror(rc) + ")";
  std::string why;
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int ok = connect(fd, a->ai_addr, a->ai_addrlen);
    int err = errno;
    close(fd);
    if (ok == 0) {
      why.clear();
      break;
    }
    why = err == EINPROGRESS || err == EAGAIN ? "connection timed out" : std::strerror(err);
  }
  freeaddrinfo(found);
  return why;
}

std::string describe_error(httplib::Error e, int saved_errno) {
  std::string s;
  switch (e) {
    case httplib::Error::Connection:
      s = "could not connect";
      break;
    case httplib::Error::ConnectionTimeout:
      s = "connection timed out";
      break;
    case httplib::Error::Read:
      s = "no answer (read failed or timed out)";
      break;
    case httplib::Error::Write:
      s = "could not send the request";
      break;
    case httplib::Error::SSLConnection:
      s = "TLS handshake failed";
      break;
    case httplib::Error::SSLServerVerification:
      s = "the server's TLS certificate was not accepted";
      break;
    case httplib::Error::Canceled:
      s = "cancelled";
      break;
    default:
      s = httplib::to_string(e);
  }
  if (saved_errno) s += std::string(": ") + std::strerror(saved_errno);
  return s;
}

void send_plain(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(text + "\n", "text/plain; charset=utf-8");
}

class SiteServer {
 public:
  SiteServer(const ServeOptions& options, LiveState& state) : options_(options), state_(state) {}

  httplib::Server& http() { return http_; }

  void routes() {
    http_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    // Request bodies are held in memory before they go upstream: bounded here.
    http_.set_payload_max_length(32u << 20);
    // No SO_REUSEPORT (httplib's default): a second server on a taken port must fail to bind,
    // not silently share it.
    // TCP_NODELAY (Linux gives it to each accepted connection): httplib writes a response's
    // headers and its body apart, and with Nagle's algorithm a small body then waited for the
    // client's delayed ACK, about 40 ms per page, style sheet or script on a kept-alive
    // connection.
    http_.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    http_.set_keep_alive_timeout(2);
    auto any = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
    http_.Get(".*", any);
    http_.Post(".*", any);
    http_.Put(".*", any);
    http_.Patch(".*", any);
    http_.Delete(".*", any);
    http_.Options(".*", any);
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      send_plain(res, 500, "apiref serve: internal error");
    });
  }

 private:
  void dispatch(const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/_apiref/live.js") {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(kLiveScript, "text/javascript; charset=utf-8");
      return;
    }
    if (req.path == "/_apiref/events") return events(res);
    if (req.path == "/_apiref/proxy") {
      if (!options_.proxy)
        return send_plain(res, 404, "apiref serve: the proxy is off; start serve with --proxy to send the playground's requests through it");
      return proxy(req, res);
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return send_plain(res, 405, "apiref serve: the site is read-only (" + req.method + " not allowed)");
    }
    site(req, res);
  }

  void site(const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const FileMap> files;
    uint64_t site;
    std::string errors;
    {
      std::lock_guard<std::mutex> lock(state_.mutex);
      files = state_.files;
      site = state_.site;
      errors = state_.errors;
    }
    res.set_header("Cache-Control", "no-cache");
    if (!files) {
      // Nothing good was ever built: say why, and reload when the next save builds.
      res.status = 503;
      std::string page = "<!DOCTYPE html><meta charset=utf-8><title>apiref serve: build failed</title><body>"
                         "<h1>The site does not build yet</h1><p>Fix the errors; this page reloads itself.</p>"
                         "<script src=\"/_apiref/live.js\" data-site=\"0\" defer></script></body>";
      res.set_content(page, "text/html; charset=utf-8");
      return;
    }
    std::string path = req.path;
    if (path.empty() || path[0] != '/') return send_plain(res, 400, "bad path");
    std::string rel = path.substr(1);
    for (const std::string& bad : {std::string("/../"), std::string("/./")})
      if (("/" + rel + "/").find(bad) != std::string::npos) return send_plain(res, 400, "bad path");
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    auto it = files->find(rel);
    if (it == files->end() && files->count(rel + "/index.html")) {
      // A folder without its slash: redirect so that the page's relative links resolve.
      res.status = 301;
      res.set_header("Location", path + "/" + (req.target.find('?') != std::string::npos
                                                     ? req.target.substr(req.target.find('?'))
                                                     : ""));
      return;
    }
    int status = 200;
    if (it == files->end()) {
      status = 404;
      it = files->find("404.html");
      if (it == files->end()) return send_plain(res, 404, "not found: " + path);
    }
    const ServedFile& f = it->second;
    std::string etag = f.inject_at == std::string::npos ? f.etag : f.etag.substr(0, f.etag.size() - 1) + "-s" + std::to_string(site) + "\"";
    res.set_header("ETag", etag);
    if (status == 200 && req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.status = status;
    if (f.inject_at == std::string::npos) {
      res.set_content(*f.body, f.type);
      return;
    }
    std::string tag = "<script src=\"/_apiref/live.js\" data-site=\"" + std::to_string(site) + "\" defer></script>";
    std::string body;
    body.reserve(f.body->size() + tag.size());
    body.append(*f.body, 0, f.inject_at).append(tag).append(*f.body, f.inject_at, std::string::npos);
    res.set_content(std::move(body), f.type);
  }

  // Server-sent events: the state of the latest build now, then one event per build.
  void events(httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    LiveState* state = &state_;
    auto seen = std::make_shared<uint64_t>(UINT64_MAX);
    res.set_chunked_content_provider("text/event-stream", [state, seen](size_t, httplib::DataSink& sink) {
      std::unique_lock<std::mutex> lock(state->mutex);
      if (*seen != UINT64_MAX)
        state->changed.wait_for(lock, std::chrono::seconds(10), [&] { return state->stopping || state->event != *seen; });
      if (state->stopping) {
        lock.unlock();
        sink.done();
        return true;
      }
      std::string message = ": keep-alive\n\n";
      if (state->event != *seen) {
        *seen = state->event;
        message = build_event(*state);
      }
      lock.unlock();
      return sink.write(message.data(), message.size());
    });
  }

  void proxy(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::string url = req.get_param_value("url");
    if (url.empty()) return send_plain(res, 400, "apiref serve --proxy: give the target as ?url=<encoded absolute URL>");
    std::vector<std::string> allowed;
    {
      std::lock_guard<std::mutex> lock(state_.mutex);
      allowed = state_.proxy_allow;
    }
    allowed.insert(allowed.end(), options_.open_allow.begin(), options_.open_allow.end());
    std::string reason;
    if (!proxy_allows(allowed, url, reason)) {
      std::cerr << "proxy: refused " << req.method << " " << url << ": " << reason << "\n";
      return send_plain(res, 403, "apiref serve --proxy refuses " + url + ": " + reason);
    }
    ProxyUrl target;
    parse_proxy_url(url, target, reason);

    auto up = std::make_shared<Upstream>();
    httplib::Headers headers = upstream_headers(req);
    std::string method = req.method, body = req.body;
    std::string base = target.scheme + "://" + target.host + ":" + std::to_string(target.port);
    std::string path = target.path + (target.query.empty() ? "" : "?" + target.query);
    std::string host = target.host;
    int port = target.port;
    std::thread([up, base, method, path, headers, body, host, port] {
      httplib::Client client(base);
      client.set_connection_timeout(5, 0);
      client.set_read_timeout(60, 0);
      client.set_write_timeout(30, 0);
      client.set_follow_location(false);  // a redirect goes back to the browser, never elsewhere
      client.set_url_encode(false);       // the URL arrives encoded as the browser meant it
      client.set_decompress(false);
      client.set_keep_alive(false);
      client.set_tcp_nodelay(true);       // a request's body is not held back behind its headers
      httplib::Request r;
      r.method = method;
      r.path = path;
      r.headers = headers;
      r.body = body;
      r.response_handler = [up](const httplib::Response& response) {
        std::lock_guard<std::mutex> lock(up->mutex);
        up->status = response.status;
        up->response_headers = response.headers;
        up->headers = true;
        up->cv.notify_all();
        return !up->cancelled;
      };
      r.content_receiver = [up](const char* data, size_t len, uint64_t, uint64_t) {
        std::unique_lock<std::mutex> lock(up->mutex);
        up->cv.wait(lock, [&] { return up->cancelled || up->buffered < kProxyBuffer; });
        if (up->cancelled) return false;
        up->chunks.emplace_back(data, len);
        up->buffered += len;
        up->cv.notify_all();
        return true;
      };
      httplib::Response response;
      httplib::Error error = httplib::Error::Success;
      errno = 0;
      bool sent = client.send(r, response, error);
      int saved_errno = errno;
      std::lock_guard<std::mutex> lock(up->mutex);
      if (!sent && !up->headers) {
        up->error = describe_error(error, 0);
        if (error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout) {
          std::string why = connect_failure(host, port);
          if (!why.empty()) up->error += ": " + why;
        } else if (saved_errno && saved_errno != EINPROGRESS && saved_errno != EAGAIN) {
          up->error += std::string(": ") + std::strerror(saved_errno);
        }
      }
      up->done = true;
      up->cv.notify_all();
    }).detach();

    {
      std::unique_lock<std::mutex> lock(up->mutex);
      bool ready = up->cv.wait_for(lock, std::chrono::seconds(70), [&] { return up->headers || up->done; });
      if (!ready || !up->headers) {
        up->cancelled = true;
        std::string why = ready ? up->error : "no answer within 70 s";
        if (why.empty()) why = "no response";
        std::cerr << "proxy: " << method << " " << url << ": " << why << "\n";
        lock.unlock();
        res.set_header("X-Apiref-Proxy-Error", why);
        return send_plain(res, 502, "apiref serve --proxy: " + method + " " + url + " failed: " + why);
      }
      res.status = up->status;
      for (const auto& [name, value] : up->response_headers) {
        std::string n = text::ascii_lower(name);
        if (is_hop_by_hop(n) || n == "content-length") continue;
        if (n == "set-cookie") {
          // A cookie of the upstream host must not be stored for this local origin.
          res.headers.emplace("X-Apiref-Set-Cookie", value);
          continue;
        }
        if (n == "location") {
          std::string loc = value;
          if (!loc.empty() && loc[0] == '/' && (loc.size() < 2 || loc[1] != '/')) loc = base + loc;
          std::string ignore;
          if (proxy_allows(allowed, loc, ignore)) res.headers.emplace("Location", "/_apiref/proxy?url=" + text::percent_encode(loc));
          else res.headers.emplace("X-Apiref-Location", value);  // not followed to another host
          continue;
        }
        res.headers.emplace(name, value);
      }
    }
    std::string type = res.get_header_value("Content-Type");
    if (type.empty()) type = "application/octet-stream";
    res.headers.erase("Content-Type");
    res.set_chunked_content_provider(
        type,
        [up](size_t, httplib::DataSink& sink) {
          std::unique_lock<std::mutex> lock(up->mutex);
          up->cv.wait(lock, [&] { return !up->chunks.empty() || up->done; });
          if (up->chunks.empty()) {
            lock.unlock();
            sink.done();
            return true;
          }
          std::string chunk = std::move(up->chunks.front());
          up->chunks.pop_front();
          up->buffered -= chunk.size();
          up->cv.notify_all();
          lock.unlock();
          return sink.write(chunk.data(), chunk.size());
        },
        [up](bool) {
          // The browser went away or the stream ended: let the upstream thread finish.
          std::lock_guard<std::mutex> lock(up->mutex);
          up->cancelled = true;
          up->cv.notify_all();
        });
  }

  const ServeOptions& options_;
  LiveState& state_;
  httplib::Server http_;
};

// Prints the diagnostics of a build the way `apiref build` does (errors on every build,
// warnings the first time only: they are the same on every save).
void report_build(const SiteSnapshot& s, bool first) {
  if (first) std::cerr << s.log;
  else if (!s.ok) std::cerr << s.errors;
}

}  // namespace

int serve(const ServeOptions& options, const SiteBuilder& build) {
  // Signals are taken by the watcher thread through a signalfd, so they are blocked in every
  // thread, including those the build and the server start later.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  // A shell starts background jobs with SIGINT ignored; an ignored signal is discarded, never
  // queued for the signalfd, so take the default back (it stays blocked).
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);

  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1")
    std::cerr << "apiref serve: warning: listening on " << options.host
              << ", not only on loopback: other machines can read this site"
              << (options.proxy ? " and send requests through its proxy" : "") << "\n";

  LiveState state;
  SiteServer server(options, state);
  server.routes();
  if (!server.http().bind_to_port(options.host, options.port)) {
    std::cerr << "apiref serve: cannot listen on " << options.host << ":" << options.port
              << ": the port is in use or the address is not available; pick another with --port\n";
    if (signal_fd >= 0) close(signal_fd);
    return 2;
  }

  Watcher watcher;
  auto started = Clock::now();
  SiteSnapshot first = build({});
  report_build(first, true);
  watcher.watch(first.watch);
  size_t changed_files = 0;
  if (first.ok) {
    add_assets(first.asset_dirs, first.files);
    state.files = publishable(first.files, first.unchanged, nullptr, changed_files, options, first.config_allow);
    state.proxy_allow = first.proxy_allow;
    state.site = 1;
    state.ok = true;
  } else {
    state.errors = first.errors;
  }
  state.event = 1;
  std::string where = "http://" + (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
                      ":" + std::to_string(options.port) + "/";
  std::cerr << (first.ok ? "built " + std::to_string(state.files->size()) + " files" : std::string("build failed"))
            << " in " << std::fixed << std::setprecision(0) << ms_since(started) << " ms; serving " << where
            << (options.proxy ? " (proxy on: /_apiref/proxy)" : "") << "; watching for changes, Ctrl-C stops\n";

  std::thread loop([&] {
    std::set<std::string> pending;
    Clock::time_point first_change, last_change;
    for (;;) {
      pollfd fds[2] = {{signal_fd, POLLIN, 0}, {watcher.fd(), POLLIN, 0}};
      // Debounce: after the first change, wait until the files have been quiet for 30 ms
      // (an editor's save is often several writes and a rename), but not longer than 300 ms.
      int timeout = -1;
      if (!pending.empty()) {
        double quiet = ms_since(last_change), waited = ms_since(first_change);
        timeout = quiet >= 30 || waited >= 300 ? 0 : static_cast<int>(30 - quiet) + 1;
      }
      int n = poll(fds, 2, timeout);
      if (n < 0 && errno != EINTR) break;
      if (fds[0].revents & POLLIN) break;  // SIGINT or SIGTERM
      if (fds[1].revents & POLLIN) {
        size_t before = pending.size();
        watcher.read(pending);
        if (pending.size() != before) {
          if (before == 0) first_change = Clock::now();
          last_change = Clock::now();
        }
        continue;
      }
      if (pending.empty()) continue;
      if (ms_since(last_change) < 30 && ms_since(first_change) < 300) continue;
      std::vector<std::string> changed(pending.begin(), pending.end());
      pending.clear();
      auto t0 = Clock::now();
      SiteSnapshot next = build(changed);
      double build_ms = ms_since(t0);
      watcher.watch(next.watch);
      report_build(next, false);
      std::string name = fs::path(changed.front()).filename().string();
      if (changed.size() > 1) name += " and " + std::to_string(changed.size() - 1) + " more";
      std::lock_guard<std::mutex> lock(state.mutex);
      if (next.ok) {
        add_assets(next.asset_dirs, next.files);
        size_t changed_count = 0;
        state.files = publishable(next.files, next.unchanged, state.files.get(), changed_count, options, next.config_allow);
        state.proxy_allow = next.proxy_allow;
        state.site += 1;
        state.ok = true;
        state.errors.clear();
        std::cerr << "rebuilt after " << name << " changed: " << changed_count << " files changed, "
                  << std::fixed << std::setprecision(0) << build_ms << " ms (" << next.timings << ")\n";
      } else {
        state.ok = false;
        state.errors = next.errors;
        std::cerr << "build failed after " << name << " changed; still serving the last good build\n";
      }
      state.event += 1;
      state.changed.notify_all();
    }
    std::cerr << "\napiref serve: stopping\n";
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      state.stopping = true;
      state.changed.notify_all();
    }
    server.http().stop();
  });

  bool listened = server.http().listen_after_bind();
  {
    // listen returned without a signal (it failed): let the watcher thread end too.
    std::lock_guard<std::mutex> lock(state.mutex);
    if (!state.stopping) kill(getpid(), SIGTERM);
  }
  loop.join();
  if (signal_fd >= 0) close(signal_fd);
  return listened || state.stopping ? 0 : 2;
}

}  // namespace apiref
