#include "bot/query.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace tanya {

int edit_distance(std::string_view a, std::string_view b, int max) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max) return max + 1;
  // Three rows suffice for the transposition step.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

namespace {

// "siiih" → "sih" (and "siih" as the second guess): chat stretches letters.
std::string collapse_repeats(const std::string& w, size_t keep) {
  std::string out;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    size_t run = j - i;
    out.append(run >= 3 ? keep : run, w[i]);
    i = j;
  }
  return out;
}

bool has_long_run(const std::string& w) {
  for (size_t i = 0; i + 2 < w.size(); ++i)
    if (w[i] == w[i + 1] && w[i] == w[i + 2]) return true;
  return false;
}

const char* kIntentPriority[] = {"identity", "help", "thanks", "goodbye", "greeting"};

}  // namespace

QueryParser::QueryParser(const Analyzer& analyzer, const IndexData& index)
    : analyzer_(analyzer), index_(index), lex_(analyzer.lexicon()) {
  for (const auto& [word, info] : index_.words) {
    if (word.size() >= by_length_.size()) by_length_.resize(word.size() + 1);
    by_length_[word.size()].push_back({&word, info.freq});
  }
  for (const auto& group : lex_.synonym_groups)
    for (const auto& g : group) synonyms_by_stem_[analyzer_.stem(g)].push_back(&group);
}

