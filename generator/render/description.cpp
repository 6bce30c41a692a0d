#include "render/description.h"

#include <algorithm>
#include <set>
#include <vector>

#include "markdown/markdown.h"

namespace apiref {

std::string shift_headings(const std::string& html, int base) {
  // Levels present, in order; each maps to base, base+1, ... so gaps close too.
  std::set<int> levels;
  for (size_t at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 2)) {
    char c = at + 2 < html.size() ? html[at + 2] : 0;
    if (c >= '1' && c <= '6') levels.insert(c - '0');
  }
  if (levels.empty()) return html;
  int map[7] = {0, 1, 2, 3, 4, 5, 6};
  int next = base;
  for (int l : levels) map[l] = std::min(6, next++);
  std::string out = html;
  for (size_t at = 0; (at = out.find("<", at)) != std::string::npos; ++at) {
    size_t digit = out[at + 1] == '/' ? at + 3 : at + 2;
    if (digit >= out.size() || out[digit - 1] != 'h') continue;
    char c = out[digit];
    bool tag_end = digit + 1 < out.size() && (out[digit + 1] == '>' || out[digit + 1] == ' ');
    if (c >= '1' && c <= '6' && tag_end) out[digit] = static_cast<char>('0' + map[c - '0']);
  }
  return out;
}

std::string fit_links(const std::string& html, const std::string& link_base, size_t* unlinked) {
  // The sanitiser writes every link as <a href="..." ...>; anything else is not ours to fix.
  std::string out;
  out.reserve(html.size());
  size_t pos = 0;
  std::vector<bool> open_unlinked;  // per open <a>: was it turned into text?
  while (true) {
    size_t a = html.find("<a", pos);
    size_t close = html.find("</a>", pos);
    if (a != std::string::npos && (html[a + 2] != ' ' && html[a + 2] != '>')) a = std::string::npos;
    if (a == std::string::npos && close == std::string::npos) break;
    if (close != std::string::npos && (a == std::string::npos || close < a)) {
      out.append(html, pos, close - pos);
      bool dropped = !open_unlinked.empty() && open_unlinked.back();
      if (!open_unlinked.empty()) open_unlinked.pop_back();
      if (!dropped) out += "</a>";
      pos = close + 4;
      continue;
    }
    size_t end = html.find('>', a);
    if (end == std::string::npos) break;
    out.append(html, pos, a - pos);
    std::string tag = html.substr(a, end - a + 1);
    size_t h = tag.find(" href=\"");
    bool relative = false;
    if (h != std::string::npos) {
      size_t v = h + 7;
      size_t q = tag.find('"', v);
      std::string url = tag.substr(v, q - v);
      bool absolute = url.rfind("http:", 0) == 0 || url.rfind("https:", 0) == 0 || url.rfind("mailto:", 0) == 0;
      relative = !absolute;
      if (relative && !link_base.empty()) {
        std::string base = link_base;
        if (!url.empty() && url[0] == '/' && !base.empty() && base.back() == '/') base.pop_back();
        tag = tag.substr(0, v) + base + url + tag.substr(q);
        relative = false;
      }
    }
    if (relative) {
      if (unlinked) ++*unlinked;
      open_unlinked.push_back(true);
    } else {
      out += tag;
      open_unlinked.push_back(false);
    }
    pos = end + 1;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

std::string link_remote_images(const std::string& html, size_t* replaced) {
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = html.find("<img ", pos)) != std::string::npos;) {
    size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    std::string tag = html.substr(at, end - at + 1);
    auto attr = [&](const char* name) {
      std::string key = std::string(" ") + name + "=\"";
      size_t k = tag.find(key);
      if (k == std::string::npos) return std::string();
      size_t v = k + key.size();
      return tag.substr(v, tag.find('"', v) - v);
    };
    std::string src = attr("src");
    out.append(html, pos, at - pos);
    bool remote = src.rfind("http:", 0) == 0 || src.rfind("https:", 0) == 0 || src.rfind("//", 0) == 0;
    if (!remote) {
      // A relative image has no base in this site either: its alt text stands in for it.
      std::string alt = attr("alt");
      out += alt.empty() ? "[image]" : alt;
      if (replaced) ++*replaced;
    } else if (remote) {
      std::string alt = attr("alt");
      out += "<a href=\"" + src + "\" rel=\"noopener noreferrer nofollow\">" + (alt.empty() ? "image" : alt) + "</a>";
      if (replaced) ++*replaced;
    }
    pos = end + 1;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

std::string prefix_ids(const std::string& html) {
  // The sanitiser writes ids as ` id="..."` with a safe value; prefix them so a description
  // cannot take an id the page uses (#content) or shadow a DOM global (id="location").
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = html.find(" id=\"", pos)) != std::string::npos;) {
    out.append(html, pos, at + 5 - pos);
    out += "user-content-";
    pos = at + 5;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

template <class Render>
const DescriptionCache::Entry& DescriptionCache::get(std::string key, Render&& render) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second;
  }
  // Rendered outside the lock; when two threads race, both results are the same and the
  // first one stored is kept.
  Entry e = render();
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.emplace(std::move(key), std::move(e)).first->second;
}

