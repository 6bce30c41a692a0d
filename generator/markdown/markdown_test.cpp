// The Markdown stage: CommonMark + GFM rendering, the allowlist sanitiser against a battery of
// known XSS payloads, inline and plain-text renderings, thread safety. (Every description in
// GitHub's description: tests/corpus/markdown_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "markdown/markdown.h"
#include "markdown/markdown_test_fixtures.h"
#include "text/escape.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;
using apiref::text::html_escape;
using apiref::text::html_escape_text;

namespace {

// All the tags of an HTML string, concatenated (the text between them left out).
std::string tags_only(const std::string& html) {
  std::string tags;
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    size_t gt = html.find('>', lt);
    tags += html.substr(lt, gt == std::string::npos ? std::string::npos : gt - lt + 1);
  }
  return tags;
}

// The checks every hostile input must pass. With `text_may_quote` (raw HTML shown as text),
// the payload may appear escaped in the text, so the substring checks look at tags only.
void check_safe(const std::string& input, const std::string& html, bool text_may_quote = false) {
  INFO("input:  " << input);
  INFO("output: " << html);
  const std::string checked = text_may_quote ? tags_only(html) : html;
  CHECK_FALSE(contains_ci(html, "<script"));
  CHECK_FALSE(has_event_handler(html));
  CHECK_FALSE(contains_ci(checked, "javascript:"));
  CHECK_FALSE(contains_ci(html, "<iframe"));
  CHECK_FALSE(contains_ci(html, "<object"));
  CHECK_FALSE(contains_ci(html, "<svg"));
  CHECK_FALSE(contains_ci(html, "<math"));
  CHECK_FALSE(contains_ci(html, "<form"));
  CHECK_FALSE(contains_ci(html, "<style"));
  CHECK_FALSE(contains_ci(html, "<base"));
  CHECK_FALSE(contains_ci(html, "<meta"));
  CHECK_FALSE(contains_ci(checked, "style="));
  CHECK_FALSE(contains_ci(checked, "data:"));
  CHECK(well_formed_problem(html) == "");
}

}  // namespace

