#pragma once
// The demo page at "/": web/static/index.html with {{title}} and {{lead}}
// filled in from the knowledge being served (its first article), so an owner
// who serves their own article sees its title, not the bundled one's. Pure;
// thread-safe.
#include <string>
#include <string_view>

#include "index/index_store.hpp"

namespace tanya {

// `page` with every {{title}} and {{lead}} replaced, HTML-escaped: the title
// of the index's first article and its lead (else its first paragraph's first
// sentence).
std::string render_demo_page(std::string_view page, const IndexData& index);

}  // namespace tanya
