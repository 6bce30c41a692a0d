// A stylesheet made to style one element of someone else's page and nothing outside it: the
// site's style.css as a Hugo or Jekyll site includes it, every rule under one class.
#pragma once

#include <string>
#include <string_view>

namespace apiref {

// `css` with every selector of every rule (inside @media, @supports and @container too) scoped to the
// elements with class `scope_class` ("apiref") and their descendants:
//   a, .x b            ->  .apiref a, .apiref .x b
//   html, body, :root  ->  the scope element itself (custom properties, font, colours)
//   :root[data-theme="dark"] x  ->  :root[data-theme="dark"] .apiref x  (the page's theme switch)
// Theme conditions on :root also accept Bootstrap's data-bs-theme (Docsy's dark mode), so the
// reference turns dark with the host. @font-face, @keyframes and @page are kept as they are;
// comments are dropped.
//
// Without `follow_system_theme`, @media (prefers-color-scheme) blocks are left out: inside a
// host, the host's theme decides (a light host page on a dark system stays light throughout).
std::string scoped_stylesheet(std::string_view css, std::string_view scope_class, bool follow_system_theme = true);

}  // namespace apiref
