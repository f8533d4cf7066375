"""top-p has no special case for p = 1, so tokens whose probabilities round away after the sum hits 1.0 are dropped."""

EXPECT = "test_top_p_of_one_keeps_every_token"
PATCH = [("    if p == 1:\n        return filtered  # a cumulative sum may reach 1.0 before the last tiny probability: never rely on it\n",
          "")]