double QueryParser::idf(const std::string& stem) const {
  double n = static_cast<double>(index_.units.size());
  auto it = index_.stem_df.find(stem);
  double df = it == index_.stem_df.end() ? 0 : it->second;
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

std::vector<std::string> QueryParser::normalise(std::string_view text) const {
  std::vector<std::string> out;
  for (auto& token : analyzer_.tokenize(text)) {
    std::string w = token.surface;
    if (has_long_run(w)) {
      std::string one = collapse_repeats(w, 1), two = collapse_repeats(w, 2);
      auto known = [&](const std::string& s) {
        return index_.words.count(s) || lex_.slang.count(s) || analyzer_.known_word(s);
      };
      w = (!known(one) && known(two)) ? two : one;
    }
    auto slang = lex_.slang.find(w);
    if (slang != lex_.slang.end()) {
      for (const auto& r : slang->second) {
        auto compound = lex_.compounds.find(r);
        if (compound != lex_.compounds.end())
          out.insert(out.end(), compound->second.begin(), compound->second.end());
        else
          out.push_back(r);
      }
      continue;
    }
    out.push_back(std::move(w));
  }
  return out;
}

std::string QueryParser::correct(const std::string& word) const {
  if (word.size() < 5 || word.size() > 40) return "";
  {
    std::lock_guard<std::mutex> lock(corrections_mu_);
    auto it = corrections_.find(word);
    if (it != corrections_.end()) return it->second;
  }
  int max = word.size() >= 8 ? 2 : 1;
  std::string best;
  int best_d = max + 1, best_freq = 0;
  for (size_t len = word.size() - max; len <= word.size() + max && len < by_length_.size(); ++len) {
    for (const auto& [candidate, freq] : by_length_[len]) {
      int d = edit_distance(word, *candidate, max);
      if (d < best_d || (d == best_d && d <= max && freq > best_freq)) {
        best = *candidate;
        best_d = d;
        best_freq = freq;
      }
    }
  }
  // hunspell's suggest() would find more, but takes tens of milliseconds on
  // a long unknown word: too slow for the request path.
  std::string result = best_d <= max ? best : "";
  std::lock_guard<std::mutex> lock(corrections_mu_);
  if (corrections_.size() > 50000) corrections_.clear();  // bounded under hostile input
  corrections_.emplace(word, result);
  return result;
}

Query QueryParser::parse(std::string_view text) const {
  Query q;
  std::vector<std::string> words = normalise(text);

  auto english_word = [&](const std::string& w) {
    return lex_.english_stopwords.count(w) || lex_.glossary_en.count(w) ||
           (lex_.question_words.count(w) && !lex_.stopwords.count(w));
  };
  size_t english = std::count_if(words.begin(), words.end(), english_word);
  if (english >= 2 && english * 2 >= words.size()) {
    q.lang = "en";
    // Each English word becomes its Indonesian words. Two content words in a
    // row swap: English puts the modifier first, Indonesian after the head
    // ("bilateral cooperation" → "kerja sama bilateral", "cultural diplomacy"
    // → "diplomasi budaya"), and word pairs are ranked as phrases.
    std::vector<std::vector<std::string>> pieces;
    std::vector<bool> content;
    for (const auto& w : words) {
      auto g = lex_.glossary_en.find(w);
      if (lex_.question_words.count(w) || lex_.query_cues.count(w)) {
        pieces.push_back({w});
        content.push_back(false);
      } else if (g != lex_.glossary_en.end()) {
        pieces.push_back(g->second);
        content.push_back(true);
      } else if (!lex_.english_stopwords.count(w)) {
        pieces.push_back({w});
        content.push_back(true);
      } else {
        pieces.push_back({});  // a stop word ends a run
        content.push_back(false);
      }
    }
    for (size_t i = 0; i + 1 < pieces.size(); ++i) {
      bool pair = content[i] && content[i + 1] && (i == 0 || !content[i - 1]) &&
                  (i + 2 >= pieces.size() || !content[i + 2]);
      if (pair) std::swap(pieces[i], pieces[i + 1]);
    }
    std::vector<std::string> translated;
    for (const auto& p : pieces) translated.insert(translated.end(), p.begin(), p.end());
    words = std::move(translated);
  }
  q.words = words;

  // The question's type: a specific cue ("contoh", "beda") wins over the
  // question word ("apa"); "apa itu" asks for a definition.
  // "apa itu X", "X itu apa (sih)": asking what X is, wherever the frame stands.
  bool what_is = false;
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if ((words[i] == "apa" && words[i + 1] == "itu" && i == 0) ||
        (words[i] == "itu" && words[i + 1] == "apa" && i > 0 && i + 2 >= words.size()))
      what_is = true;
  if (what_is) q.question_type = "definition";
  else {
    std::string from_word;
    for (const auto& w : words) {
      auto cue = lex_.query_cues.find(w);
      if (cue != lex_.query_cues.end()) {
        q.question_type = cue->second;
        from_word.clear();
        break;
      }
      auto qw = lex_.question_words.find(w);
      if (qw != lex_.question_words.end() && from_word.empty()) from_word = qw->second;
    }
    if (!from_word.empty()) q.question_type = from_word;
  }

  // Small talk: every word that is not a filler belongs to a small-talk phrase.
  std::vector<std::string> rest;
  for (const auto& w : words)
    if (!lex_.fillers.count(w)) rest.push_back(w);
  if (rest.empty()) rest = words;
  std::vector<std::string> intents;
  for (size_t i = 0; i < rest.size() && !rest.empty();) {
    size_t best_len = 0;
    std::string intent;
    for (const auto& p : lex_.smalltalk) {
      if (p.words.size() <= best_len || i + p.words.size() > rest.size()) continue;
      if (std::equal(p.words.begin(), p.words.end(), rest.begin() + i)) {
        best_len = p.words.size();
        intent = p.intent;
      }
    }
    if (best_len == 0) {
      // Between courtesies only function words may stand ("thanks a lot, see
      // you", "makasih ya atas bantuannya"): any other word is a question.
      // This reads the language, never the article's words.
      const std::string& w = rest[i];
      if (analyzer_.is_stopword(w) || lex_.english_stopwords.count(w)) {
        ++i;
        continue;
      }
      intents.clear();
      break;
    }
    intents.push_back(intent);
    i += best_len;
  }
  for (const char* intent : kIntentPriority) {
    if (std::find(intents.begin(), intents.end(), intent) != intents.end()) {
      q.smalltalk = intent;
      break;
    }
  }

  std::unordered_set<std::string> smalltalk_words;
  for (const auto& p : lex_.smalltalk) smalltalk_words.insert(p.words.begin(), p.words.end());

  std::unordered_set<std::string> seen;
  for (const auto& raw : words) {
    if (lex_.followup_cues.count(raw)) q.followup_cue = true;
    if (lex_.followup_weak_cues.count(raw)) q.weak_followup_cue = true;
    if (analyzer_.is_stopword(raw) || lex_.fillers.count(raw) || lex_.question_words.count(raw)) continue;
    if (q.lang == "en" && lex_.english_stopwords.count(raw)) continue;
    std::string w = raw;
    auto known = index_.words.find(w);
    if (known == index_.words.end()) {
      if (smalltalk_words.count(w)) continue;  // "makasih, apa …": courtesy, not topic
      std::string stem = analyzer_.stem(w);
      if (!index_.stem_df.count(stem) && !analyzer_.known_word(w)) {
        std::string fixed = correct(w);
        if (!fixed.empty()) {
          q.corrections.push_back({w, fixed});
          w = fixed;
        }
      }
    }
    auto info = index_.words.find(w);
    std::string stem = info != index_.words.end() ? info->second.stem : analyzer_.stem(w);
    if (stem.empty() || !seen.insert(stem).second) continue;
    QueryTerm t;
    t.surface = w;
    t.stem = stem;
    // Words that say what kind of answer is wanted ("contoh", "dimaksud") are
    // no topic of their own.
    t.generic = lex_.generic_words.count(w) || lex_.generic_words.count(stem) || lex_.query_cues.count(raw);
    // A word naming the kind of answer ("pengertian", "contoh") is less
    // still: a passage is not the answer for using it ("saling pengertian").
    const double kind = lex_.query_cues.count(raw) ? default_policy().kind_word_weight
                        : t.generic                  ? default_policy().frame_word_weight
                                                     : 1.0;
    t.weight = idf(stem) * kind;
    auto groups = synonyms_by_stem_.find(stem);
    if (groups != synonyms_by_stem_.end())
      for (const auto* group : groups->second)
        for (const auto& g : *group)
          if (g != w && analyzer_.stem(g) != stem &&
              std::find(t.synonyms.begin(), t.synonyms.end(), g) == t.synonyms.end())
            t.synonyms.push_back(g);
    // A word the knowledge lacks can only be found as a synonym ("perlu" as
    // "kebutuhan"), so it is worth what that synonym is worth, not the
    // rarity of a word no passage has.
    if (!index_.stem_df.count(stem)) {
      const std::string* most_common = nullptr;
      long df = 0;
      for (const auto& s : t.synonyms) {
        auto it = index_.stem_df.find(analyzer_.stem(s));
        if (it != index_.stem_df.end() && it->second > df) {
          df = it->second;
          most_common = &it->first;
        }
      }
      if (most_common) t.weight = idf(*most_common) * kind;
    }
    q.terms.push_back(std::move(t));
  }
  return q;
}

}  // namespace tanya