TEST_CASE("markdown: CommonMark basics render to exact HTML") {
  CHECK(render_markdown("") == "");
  CHECK(render_markdown("Hello world") == "<p>Hello world</p>\n");
  CHECK(render_markdown("one\n\ntwo") == "<p>one</p>\n<p>two</p>\n");
  CHECK(render_markdown("soft\nbreak") == "<p>soft\nbreak</p>\n");
  CHECK(render_markdown("hard  \nbreak") == "<p>hard<br>\nbreak</p>\n");
  CHECK(render_markdown("*em* and **strong** and _u_") ==
        "<p><em>em</em> and <strong>strong</strong> and <em>u</em></p>\n");
  CHECK(render_markdown("`a < b && c > d`") ==
        "<p><code>a &lt; b &amp;&amp; c &gt; d</code></p>\n");
  // No smart punctuation: quotes and dashes stay as written.
  CHECK(render_markdown("it's \"quoted\" -- dash") ==
        "<p>it's &quot;quoted&quot; -- dash</p>\n");
  CHECK(render_markdown("```cpp\nint x = 1 < 2;\n```") ==
        "<pre><code class=\"language-cpp\">int x = 1 &lt; 2;\n</code></pre>\n");
  CHECK(render_markdown("```c++\nx\n```") ==
        "<pre><code class=\"language-c++\">x\n</code></pre>\n");
  CHECK(render_markdown("~~~\nno lang & <tags>\n~~~") ==
        "<pre><code>no lang &amp; &lt;tags&gt;\n</code></pre>\n");
  CHECK(render_markdown("    indented") == "<pre><code>indented\n</code></pre>\n");
  CHECK(render_markdown("- one\n- two") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
  CHECK(render_markdown("3. three\n4. four") ==
        "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n");
  CHECK(render_markdown("* a\n  * nested") ==
        "<ul>\n<li>a\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>\n");
  CHECK(render_markdown("# Title") == "<h1>Title</h1>\n");
  CHECK(render_markdown("## Sub *em*") == "<h2>Sub <em>em</em></h2>\n");
  CHECK(render_markdown("Setext\n===") == "<h1>Setext</h1>\n");
  CHECK(render_markdown("> quote") == "<blockquote>\n<p>quote</p>\n</blockquote>\n");
  CHECK(render_markdown("---") == "<hr>\n");
  // Links: external ones get rel, relative and fragment ones do not.
  CHECK(render_markdown("[link](https://example.com \"T\")") ==
        "<p><a href=\"https://example.com\" title=\"T\" rel=\"noopener noreferrer nofollow\">"
        "link</a></p>\n");
  CHECK(render_markdown("[rel](/docs/x) [frag](#top) [up](../a.html)") ==
        "<p><a href=\"/docs/x\">rel</a> <a href=\"#top\">frag</a> "
        "<a href=\"../a.html\">up</a></p>\n");
  CHECK(render_markdown("[mail](mailto:a@example.com)") ==
        "<p><a href=\"mailto:a@example.com\">mail</a></p>\n");
  CHECK(render_markdown("![alt *text*](https://e.com/a.png \"t\")") ==
        "<p><img src=\"https://e.com/a.png\" alt=\"alt text\" title=\"t\"></p>\n");
  CHECK(render_markdown("a &amp; b &copy; &#65;") == "<p>a &amp; b © A</p>\n");
}

TEST_CASE("markdown: GFM tables, strikethrough, autolinks, task lists") {
  CHECK(render_markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |") ==
        "<table>\n<thead>\n<tr>\n"
        "<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n<th align=\"right\">c</th>\n"
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td align=\"left\">1</td>\n<td align=\"center\">2</td>\n<td align=\"right\">3</td>\n"
        "</tr>\n</tbody>\n</table>\n");
  CHECK(render_markdown("~~gone~~") == "<p><del>gone</del></p>\n");
  CHECK(render_markdown("see https://example.com/x?a=1&b=2 now") ==
        "<p>see <a href=\"https://example.com/x?a=1&amp;b=2\" rel=\"noopener noreferrer "
        "nofollow\">https://example.com/x?a=1&amp;b=2</a> now</p>\n");
  CHECK(render_markdown("www.example.org") ==
        "<p><a href=\"http://www.example.org\" rel=\"noopener noreferrer nofollow\">"
        "www.example.org</a></p>\n");
  CHECK(render_markdown("a@example.com") ==
        "<p><a href=\"mailto:a@example.com\">a@example.com</a></p>\n");
  CHECK(render_markdown("- [ ] todo\n- [x] done") ==
        "<ul>\n<li><input type=\"checkbox\" disabled=\"\"> todo</li>\n"
        "<li><input type=\"checkbox\" checked=\"\" disabled=\"\"> done</li>\n</ul>\n");
  // The tag filter: these show as text even before the sanitiser sees them.
  CHECK(render_markdown("<textarea>x</textarea>") ==
        "<p>&lt;textarea&gt;x&lt;/textarea&gt;</p>\n");
  CHECK(render_markdown("<style>p{}</style>") == "&lt;style&gt;p{}&lt;/style&gt;\n");
}

TEST_CASE("markdown: GitHub alerts become call-outs, anything else that looks like one stays a quote") {
  CHECK(render_markdown("> [!NOTE]\n> In order to see the `x` block.\n> * item\n") ==
        "<div class=\"markdown-alert markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n"
        "<p>In order to see the <code>x</code> block.</p>\n<ul>\n<li>item</li>\n</ul>\n</div>\n");
  // Any case, every kind, lazy continuation lines.
  CHECK(render_markdown("> [!warning]\nLazy continuation.\n") ==
        "<div class=\"markdown-alert markdown-alert-warning\">\n<p class=\"markdown-alert-title\">Warning</p>\n"
        "<p>Lazy continuation.</p>\n</div>\n");
  for (const char* kind : {"TIP", "IMPORTANT", "CAUTION"}) {
    std::string html = render_markdown(std::string("> [!") + kind + "]\n> text\n");
    CHECK_MESSAGE(html.find("markdown-alert-title") != std::string::npos, kind);
  }
  // Not alerts: the marker not alone on the first line, not first, unknown, or not in a quote.
  CHECK(render_markdown("> [!NOTE] inline\n") == "<blockquote>\n<p>[!NOTE] inline</p>\n</blockquote>\n");
  CHECK(render_markdown("> quote\n> [!NOTE]\n") == "<blockquote>\n<p>quote\n[!NOTE]</p>\n</blockquote>\n");
  CHECK(render_markdown("> [!DANGER]\n> x\n") == "<blockquote>\n<p>[!DANGER]\nx</p>\n</blockquote>\n");
  CHECK(render_markdown("[!NOTE]\ntext\n") == "<p>[!NOTE]\ntext</p>\n");
  // Content after the marker is sanitised like any other.
  CHECK(render_markdown("> [!CAUTION]\n> <img src=x onerror=alert(1)><script>alert(2)</script>\n").find("onerror") ==
        std::string::npos);
  CHECK(render_markdown("> [!CAUTION]<script>alert(1)</script>\n").find("<script") == std::string::npos);
  // Quotes inside an alert stay quotes.
  CHECK(render_markdown("> [!NOTE]\n> > nested\n").find("<blockquote>\n<p>nested</p>\n</blockquote>") != std::string::npos);
}

TEST_CASE("markdown: harmless HTML survives exactly") {
  CHECK(render_markdown("<br>") == "<br>\n");
  CHECK(render_markdown("a<br>b") == "<p>a<br>b</p>\n");
  CHECK(render_markdown("<kbd>Ctrl</kbd>") == "<p><kbd>Ctrl</kbd></p>\n");
  CHECK(render_markdown("<details><summary>More</summary>text</details>") ==
        "<details><summary>More</summary>text</details>\n");
  CHECK(render_markdown("<a href=\"https://example.com\">x</a>") ==
        "<p><a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">x</a></p>\n");
  CHECK(render_markdown("x<sup>2</sup>") == "<p>x<sup>2</sup></p>\n");
  CHECK(render_markdown("<DIV CLASS=\"note\">x</DIV>") == "<div class=\"note\">x</div>\n");

  CHECK(sanitise_html("<br>") == "<br>");
  CHECK(sanitise_html("<br/>") == "<br>");
  CHECK(sanitise_html("<kbd>Ctrl</kbd>") == "<kbd>Ctrl</kbd>");
  CHECK(sanitise_html("<details><summary>More</summary>text</details>") ==
        "<details><summary>More</summary>text</details>");
  CHECK(sanitise_html("<a href=\"https://example.com\">x</a>") ==
        "<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">x</a>");
  CHECK(sanitise_html("<sup>2</sup>") == "<sup>2</sup>");
  CHECK(sanitise_html("<abbr title=\"HyperText\">HTML</abbr> <mark>m</mark> <small>s</small>") ==
        "<abbr title=\"HyperText\">HTML</abbr> <mark>m</mark> <small>s</small>");
  CHECK(sanitise_html("<dl><dt>t</dt><dd>d</dd></dl>") == "<dl><dt>t</dt><dd>d</dd></dl>");
  CHECK(sanitise_html("<figure><img src=\"a.png\" alt=\"a\"><figcaption>c</figcaption></figure>") ==
        "<figure><img src=\"a.png\" alt=\"a\"><figcaption>c</figcaption></figure>");
}

TEST_CASE("markdown: XSS battery") {
  const char* payloads[] = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](jav&#x09;ascript:alert(1))",
      "<a href=\"javascript&colon;alert(1)\">x</a>",
      "<a href=\" javascript:alert(1)\">x</a>",
      "<svg onload=alert(1)>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
      "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
      "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
      "<scr<script>ipt>alert(1)</script>",
      "<<script>script>alert(1)</script>",
      "<form action=\"javascript:alert(1)\"><button>x</button></form>",
      "<details open ontoggle=alert(1)>",
      "<input autofocus onfocus=alert(1)>",
      "<!--<script>alert(1)</script>-->",
      "<style>@import 'x'</style>",
      "<base href=\"https://evil.example/\">",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<a href=\"&#106;avascript:alert(1)\">x</a>",
      "<a href=\"&#0000106avascript:alert(1)\">x</a>",
      "<b>bold",
      // More of the same family.
      "<a href=\"java\nscript:alert(1)\">x</a>",
      "<a href=\"&Tab;javascript:alert(1)\">x</a>",
      "<a href=\"javascript&#x3A;alert(1)\">x</a>",
      "<a href=\"&#x6A;&#x61;vascript:alert(1)\">x</a>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<a href=\"DATA:text/html;base64,PHNjcmlwdD4=\">x</a>",
      "[x](<javascript:alert(1)>)",
      "![x](javascript:alert(1))",
      "[x][r]\n\n[r]: javascript:alert(1)",
      "<a href='javascript:alert(1)'>x</a>",
      "<a href=javascript:alert(1)>x</a>",
      "<IMG SRC=x ONERROR=alert(1)>",
      "<img/src=x/onerror=alert(1)>",
      "<img src=x onerror\n=alert(1)>",
      "<object data=\"javascript:alert(1)\"></object>",
      "<embed src=\"javascript:alert(1)\">",
      "<svg><script>alert(1)</script></svg>",
      "<svg/onload=alert(1)>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
      "<title><img src=x onerror=alert(1)></title>",
      "<textarea><script>alert(1)</script></textarea>",
      "<template><script>alert(1)</script></template>",
      "<xmp><script>alert(1)</script></xmp>",
      "<a href=\"https://x\" onclick=\"alert(1)\" style=\"x\">x</a>",
      "<p onmouseover=\"alert(1)\">hover</p>",
      "<div/onclick=alert(1)>x</div>",
      "<a href=\"x\" formaction=\"javascript:alert(1)\">x</a>",
      "<img srcset=\"javascript:alert(1) 1x\">",
      "<link rel=stylesheet href=\"https://evil.example/x.css\">",
      "<![CDATA[<script>alert(1)</script>]]>",
      "<? xml <script>alert(1)</script> ?>",
      "<!--> <script>alert(1)</script> -->",
      "</p><script>alert(1)</script>",
      "<input type=\"checkbox\" onclick=\"alert(1)\">",
      "<span class=\"x\" id=\"a\" style=\"position:fixed\">x</span>",
      "<plaintext><script>alert(1)</script>",
      "<a href=\"\x01javascript:alert(1)\">x</a>",
  };
  for (const char* p : payloads) {
    check_safe(p, render_markdown(p));
    check_safe(p, render_markdown_inline(p));
    check_safe(p, sanitise_html(p), true);  // Markdown syntax is only text to it
    check_safe(p, render_markdown(p, MarkdownOptions{false}), true);
  }
  // Some exact results.
  CHECK(render_markdown("[x](javascript:alert(1))") == "<p><a>x</a></p>\n");
  CHECK(render_markdown("<img src=x onerror=alert(1)>") == "<img src=\"x\">\n");
  CHECK(render_markdown("<b>bold") == "<p><b>bold</b></p>\n");
  CHECK(render_markdown("<details open ontoggle=alert(1)>") == "<details open=\"\">\n</details>");
  CHECK(render_markdown("<!--<script>alert(1)</script>-->") == "\n");
  // cmark's tag filter turns script and friends into visible text; the sanitiser alone drops
  // them with everything inside.
  CHECK(render_markdown("<script>alert(1)</script>") ==
        "&lt;script&gt;alert(1)&lt;/script&gt;\n");
  CHECK(sanitise_html("<script>alert(1)</script>after") == "after");
  CHECK(sanitise_html("<scr<script>ipt>alert(1)</script>") == "&lt;scr");
  CHECK(sanitise_html("<form action=x><button>x</button></form>after") == "after");
  CHECK(sanitise_html("<svg onload=alert(1)><b>x</b></svg><b>y</b>") == "<b>y</b>");
  CHECK(sanitise_html("<svg/><b>y</b>") == "<b>y</b>");
  CHECK(sanitise_html("<math><mi>x</mi></math>y") == "y");
  CHECK(sanitise_html("<input autofocus onfocus=alert(1)>") == "");
  CHECK(sanitise_html("<base href=\"https://evil.example/\"><meta http-equiv=refresh>x") == "x");
}

TEST_CASE("sanitise_html: elements, attributes and URLs") {
  // Unknown elements: tags dropped, text kept; comments dropped.
  CHECK(sanitise_html("<font color=red>red</font> <blink>b</blink>") == "red b");
  CHECK(sanitise_html("a<!-- hidden -->b<!---->c") == "abc");
  CHECK(sanitise_html("a<!-- never closed") == "a");
  CHECK(sanitise_html("<!DOCTYPE html>x") == "x");
  // Malformed markup is text.
  CHECK(sanitise_html("a < b > c") == "a &lt; b &gt; c");
  CHECK(sanitise_html("<a href=\"x>y") == "&lt;a href=\"x&gt;y");
  CHECK(sanitise_html("x<3 <-") == "x&lt;3 &lt;-");
  CHECK(sanitise_html("<a b=\"1\"c>x") == "&lt;a b=\"1\"c&gt;x");
  // Well-formed output: stray end tags dropped, open ones closed, implied ends made explicit.
  CHECK(sanitise_html("</div>x</b>") == "x");
  CHECK(sanitise_html("<b><i>x</b>y</i>") == "<b><i>x</i></b>y");
  CHECK(sanitise_html("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>");
  CHECK(sanitise_html("<p>a<p>b<div>c</div>") == "<p>a</p><p>b</p><div>c</div>");
  CHECK(sanitise_html("<table><tr><td>1<td>2<tr><td>3</table>") ==
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>");
  // Attributes: allowlisted, values decoded, checked and re-escaped in double quotes.
  CHECK(sanitise_html("<p class=\"x y\" id=\"a1\" title='t&quot;<>' lang=en dir=RTL "
                      "style=\"x\" onclick=\"y\" data-x=1>z</p>") ==
        "<p class=\"x y\" id=\"a1\" title=\"t&quot;&lt;&gt;\" lang=\"en\" dir=\"rtl\">z</p>");
  CHECK(sanitise_html("<span class=\"a.b\" id=\"a b\">s</span>") == "<span>s</span>");
  CHECK(sanitise_html("<code class=\"language-c++\">c</code>") ==
        "<code class=\"language-c++\">c</code>");
  CHECK(sanitise_html("<img src=\"x.png\" width=\"100\" height=\"50%\" alt=\"a&amp;b\" "
                      "srcset=\"y\" width=\"9\">") ==
        "<img src=\"x.png\" width=\"100\" height=\"50%\" alt=\"a&amp;b\">");
  CHECK(sanitise_html("<ol start=\"-2\" type=\"a\"><li>x</li></ol>") ==
        "<ol start=\"-2\"><li>x</li></ol>");
  CHECK(sanitise_html("<details open><summary>s</summary></details>") ==
        "<details open=\"\"><summary>s</summary></details>");
  // Checkboxes only, always disabled.
  CHECK(sanitise_html("<input type=\"checkbox\" checked name=\"x\">") ==
        "<input type=\"checkbox\" checked=\"\" disabled=\"\">");
  CHECK(sanitise_html("<input type=\" CheckBox \">") ==
        "<input type=\"checkbox\" disabled=\"\">");
  CHECK(sanitise_html("<input type=text value=x><input>") == "");
  // URLs.
  CHECK(sanitise_html("<a href=\"HTTPS://x.test\">a</a>") ==
        "<a href=\"HTTPS://x.test\" rel=\"noopener noreferrer nofollow\">a</a>");
  CHECK(sanitise_html("<a href=\"//evil.test\">b</a>") ==
        "<a href=\"//evil.test\" rel=\"noopener noreferrer nofollow\">b</a>");
  CHECK(sanitise_html("<a href=\"mailto:a@b.test\">c</a>") ==
        "<a href=\"mailto:a@b.test\">c</a>");
  CHECK(sanitise_html("<a href=\"?q=1&amp;r=2\">e</a>") == "<a href=\"?q=1&amp;r=2\">e</a>");
  CHECK(sanitise_html("<a href=\"/x:y\">g</a>") == "<a href=\"/x:y\">g</a>");
  CHECK(sanitise_html("<a href=\"  #frag  \">h</a>") == "<a href=\"#frag\">h</a>");
  CHECK(sanitise_html("<a href=\"tel:123\">d</a>") == "<a>d</a>");
  CHECK(sanitise_html("<a href=\"a:b\">f</a>") == "<a>f</a>");
  CHECK(sanitise_html("<a href=\"x\" href=\"javascript:y\">dup</a>") == "<a href=\"x\">dup</a>");
  CHECK(sanitise_html("<a href=\"javascript:y\" href=\"x\">dup</a>") == "<a>dup</a>");
  CHECK(sanitise_html("<a href=\"https://x.test\" rel=\"opener\" target=\"_blank\">t</a>") ==
        "<a href=\"https://x.test\" rel=\"noopener noreferrer nofollow\">t</a>");
  CHECK(sanitise_html("<img src=\"data:image/png;base64,AAAA\" alt=\"d\">") ==
        "<img alt=\"d\">");
  // Text: references kept well-formed, bad bytes replaced.
  CHECK(sanitise_html("a & b &amp; &copy &copy; &unknown; &#60; &#x3c;b&#62; &#0;") ==
        "a &amp; b &amp; © &copy; &unknown; &lt; &lt;b&gt; \xEF\xBF\xBD");
  CHECK(sanitise_html(std::string("caf\xE9 \0 ok", 9)) ==
        "caf\xEF\xBF\xBD \xEF\xBF\xBD ok");
  CHECK(sanitise_html("\"quotes\" 'stay'") == "\"quotes\" 'stay'");
}

TEST_CASE("sanitise_html: pathological input stays linear and bounded") {
  std::string unterminated;
  for (int i = 0; i < 20000; ++i) unterminated += "<a x=\"";
  std::string out = sanitise_html(unterminated);
  CHECK(out.find('<') == std::string::npos);

  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<b><i>";
  for (int i = 0; i < 20000; ++i) deep += "</u>";
  out = sanitise_html(deep);
  CHECK(well_formed_problem(out) == "");
  CHECK(out.size() < 20000);  // nesting is capped

  std::string tags;
  for (int i = 0; i < 20000; ++i) tags += "<<a <!x <? </ &#";
  out = render_markdown(tags);
  CHECK(well_formed_problem(out) == "");
}

// CPU seconds this thread has used: a loaded machine (CI runs four test programs on two cores)
// stretches the wall time, not this.
static double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

TEST_CASE("markdown: unclosed processing instructions and CDATA stay linear, rendered as text") {
  // cmark-gfm scans the rest of the text for a closer at each such opener: quadratic. Unbounded,
  // the 200,000 openers below take 40 to 80 s of CPU in the plain build (more under ASan);
  // bounded, a second or two.
  for (const std::string opener : {"<?", "<![CDATA["}) {
    CAPTURE(opener);
    std::string few, many, expected_few, expected_many;
    for (int i = 0; i < 3; ++i) few += "a " + opener + " ";
    for (int i = 0; i < 200000; ++i) many += "a " + opener + " ";
    std::string shown = "a &lt;" + opener.substr(1) + " ";
    for (int i = 0; i < 3; ++i) expected_few += shown;
    for (int i = 0; i < 200000; ++i) expected_many += shown;
    // Below the bound the text goes to cmark as it is; above it, escaped: the same page.
    CHECK(render_markdown(few) == "<p>" + expected_few.substr(0, expected_few.size() - 1) + "</p>\n");
    double start = thread_cpu_seconds();
    std::string out = render_markdown(many);
    double seconds = thread_cpu_seconds() - start;
    CHECK(out == "<p>" + expected_many.substr(0, expected_many.size() - 1) + "</p>\n");
    CHECK(seconds < 20.0);
  }
  // Openers the text escapes itself stay escaped (no backslash shown), and stay linear.
  std::string own;
  for (int i = 0; i < 100000; ++i) own += "a \\<? b \\\\<? ";
  double start = thread_cpu_seconds();
  std::string out = render_markdown(own);
  CHECK(thread_cpu_seconds() - start < 20.0);
  CHECK(out.rfind("<p>a &lt;? b \\&lt;? a &lt;? b", 0) == 0);
  // An opener that a later closer ends is raw HTML as before (the sanitiser drops it).
  std::string closed;
  for (int i = 0; i < 100; ++i) closed += "a <? ";
  closed += "?> b";
  CHECK(render_markdown(closed).find("&lt;?") == std::string::npos);
}

TEST_CASE("html_escape escapes the five characters") {
  CHECK(text::html_escape("") == "");
  CHECK(text::html_escape("plain é") == "plain é");
  CHECK(text::html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("html_escape_text escapes & < > only: quotes are plain characters in element content") {
  CHECK(text::html_escape_text("") == "");
  CHECK(text::html_escape_text("{\"k\": 'v'} é") == "{\"k\": 'v'} é");
  CHECK(text::html_escape_text("</code></pre><script>a && b</script>") ==
        "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;a &amp;&amp; b&lt;/script&gt;");
  CHECK(text::html_escape_text("&amp;") == "&amp;amp;");  // text, never taken for an entity
  CHECK(text::html_escape_text("<") == "&lt;");
  CHECK(text::html_escape_text("x>") == "x&gt;");
}

TEST_CASE("markdown: allow_raw_html = false shows raw HTML as text") {
  MarkdownOptions no_html;
  no_html.allow_raw_html = false;
  CHECK(render_markdown("<b>x</b> and", no_html) == "<p>&lt;b&gt;x&lt;/b&gt; and</p>\n");
  CHECK(render_markdown("<div>\nblock\n</div>", no_html) ==
        "<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>\n");
  CHECK(render_markdown("[j](javascript:x) **b**", no_html) ==
        "<p><a>j</a> <strong>b</strong></p>\n");
}

TEST_CASE("markdown: render_markdown_inline gives one line of inline HTML") {
  CHECK(render_markdown_inline("") == "");
  CHECK(render_markdown_inline("Returns the *user*.") == "Returns the <em>user</em>.");
  CHECK(render_markdown_inline("Returns the *user*  with `id`.\n\nSecond   paragraph.\n\n- a\n- b") ==
        "Returns the <em>user</em> with <code>id</code>. Second paragraph. a b");
  CHECK(render_markdown_inline("# Heading") == "Heading");
  CHECK(render_markdown_inline("| a | b |\n|---|---|\n| 1 | 2 |") == "a b 1 2");
  CHECK(render_markdown_inline("```\ncode  block\n```") == "<code>code block</code>");
  CHECK(render_markdown_inline("line  \nbreak") == "line break");
  CHECK(render_markdown_inline("<div>x</div><b>y") == "x <b>y</b>");
  CHECK(render_markdown_inline("[a](https://x.test) ~~b~~") ==
        "<a href=\"https://x.test\" rel=\"noopener noreferrer nofollow\">a</a> <del>b</del>");
  CHECK(render_markdown_inline("  *a* ") == "<em>a</em>");
}

TEST_CASE("markdown: markdown_to_plain_text") {
  CHECK(markdown_to_plain_text("") == "");
  CHECK(markdown_to_plain_text("# Title\n\nSome **bold** and `code`.") ==
        "Title Some bold and code.");
  CHECK(markdown_to_plain_text("Tom &amp; Jerry &lt;3 &copy; caf&eacute;") ==
        "Tom & Jerry <3 © café");
  CHECK(markdown_to_plain_text("a   b\n\n\n  c\td") == "a b c d");
  CHECK(markdown_to_plain_text("- one\n- two\n\n| h |\n|---|\n| c |") == "one two h c");
  CHECK(markdown_to_plain_text("x<span>y</span><br>z <!-- c --> [l](https://x.test)") ==
        "xy z l");
  CHECK(markdown_to_plain_text("a <b title=\"t\">&#x41;</b>") == "a A");
  // Truncation at a word boundary, the ellipsis counted in max_chars (code points).
  CHECK(markdown_to_plain_text("The quick brown fox jumps over the lazy dog", 20) ==
        "The quick brown fox…");
  CHECK(markdown_to_plain_text("The quick brown fox jumps over the lazy dog", 18) ==
        "The quick brown…");
  CHECK(markdown_to_plain_text("Supercalifragilisticexpialidocious", 10) == "Supercali…");
  CHECK(markdown_to_plain_text("short", 5) == "short");
  CHECK(markdown_to_plain_text("ab cd", 4) == "ab…");
  CHECK(markdown_to_plain_text("ééé ééé", 6) == "ééé…");
  CHECK(markdown_to_plain_text("anything", 0) == "");
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += "word ";
  std::string cut = markdown_to_plain_text(long_text);
  CHECK(cut.size() <= 300 + 2);  // 299 ASCII + "…" (3 bytes)
  CHECK(cut.substr(cut.size() - 7) == "word\xE2\x80\xA6");
}

TEST_CASE("markdown: concurrent rendering gives the same output as sequential") {
  // cmark-gfm changes process-wide tables while parsing (strikethrough's '~', ...); without
  // the lock, parallel parses switch each other's extensions off now and then.
  std::vector<std::string> inputs;
  for (int i = 0; i < 40; ++i) {
    inputs.push_back("~~struck " + std::to_string(i) + "~~ and https://x.test/" +
                     std::to_string(i) + "\n\n| a | b |\n|---|:-:|\n| ~~c~~ | " +
                     std::to_string(i) + " |\n\n- [x] done <kbd>k</kbd>\n");
  }
  std::vector<std::string> expected;
  for (const std::string& in : inputs) expected.push_back(render_markdown(in));
  CHECK(expected[0].find("<del>struck 0</del>") != std::string::npos);
  CHECK(expected[0].find("<td><del>c</del></td>") != std::string::npos);

  const int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (const std::string& in : inputs) got[t].push_back(render_markdown(in));
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(got[t].size() == inputs.size() * 5);
    for (size_t k = 0; k < got[t].size(); ++k) CHECK(got[t][k] == expected[k % inputs.size()]);
  }
}
