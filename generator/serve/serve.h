// Serve stage: `apiref serve`. Holds the built site in memory and serves it over HTTP on
// loopback, watches every input the build read, rebuilds on change, tells open pages to
// reload (server-sent events), shows a broken edit's errors in the page and the terminal
// while the last good site stays up, and optionally proxies the playground's requests to the
// description's own servers (no CORS problem in local preview, and no open proxy).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/site.h"

namespace apiref {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  bool proxy = false;                   // serve /_apiref/proxy
  std::vector<std::string> open_allow;  // further URL prefixes the proxy may reach (--open-allow)
};

// One build, as serve needs it.
struct SiteSnapshot {
  bool ok = false;
  std::string log;     // every diagnostic, as `apiref build` prints them
  std::string errors;  // the errors alone (file:line:col: message), for the terminal and the page
  std::vector<SiteFile> files;          // the site, paths relative to its root
  std::vector<std::string> unchanged;   // pages left out of `files`: the same as in the previous build
  std::vector<std::string> asset_dirs;  // copied under assets/, later folders win file by file
  std::vector<std::string> watch;       // files and folders whose change means "build again"
  std::vector<std::string> proxy_allow; // URL prefixes the proxy forwards to
  std::vector<std::string> config_allow; // of those, apiref.yaml's serve.proxy_allow (the playground offers them)
  std::string timings;                  // where the time went, one line
};

// Builds the site. `changed` names the files changed on disk since the previous call (absolute,
// normalised); empty on the first call.
using SiteBuilder = std::function<SiteSnapshot(const std::vector<std::string>& changed)>;

// Builds once, then serves until SIGINT or SIGTERM. Returns the exit code: 0 after a clean
// stop, 2 when the address cannot be listened on (port taken), 1 when the first build failed
// and there is nothing to serve.
int serve(const ServeOptions& options, const SiteBuilder& build);

// The playground's settings (playground/apiref-playground.json) as serve --proxy hands them
// out: `proxy` names /_apiref/proxy, and `servers` lists the further servers the proxy may
// reach, apiref.yaml's serve.proxy_allow then --open-allow (each {url, description}, no
// trailing '/', each once), which the playground offers beside the description's own.
// `settings` is returned unchanged when it is not a JSON object.
std::string proxied_playground_settings(const std::string& settings, const std::vector<std::string>& config_allow,
                                        const std::vector<std::string>& open_allow);

// Every URL a server object of these models can stand for: each variable's default and enum
// values expanded (bounded), relative URLs left out. From the root, path and operation levels.
std::vector<std::string> declared_server_urls(const std::vector<const ApiModel*>& models);

// An absolute http(s) URL split into what the proxy's policy compares.
struct ProxyUrl {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case
  int port = 0;        // explicit or the scheme's default
  std::string path;    // "/" at least, no query
  std::string query;   // after '?', without it
};

// False with `error` for anything but a plain absolute http(s) URL: no userinfo ('@'), no
// control characters or spaces, no backslashes, a numeric port in range, no "." or ".."
// path segments (also %-encoded), no encoded '/' in segments.
bool parse_proxy_url(const std::string& url, ProxyUrl& out, std::string& error);

// Whether `url` may be forwarded: same scheme, host and port as one of `allowed` and a path
// equal to the allowed path or below it at a '/' boundary. `reason` says why not.
bool proxy_allows(const std::vector<std::string>& allowed, const std::string& url, std::string& reason);

}  // namespace apiref
