#pragma once
// The one idf of the answer engine: a word held by `holding` of `passages`
// passages weighs log(1 + (N - n + 0.5) / (n + 0.5)) (BM25's, kept positive).
// The query's word weights, the ranker's per-article weights and the
// confidence's rarity share all use it, so they agree. Pure.
#include <cmath>

namespace tanya {

inline double idf(double passages, double holding) {
  return std::log(1.0 + (passages - holding + 0.5) / (holding + 0.5));
}

}  // namespace tanya
