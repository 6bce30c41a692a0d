// site.primary_color, made readable in both themes. A brand colour is often too light for text
// on white (Meshplay's #00b39f is 2.6:1) or too dark on the dark theme's background, so the
// site uses shades of it that reach WCAG's 4.5:1 against each theme's backgrounds.
#pragma once

#include <string>

namespace apiref {

// The CSS for a page's <style>: ":root{--brand:...;--brand-light:...;--brand-dark:...}" where
// --brand-light is the colour darkened until it reads on the light theme's backgrounds and
// --brand-dark lightened for the dark theme's ("" for an empty colour). A colour that is not
// #rgb or #rrggbb is used as given in both themes.
std::string brand_css(const std::string& color);

// WCAG contrast ratio of two #rrggbb colours (1 to 21); exposed for tests.
double contrast_ratio(const std::string& a, const std::string& b);

}  // namespace apiref
