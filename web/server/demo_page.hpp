#pragma once
// The demo page at "/": web/static/index.html with {{title}} and {{lead}}
// filled in from the knowledge being served (its first article), so an owner
// who serves their own article sees its title, not the bundled one's. Pure;
// thread-safe.
#include <string>
#include <string_view>

#include "index/index_store.hpp"

namespace tanya {

// `page` with every {{title}}, {{lead}} and {{article}} replaced,
// HTML-escaped: the title of the index's first article, its lead (else its
// first paragraph's first sentence) and its name (the page's article, which
// the widget's questions prefer).
std::string render_demo_page(std::string_view page, const IndexData& index);

}  // namespace tanya