// Unambiguous: the link base is length-prefixed, the text comes last.
std::string DescriptionCache::key_of(std::string_view markdown, const DescriptionStyle& style) {
  std::string key = "b" + std::to_string(style.heading_base) + ":" + std::to_string(style.link_base.size()) + ":";
  key += style.link_base;
  key.append(markdown);
  return key;
}

std::string DescriptionCache::plain_text(std::string_view markdown, const DescriptionStyle& style, size_t max_chars) {
  if (markdown.empty()) return "";
  std::string key = key_of(markdown, style);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.has_plain_text) return truncate_plain_text(it->second.plain_text, max_chars);
  }
  // Not rendered yet, or rendered without its text: both made from one parse, the entry
  // added or completed (another thread's identical result may have come first; it is kept).
  DescriptionStats own;
  Entry fresh;
  fresh.html = description_html(markdown, style, &own, &fresh.plain_text);
  fresh.unlinked = own.unlinked.load();
  fresh.has_plain_text = true;
  std::string text = truncate_plain_text(fresh.plain_text, max_chars);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    entries_.emplace(std::move(key), std::move(fresh));
  } else if (!it->second.has_plain_text) {
    it->second.plain_text = std::move(fresh.plain_text);
    it->second.has_plain_text = true;
  }
  return text;
}

const std::string& DescriptionCache::html(std::string_view markdown, const DescriptionStyle& style,
                                          DescriptionStats* stats) {
  static const std::string empty;
  if (markdown.empty()) return empty;
  const Entry& e = get(key_of(markdown, style), [&] {
    DescriptionStats own;
    Entry fresh;
    fresh.html = description_html(markdown, style, &own);
    fresh.unlinked = own.unlinked.load();
    return fresh;
  });
  if (stats) stats->unlinked += e.unlinked;
  return e.html;
}

const std::string& DescriptionCache::inline_html(std::string_view markdown) {
  std::string key = "i";
  key.append(markdown);
  return get(std::move(key), [&] {
    Entry fresh;
    fresh.html = render_markdown_inline(markdown);
    return fresh;
  }).html;
}

std::string description_html(std::string_view markdown, const DescriptionStyle& style,
                             DescriptionStats* stats, std::string* plain_text) {
  if (markdown.empty()) return "";
  std::string html = plain_text ? render_markdown(markdown, {}, *plain_text) : render_markdown(markdown);
  html = shift_headings(html, style.heading_base);
  size_t unlinked = 0;
  html = fit_links(html, style.link_base, &unlinked);
  // Pages load nothing from other hosts: a remote image becomes a link to it.
  html = link_remote_images(html, nullptr);
  html = prefix_ids(html);
  if (stats) stats->unlinked += unlinked;
  return html;
}

}  // namespace apiref
