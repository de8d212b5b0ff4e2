#include "web/server/demo_page.hpp"

#include "bot/compose.hpp"
#include "knowledge/base/strings.hpp"

namespace tanya {

namespace {

void replace_all(std::string* s, std::string_view from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size()))
    s->replace(at, from.size(), to);
}

}  // namespace

std::string render_demo_page(std::string_view page, const IndexData& index) {
  std::string title, lead, article;
  if (!index.units.empty()) {
    article = index.units.front().article;
    title = index.units.front().article_title;
    for (const auto& u : index.units) {
      if (u.article != article) break;
      if (u.kind == UnitKind::lead) {
        lead = u.text;
        break;
      }
      if (lead.empty() && u.kind == UnitKind::paragraph) {
        auto first = split_sentences(u.text);
        lead = first.empty() ? u.text : u.text.substr(first[0].begin, first[0].end - first[0].begin);
      }
    }
    if (title.empty()) title = article;
  }
  std::string out(page);
  replace_all(&out, "{{title}}", html_escape(title));
  replace_all(&out, "{{lead}}", html_escape(lead));
  replace_all(&out, "{{article}}", html_escape(article));
  return out;
}

}  // namespace tanya
