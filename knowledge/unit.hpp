#pragma once
// The structured form of an article: what the parser yields and the index stores.
#include <string>
#include <vector>

namespace tanya {

enum class UnitKind { paragraph, faq, table_row, lead };

const char* to_string(UnitKind kind);
bool unit_kind_from_string(const std::string& s, UnitKind* out);

struct Unit {
  UnitKind kind = UnitKind::paragraph;
  int section = 0;        // index into Article::sections
  int order = 0;          // position in the article, from 0
  std::string question;   // FAQ question, or a table row's key; empty otherwise
  std::string text;       // the passage as shown to users (a table row: "Key: value")
  std::vector<std::string> alternates;  // other wordings of the question (imports, alternates.tsv)
};

struct Article {
  std::string name;                   // file name without extension; unique in a knowledge dir
  std::string title;
  std::vector<std::string> sections;  // section titles, in order
  // By section index: the titles of the headings the section stands under
  // (a "###" under its "##", "1.1" under "1."), outermost first, joined by a
  // space; "" or past the end: none. Its passages are about them too.
  std::vector<std::string> section_parents;
  std::vector<Unit> units;

  const std::string& parents_of(int section) const {
    static const std::string kNone;
    return section >= 0 && static_cast<size_t>(section) < section_parents.size() ? section_parents[section] : kNone;
  }
  void set_parents(int section, std::string titles) {
    if (section_parents.size() <= static_cast<size_t>(section)) section_parents.resize(section + 1);
    section_parents[section] = std::move(titles);
  }

  // Appends a unit in article order (its order is its position).
  Unit& add(UnitKind kind, int section, std::string question, std::string text) {
    Unit u;
    u.kind = kind;
    u.section = section;
    u.order = static_cast<int>(units.size());
    u.question = std::move(question);
    u.text = std::move(text);
    units.push_back(std::move(u));
    return units.back();
  }
};

}  // namespace tanya
